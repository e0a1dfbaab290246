// Storage faults under a running bot: Azurite (started for this test, with a data folder) is
// stopped in the middle of a vote round and in the middle of closing one. Whoever acts meanwhile
// is told plainly that nothing was saved (never a false "recorded"), no round is left
// half-closed, and once Azurite is back on the same folder and port the conference carries on
// with consistent state. A slow store still gets every card action an answer within 5 s.
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp } from '../../bot/app.js';
import { readConfig } from '../../bot/config.js';
import type { RunningServer } from '../../bot/server.js';
import { azuriteConnectionString, startAzurite, type RunningAzurite } from '../../src/store/azurite.js';
import { createStore, type Store } from '../../src/store/store.js';
import { createTables, tableClients } from '../../src/store/tables.js';
import { uniquePrefix } from '../support/store.js';
import { expectNoFullNamesInGroups } from './support/confidentiality.js';
import { FakeConnector, type Member } from './support/connector.js';
import { person, seedConference, type SeededConference } from './support/seed.js';
import { freePort, StoreProxy } from './support/store-proxy.js';
import { TeamsClient } from './support/teams.js';

const AGENCIES = ['childrens-social-care', 'police', 'health-visiting', 'gp', 'education'] as const;
const CARD = 'application/vnd.microsoft.card.adaptive';

describe('Storage faults: Azurite stopped mid-round and mid-close, and a slow store', function () {
  this.timeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), 'cp-bot-faults-'));
  const chair = person('faults-chair', 'Irene Chair');
  const directory: Member[] = [chair];
  const connector = new FakeConnector(directory);
  const logs: string[] = [];
  let port: number;
  let azurite: RunningAzurite | undefined;
  let proxy: StoreProxy;
  let store: Store;
  let server: RunningServer;
  let teams: TeamsClient;
  let now = new Date('2026-12-07T10:00:00Z');
  const conferences: SeededConference[] = [];

  const stopAzurite = async () => {
    await azurite?.stop();
    azurite = undefined;
    proxy.dropAll();
  };
  const startAzuriteAgain = async () => {
    // The port is in the ephemeral range: a connection made while the store was down (a retrying
    // writer) can hold it as its local port. Then the store comes back on another port, behind the
    // same proxy, with the same data: for the bot it is the same store restarted.
    for (let attempt = 1; ; attempt++) {
      try {
        azurite = await startAzurite({ location: dir, port });
        return;
      } catch (e) {
        if (!/EADDRINUSE/.test(String(e)) || attempt >= 5) throw e;
        port = await freePort();
        proxy.upstream.port = port;
      }
    }
  };

  /** A conference with five agencies, started in its chat and everyone checked in, through the bot. */
  async function runningConference(n: number): Promise<SeededConference> {
    const invitees = AGENCIES.map((agency, a) => ({ member: person(`faults-${n}-${a}`, `Person ${n}-${a}`), agency }));
    directory.push(...invitees.map((i) => i.member));
    const c = await seedConference(store, { id: `FAULTS-${n}.2026-12-07.initial`, caseRef: `FLT/2026/${n}`, fullName: `Robin Faultline-${n}`, chair, invitees });
    expect((await teams.say(chair, c.group, `start ${c.conference.caseRef}`)).status).to.equal(200);
    for (const { member } of c.invitees) expect((await teams.execute(member, c.group, 'checkIn', { conferenceId: c.conference.id })).status).to.equal(200);
    expect((await teams.execute(chair, c.group, 'openRound', { conferenceId: c.conference.id })).status).to.equal(200);
    conferences.push(c);
    return c;
  }

  const vote = (c: SeededConference, i: number, choice = 'cp-plan', replyToId?: string) =>
    teams.execute(c.invitees[i]!.member, c.group, 'vote', { conferenceId: c.conference.id, roundId: '1', choice, ...(choice === 'no-cp-plan' ? { recommendation: 'child-in-need' } : {}) }, replyToId);
  // The chair confirms closing with agencies still to give a view: these tests are about the store.
  const close = (c: SeededConference, replyToId?: string) => teams.execute(chair, c.group, 'closeRound', { conferenceId: c.conference.id, roundId: '1', confirmMissing: 'true' }, replyToId);

  /** A card action answered within Teams' limit, and how long it took. */
  async function timed<T>(work: () => Promise<T>): Promise<{ answer: T; ms: number }> {
    const start = performance.now();
    const answer = await work();
    return { answer, ms: performance.now() - start };
  }

  /** The round is either wholly open (nothing sealed, no decision) or wholly closed (every agency sealed, decision per tally). */
  async function expectWhole(c: SeededConference): Promise<'open' | 'closed'> {
    const id = c.conference.id;
    const [round] = await store.votes.listRounds(id);
    const rows = await store.votes.rows.query(id, { prefix: 'vote|0001|' });
    const decision = await store.decisions.get(id);
    const conference = await store.conferences.get(id);
    if (round!.status === 'open') {
      expect(rows.filter((r) => r.value.closed), 'no sealed rows in an open round').to.have.length(0);
      expect(decision, 'no decision while the round is open').to.equal(undefined);
      expect(conference?.status).to.equal('in-progress');
      return 'open';
    }
    expect(rows.map((r) => r.value.agency).sort(), 'every agency sealed').to.deep.equal([...AGENCIES].sort());
    expect(rows.every((r) => r.value.closed)).to.equal(true);
    expect(decision?.round).to.equal(1);
    expect(conference?.status).to.equal('decided');
    return 'closed';
  }

  before(async () => {
    port = await freePort();
    await startAzuriteAgain();
    proxy = new StoreProxy({ host: '127.0.0.1', port });
    await proxy.start();
    await connector.start();
    const tables = tableClients(azuriteConnectionString(`http://127.0.0.1:${proxy.port}/devstoreaccount1`), uniquePrefix());
    await createTables(tables);
    store = createStore(tables);
    const config = readConfig({ PORT: '0' });
    server = await startApp({ config, store, now: () => now, log: (line) => logs.push(line), host: '127.0.0.1' });
    teams = new TeamsClient(server.url, () => connector.url);
  });

  after(async () => {
    await server?.close();
    await proxy?.stop();
    await connector.stop();
    await azurite?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('Azurite stops mid-round: votes and the close are answered "not saved" at once; after restart the round goes on', async () => {
    const c = await runningConference(1);
    for (const i of [0, 1, 2]) expect((await vote(c, i)).status).to.equal(200);

    await stopAzurite();
    // Action.Execute: an answer well within Teams' limit that says it was not saved, and offers the same action again.
    const { answer: down, ms } = await timed(() => vote(c, 3, 'no-cp-plan'));
    expect(ms, 'answered within 5 s').to.be.below(5_000);
    expect(down.status).to.equal(200);
    expect(down.body.type).to.equal(CARD);
    const text = JSON.stringify(down.body.value);
    expect(text).to.contain('Not saved').and.to.contain('try again');
    expect(text).to.not.match(/recorded|view is/i);
    expect(JSON.stringify(down.body.value.actions)).to.contain('"verb":"vote"');
    // Action.Submit (Teams mobile): a reply saying it was not saved; the clicked card is left alone.
    const before = connector.outgoing.length;
    const submitted = await timed(() => teams.submit(c.invitees[4]!.member, c.group, { verb: 'vote', conferenceId: c.conference.id, roundId: '1', choice: 'cp-plan' }, 'act-vote-card'));
    expect(submitted.ms).to.be.below(5_000);
    const replies = connector.outgoing.slice(before);
    expect(replies.map((o) => o.activity.text)).to.deep.equal(['Not saved — that could not be completed. Please try again in a moment.']);
    expect(replies.filter((o) => o.kind === 'update')).to.have.length(0);
    // The chair's close meets the same answer.
    const closing = await timed(() => close(c));
    expect(closing.ms).to.be.below(5_000);
    expect(JSON.stringify(closing.answer.body.value)).to.contain('Not saved');

    await startAzuriteAgain();
    // Nothing half-done: the round is open with exactly the three votes cast before the stop.
    expect(await expectWhole(c)).to.equal('open');
    expect((await store.votes.list(c.conference.id, 1)).map((v) => v.agency).sort()).to.deep.equal(['childrens-social-care', 'health-visiting', 'police']);
    // The two who were told to try again do; the chair closes.
    expect((await vote(c, 3, 'no-cp-plan')).status).to.equal(200);
    expect((await vote(c, 4)).status).to.equal(200);
    expect((await close(c)).status).to.equal(200);
    expect(await expectWhole(c)).to.equal('closed');
    expect((await store.votes.list(c.conference.id, 1)).length).to.equal(5);
    const decision = await store.decisions.get(c.conference.id);
    expect(decision?.outcome).to.equal('cp-plan');
    expect(decision?.dissents.map((d) => d.agency)).to.deep.equal(['gp']);
    const trail = await store.audit.forConference(c.conference.id);
    expect(trail.filter((e) => e.action === 'vote-recorded')).to.have.length(5);
    expect(trail.filter((e) => e.action === 'vote-round-closed')).to.have.length(1);
  });

  it('Azurite stops as the close transaction is sent: not saved, the round still wholly open; closing again after restart completes it', async () => {
    const c = await runningConference(2);
    for (const i of [0, 1, 2, 3, 4]) expect((await vote(c, i, i < 3 ? 'cp-plan' : 'no-cp-plan')).status).to.equal(200);

    let stopped = false;
    proxy.beforeRequest = async (request) => {
      if (!stopped && request.method === 'POST' && request.path.includes('$batch')) {
        stopped = true;
        await stopAzurite();
      }
    };
    const { answer, ms } = await timed(() => close(c));
    proxy.beforeRequest = undefined;
    expect(stopped, 'the close sent its transaction').to.equal(true);
    expect(ms).to.be.below(5_000);
    expect(JSON.stringify(answer.body.value)).to.contain('Not saved').and.not.to.contain('closed');

    await startAzuriteAgain();
    expect(await expectWhole(c)).to.equal('open');
    expect((await close(c)).status).to.equal(200);
    expect(await expectWhole(c)).to.equal('closed');
    expect((await store.decisions.get(c.conference.id))?.outcome).to.equal('cp-plan');
    expect((await store.audit.forConference(c.conference.id)).filter((e) => e.action === 'vote-round-closed')).to.have.length(1);
  });

  it('Azurite stops just after the close is committed: not saved is said, and closing again completes what the close sets in motion', async () => {
    const c = await runningConference(3);
    for (const i of [0, 1, 2, 3, 4]) expect((await vote(c, i)).status).to.equal(200);

    let stopped = false;
    proxy.onAnswer = async (request) => {
      if (stopped || request.method !== 'POST' || !request.path.includes('$batch')) return true;
      stopped = true;
      await stopAzurite(); // the transaction is applied and saved; its answer is lost
      return false;
    };
    const groupBefore = connector.to(c.group.id).length;
    const { answer, ms } = await timed(() => close(c));
    proxy.onAnswer = undefined;
    expect(stopped).to.equal(true);
    expect(ms).to.be.below(5_000);
    expect(JSON.stringify(answer.body.value)).to.contain('Not saved');

    await startAzuriteAgain();
    // The store holds the whole close (one transaction): closed, every agency sealed, the decision recorded.
    expect(await expectWhole(c)).to.equal('closed');
    // (The vote card may still be catching up with the votes before the close: updates are not announcements.)
    expect(connector.to(c.group.id).filter((o) => o.kind !== 'update').length, 'nothing was announced while the store was down').to.equal(connector.to(c.group.id).slice(0, groupBefore).filter((o) => o.kind !== 'update').length);
    // The chair closes again: the result and the next step (category of harm) are posted, and the close is audited once.
    expect((await close(c)).status).to.equal(200);
    const posted = connector.to(c.group.id).slice(groupBefore).map((o) => JSON.stringify(o.activity));
    expect(posted.some((p) => p.includes('decideCategory')), 'the category card is posted').to.equal(true);
    expect((await store.audit.forConference(c.conference.id)).filter((e) => e.action === 'vote-round-closed')).to.have.length(1);
    // A further repeat changes nothing and posts nothing more.
    const settled = connector.to(c.group.id).length;
    expect((await close(c)).status).to.equal(200);
    expect(connector.to(c.group.id).filter((o) => o.kind !== 'update').length).to.equal(connector.to(c.group.id).slice(0, settled).filter((o) => o.kind !== 'update').length);
  });

  it('a slow store: the vote is answered "still saving" within 5 s, and the card updates when it is saved', async () => {
    const c = await runningConference(4);
    const posted = (await store.cards.get(c.conference.id, 'vote-1'))!.activityId;
    // Every store answer takes 2 s: the vote's reads and write take well over the 4 s answer time.
    proxy.latencyMs = 2_000;
    try {
      const { answer, ms } = await timed(() => vote(c, 0, 'cp-plan', 'act-slow-vote'));
      expect(ms, 'answered within 5 s').to.be.below(5_000);
      expect(answer.status).to.equal(200);
      expect(JSON.stringify(answer.body.value)).to.contain('Still saving');
      // The work goes on: once the vote is stored, the posted vote card is brought up to date from the store.
      const update = await waitFor(() => connector.to(c.group.id).find((o) => o.kind === 'update' && o.activityId === posted && JSON.stringify(o.activity).includes('1 of 5')), 40_000);
      expect(JSON.stringify(update.activity)).to.contain('"verb":"vote"');
    } finally {
      proxy.latencyMs = 0;
    }
    const votes = await store.votes.list(c.conference.id, 1);
    expect(votes.map((v) => v.agency)).to.deep.equal(['childrens-social-care']);
  });

  it('a slow store that then fails: "still saving" first, then a "not saved" message in the chat, and nothing half-saved', async () => {
    const c = conferences.at(-1)!;
    // The vote is two round trips (one read, one transaction): each must be slow for it to outlast 4 s.
    proxy.latencyMs = 2_500;
    const groupBefore = connector.to(c.group.id).length;
    try {
      const { answer, ms } = await timed(() => vote(c, 1, 'cp-plan', 'act-slow-vote-2'));
      expect(ms).to.be.below(5_000);
      expect(JSON.stringify(answer.body.value)).to.contain('Still saving');
      await stopAzurite();
      const said = await waitFor(() => connector.to(c.group.id).slice(groupBefore).find((o) => JSON.stringify(o.activity).includes('Not saved')), 20_000);
      expect(said.kind).to.not.equal('update');
    } finally {
      proxy.latencyMs = 0;
      await startAzuriteAgain();
    }
    expect(await expectWhole(c)).to.equal('open');
    // Whatever reached the store before the stop is whole: the police vote is there or not, never half.
    const votes = await store.votes.list(c.conference.id, 1);
    expect(votes.map((v) => v.agency).filter((a) => a !== 'police')).to.deep.equal(['childrens-social-care']);
    expect((await vote(c, 1)).status).to.equal(200);
    expect((await store.votes.list(c.conference.id, 1)).map((v) => v.agency).sort()).to.deep.equal(['childrens-social-care', 'police']);
  });

  it('no group chat saw any child’s full name', () => {
    expectNoFullNamesInGroups(connector, conferences.map((c) => c.fullName), 10);
  });
});

async function waitFor<T>(probe: () => T | undefined, timeoutMs: number): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = probe();
    if (found !== undefined) return found;
    if (Date.now() > until) throw new Error(`not seen within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
