// Access control through the running bot: people who are not invited cannot answer, check in or
// vote; only the chair opens and closes the vote and decides a split; a case you are not part of
// is answered exactly like a case that does not exist; a foreign tenant is turned away. Each
// refusal is checked twice: the person is told why (and nothing changes), and the audit trail
// has an entry for it. (Tokens: auth.test.ts.)
import { expect } from 'chai';
import { startApp } from '../../bot/app.js';
import { readConfig } from '../../bot/config.js';
import type { AuditEntry } from '../../src/store/audit.js';
import { expectNoFullNamesInGroups } from './support/confidentiality.js';
import { CAST, GROUP, Harness, type CastKey } from './support/harness.js';
import { seedConference, type SeededConference } from './support/seed.js';
import { TeamsClient, TENANT } from './support/teams.js';

const CASE = 'ACC/2026/0007';
const FULL_NAME = 'Morgan Accesstest';

describe('Access control: every refusal is told and audited', function () {
  this.timeout(60_000);
  const h = new Harness();
  let c: SeededConference;
  let id: string;
  const seen = new Set<string>();

  /** Every audit entry so far (the conference's trail and the general trail of both months). */
  async function trail(): Promise<AuditEntry[]> {
    const [own, nov, dec] = await Promise.all([h.store.audit.forConference(id), h.store.audit.general('2026-11'), h.store.audit.general('2026-12')]);
    return [...own, ...nov, ...dec];
  }

  /** The one new audit entry by `key` that matches; fails if there is none. */
  async function audited(key: CastKey, match: (e: AuditEntry) => boolean, what: string): Promise<AuditEntry> {
    const fresh = (await trail()).filter((e) => !seen.has(`${e.id}|${e.at}`) && e.userId === CAST[key].aadObjectId && match(e));
    expect(fresh, `an audit entry for: ${what}`).to.have.length.at.least(1);
    for (const e of fresh) seen.add(`${e.id}|${e.at}`);
    return fresh[0]!;
  }

  /** A card action that must be refused with a reason, audited as a refusal of that verb on this conference. */
  async function refusedAction(key: CastKey, verb: string, data: Record<string, unknown>, why: RegExp): Promise<void> {
    const message = await h.refused(key, GROUP, verb, { conferenceId: id, ...data });
    expect(message, `${key} ${verb}`).to.match(why);
    const entry = await audited(key, (e) => e.action.endsWith('-refused') && (e.details.verb === verb || e.conferenceId === id), `${key} ${verb}`);
    expect(JSON.stringify(entry.details)).to.contain(id);
  }

  /** The text of the newest card sent to a personal chat, with the case reference blanked. */
  function lastPersonalCardText(key: CastKey, caseRef: string): string {
    const { card } = h.cards(h.personal(key).id).at(-1)!;
    return JSON.stringify(card).split(caseRef).join('<CASE>');
  }

  before(async () => {
    await h.start();
    h.now = new Date('2026-11-23T09:00:00Z');
    c = await seedConference(h.store, {
      id: 'ACC-2026-0007.2026-12-07.initial',
      caseRef: CASE,
      fullName: FULL_NAME,
      policy: 'barnsley',
      chair: CAST.chair,
      group: GROUP,
      invitees: [
        { member: CAST.social, agency: 'childrens-social-care' },
        { member: CAST.police, agency: 'police' },
        { member: CAST.health, agency: 'health-visiting' },
        { member: CAST.school, agency: 'education' },
        { member: CAST.mother, agency: 'family', role: 'family' },
      ],
    });
    id = c.conference.id;
    for (const e of await trail()) seen.add(`${e.id}|${e.at}`);
  });
  after(() => h.stop());

  it('a non-invitee cannot answer the invitation', async () => {
    await refusedAction('stranger', 'rsvp', { answer: 'attending' }, /only people invited/i);
    expect((await h.store.invitees.list(id)).map((i) => i.userId)).to.not.include(CAST.stranger.aadObjectId);
    // The invited answer as usual.
    await h.click('police', h.personal('police'), 'rsvp', { conferenceId: id, answer: 'attending' });
  });

  it('only the chair starts the conference; anyone else is told there is nothing to start, audited', async () => {
    h.now = new Date('2026-12-07T10:00:00Z');
    await h.teams.say(CAST.police, GROUP, `start ${CASE}`);
    expect(JSON.stringify(h.cards(GROUP.id).at(-1)!.card)).to.contain('no scheduled conference to chair');
    await audited('police', (e) => e.action === 'start-refused' && e.details.caseRef === CASE, 'police start');
    expect((await h.store.conferences.get(id))?.status).to.equal('scheduled');
    await h.teams.say(CAST.chair, GROUP, `start ${CASE}`);
    expect((await h.store.conferences.get(id))?.status).to.equal('in-progress');
  });

  it('a non-invitee cannot check in, nor read who is here', async () => {
    await refusedAction('stranger', 'checkIn', {}, /only people invited/i);
    await refusedAction('stranger', 'refresh', { card: 'attendance' }, /only people invited/i);
    for (const key of ['social', 'police', 'health', 'school', 'mother'] as CastKey[]) await h.click(key, GROUP, 'checkIn', { conferenceId: id });
    expect((await h.store.invitees.list(id)).filter((i) => i.checkIn?.present)).to.have.length(5);
    await h.click('police', GROUP, 'refresh', { conferenceId: id, card: 'attendance' });
  });

  it('only the chair opens the vote', async () => {
    await refusedAction('police', 'openRound', {}, /only the chair/i);
    await refusedAction('stranger', 'openRound', {}, /only the chair/i);
    expect(await h.store.votes.listRounds(id)).to.have.length(0);
    await h.click('chair', GROUP, 'openRound', { conferenceId: id });
  });

  it('a non-invitee cannot vote or read the vote; family and the chair give no view', async () => {
    await refusedAction('stranger', 'vote', { roundId: '1', choice: 'cp-plan' }, /only people invited/i);
    await refusedAction('mother', 'vote', { roundId: '1', choice: 'cp-plan' }, /family member/i);
    await refusedAction('chair', 'vote', { roundId: '1', choice: 'cp-plan' }, /chair does not vote/i);
    await refusedAction('stranger', 'refresh', { card: 'vote', roundId: '1' }, /only people invited/i);
    expect(await h.store.votes.list(id, 1)).to.have.length(0);
    await h.click('police', GROUP, 'refresh', { conferenceId: id, card: 'vote', roundId: '1' });
  });

  it('only the chair closes the vote, and only the chair decides a split', async () => {
    await h.click('social', GROUP, 'vote', { conferenceId: id, roundId: '1', choice: 'cp-plan' });
    await h.click('police', GROUP, 'vote', { conferenceId: id, roundId: '1', choice: 'cp-plan' });
    for (const key of ['health', 'school'] as CastKey[]) await h.click(key, GROUP, 'vote', { conferenceId: id, roundId: '1', choice: 'no-cp-plan', recommendation: 'child-in-need' });
    await refusedAction('police', 'closeRound', { roundId: '1' }, /only the chair/i);
    await refusedAction('stranger', 'closeRound', { roundId: '1' }, /only the chair/i);
    expect((await h.store.votes.getRound(id, 1))?.status).to.equal('open');
    await h.click('chair', GROUP, 'closeRound', { conferenceId: id, roundId: '1' });
    expect(await h.store.decisions.get(id), 'a 2–2 split under Barnsley awaits the chair').to.equal(undefined);

    const rationale = 'Neglect is persistent and the family has not engaged with support.';
    await refusedAction('police', 'splitDecision', { roundId: '1', decision: 'cp-plan', rationale }, /only the chair/i);
    await refusedAction('stranger', 'splitDecision', { roundId: '1', decision: 'no-cp-plan', recommendation: 'child-in-need', rationale }, /only the chair/i);
    expect(await h.store.decisions.get(id)).to.equal(undefined);
    // Nor may anyone else take the chair's other decisions.
    await refusedAction('police', 'standDown', {}, /only the chair/i);
    await refusedAction('police', 'defer', { deferReason: 'The paediatric assessment is missing.' }, /only the chair/i);
    await h.click('chair', GROUP, 'splitDecision', { conferenceId: id, roundId: '1', decision: 'cp-plan', rationale });
    expect((await h.store.decisions.get(id))?.outcome).to.equal('cp-plan');
    await refusedAction('police', 'decideCategory', { primary: 'neglect', others: '' }, /only the chair/i);
  });

  it('"next review" and "record" for a case you are not part of reveal nothing, and are audited', async () => {
    // The chair is part of the case: both answer.
    await h.teams.say(CAST.chair, h.personal('chair'), `next review ${CASE}`);
    expect(lastPersonalCardText('chair', CASE)).to.not.contain('was found among your cases');
    await h.teams.say(CAST.chair, h.personal('chair'), `record ${CASE}`);
    expect(lastPersonalCardText('chair', CASE)).to.contain('Police');

    for (const command of ['next review', 'record']) {
      await h.teams.say(CAST.stranger, h.personal('stranger'), `${command} ${CASE}`);
      const real = lastPersonalCardText('stranger', CASE);
      await h.teams.say(CAST.stranger, h.personal('stranger'), `${command} NOPE/2026/0001`);
      const unknown = lastPersonalCardText('stranger', 'NOPE/2026/0001');
      expect(real, `${command}: a real case reads as an unknown one`).to.equal(unknown);
      expect(real).to.not.contain('Police').and.not.contain(FULL_NAME).and.not.contain('2027');
      const action = command === 'next review' ? 'next-review-refused' : 'record-refused';
      await audited('stranger', (e) => e.action === action && e.details.caseRef === CASE, `${command} of a real case`);
      await audited('stranger', (e) => e.action === action && e.details.caseRef === 'NOPE/2026/0001', `${command} of an unknown case`);
    }
  });

  it('activities from a tenant not on the allowed list get no reply and a bounded, sampled audit: one row per tenant per hour', async () => {
    const config = readConfig({ PORT: '0', ALLOWED_TENANTS: TENANT, ADMIN_USER_IDS: CAST.cpu.aadObjectId });
    const guarded = await startApp({ config, store: h.store, now: () => h.now, log: () => undefined, host: '127.0.0.1' });
    try {
      const teams = new TeamsClient(guarded.url, () => h.connector.url, 'foreign-tenant-0000');
      // (A card update still catching up with earlier votes is not something said to the tenant.)
      const sent = () => h.connector.outgoing.filter((o) => o.kind !== 'update').length;
      const before = sent();
      const invoke = await teams.execute(CAST.police, GROUP, 'vote', { conferenceId: id, roundId: '1', choice: 'cp-plan' });
      expect(invoke.status).to.equal(403);
      const message = await teams.say(CAST.police, h.personal('police'), 'my reviews');
      expect(message.status).to.equal(200);
      expect(sent(), 'nothing is sent to a foreign tenant').to.equal(before);
      // Anyone who can reach the endpoint could send thousands: at most one row per tenant per hour.
      for (let i = 0; i < 30; i++) await teams.say(CAST.police, h.personal('police'), `my reviews ${i}`);
      expect(sent(), 'nothing is sent to a foreign tenant').to.equal(before);
      const refusals = (await trail()).filter((e) => e.action === 'turn-refused' && e.userId === CAST.police.aadObjectId && !seen.has(`${e.id}|${e.at}`));
      expect(refusals.map((e) => e.details.why)).to.deep.equal(['tenant foreign-tenant-0000 is not allowed']);
      expect(refusals[0]!.details.tenant).to.equal('foreign-tenant-0000');
      for (const e of refusals) seen.add(`${e.id}|${e.at}`);
      // Many made-up tenant ids: the rows of one hour stay bounded (a bucket of the tenant id is the key).
      const general = async () => (await h.store.audit.general(h.now.toISOString().slice(0, 7))).filter((e) => e.action === 'turn-refused').length;
      const rowsBefore = await general();
      await Promise.all(Array.from({ length: 600 }, (_, i) => new TeamsClient(guarded.url, () => h.connector.url, `made-up-${i}`).say(CAST.stranger, h.personal('stranger'), 'help')));
      const added = (await general()) - rowsBefore;
      expect(added).to.be.within(1, 256);
      // The next hour records the tenant again.
      h.now = new Date(h.now.getTime() + 3_600_000);
      await teams.say(CAST.police, h.personal('police'), 'my reviews');
      h.now = new Date(h.now.getTime() - 3_600_000);
      expect((await trail()).filter((e) => e.action === 'turn-refused' && e.details.tenant === 'foreign-tenant-0000')).to.have.length(2);
      // The allowed tenant is served by the same instance.
      expect((await new TeamsClient(guarded.url, () => h.connector.url).execute(CAST.police, GROUP, 'refresh', { conferenceId: id, card: 'vote', roundId: '1' })).status).to.equal(200);
    } finally {
      await guarded.close();
    }
  });

  it('no group chat saw the child’s full name', () => {
    expectNoFullNamesInGroups(h.connector, [FULL_NAME], 5);
  });
});
