// Property-based fuzzing of every card action and command through the running bot over HTTP
// (Action.Execute invokes, the Action.Submit fallback and typed messages): more than 10,000
// generated payloads — garbage, wrong types, missing fields, huge strings, unknown verbs, stale
// round ids, other conferences' ids, OData filter text in ids and case references — each sent by
// someone who may not do it. Every one must get a clear refusal (an invoke error with a message,
// an error card, or a help card), the process must stay up, and nothing in the store may change
// but the audit trail, which gains the refusals.
import { expect } from 'chai';
import fc from 'fast-check';
import { startApp } from '../../bot/app.js';
import { readConfig } from '../../bot/config.js';
import { NOT_SAVED } from '../../bot/adapter.js';
import type { RunningServer } from '../../bot/server.js';
import { parseCardAction, VERBS } from '../../cards/actions.js';
import { TABLES, type TableId } from '../../src/store/tables.js';
import { testStore, type TestStore } from '../support/store.js';
import { expectNoFullNamesInGroups } from './support/confidentiality.js';
import { FakeConnector, type Member } from './support/connector.js';
import { executeActivity, messageActivity, pool, seeded, type Answer } from './support/deliver.js';
import { person, seedConference, type SeededConference } from './support/seed.js';
import { personal, TeamsClient, type Conversation } from './support/teams.js';
import { shuffle } from './support/deliver.js';

const SEED = Number(process.env.FUZZ_SEED ?? 7_2026);
const IN_FLIGHT = 32;
const COUNTS = { garbage: 2_000, malformed: 4_000, unauthorised: 3_000, commands: 1_500 };

describe('Fuzzing every card action and command over HTTP (fast-check)', function () {
  this.timeout(180_000);
  const chairA = person('fz-chair-a', 'Irene Chair');
  const chairB = person('fz-chair-b', 'Bernard Chair');
  const cpu = person('fz-cpu', 'Carol Unit');
  const stranger = person('fz-stranger', 'Sophie Stranger');
  const a = ['csc', 'police', 'health', 'gp', 'school'].map((k) => person(`fz-a-${k}`, `A ${k} rep`));
  const b = ['csc', 'police', 'gp'].map((k) => person(`fz-b-${k}`, `B ${k} rep`));
  const c = ['csc', 'police', 'gp'].map((k) => person(`fz-c-${k}`, `C ${k} rep`));
  const directory: Member[] = [chairA, chairB, cpu, stranger, ...a, ...b, ...c];
  const connector = new FakeConnector(directory);
  let store: TestStore;
  let server: RunningServer;
  let teams: TeamsClient;
  const now = new Date('2026-12-07T11:00:00Z');
  let A: SeededConference; // decided: its round 1 is closed, a/1 dissented
  let B: SeededConference; // scheduled, chaired by someone else
  let C: SeededConference; // in progress with round 1 open, chaired by someone else
  const sent = { invoke: 0, submit: 0, message: 0, oversize: 0, early: 0 };

  before(async () => {
    await connector.start();
    store = await testStore();
    const config = readConfig({ PORT: '0', ADMIN_USER_IDS: cpu.aadObjectId });
    server = await startApp({ config, store, now: () => now, log: () => undefined, host: '127.0.0.1' });
    teams = new TeamsClient(server.url, () => connector.url);
    const agencies = ['childrens-social-care', 'police', 'health-visiting', 'gp', 'education'];
    A = await seedConference(store, { id: 'FZA-1.2026-12-07.initial', caseRef: 'FZA/2026/1', fullName: 'Avery Fuzzcase-Alpha', chair: chairA, invitees: a.map((member, i) => ({ member, agency: agencies[i]! })) });
    B = await seedConference(store, { id: 'FZB-2.2026-12-21.initial', caseRef: 'FZB/2026/2', fullName: 'Blair Fuzzcase-Beta', chair: chairB, scheduledAt: '2026-12-21T10:00:00.000Z', invitees: b.map((member, i) => ({ member, agency: agencies[i === 2 ? 3 : i]! })) });
    C = await seedConference(store, { id: 'FZC-3.2026-12-07.initial', caseRef: 'FZC/2026/3', fullName: 'Casey Fuzzcase-Gamma', chair: chairB, invitees: c.map((member, i) => ({ member, agency: agencies[i === 2 ? 3 : i]! })) });
    // A runs to a decision with one dissent; C is left with its vote open.
    const ok = (r: Answer) => expect(r.status, JSON.stringify(r.body ?? null)).to.equal(200);
    ok(await teams.say(chairA, A.group, `start ${A.conference.caseRef}`));
    for (const m of a) ok(await teams.execute(m, A.group, 'checkIn', { conferenceId: A.conference.id }));
    ok(await teams.execute(chairA, A.group, 'openRound', { conferenceId: A.conference.id }));
    for (const [i, m] of a.entries()) ok(await teams.execute(m, A.group, 'vote', { conferenceId: A.conference.id, roundId: '1', ...(i === 1 ? { choice: 'no-cp-plan', recommendation: 'child-in-need' } : { choice: 'cp-plan' }) }));
    ok(await teams.execute(chairA, A.group, 'closeRound', { conferenceId: A.conference.id, roundId: '1' }));
    expect((await store.decisions.get(A.conference.id))?.outcome).to.equal('cp-plan');
    ok(await teams.say(chairB, C.group, `start ${C.conference.caseRef}`));
    for (const m of c) ok(await teams.execute(m, C.group, 'checkIn', { conferenceId: C.conference.id }));
    ok(await teams.execute(chairB, C.group, 'openRound', { conferenceId: C.conference.id }));
    ok(await teams.execute(c[0]!, C.group, 'vote', { conferenceId: C.conference.id, roundId: '1', choice: 'cp-plan' }));
    // Everyone who will type has written to the bot 1:1 before (their chat is remembered).
    for (const m of [stranger, chairA, a[0]!, a[1]!]) ok(await teams.say(m, personal(m), 'help'));
  });

  after(async () => {
    await server?.close();
    await connector.stop();
  });

  it(`${Object.values(COUNTS).reduce((x, y) => x + y, 0)} generated payloads: each refused clearly, nothing stored but the refusals`, async () => {
    const before = await snapshot(store);
    const auditBefore = await countAudit(store);

    // ---------- the pools the generators draw from ----------
    const odata = fc.constantFrom(
      "' or PartitionKey ne '",
      "x' or '1' eq '1",
      "') or (PartitionKey ne '",
      "FZA-1.2026-12-07.initial' or RowKey ne '",
      "FZA/2026/1' or PartitionKey ne '",
      "PartitionKey eq 'FZA-1.2026-12-07.initial'",
      "%27%20or%20PartitionKey%20ne%20%27",
      "x'or'PartitionKey'ne'",
      "FZA-1.2026-12-07.initial'or'1'eq'1",
    );
    const weirdId = fc.constantFrom("x'or'PartitionKey'ne'", "FZA-1.2026-12-07.initial'or'1'eq'1", "'", "''", '%27', 'a/b', 'a#b', 'a?b', 'a\\b', '..', '*', 'conference', 'FZA-1.2026-12-07.initial|vote', '\u0000', '\u007f', 'é', '𝕏'.repeat(3), 'x'.repeat(200));
    const huge = fc.integer({ min: 4_000, max: 60_000 }).chain((n) => fc.constantFrom('x', 'é', '𝕏', "' or ", '<at>', '\n').map((ch) => ch.repeat(Math.ceil(n / ch.length))));
    const text = fc.oneof(odata, weirdId, fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }), huge, fc.integer().map(String));
    const wrongType = fc.oneof(text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }), fc.object({ maxDepth: 1, maxKeys: 3 }));
    // Round numbers that exist nowhere (never one that reads as 1: A's round 1 is closed, C's open).
    const staleRound = fc.oneof(fc.constantFrom('0', '2', '3', '99', '9999', '-1', '1.5', '2e3', 'abc', "1'or'1'eq'1", '٣'), fc.integer({ min: 2, max: 100_000 }).map(String)).filter((r) => Number(r.trim()) !== 1);
    const otherId = fc.oneof(fc.constantFrom(B.conference.id, C.conference.id, 'FZZ-9.2026-12-07.initial'), weirdId.filter((x) => /^[^\s${}]+$/.test(x.trim()) && x.trim().length > 0));
    const caseRefs = fc.oneof(fc.constantFrom(A.conference.caseRef, B.conference.caseRef, C.conference.caseRef, 'NOPE/2026/0'), odata, weirdId, huge);
    const verb = fc.oneof(fc.constantFrom(...VERBS), fc.string({ maxLength: 20 }), fc.constantFrom('delete', 'admin', '__proto__', 'constructor', 'toString', 'VOTE', 'vote ', ''));
    const nonString = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 2 }), fc.object({ maxDepth: 1, maxKeys: 2 }));
    const anyone = fc.constantFrom(stranger, chairA, chairB, a[0]!, a[1]!, c[1]!, cpu);
    const where = (m: Member): fc.Arbitrary<Conversation> => fc.constantFrom(personal(m), A.group, C.group);

    /** A valid payload of each verb, for `id` and `round`; mutated into invalid ones below. */
    const base = (v: string, id: string, round: string): Record<string, unknown> =>
      ({
        refresh: { card: 'vote', conferenceId: id, roundId: round },
        openSchedule: {},
        scheduleDraft: { step: 'check' },
        schedule: { caseRef: 'FZD/2026/4', childInitials: 'D.F.', childFullName: 'Drew Fuzzcase-Delta', kind: 'initial', triggerDate: '2026-12-01', date: '2026-12-14', time: '10:00', policy: 'bolton', chairName: chairA.name, chairContact: chairA.email, invitee1Name: a[0]!.name, invitee1Contact: a[0]!.email, invitee1Agency: 'childrens-social-care', invitee1Direct: 'true' },
        rsvp: { conferenceId: id, answer: 'attending' },
        checkIn: { conferenceId: id },
        standDown: { conferenceId: id, standDownNote: '' },
        proceed: { conferenceId: id, proceedReason: 'The GP has sent a full report.' },
        openRound: { conferenceId: id },
        chairCheckIn: { conferenceId: id, person: a[0]!.aadObjectId, present: 'true', personHow: 'room' },
        checkInDeputy: { conferenceId: id, deputyAgency: 'police', deputyName: 'Dan Deputy', deputyHow: 'phone' },
        checkInWalkIn: { conferenceId: id, walkInName: 'Wendy Walkin', walkInAgency: 'housing', walkInRole: 'professional', walkInDirect: 'true' },
        recordView: { conferenceId: id, roundId: round, viewAgency: 'police', viewChoice: 'cp-plan', viewReason: 'Neglect is persistent.' },
        vote: { conferenceId: id, roundId: round, choice: 'cp-plan' },
        closeRound: { conferenceId: id, roundId: round },
        defer: { conferenceId: id, roundId: round, deferReason: 'The paediatric assessment is missing.' },
        dissentReason: { conferenceId: id, roundId: round, dissentReason: 'The family engages with support.' },
        splitDecision: { conferenceId: id, roundId: round, decision: 'cp-plan', rationale: 'Neglect is persistent and well evidenced.' },
        proposeCategory: { conferenceId: id, primary: 'neglect', others: '' },
        decideCategory: { conferenceId: id, primary: 'neglect', others: 'emotional' },
        planRecord: { conferenceId: id, leadProfessional: a[0]!.aadObjectId, coreGroup: a[0]!.aadObjectId, firstCoreGroupDate: '2026-12-14', firstReviewDate: '2027-02-01', outlinePlan: 'Weekly visits.', contingencyPlan: 'Legal planning meeting.' },
        // Another chair's case: A's plan (started at its decision) may be ended by its own chair.
        endPlan: { caseRef: B.conference.caseRef, reason: 'died', endedOn: '2026-12-07' },
        showRecord: { conferenceId: id },
        openChange: { conferenceId: id },
        reschedule: { conferenceId: id, newDate: '2026-12-15', newTime: '10:00' },
        cancelConference: { conferenceId: id, cancelReason: 'The family moved away.' },
        addInvitee: { conferenceId: id, addLine: `${a[0]!.name}, ${a[0]!.email}, Police` },
        removeInvitee: { conferenceId: id, removeWho: a[0]!.aadObjectId },
        remindNonResponders: { conferenceId: id },
        bookReview: { caseRef: A.conference.caseRef },
        myReviews: {},
        overdue: {},
      })[v] ?? {};

    // 1. Garbage: any JSON as the action's data, any verb or none.
    const garbage = fc.record({
      actor: anyone,
      data: fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.object({ maxDepth: 2 }), fc.constant({})),
      verb: fc.oneof(verb, nonString),
    }).map(({ actor, data, verb }) => ({ actor, payload: { ...(typeof data === 'object' && data !== null && !Array.isArray(data) ? data : { data }), verb } as Record<string, unknown> }))
      .filter(({ payload }) => !parseCardAction(payload).ok);

    // 2. A real verb's payload with fields of the wrong type, missing, huge or injected.
    const malformed = fc.record({
      actor: anyone,
      verb: fc.constantFrom(...VERBS),
      id: fc.oneof(fc.constantFrom(A.conference.id, B.conference.id, C.conference.id), otherId),
      round: fc.oneof(fc.constant('1'), staleRound),
      changes: fc.array(fc.tuple(fc.oneof(fc.constantFrom('conferenceId', 'roundId', 'choice', 'answer', 'card', 'caseRef', 'reason', 'recommendation', 'decision', 'rationale', 'primary', 'others', 'coreGroup', 'date', 'time', 'deputyName', 'invitee1Contact', 'scaleAgencies', 'verb'), fc.string({ maxLength: 8 })), fc.option(wrongType, { nil: undefined, freq: 3 })), { minLength: 1, maxLength: 4 }),
    }).map(({ actor, verb: v, id, round, changes }) => {
      const payload: Record<string, unknown> = { ...base(v, id, round), verb: v };
      for (const [key, value] of changes) {
        if (key === 'verb' && typeof value === 'string') continue; // a string verb may be valid: garbage covers those
        if (value === undefined) delete payload[key];
        else payload[key] = value;
      }
      return { actor, payload };
    }).filter(({ payload }) => !parseCardAction(payload).ok);

    // 3. Well-formed payloads from someone who may not do it: other conferences, stale rounds.
    const refusedVerbs = VERBS.filter((v) => v !== 'myReviews' && v !== 'overdue');
    const outsider = fc.record({ actor: fc.constant(stranger), verb: fc.constantFrom(...refusedVerbs), id: fc.oneof(fc.constantFrom(A.conference.id, B.conference.id, C.conference.id), otherId), round: fc.oneof(fc.constant('1'), staleRound) });
    // Invited to A, or chairing it: anything on the others; on A itself only rounds that do not exist.
    const elsewhere = fc.record({ actor: fc.constantFrom(chairA, a[0]!, a[1]!), verb: fc.constantFrom(...refusedVerbs), id: otherId, round: fc.oneof(fc.constant('1'), staleRound) });
    const staleOnA = fc.record({ actor: fc.constantFrom(chairA, a[0]!, a[1]!), verb: fc.constantFrom('vote', 'refresh', 'closeRound', 'splitDecision', 'dissentReason'), id: fc.constant(A.conference.id), round: staleRound });
    const unauthorised = fc.oneof(outsider, elsewhere, staleOnA)
      .chain(({ actor, verb: v, id, round }) => fc.record({ actor: fc.constant(actor), payload: fc.constant({ ...base(v, id, round), verb: v } as Record<string, unknown>) }))
      .filter(({ payload }) => parseCardAction(payload).ok);

    // 4. Typed commands: noise, and every command with other people's cases or injected text.
    const command = fc.oneof(
      fc.string({ maxLength: 60 }),
      fc.string({ unit: 'binary', maxLength: 60 }),
      fc.tuple(fc.constantFrom('next review', 'record', 'start', 'end plan', 'NEXT REVIEW', 'start  '), caseRefs, fc.constantFrom('', ' died', ' turned 18', ' moved', ' because')).map(([c, ref, tail]) => `${c} ${ref}${tail}`),
      fc.constantFrom('schedule', 'help', 'my reviews', 'overdue', '?', 'schedule conference', `start ${A.conference.caseRef}`, `end plan ${A.conference.caseRef} died`),
      huge,
    );
    const commands = fc.record({ actor: fc.constantFrom(stranger, chairA, a[0]!, a[1]!), text: command }).chain(({ actor, text }) => fc.record({ actor: fc.constant(actor), text: fc.constant(text), where: where(actor) }));

    const seed = (n: number) => ({ seed: SEED + n, numRuns: 0 });
    const cases = {
      garbage: fc.sample(garbage, { ...seed(1), numRuns: COUNTS.garbage }),
      malformed: fc.sample(malformed, { ...seed(2), numRuns: COUNTS.malformed }),
      unauthorised: fc.sample(unauthorised, { ...seed(3), numRuns: COUNTS.unauthorised }),
      commands: fc.sample(commands, { ...seed(4), numRuns: COUNTS.commands }),
    };
    const pick = fc.sample(fc.boolean(), { seed: SEED, numRuns: 10_000 });
    const failures: string[] = [];
    const fail = (what: string, detail: unknown) => failures.length < 20 && failures.push(`${what}: ${JSON.stringify(detail).slice(0, 600)}`);

    // Card actions: each as an Action.Execute invoke or as an Action.Submit message, alternately picked.
    const actionJobs = [...cases.garbage, ...cases.malformed, ...cases.unauthorised].map(({ actor, payload }, i) => async () => {
      const conversation = [personal(actor), A.group, C.group][i % 3]!;
      if (pick[i % pick.length]) {
        sent.invoke += 1;
        const activity = executeActivity(typeof payload.verb === 'string' ? payload.verb : 'x', payload);
        (activity.value as any).action.verb = payload.verb; // non-string verbs too
        const answer = await teams.post(activity, actor, conversation);
        const message = answer.body?.value?.message;
        // A form refused in the scheduler's 1:1 chat comes back filled in, the problems marked on it.
        // A refusal is shown by Teams as HTTP 200 with the error in the body; an action the SDK could
        // not even read (a verb that is no string) is answered HTTP 400 before it is looked at.
        const formBack = answer.status === 200 && refusedForm(answer.body?.value);
        // Refused before anything is read or written (HTTP 400): nothing to audit.
        if (answer.status === 400) sent.early += 1;
        if (!formBack && ((answer.status !== 200 && answer.status !== 400) || answer.body?.statusCode !== 400 || typeof message !== 'string' || message.trim() === '')) fail(`invoke ${i}`, { payload, status: answer.status, body: answer.body });
      } else {
        sent.submit += 1;
        const activity = { id: `fz-submit-${i}`, type: 'message', value: payload, replyToId: `card-${i}` };
        const answer = await teams.post(activity, actor, conversation);
        const replies = connector.outgoing.filter((o) => o.activity.replyToId === activity.id);
        const error = replies.some((o) => (o.activity.attachments ?? []).some((x: any) => JSON.stringify(x.content).includes('"style":"attention"')));
        const updates = connector.outgoing.filter((o) => o.kind === 'update' && o.activityId === `card-${i}`);
        const formBack = updates.length > 0 && updates.every((o) => (o.activity.attachments ?? []).some((x: any) => refusedForm(x.content)));
        if (answer.status !== 200 || !(error || formBack) || replies.some((o) => o.activity.text === NOT_SAVED) || (updates.length > 0 && !formBack)) {
          fail(`submit ${i}`, { payload, status: answer.status, replies: replies.map((o) => o.activity.text ?? o.activity.attachments) });
        }
      }
    });
    const commandJobs = cases.commands.map(({ actor, text, where: conversation }, i) => async () => {
      sent.message += 1;
      const activity = messageActivity(conversation, text, `fz-message-${i}`);
      const answer = await teams.post(activity, actor, conversation);
      const replies = connector.outgoing.filter((o) => o.activity.replyToId === activity.id);
      const carded = replies.some((o) => (o.activity.attachments ?? []).length > 0);
      if (answer.status !== 200 || !carded || replies.some((o) => o.activity.text === NOT_SAVED)) fail(`message ${i}`, { text: text.slice(0, 200), status: answer.status, replies: replies.map((o) => o.activity.text ?? 'card') });
    });
    // A body over the server's limit is turned away at the door, and the server carries on.
    const oversizeJobs = Array.from({ length: 5 }, (_, i) => async () => {
      sent.oversize += 1;
      const answer = await teams.post(executeActivity('vote', { conferenceId: C.conference.id, roundId: '1', choice: 'cp-plan', reason: 'x'.repeat(300_000) }), c[1]!, C.group);
      if (answer.status !== 413) fail(`oversize ${i}`, { status: answer.status });
    });

    const started = performance.now();
    const jobs = shuffle([...actionJobs, ...commandJobs, ...oversizeJobs], seeded(SEED));
    await pool(IN_FLIGHT, jobs);
    const seconds = (performance.now() - started) / 1000;
    console.log(`      ${jobs.length} payloads (${sent.invoke} invokes, ${sent.submit} submits, ${sent.message} messages, ${sent.oversize} oversize) in ${seconds.toFixed(1)} s`);

    expect(failures, failures.join('\n')).to.deep.equal([]);
    expect(sent.invoke + sent.submit + sent.message).to.be.at.least(10_000);

    // Still up, and still working.
    expect((await fetch(`${server.url}/healthz`)).status).to.equal(200);
    // Nothing changed but the audit trail, which gained at least one entry per refused card action.
    const after = await snapshot(store);
    expect(changes(before, after), 'rows changed by the fuzzing').to.deep.equal([]);
    expect((await countAudit(store)) - auditBefore).to.be.at.least(sent.invoke + sent.submit - sent.early);
    const works = await teams.execute(c[1]!, C.group, 'vote', { conferenceId: C.conference.id, roundId: '1', choice: 'cp-plan' });
    expect(works.status).to.equal(200);
  });

  it('no group chat saw any child’s full name', () => {
    expectNoFullNamesInGroups(connector, [A.fullName, B.fullName, C.fullName], 100);
  });
});

/** The scheduling form sent back as typed with its problems marked: a refusal that keeps the values. */
function refusedForm(card: unknown): boolean {
  const json = JSON.stringify(card ?? '');
  const schedule = json.includes('Schedule a conference') && json.includes('Nothing was scheduled');
  const change = json.includes('Change the conference') && json.includes('Nothing was changed');
  return (schedule || change) && json.includes('"style":"attention"');
}

/** Every entity of every table but the audit trail, without ETags and timestamps, in key order. */
async function snapshot(store: TestStore): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const id of Object.keys(TABLES) as TableId[]) {
    if (id === 'audit') continue;
    const rows: unknown[] = [];
    for await (const e of store.tables[id].listEntities<Record<string, unknown>>()) {
      const { etag: _etag, timestamp: _timestamp, ...rest } = e as Record<string, unknown>;
      // A conference's audit trail lives in its partition (written with the change it records).
      if (id === 'conferences' && String(rest.rowKey).startsWith('audit|')) continue;
      // A shared card's writer may still be catching up with the votes cast before the fuzzing:
      // its bookkeeping (who holds the card, the version shown, when) is not the conference's state.
      if (id === 'conferences' && String(rest.rowKey).startsWith('card|')) {
        for (const k of ['holder', 'heldUntil', 'lastUpdateAt', 'updatedAt', 'version']) delete rest[k];
      }
      // A 1:1 conversation reference is re-saved with each message's activity id: not a change of state.
      if (id === 'conversations') {
        const reference = JSON.parse(String(rest.reference)) as Record<string, unknown>;
        delete reference.activityId;
        rows.push({ ...rest, reference, updatedAt: undefined });
      } else rows.push(rest);
    }
    out[id] = rows;
  }
  return out;
}

/** Rows added, removed or changed between two snapshots, named by table and keys. */
function changes(before: Record<string, unknown[]>, after: Record<string, unknown[]>): string[] {
  const out: string[] = [];
  for (const table of Object.keys(after)) {
    const key = (r: any) => `${table} ${r.partitionKey} ${r.rowKey}`;
    const was = new Map((before[table] ?? []).map((r) => [key(r), JSON.stringify(r)]));
    const is = new Map(after[table]!.map((r) => [key(r), JSON.stringify(r)]));
    for (const [k, v] of is) if (!was.has(k)) out.push(`added ${k}: ${v.slice(0, 300)}`);
    else if (was.get(k) !== v) out.push(`changed ${k}: ${was.get(k)!.slice(0, 300)} → ${v.slice(0, 300)}`);
    for (const k of was.keys()) if (!is.has(k)) out.push(`removed ${k}`);
  }
  return out;
}

/** The audit trail: the general table and each conference's own partition. */
async function countAudit(store: TestStore): Promise<number> {
  let n = await countRows(store, 'audit');
  for await (const e of store.tables.conferences.listEntities<Record<string, unknown>>()) if (String(e.rowKey).startsWith('audit|')) n += 1;
  return n;
}

async function countRows(store: TestStore, id: TableId): Promise<number> {
  let n = 0;
  for await (const _ of store.tables[id].listEntities()) n += 1;
  return n;
}

