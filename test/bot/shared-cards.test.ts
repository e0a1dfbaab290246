// The shared vote card under Teams as it is: the Bot Connector stand-in enforces Teams' limits
// per conversation (7 in 1 s, 8 in 2 s, 60 in 30 s, then 429 with Retry-After), refuses some
// updates with 412/502/504 and holds updates for a random time so that they apply out of order.
// With 12 and 64 agencies voting within a second — on one instance and on two over one store —
// the last update applied to the card shows every view, in every run; no applied update shows
// fewer views than one applied before it; refresh invokes write no card and nothing else; in
// the normal case (no injected faults) no update meets a 429.
import { expect } from 'chai';
import { startApp } from '../../bot/app.js';
import { readConfig } from '../../bot/config.js';
import type { RunningServer } from '../../bot/server.js';
import type { Outgoing } from './support/connector.js';
import { seeded, shuffle } from './support/deliver.js';
import { Harness } from './support/harness.js';
import { person, seedConference, type SeededConference } from './support/seed.js';
import { TeamsClient } from './support/teams.js';

const NOW = '2026-12-07T10:00:00.000Z';
const RUNS = Number(process.env.SHARED_CARD_RUNS ?? 20);

describe('Shared cards converge under Teams limits, faults and reordering', function () {
  this.timeout(600_000);
  const h = new Harness();
  let second: RunningServer;
  let teams2: TeamsClient;
  let n = 0;

  before(async () => {
    await h.start();
    h.now = new Date(NOW);
    const config = readConfig({ PORT: '0', ADMIN_USER_IDS: 'aad-cpu' });
    second = await startApp({ config, store: h.store.twin(), now: () => h.now, log: () => undefined, host: '127.0.0.1' });
    teams2 = new TeamsClient(second.url, () => h.connector.url);
  });
  after(async () => {
    await second?.close();
    await h.stop();
  });

  /** A conference in progress in its own group chat, `agencies` present, and the vote card posted by the chair's click. */
  async function openConference(agencies: number): Promise<{ c: SeededConference; cardId: string }> {
    n += 1;
    const chair = person(`sc-chair-${n}`, 'Irene Chair');
    const voters = Array.from({ length: agencies }, (_, i) => ({ member: person(`sc-${n}-${i}`, `Voter ${n}-${i}`), agency: i === 0 ? 'childrens-social-care' : `agency-${i}` }));
    const c = await seedConference(h.store, { id: `SC-${n}.2026-12-07.initial`, caseRef: `SC/2026/${n}`, fullName: `Robin Shared-${n}`, chair, invitees: voters, status: 'in-progress', group: { id: `19:sc-${n}@thread.v2`, conversationType: 'groupChat' } });
    await Promise.all(voters.map((v) => h.store.invitees.checkIn(c.conference.id, v.member.aadObjectId, { present: true, role: 'professional', agency: v.agency, at: NOW })));
    const opened = await h.teams.execute(chair, c.group, 'openRound', { conferenceId: c.conference.id });
    expect(opened.status, JSON.stringify(opened.body)).to.equal(200);
    const posted = h.connector.to(c.group.id).find((o) => o.kind !== 'update' && JSON.stringify(o.activity).includes("The agencies' views"));
    expect(posted, 'the vote card was posted').to.not.equal(undefined);
    return { c, cardId: posted!.activityId };
  }

  /** Everyone votes at once (within a second), each click on the posted card; answers are all 200. */
  async function voteAll(c: SeededConference, cardId: string, instances: TeamsClient[], random: () => number): Promise<void> {
    const answers = await Promise.all(
      shuffle(c.invitees, random).map(({ member }, i) =>
        instances[Math.floor(random() * instances.length)]!.execute(member, c.group, 'vote', { conferenceId: c.conference.id, roundId: '1', choice: i % 3 ? 'cp-plan' : 'no-cp-plan', ...(i % 3 ? {} : { recommendation: 'child-in-need' }) }, cardId),
      ),
    );
    for (const a of answers) expect(a.status, JSON.stringify(a.body).slice(0, 300)).to.equal(200);
  }

  /**
   * The updates applied to one card, in the order they took effect: once the card shows `expect`
   * views (or a minute has passed), and then nothing more has arrived for 1.5 s.
   */
  async function settled(cardId: string, want?: number, timeoutMs = 60_000): Promise<Outgoing[]> {
    const start = Date.now();
    const applied = () => h.connector.applied.filter((o) => o.activityId === cardId);
    while (want !== undefined && Date.now() - start < timeoutMs && progressOf(applied().at(-1)) !== want) await new Promise((r) => setTimeout(r, 100));
    let count = -1;
    let quietSince = Date.now();
    while (Date.now() - quietSince < 1_500) {
      const now = applied().length;
      if (now !== count) (count = now), (quietSince = Date.now());
      await new Promise((r) => setTimeout(r, 100));
    }
    return applied();
  }

  function progressOf(o: Outgoing | undefined): number {
    const m = /(\d+) of (\d+) agenc/.exec(JSON.stringify(o?.activity ?? ''));
    return m ? Number(m[1]) : -1;
  }

  async function runOnce(agencies: number, opts: { faults: boolean; twoInstances: boolean; seed: number }) {
    const t = h.connector.teams;
    Object.assign(t, { limits: true, faultRate: opts.faults ? 0.2 : 0, delayUpdatesMs: opts.faults ? 400 : 0, random: seeded(opts.seed) });
    const { c, cardId } = await openConference(agencies);
    const throttledBefore = h.connector.throttled.length;
    await voteAll(c, cardId, opts.twoInstances ? [h.teams, teams2] : [h.teams], seeded(opts.seed + 1));
    const updates = await settled(cardId, agencies);
    const progress = updates.map(progressOf);
    if (process.env.SHARED_CARD_DEBUG) console.log(h.logs.splice(0).join('\n'));
    const where = `${agencies} agencies, seed ${opts.seed}, ${opts.twoInstances ? 'two instances' : 'one instance'}${opts.faults ? ', faults' : ''}: ${progress.join(',')}`;
    expect(updates.length, where).to.be.greaterThan(0);
    expect(progress.at(-1), `the last card shows every view — ${where}`).to.equal(agencies);
    for (let i = 1; i < progress.length; i++) expect(progress[i], `never older than the one before — ${where}`).to.be.at.least(progress[i - 1]!);
    // Coalesced: far fewer updates than votes.
    expect(updates.length, where).to.be.below(Math.max(8, agencies / 2));
    const throttled = h.connector.throttled.slice(throttledBefore).filter((x) => x.conversationId === c.group.id);
    if (!opts.faults) expect(throttled, `no 429 in the normal case — ${where}`).to.have.length(0);
    return { c, cardId };
  }

  it(`12 agencies voting within a second, ${RUNS} runs with 412/502/504 and reordered updates: the last card shows all 12`, async () => {
    for (let run = 0; run < RUNS; run++) await runOnce(12, { faults: true, twoInstances: false, seed: 1_000 + run });
  });

  it(`64 agencies voting within a second, ${RUNS} runs (half with faults): the last card shows all 64, no 429 when Teams is well`, async () => {
    for (let run = 0; run < RUNS; run++) await runOnce(64, { faults: run % 2 === 1, twoInstances: false, seed: 2_000 + run });
  });

  it('two instances over one store, votes spread over both, with faults: the last card still shows every view', async () => {
    for (let run = 0; run < 6; run++) await runOnce(run % 2 ? 64 : 12, { faults: true, twoInstances: true, seed: 3_000 + run });
  });

  it('refresh invokes are reads: 60 members refreshing write no card and nothing to the store', async () => {
    Object.assign(h.connector.teams, { limits: true, faultRate: 0, delayUpdatesMs: 0 });
    const { c, cardId } = await openConference(12);
    await voteAll(c, cardId, [h.teams], seeded(7));
    await settled(cardId);
    const before = h.connector.outgoing.length;
    const rows = await rowCount();
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, i) => h.teams.execute(c.invitees[i % 12]!.member, c.group, 'refresh', { card: i % 2 ? 'vote' : 'attendance', conferenceId: c.conference.id, roundId: '1' }, cardId)),
    );
    for (const a of answers) expect(a.status).to.equal(200);
    await new Promise((r) => setTimeout(r, 800));
    expect(h.connector.outgoing.length, 'no card written by a refresh').to.equal(before);
    expect(await rowCount(), 'nothing stored by a refresh').to.equal(rows);
  });

  it('when Teams has lost the card, a fresh one is posted once and later updates go to it', async () => {
    Object.assign(h.connector.teams, { limits: true, faultRate: 0, delayUpdatesMs: 0 });
    const { c, cardId } = await openConference(12);
    h.connector.lost.add(cardId);
    await voteAll(c, cardId, [h.teams, teams2], seeded(9));
    await settled(cardId);
    await new Promise((r) => setTimeout(r, 1_500));
    const fresh = h.connector.to(c.group.id).filter((o) => o.kind !== 'update' && JSON.stringify(o.activity).includes("The agencies' views"));
    expect(fresh, 'the original and one fresh card').to.have.length(2);
    const stored = await h.store.cards.get(c.conference.id, 'vote-1');
    expect(stored?.activityId).to.equal(fresh[1]!.activityId);
    const latest = [fresh[1]!, ...h.connector.applied.filter((o) => o.activityId === fresh[1]!.activityId)].at(-1)!;
    expect(progressOf(latest)).to.equal(12);
  });

  async function rowCount(): Promise<number> {
    let count = 0;
    for (const table of Object.values(h.store.tables)) for await (const _ of table.listEntities()) count += 1;
    return count;
  }
});
