// Two bot instances over one store (two startApp servers, each with its own table clients over
// the same tables on one Azurite), 20 conferences running at once with 10 agencies each: every
// RSVP, check-in and vote goes to a random instance, 10 % of them twice (Teams' redelivery, same
// activity id, possibly to the other instance), and some people change their answer before it
// closes. Afterwards every stored answer is the person's last one, and every tally counts each
// agency's last vote once: nothing lost, nothing counted twice. Then the scheduled reminder run,
// started on both instances at once, sends each reminder exactly once.
import { expect } from 'chai';
import { startApp } from '../../bot/app.js';
import { createAdapter } from '../../bot/adapter.js';
import { readConfig } from '../../bot/config.js';
import { Messenger } from '../../bot/messenger.js';
import { runReminders } from '../../bot/reminders.js';
import type { RunningServer } from '../../bot/server.js';
import type { Services } from '../../bot/services.js';
import { tallyOf } from '../../bot/actions/voting.js';
import type { Turn } from '../../bot/turn.js';
import type { Store } from '../../src/store/store.js';
import { loadPolicies } from '../../src/policy-files/load.js';
import type { StoredVote } from '../../src/store/votes.js';
import { testStore, type TestStore } from '../support/store.js';
import { expectNoFullNamesInGroups } from './support/confidentiality.js';
import { FakeConnector, type Member } from './support/connector.js';
import { deliver, executeActivity, messageActivity, pool, seeded, type Answer } from './support/deliver.js';
import { person, personalReference, seedConference, TEN_AGENCIES, type SeededConference } from './support/seed.js';
import { TeamsClient, personal } from './support/teams.js';
import { shuffle } from './support/deliver.js';

const CONFERENCES = 20;
const TWICE = 0.1;
const IN_FLIGHT = 24;
const SEED = Number(process.env.TWO_INSTANCES_SEED ?? 20261207);

type Rsvp = { answer: 'attending' | 'apologies' | 'written-report' | 'deputy'; deputyName?: string };
type View = { choice: 'cp-plan' | 'no-cp-plan'; recommendation?: 'child-in-need' | 'no-further-action' };

describe('Two bot instances over one store: 20 conferences × 10 agencies at once', function () {
  this.timeout(120_000);
  const random = seeded(SEED);
  const chair = person('two-chair', 'Irene Chair');
  const cpu = person('two-cpu', 'Carol Unit');
  const conferences: SeededConference[] = [];
  const directory: Member[] = [chair, cpu];
  const connector = new FakeConnector(directory);
  let store: TestStore;
  let twin: Store;
  let servers: RunningServer[] = [];
  let instances: TeamsClient[] = [];
  let now = new Date('2026-11-23T09:00:00Z');
  const stats = { deliveries: 0, twice: 0 };

  /** Sends one activity (to a random instance, sometimes twice) and expects every delivery answered 200. */
  async function send(activity: Record<string, unknown>, from: Member, where = personal(from)): Promise<Answer[]> {
    const answers = await deliver(instances, activity, from, where, TWICE, random);
    stats.deliveries += answers.length;
    if (answers.length > 1) stats.twice += 1;
    for (const a of answers) expect(a.status, `${from.name}: ${JSON.stringify(activity).slice(0, 200)} → ${JSON.stringify(a.body ?? null).slice(0, 300)}`).to.equal(200);
    return answers;
  }

  before(async () => {
    for (let c = 0; c < CONFERENCES; c++) {
      const invitees = TEN_AGENCIES.map((agency, a) => ({ member: person(`two-${c}-${a}`, `Person ${c}-${a} ${agency}`), agency }));
      directory.push(...invitees.map((i) => i.member));
    }
    await connector.start();
    store = await testStore();
    twin = store.twin();
    const config = readConfig({ PORT: '0', ADMIN_USER_IDS: cpu.aadObjectId });
    servers = await Promise.all(
      [store, twin].map((s) => startApp({ config, store: s, now: () => now, log: () => undefined, host: '127.0.0.1' })),
    );
    instances = servers.map((s) => new TeamsClient(s.url, () => connector.url));
    for (let c = 0; c < CONFERENCES; c++) {
      const id = `TWO-${String(c).padStart(2, '0')}.2026-12-07.initial`;
      conferences.push(
        await seedConference(store, {
          id,
          caseRef: `TWO/2026/${String(c).padStart(4, '0')}`,
          fullName: `Jamie Twoinstance-${String.fromCharCode(65 + c)}`,
          chair,
          invitees: TEN_AGENCIES.map((agency, a) => ({ member: directory.find((m) => m.id === `29:two-${c}-${a}`)!, agency })),
        }),
      );
    }
  });

  after(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await connector.stop();
  });

  it('RSVPs: each invitee’s last answer is stored, once, whichever instance got it and however often', async () => {
    const answers: Rsvp[] = [{ answer: 'attending' }, { answer: 'apologies' }, { answer: 'written-report' }, { answer: 'deputy', deputyName: 'Dana Deputy' }];
    const expected = new Map<string, { last: Rsvp; changes: number }>();
    const jobs = conferences.flatMap((c) =>
      c.invitees.map(({ member }) => async () => {
        // Most answer once; some change their mind once or twice (each answer differs from the one before).
        const sequence: Rsvp[] = [];
        const length = random() < 0.3 ? 2 + Math.floor(random() * 2) : 1;
        while (sequence.length < length) {
          const next = answers[Math.floor(random() * answers.length)]!;
          if (sequence.at(-1)?.answer !== next.answer) sequence.push(next);
        }
        for (const rsvp of sequence) await send(executeActivity('rsvp', { conferenceId: c.conference.id, ...rsvp }), member);
        expected.set(`${c.conference.id}|${member.aadObjectId}`, { last: sequence.at(-1)!, changes: sequence.length - 1 });
      }),
    );
    await pool(IN_FLIGHT, shuffle(jobs, random));

    for (const c of conferences) {
      const stored = await store.invitees.list(c.conference.id);
      expect(stored).to.have.length(10);
      for (const invitee of stored) {
        const want = expected.get(`${c.conference.id}|${invitee.userId}`)!;
        expect({ answer: invitee.rsvp?.response, deputyName: invitee.rsvp?.deputyName }, invitee.name).to.deep.equal({ answer: want.last.answer, deputyName: want.last.deputyName });
      }
      // The audit trail has one entry per answer given (first or changed), none for redeliveries.
      const trail = (await store.audit.forConference(c.conference.id)).filter((e) => e.action === 'rsvp');
      const given = c.invitees.reduce((n, i) => n + 1 + expected.get(`${c.conference.id}|${i.member.aadObjectId}`)!.changes, 0);
      expect(trail, `rsvp audit entries of ${c.conference.id}`).to.have.length(given);
    }
  });

  it('start and check-in: every conference starts once; each of 200 people is checked in once', async () => {
    now = new Date('2026-12-07T10:00:00Z');
    await pool(
      IN_FLIGHT,
      conferences.map((c) => async () => {
        const [answer] = await send(messageActivity(c.group, `start ${c.conference.caseRef}`), chair, c.group);
        expect(answer!.status).to.equal(200);
      }),
    );
    const jobs = conferences.flatMap((c) => c.invitees.map(({ member }) => () => send(executeActivity('checkIn', { conferenceId: c.conference.id }), member, c.group)));
    await pool(IN_FLIGHT, shuffle(jobs, random));

    for (const c of conferences) {
      expect((await store.conferences.get(c.conference.id))?.status).to.equal('in-progress');
      const invitees = await twin.invitees.list(c.conference.id);
      expect(invitees.filter((i) => i.checkIn?.present)).to.have.length(10);
      const trail = await store.audit.forConference(c.conference.id);
      expect(trail.filter((e) => e.action === 'checked-in'), `check-ins of ${c.conference.id}`).to.have.length(10);
      expect(trail.filter((e) => e.action === 'conference-started')).to.have.length(1);
      // The start posted the agenda and the attendance card in the conference's own chat.
      expect(connector.to(c.group.id).length).to.be.at.least(2);
    }
  });

  it('votes: 200 voters on two instances, 10 % delivered twice, some changing their view: each agency’s last vote counted once', async () => {
    await pool(
      IN_FLIGHT,
      conferences.map((c) => () => send(executeActivity('openRound', { conferenceId: c.conference.id }), chair, c.group)),
    );
    for (const c of conferences) expect((await store.votes.listRounds(c.conference.id)).map((r) => r.status)).to.deep.equal(['open']);

    const last = new Map<string, Map<string, View>>(conferences.map((c) => [c.conference.id, new Map()]));
    const changes = new Map<string, number>(conferences.map((c) => [c.conference.id, 0]));
    const jobs = conferences.flatMap((c) =>
      c.invitees.map(({ member, agency }) => async () => {
        const length = random() < 0.35 ? 2 + Math.floor(random() * 2) : 1;
        const sequence: View[] = [];
        for (let n = 0; n < length; n++) {
          const choice = sequence.length === 0 ? (random() < 0.6 ? 'cp-plan' : 'no-cp-plan') : sequence.at(-1)!.choice === 'cp-plan' ? 'no-cp-plan' : 'cp-plan';
          sequence.push(choice === 'no-cp-plan' ? { choice, recommendation: random() < 0.5 ? 'child-in-need' : 'no-further-action' } : { choice });
        }
        for (const view of sequence) {
          const data = { conferenceId: c.conference.id, roundId: '1', ...view, ...(view.choice === 'no-cp-plan' ? { reason: `${agency} sees the risk as managed` } : {}) };
          const answers = await send(executeActivity('vote', data), member, c.group);
          for (const a of answers) expect(a.body.type, JSON.stringify(a.body).slice(0, 300)).to.equal('application/vnd.microsoft.card.adaptive');
        }
        last.get(c.conference.id)!.set(agency, sequence.at(-1)!);
        changes.set(c.conference.id, changes.get(c.conference.id)! + sequence.length - 1);
      }),
    );
    await pool(IN_FLIGHT, shuffle(jobs, random));

    // Before the close, from the other instance's clients: exactly the last views, one per agency.
    for (const c of conferences) expect(viewsOf(await twin.votes.list(c.conference.id, 1))).to.deep.equal(sortedViews(last.get(c.conference.id)!));

    // The chair closes each round, from either instance, sometimes twice.
    await pool(
      IN_FLIGHT,
      conferences.map((c) => () => send(executeActivity('closeRound', { conferenceId: c.conference.id, roundId: '1', confirmMissing: 'true' }), chair, c.group)),
    );

    let changed = 0;
    for (const c of conferences) {
      const id = c.conference.id;
      const want = last.get(id)!;
      const [round] = await store.votes.listRounds(id);
      expect(round?.status, id).to.equal('closed');
      const votes = await store.votes.list(id, 1);
      expect(votes, `${id}: one vote per agency`).to.have.length(10);
      expect(new Set(votes.map((v) => v.agency)).size).to.equal(10);
      expect(viewsOf(votes), id).to.deep.equal(sortedViews(want));

      // The tally the bot recorded is the tally of the last votes.
      const expected = tallyOf(c.conference, votes, { now } as Turn);
      const closed = (await store.audit.forConference(id)).filter((e) => e.action === 'vote-round-closed');
      expect(closed, `${id}: closed once`).to.have.length(1);
      const counts = closed[0]!.details.counts as Record<string, number>;
      expect(counts, id).to.deep.equal(expected.counts);
      expect(Object.values(counts).reduce((a, b) => a + b, 0), `${id}: ten votes counted`).to.equal(10);
      expect(counts['cp-plan'] ?? 0).to.equal([...want.values()].filter((v) => v.choice === 'cp-plan').length);
      const decision = await store.decisions.get(id);
      if (expected.outcome === 'chair-decides') expect(decision).to.equal(undefined);
      else expect(decision?.outcome, id).to.equal(expected.outcome);

      const trail = await store.audit.forConference(id);
      expect(trail.filter((e) => e.action === 'vote-recorded'), `${id}: first votes`).to.have.length(10);
      expect(trail.filter((e) => e.action === 'vote-changed'), `${id}: changed votes`).to.have.length(changes.get(id)!);
      expect(trail.filter((e) => e.action === 'vote-round-opened')).to.have.length(1);
      changed += changes.get(id)!;
    }
    expect(changed, 'some voters changed their view').to.be.greaterThan(20);
    expect(stats.twice, 'some actions were delivered twice').to.be.greaterThan(30);
  });

  it('the reminder run, started on both instances at once, sends each reminder exactly once', async () => {
    // A chat nobody wrote in first is opened by Entra object id at the Bot Connector (here the loopback one).
    const config = readConfig({ PORT: '0', TEAMS_SERVICE_URL: connector.url });
    const policies = await loadPolicies();
    const services = [store, twin].map((s): Services => ({ store: s, messenger: new Messenger(createAdapter(config, () => undefined), ''), config, policies, log: () => undefined }));
    const everyone = conferences.flatMap((c) => c.invitees.map((i) => i.member));
    // Where each person is reached 1:1 (saved from their first personal message in real use).
    await pool(IN_FLIGHT, everyone.map((m) => () => store.conversations.save(m.aadObjectId, personalReference(m, connector.url), now.toISOString())));
    // Each conference: a report due today and minutes due tomorrow, and a review in two days.
    const day = (d: number) => new Date(Date.UTC(2026, 11, 7 + d)).toISOString().slice(0, 10);
    for (const c of conferences) {
      const base = { caseRef: c.conference.caseRef, conferenceId: c.conference.id, title: c.conference.childInitials, done: false };
      const users = c.invitees.map((i) => i.member.aadObjectId);
      await store.dueItems.schedule({ ...base, kind: 'report', due: day(0), userIds: users.slice(0, 4) });
      await store.dueItems.schedule({ ...base, kind: 'minutes', due: day(1), userIds: users.slice(4, 7) });
      await store.dueItems.schedule({ ...base, kind: 'later-review', due: day(2), userIds: users.slice(7) });
    }
    const isReminder = (a: Record<string, any>) => JSON.stringify(a.attachments ?? []).includes('TWO/2026/');
    const before = connector.outgoing.length;
    // What should go: every (item, person) due on the run's days — with a 1:1 reference or not (the
    // chair has none here: the run opens the chat by Entra object id, the app being installed by policy).
    const owed = async (days: string[]) => {
      let n = 0;
      for (const d of days) for (const item of await store.dueItems.forDay(d)) n += item.userIds.length;
      return n;
    };
    const firstOwed = await owed([day(0), day(1)]);
    const secondOwed = await owed([day(2)]);
    expect(firstOwed).to.be.at.least(CONFERENCES * 7);

    // Both instances' runs start together on the conference day: one holds the lease, the other stands aside.
    const runs = await Promise.all(services.map((s, i) => runReminders(s, now, `instance-${i + 1}`)));
    expect(runs.filter((r) => r.ran), JSON.stringify(runs)).to.have.length(1);
    expect(runs.reduce((n, r) => n + r.sent, 0)).to.equal(firstOwed);

    // The next day, two runs overlap even though the lease would keep them apart: the second starts
    // after the first one's lease has expired (a stalled instance), so only the per-reminder claims
    // stand between them and a double send. Tomorrow's minutes went yesterday; only the reviews are new.
    const nextDay = new Date('2026-12-08T07:00:00Z');
    const first = runReminders(services[0]!, nextDay, 'instance-1');
    while ((await twin.leases.get('reminder-run'))?.holder !== 'instance-1') await new Promise((r) => setTimeout(r, 2));
    const second = runReminders(services[1]!, new Date(nextDay.getTime() + 11 * 60_000), 'instance-2');
    const overlap = await Promise.all([first, second]);
    expect(overlap.map((r) => r.ran), 'both runs went ahead').to.deep.equal([true, true]);
    expect(overlap.reduce((n, r) => n + r.sent, 0), JSON.stringify(overlap)).to.equal(secondOwed);
    expect(overlap.reduce((n, r) => n + r.failed, 0)).to.equal(0);

    // What reached people, counted at the connector: each (person, case, what, due) once, all 1:1.
    const sent = connector.outgoing.slice(before).filter((o) => isReminder(o.activity));
    expect(sent.every((o) => o.conversationId.startsWith('a:personal-'))).to.equal(true);
    const keys = sent.map((o) => `${o.conversationId}|${reminderText(o.activity)}`);
    expect(keys).to.have.length(firstOwed + secondOwed);
    expect(new Set(keys).size, 'no reminder sent twice').to.equal(keys.length);
    // Each seeded reminder reached its person once (report, minutes or review of their conference).
    for (const m of everyone) {
      const mine = connector.to(`a:personal-${m.id}`).filter((o) => isReminder(o.activity)).map((o) => reminderText(o.activity));
      expect(mine.filter((t) => /report|minutes|review/i.test(t)), m.name).to.have.length.at.least(1);
    }
  });

  it('no group chat saw any child’s full name', () => {
    expectNoFullNamesInGroups(connector, conferences.map((c) => c.fullName), CONFERENCES * 4);
  });
});

const viewsOf = (votes: StoredVote[]) =>
  votes.map((v) => ({ agency: v.agency, choice: v.choice, recommendation: v.recommendation })).sort((a, b) => a.agency.localeCompare(b.agency));

const sortedViews = (views: Map<string, View>) =>
  [...views].map(([agency, v]) => ({ agency, choice: v.choice, recommendation: v.recommendation })).sort((a, b) => a.agency.localeCompare(b.agency));

/** The text of a reminder card, which names the case, what is due and when. */
function reminderText(activity: Record<string, any>): string {
  const texts: string[] = [];
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === 'object') {
      const o = x as Record<string, unknown>;
      if (typeof o.text === 'string') texts.push(o.text);
      Object.values(o).forEach(walk);
    }
  };
  walk(activity.attachments);
  return texts.join(' / ');
}

