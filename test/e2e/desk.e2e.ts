// The Child Protection Unit's desk tab in Chromium, framed by a loopback Teams host that speaks
// the teams-js host protocol and hands the tab a token signed by a loopback Entra key set; the
// bot's server validates it with the production code. The Unit sees every conference, a chair
// only theirs, a stranger a message; expired, foreign-tenant and wrong-audience tokens are
// refused; each page passes axe-core (WCAG 2.2 AA) and is photographed for the README.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { startApp } from '../../bot/app.js';
import { readConfig } from '../../bot/config.js';
import type { RunningServer } from '../../bot/server.js';
import { refreshConference } from '../../bot/desk/projection.js';
import { hasOpenDuty } from '../../src/rules/desk.js';
import { openStore, type OpenedStore } from '../../src/store/connect.js';
import { buildDeskPage } from '../../web/build.js';
import { CONFERENCES, PLANS } from '../support/desk-dataset.js';
import { LoopbackEntra, OTHER_TENANT, TENANT } from '../support/entra.js';
import { ARTIFACTS, launchChromium, type ChromiumSession } from './support/index.js';
import { TeamsHost } from './support/teams-host.js';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const UNIT = { oid: 'aad-unit-carol', name: 'Carol Unit', roles: ['ChildProtectionUnit'] };
const IRENE = { oid: 'aad-chair', name: 'Irene Chair' };
const OMAR = { oid: 'aad-chair-omar', name: 'Omar Otherchair' };
const STRANGER = { oid: 'aad-stranger', name: 'Sophie Stranger' };

type Answer = 'attending' | 'apologies' | 'written-report' | 'deputy' | undefined;

/**
 * A conference still to come on 10 June 2026, stored as scheduling stores it, with invitees and
 * their answers, and put on the desk by the projection the bot runs after each change.
 */
async function realConference(store: OpenedStore, tenantId: string, o: { id: string; caseRef: string; chair: { oid: string; name: string }; kind?: 'initial' | 'first-review'; at: string; trigger: string; dueBy: string; answers: [string, Answer][] }) {
  await store.conferences.create({
    id: o.id,
    caseRef: o.caseRef,
    childInitials: 'UP',
    childFullName: 'Una Example-Person',
    kind: o.kind ?? 'initial',
    policy: 'bolton',
    scheduledAt: o.at,
    triggerDate: o.trigger,
    dueBy: o.dueBy,
    chair: { userId: o.chair.oid, name: o.chair.name },
    status: 'scheduled',
    lookedAfter: false,
    createdAt: '2026-06-01T09:00:00.000Z',
  });
  for (const [i, [agency, answer]] of o.answers.entries()) {
    const userId = `aad-${o.id}-${i}`;
    await store.invitees.invite({ conferenceId: o.id, userId, name: `Person ${i + 1}`, agency, role: 'professional', directContact: true, invitedAt: '2026-06-01T09:05:00.000Z' });
    if (answer) await store.invitees.rsvp(o.id, userId, { response: answer, at: '2026-06-02T09:00:00.000Z', ...(answer === 'deputy' ? { deputyName: 'A Deputy' } : {}) });
  }
  await refreshConference(store, o.id, tenantId);
}

describe('The desk tab in Chromium (Teams SSO through a loopback host)', function () {
  this.timeout(180_000);
  const entra = new LoopbackEntra();
  const host = new TeamsHost();
  let store: OpenedStore;
  let server: RunningServer;
  let chromium: ChromiumSession;
  const log: string[] = [];

  before(async () => {
    await buildDeskPage();
    await entra.start();
    await host.start();
    store = await openStore({ inMemory: true, connectTimeoutMs: 20_000 });
    const config = readConfig({ PORT: '0', ALLOWED_TENANTS: TENANT });
    server = await startApp({ config, store, now: () => new Date('2026-06-10T09:00:00Z'), log: (l) => log.push(l), host: '127.0.0.1', desk: entra.deskConfig({ hostOrigins: [host.origin] }) });
    host.tabUrl = `${server.url}/desk/`;
    for (const f of Object.values(CONFERENCES)) await store.desk.putConference({ ...f, stamp: 1 }, hasOpenDuty(f, f.date));
    await realConference(store, TENANT, { id: 'up-01', caseRef: 'UP/2026/01', chair: IRENE, at: '2026-06-16T09:00:00.000Z', trigger: '2026-06-01', dueBy: '2026-06-19', answers: [['childrens-social-care', 'attending'], ['police', 'apologies'], ['health-visiting', 'attending'], ['education', 'apologies'], ['gp', undefined], ['housing', undefined], ['probation', undefined]] });
    await realConference(store, TENANT, { id: 'up-02', caseRef: 'UP/2026/02', chair: OMAR, kind: 'first-review', at: '2026-06-24T13:30:00.000Z', trigger: '2026-03-26', dueBy: '2026-06-26', answers: [['childrens-social-care', 'attending'], ['police', 'attending'], ['health-visiting', 'deputy'], ['education', 'written-report'], ['gp', 'attending']] });
    await realConference(store, TENANT, { id: 'up-03', caseRef: 'UP/2026/03', chair: OMAR, at: '2026-06-12T09:00:00.000Z', trigger: '2026-05-20', dueBy: '2026-06-10', answers: [['childrens-social-care', 'attending'], ['police', 'attending'], ['education', 'attending'], ['gp', 'apologies']] });
    await realConference(store, OTHER_TENANT, { id: 'xt-01', caseRef: 'FOREIGN/1', chair: IRENE, at: '2026-06-17T09:00:00.000Z', trigger: '2026-06-01', dueBy: '2026-06-19', answers: [['police', 'attending']] });
    for (const p of Object.values(PLANS)) await store.desk.putPlan(p);
    chromium = await launchChromium({ scale: 1 });
  });

  after(async () => {
    await chromium?.close();
    await server?.close();
    await store?.close();
    await host.stop();
    await entra.stop();
  });

  async function openTab(token: string): Promise<{ page: Page; tab: Frame }> {
    const page = await chromium.newPage();
    await page.setViewportSize({ width: 1440, height: 1000 });
    await page.goto(host.url(token));
    const frame = await (await page.waitForSelector('iframe#tab')).contentFrame();
    if (!frame) throw new Error('the tab did not load in the host');
    return { page, tab: frame };
  }

  async function expectAccessible(tab: Frame, what: string): Promise<void> {
    await tab.evaluate(AXE);
    const result = await tab.evaluate(() => (window as unknown as { axe: { run(c: unknown, o: unknown): Promise<{ violations: { id: string; help: string; nodes: { target: unknown }[] }[] }> } }).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } }));
    const found = result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')})`);
    expect(found, `${what}: axe-core WCAG 2.2 AA violations`).to.deep.equal([]);
  }

  async function shoot(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
  }

  it('the Unit sees every conference of its tenant: overdue, awaiting, upcoming with forecast quoracy, held with duties', async () => {
    const { page, tab } = await openTab(await entra.token(UNIT));
    await tab.getByText('Child Protection Unit: every conference').waitFor();
    const attention = tab.getByRole('table', { name: 'Conferences that need attention' });
    await attention.waitFor();
    const text = await tab.locator('main').innerText();
    for (const ref of ['UP/2026/01', 'UP/2026/02', 'UP/2026/03', 'HW/2026/03']) expect(text).to.contain(ref);
    expect(text).to.not.contain('FOREIGN/1');
    // up-03 was due on 10 June and is booked for 12 June: on the attention list, said in words.
    expect(await attention.innerText()).to.contain('UP/2026/03').and.to.contain('booked after it');
    const upcomingTable = tab.getByRole('table', { name: 'Upcoming conferences' });
    expect(await upcomingTable.innerText()).to.contain('Not quorate').and.to.contain('4 of 7 answered');
    // The child's full name never reaches the desk's lists.
    expect(text).to.not.contain('Una Example-Person');
    await expectAccessible(tab, 'conferences (Unit)');
    await shoot(page, 'desk-conferences');

    await tab.getByRole('button', { name: 'Case UP/2026/02 history' }).click();
    await tab.getByRole('heading', { name: 'Conferences of case UP/2026/02' }).waitFor();
    await expectAccessible(tab, 'case history');
    await shoot(page, 'desk-case');

    await tab.getByRole('button', { name: 'Measures' }).click();
    await tab.getByRole('heading', { name: 'Timeliness by month' }).waitFor();
    await tab.getByText('Initial conferences within 15 working days of the section 47 enquiry starting').waitFor();
    // The hand-worked quarter (test/rules/desk-measures.test.ts), chosen as a person does.
    await tab.getByLabel('Period from').fill('2026-04-01');
    await tab.getByLabel('Period to').fill('2026-06-30');
    await tab.getByText('2 of 3, 1 left out').waitFor();
    const measures = await tab.locator('main').innerText();
    expect(measures).to.contain('66.7%').and.to.contain('3 of 4').and.to.contain('Jun 2026');
    await expectAccessible(tab, 'measures');
    await shoot(page, 'desk-measures');
    await page.close();
  });

  it('a chair sees only the conferences they chair, and no measures', async () => {
    const { page, tab } = await openTab(await entra.token(OMAR));
    await tab.getByText('Chair: your conferences').waitFor();
    await tab.getByRole('table', { name: 'Upcoming conferences' }).waitFor();
    const text = await tab.locator('main').innerText();
    expect(text).to.contain('UP/2026/02').and.to.contain('UP/2026/03');
    for (const ref of ['UP/2026/01', 'HW/2026/01', 'FOREIGN/1']) expect(text).to.not.contain(ref);
    expect(await tab.getByRole('button', { name: 'Measures' }).count()).to.equal(0);
    expect(await tab.getByLabel('Chair').count()).to.equal(0);
    await expectAccessible(tab, 'conferences (chair)');
    await shoot(page, 'desk-chair');
    await page.close();
  });

  it('a stranger sees nothing but a clear message', async () => {
    const { page, tab } = await openTab(await entra.token(STRANGER));
    const alert = tab.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).to.contain('Nothing to show you').and.to.contain('for the Child Protection Unit and conference chairs');
    expect(await tab.getByRole('table').count()).to.equal(0);
    await expectAccessible(tab, 'stranger');
    await shoot(page, 'desk-stranger');
    await page.close();
  });

  it('expired, foreign-tenant and wrong-audience tokens are refused and the tab says so', async () => {
    const bad: [string, string, RegExp][] = [
      ['expired', await entra.token({ ...UNIT, expiresIn: -600 }), /expired/],
      ['foreign tenant', await entra.token({ ...UNIT, tid: OTHER_TENANT }), /organisation this desk does not serve/],
      ['wrong audience', await entra.token({ ...UNIT, aud: 'api://another-app' }), /another app/],
    ];
    for (const [what, token, message] of bad) {
      const { page, tab } = await openTab(token);
      const alert = tab.getByRole('alert');
      await alert.waitFor();
      const said = await alert.innerText();
      expect(said, what).to.contain('Not signed in').and.to.match(message);
      expect(await tab.getByRole('table').count(), what).to.equal(0);
      if (what === 'expired') await shoot(page, 'desk-refused');
      await page.close();
    }
    // Refused tokens are answered, not failures of the desk.
    expect(log.filter((l) => /failed/.test(l)), log.join('\n')).to.deep.equal([]);
  });

  it('outside Teams the tab asks to be opened in Teams', async () => {
    const page = await chromium.newPage();
    await page.goto(`${server.url}/desk/`);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).to.contain('Open the desk from its tab in Microsoft Teams');
    await page.close();
  });
});

