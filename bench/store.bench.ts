// Store figures, each beside a baseline measured in the same run against the same Azurite:
// (a) one vote stored through the repository vs one raw upsertEntity, 64 voters at once;
// (b) "my upcoming reviews" for one user with 50,000 plans stored for 2,000 users.
// Uses AZURE_TABLES_CONNECTION_STRING when set, else an in-memory Azurite of its own.
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import { startAzurite } from '../src/store/azurite.js';
import { CONNECTION_STRING_VARIABLE } from '../src/store/connect.js';
import { createStore, type Store } from '../src/store/store.js';
import { createTables, tableClients } from '../src/store/tables.js';
import { percentile, report } from './report.js';

const VOTERS = 64;
const ROUNDS = 25;
const USERS = 2_000;
const PLANS = 50_000;
const QUERIES = 400;
const TODAY = '2026-12-01';

export async function run(): Promise<void> {
  const configured = process.env[CONNECTION_STRING_VARIABLE];
  const azurite = configured ? undefined : await startAzurite();
  try {
    const tables = tableClients(configured ?? azurite!.connectionString, `bench${randomUUID().slice(0, 8)}`);
    await createTables(tables);
    const store = createStore(tables);
    await votes(store, tables.conferences);
    await upcomingReviews(store, tables.cases, tables.dueByUser);
    if (configured) await Promise.all(Object.values(tables).map((t) => t.deleteTable()));
  } finally {
    await azurite?.stop();
  }
}

/** (a) Rounds of 64 voters voting at once; raw upserts of the same entities in the same shape, interleaved. */
async function votes(store: Store, table: TableClient): Promise<void> {
  const agencies = Array.from({ length: VOTERS }, (_, i) => `agency-${i + 1}`);
  const chair = { userId: 'aad-chair', name: 'Chris Chair' };
  const conferenceId = `bench-${randomUUID()}`;
  await store.conferences.create({
    id: conferenceId, caseRef: 'BENCH/1', childInitials: 'AB', kind: 'initial', policy: 'bolton', scheduledAt: '2026-12-01T10:00:00.000Z',
    triggerDate: '2026-11-16', dueBy: '2026-12-07', chair, status: 'in-progress', lookedAfter: false, createdAt: '2026-11-20T09:00:00.000Z',
  });
  const ballot = (i: number, round: number) => ({
    userId: `aad-voter-${i}`, name: `Voter ${i}`, agency: agencies[i]!, role: 'professional' as const,
    choice: i % 3 ? ('cp-plan' as const) : ('no-cp-plan' as const), reason: 'Concerns shared by the school and health visitor', at: new Date(Date.UTC(2026, 11, 1, 10, round)).toISOString(),
  });
  const repo: number[] = [];
  const raw: number[] = [];
  for (let r = 1; r <= ROUNDS + 2; r++) {
    const warmUp = r <= 2;
    const opened = await store.votes.openRound(conferenceId, { question: 'initial', agencies, openedBy: chair, at: new Date().toISOString() });
    if (opened.outcome !== 'opened') throw new Error(`round not opened: ${opened.outcome}`);
    const round = opened.round.round;
    const repoTimes = await Promise.all(agencies.map((_, i) => timed(async () => {
      // As the bot does: it has read the round to show the card, and passes it on.
      const result = await store.votes.cast(conferenceId, opened.round, ballot(i, round));
      if (!result.ok || result.outcome !== 'recorded') throw new Error(`vote not recorded: ${JSON.stringify(result)}`);
    })));
    await store.votes.close(conferenceId, round, { closedBy: chair, at: new Date().toISOString() });
    // The baseline: the same vote row, written by one unconditional upsert.
    const rawTimes = await Promise.all(agencies.map((agency, i) => timed(() =>
      table.upsertEntity({ partitionKey: `${conferenceId}-raw`, rowKey: `vote|${String(round).padStart(4, '0')}|${agency}`, conferenceId, round, agency, question: 'initial', closed: false, ballot: JSON.stringify(ballot(i, round)) }, 'Replace'),
    )));
    if (!warmUp) repo.push(...repoTimes), raw.push(...rawTimes);
  }
  const votes = await store.votes.list(conferenceId, ROUNDS + 2);
  if (votes.length !== VOTERS) throw new Error(`expected ${VOTERS} votes in the last round, found ${votes.length}`);
  for (const p of [50, 99]) {
    const [mine, base] = [percentile(sorted(repo), p), percentile(sorted(raw), p)];
    report({ name: `store: one vote, ${VOTERS} voters at once, p${p}`, value: mine, unit: 'ms', goal: '≤ 2× raw upsertEntity', baseline: base, met: mine <= 2 * base });
  }
}

/** (b) 50,000 plans (Cases) each with its review listed for one of 2,000 users (DueByUser); then one user's query. */
async function upcomingReviews(store: Store, cases: TableClient, dueByUser: TableClient): Promise<void> {
  const started = performance.now();
  const perUser: TransactionAction[][] = Array.from({ length: USERS }, () => []);
  const plans: TransactionAction[][] = [];
  for (let n = 0; n < PLANS; n++) {
    const caseRef = `CP/2026/${String(n).padStart(5, '0')}`;
    const due = isoDay(TODAY, Math.floor(n / USERS) * 15 - 60 + (n % 7)); // each user: some overdue, most upcoming
    const user = `aad-user-${n % USERS}`;
    const plan = { caseRef, plan: 'cp' as const, onPlanSince: isoDay(due, -90), category: { primary: 'neglect' as const, others: [] }, nextReviewDate: due };
    const review = { kind: 'later-review' as const, due, caseRef, title: `Review ${caseRef}`, done: false };
    // The case's plan and its review (the source of truth "my reviews" confirms each listed item against), and the user's index row.
    plans.push([store.plans.rows.upsertAction(plan), store.dueItems.byCase.upsertAction({ ...review, userIds: [user] })]);
    perUser[n % USERS]!.push(store.dueItems.byUser.upsertAction({ ...review, userId: user }));
  }
  // One transaction per user partition (25 rows each) and per case (its plan and review), 64 in flight.
  await inFlight(64, perUser.map((actions) => () => dueByUser.submitTransaction(actions)));
  await inFlight(64, plans.map((actions) => () => cases.submitTransaction(actions)));
  console.log(`  seeded ${PLANS} plans and their reviews for ${USERS} users in ${Math.round(performance.now() - started)} ms`);

  const users = Array.from({ length: QUERIES }, (_, i) => `aad-user-${(i * 7919) % USERS}`);
  // Baseline: the same user's partition read raw, no filter or validation.
  const base: number[] = [];
  const mine: number[] = [];
  for (const user of users) {
    base.push(await timed(async () => {
      for await (const _ of dueByUser.listEntities({ queryOptions: { filter: odata`PartitionKey eq ${user}` } }));
    }));
    mine.push(await timed(async () => {
      const items = await store.dueItems.upcomingForUser(user, TODAY, { kinds: ['later-review'] });
      if (items.length === 0) throw new Error(`no upcoming reviews for ${user}`);
    }));
  }
  const p95 = percentile(sorted(mine), 95);
  report({ name: `store: my upcoming reviews (${PLANS / 1000}k plans, ${USERS} users), p95`, value: p95, unit: 'ms', goal: '≤ 50 ms', baseline: percentile(sorted(base), 95), met: p95 <= 50 });
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

async function inFlight(limit: number, jobs: (() => Promise<unknown>)[]): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: limit }, async () => {
    while (next < jobs.length) await jobs[next++]!();
  }));
}

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

function isoDay(from: string, days: number): string {
  return new Date(Date.parse(`${from}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
