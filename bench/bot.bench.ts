// Bot figures, each beside a baseline measured in the same run against the same Azurite:
// (a) one vote as an Action.Execute invoke, end to end through the HTTP server (adapter, router,
//     handler, store, cards, the shared card's update at the connector), 64 voters at once, vs one
//     raw upsertEntity round trip, 64 at once;
// (b) the memory of one bot instance (its own process) after 10,000 card actions, and its growth
//     from the 5,000th to the 10,000th.
// The bot runs in a child process so that its RSS is its own (Azurite, the loopback Bot Connector
// and the load generator stay in this process), and it runs as `npm start` runs it: the project
// is compiled (tsc, into dist/) and the child is this file's compiled twin, started with
// BOT_BENCH_CHILD set and the start script's Node flags — under tsx the TypeScript loader alone
// would add ~60 MB to the RSS.
// Uses AZURE_TABLES_CONNECTION_STRING when set, else an in-memory Azurite of its own.
import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import type { TableClient } from '@azure/data-tables';
import { startApp } from '../bot/app.js';
import { startCommand } from '../dev/lib/start-command.js';
import { readConfig } from '../bot/config.js';
import { startAzurite } from '../src/store/azurite.js';
import { CONNECTION_STRING_VARIABLE } from '../src/store/connect.js';
import { createStore, type Store } from '../src/store/store.js';
import { createTables, tableClients } from '../src/store/tables.js';
import { FakeConnector, type Member } from '../test/bot/support/connector.js';
import { executeActivity, pool } from '../test/bot/support/deliver.js';
import { person, seedConference, type SeededConference } from '../test/bot/support/seed.js';
import { TeamsClient } from '../test/bot/support/teams.js';
import { percentile, report } from './report.js';

const VOTERS = 64;
const ROUNDS = 22; // the first 2 warm up
const ACTIONS = 10_000;
const IN_FLIGHT = 16;
const NOW = '2026-12-07T11:00:00.000Z';
const MB = 1024 * 1024;

type Memory = { rss: number; heapUsed: number };

export async function run(): Promise<void> {
  const configured = process.env[CONNECTION_STRING_VARIABLE];
  const azurite = configured ? undefined : await startAzurite();
  const connectionString = configured ?? azurite!.connectionString;
  const prefix = `benchbot${randomUUID().slice(0, 8)}`;
  const tables = tableClients(connectionString, prefix);
  await createTables(tables);
  const store = createStore(tables);
  const chair = person('bench-chair', 'Irene Chair');
  const voters = Array.from({ length: VOTERS }, (_, i) => person(`bench-voter-${i}`, `Voter ${i}`));
  const connector = new FakeConnector([chair, ...voters]);
  await connector.start();
  const bot = await startChild(compiled(), connectionString, prefix);
  try {
    const idle = await bot.memory();
    const teams = new TeamsClient(bot.url, () => connector.url);
    const conference = await seed(store, chair, voters);
    await voteLatency(store, tables.conferences, teams, conference, connector);
    await memory(store, teams, conference, connector, bot, idle);
  } finally {
    await bot.stop();
    await connector.stop();
    if (configured) await Promise.all(Object.values(tables).map((t) => t.deleteTable()));
    await azurite?.stop();
  }
}

/** A conference in progress with 64 agencies present (one voter each), written through the store. */
async function seed(store: Store, chair: Member, voters: Member[]): Promise<SeededConference> {
  const agencies = voters.map((_, i) => (i === 0 ? 'childrens-social-care' : `agency-${i}`));
  const c = await seedConference(store, { id: `BENCH-${randomUUID().slice(0, 8)}`, caseRef: 'BENCH/2026/1', fullName: 'Sam Benchmark', chair, invitees: voters.map((member, i) => ({ member, agency: agencies[i]! })), status: 'in-progress' });
  await pool(16, voters.map((m, i) => () => store.invitees.checkIn(c.conference.id, m.aadObjectId, { present: true, role: 'professional', agency: agencies[i]!, at: NOW })));
  return c;
}

/** (a) Rounds of 64 voters voting at once through HTTP; raw upserts of 64 rows at once, interleaved. */
async function voteLatency(store: Store, table: TableClient, teams: TeamsClient, c: SeededConference, connector: FakeConnector): Promise<void> {
  const id = c.conference.id;
  const chair = { userId: c.chair.aadObjectId, name: c.chair.name };
  const agencies = c.invitees.map((i) => i.agency);
  const bot: number[] = [];
  const raw: number[] = [];
  let busiest = 0;
  let throttled = 0;
  // The stand-in enforces Teams' per-conversation limits (429 over them), as Teams does.
  connector.teams.limits = true;
  for (let r = 1; r <= ROUNDS; r++) {
    const warmUp = r <= 2;
    const opened = await store.votes.openRound(id, { question: 'initial', agencies, openedBy: chair, at: NOW });
    if (opened.outcome !== 'opened') throw new Error(`round not opened: ${opened.outcome}`);
    const round = String(opened.round.round);
    const botTimes = await Promise.all(
      c.invitees.map(({ member }, i) =>
        timed(async () => {
          const choice = (i + r) % 3 ? { choice: 'cp-plan' } : { choice: 'no-cp-plan', recommendation: 'child-in-need' };
          const answer = await teams.post({ ...executeActivity('vote', { conferenceId: id, roundId: round, ...choice }), replyToId: `vote-card-${round}` }, member, c.group);
          if (answer.status !== 200) throw new Error(`vote answered ${answer.status}: ${JSON.stringify(answer.body)}`);
        }),
      ),
    );
    const stored = await store.votes.list(id, opened.round.round);
    if (stored.length !== VOTERS) throw new Error(`expected ${VOTERS} votes in round ${round}, found ${stored.length}`);
    await store.votes.close(id, opened.round.round, { closedBy: chair, at: NOW });
    // The baseline: one unconditional upsert of a vote-sized row per voter, all at once.
    const rawTimes = await Promise.all(
      agencies.map((agency, i) =>
        timed(() => table.upsertEntity({ partitionKey: `${id}-raw`, rowKey: `vote|${round.padStart(4, '0')}|${agency}`, conferenceId: id, agency, closed: false, ballot: JSON.stringify({ userId: c.invitees[i]!.member.aadObjectId, name: `Voter ${i}`, agency, role: 'professional', choice: 'cp-plan', at: NOW }) }, 'Replace')),
      ),
    );
    if (!warmUp) bot.push(...botTimes), raw.push(...rawTimes);
    // The shared card's updates this burst caused (the writer finishes after the answers): the most in any 1 s.
    await new Promise((done) => setTimeout(done, 1_500));
    const times = connector.applied.filter((o) => o.conversationId === c.group.id).map((o) => o.at ?? 0);
    if (!warmUp) busiest = Math.max(busiest, ...times.map((t) => times.filter((u) => u >= t && u < t + 1_000).length));
    throttled += connector.throttled.length;
    connector.throttled.length = 0;
    connector.clear();
  }
  // Context (no goal): one voter at a time, so that nothing queues, against one upsert at a time.
  const opened = await store.votes.openRound(id, { question: 'initial', agencies, openedBy: chair, at: NOW });
  if (opened.outcome !== 'opened') throw new Error(`round not opened: ${opened.outcome}`);
  const alone: number[] = [];
  const single: number[] = [];
  for (const [i, { member, agency }] of c.invitees.entries()) {
    alone.push(await timed(() => teams.post({ ...executeActivity('vote', { conferenceId: id, roundId: String(opened.round.round), choice: 'cp-plan' }), replyToId: 'vote-card-alone' }, member, c.group)));
    single.push(await timed(() => table.upsertEntity({ partitionKey: `${id}-raw`, rowKey: `vote|alone|${agency}`, conferenceId: id, agency, n: i }, 'Replace')));
  }
  await store.votes.close(id, opened.round.round, { closedBy: chair, at: NOW });
  const [aloneP50, singleP50] = [percentile(sorted(alone), 50), percentile(sorted(single), 50)];
  report({ name: 'bot: vote invoke over HTTP, one voter alone, p50', value: aloneP50, unit: 'ms', goal: '≤ 3× raw upsertEntity', baseline: singleP50, met: aloneP50 <= 3 * singleP50 });
  for (const p of [50, 99]) {
    const [mine, base] = [percentile(sorted(bot), p), percentile(sorted(raw), p)];
    report({ name: `bot: vote invoke over HTTP, ${VOTERS} voters at once, p${p}`, value: mine, unit: 'ms', goal: '≤ 3× raw upsertEntity (beyond: 2×)', baseline: base, met: mine <= 3 * base });
  }
  report({ name: `bot: shared-card updates per second, ${VOTERS}-voter burst`, value: busiest, unit: 'per s', goal: '≤ 7 per conversation (Teams)', met: busiest <= 7 });
  console.log(`  429s from the Bot Connector stand-in during the bursts: ${throttled}`);
}

/** (b) 10,000 card actions (votes changing, refreshes, check-ins, refusals) against one instance. */
async function memory(store: Store, teams: TeamsClient, c: SeededConference, connector: FakeConnector, bot: Child, idle: Memory): Promise<void> {
  const id = c.conference.id;
  const opened = await store.votes.openRound(id, { question: 'initial', agencies: c.invitees.map((i) => i.agency), openedBy: { userId: c.chair.aadObjectId, name: c.chair.name }, at: NOW });
  if (opened.outcome !== 'opened') throw new Error(`round not opened: ${opened.outcome}`);
  const round = String(opened.round.round);
  const action = (n: number) => {
    const { member } = c.invitees[n % VOTERS]!;
    switch (n % 8) {
      case 0:
      case 2:
      case 4:
        return executeActivity('vote', { conferenceId: id, roundId: round, ...(Math.floor(n / VOTERS) % 2 ? { choice: 'cp-plan' } : { choice: 'no-cp-plan', recommendation: 'child-in-need', reason: `View ${n}` }) });
      case 1:
        return executeActivity('refresh', { conferenceId: id, card: 'vote', roundId: round });
      case 3:
        return executeActivity('checkIn', { conferenceId: id });
      case 5:
        return executeActivity('refresh', { conferenceId: id, card: 'attendance' });
      case 6:
        return executeActivity('vote', { conferenceId: id, roundId: '9999', choice: 'cp-plan' }); // refused: no such round
      default:
        void member;
        return executeActivity('rsvp', { conferenceId: id, answer: 'attending' }); // refused: too late
    }
  };
  const at: Record<number, Memory> = {};
  let failures = 0;
  const started = performance.now();
  for (const [from, to] of [[0, ACTIONS / 2], [ACTIONS / 2, ACTIONS]] as const) {
    await pool(
      IN_FLIGHT,
      Array.from({ length: to - from }, (_, k) => async () => {
        const n = from + k;
        const { member } = c.invitees[n % VOTERS]!;
        const answer = await teams.post({ ...action(n), replyToId: `card-${n % 50}` }, member, c.group);
        if (answer.status !== 200 && answer.status !== 400) failures += 1;
        if (n % 500 === 0) connector.clear();
      }),
    );
    connector.clear();
    at[to] = await bot.memory();
  }
  const seconds = (performance.now() - started) / 1000;
  if (failures > 0) throw new Error(`${failures} actions failed`);
  console.log(`  ${ACTIONS} card actions in ${seconds.toFixed(1)} s (${Math.round(ACTIONS / seconds)}/s); heap used ${mb(idle.heapUsed)} → ${mb(at[ACTIONS / 2]!.heapUsed)} → ${mb(at[ACTIONS]!.heapUsed)} MB`);
  const end = at[ACTIONS]!.rss / MB;
  const half = at[ACTIONS / 2]!.rss / MB;
  // Baseline: the same instance just started, before its first action.
  report({ name: `bot: RSS of one instance after ${ACTIONS / 1000}k card actions`, value: end, unit: 'MB', goal: '≤ 200 MB', baseline: idle.rss / MB, met: end <= 200 });
  report({ name: `bot: RSS growth, action ${ACTIONS / 2} → ${ACTIONS}`, value: end - half, unit: 'MB', goal: '≤ 10 % of the RSS at the 5,000th', baseline: half, met: end - half <= 0.1 * half });
}

// ---------- the bot's own process ----------

interface Child {
  url: string;
  memory(): Promise<Memory>;
  stop(): Promise<void>;
}

/** The project's folder, seen from this file in bench/ (the benchmark's own process, not the child). */
const projectRoot = () => join(dirname(fileURLToPath(import.meta.url)), '..');

/** Compiles the project as `npm run build` does and returns this file's compiled twin. */
function compiled(): string {
  const root = projectRoot();
  const target = join(root, 'dist', 'bench', 'bot.bench.js');
  const started = Date.now();
  // TypeScript 7 exports no subpaths: its bin is found beside its package.json.
  const tsc = join(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');
  // Type errors elsewhere in a working tree do not stop the emit; a missing or stale output does.
  spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.json')], { cwd: root, stdio: 'ignore' });
  if (!existsSync(target) || statSync(target).mtimeMs < started - 1_000) throw new Error(`tsc did not produce ${target}`);
  return target;
}

async function startChild(file: string, connectionString: string, prefix: string): Promise<Child> {
  const child: ChildProcess = fork(file, [], {
    // Node's flags as `npm start` gives them (package.json), and gc() for the measurement.
    execArgv: ['--expose-gc', ...startCommand(projectRoot()).nodeFlags],
    env: { ...process.env, BOT_BENCH_CHILD: '1', BOT_BENCH_STORE: connectionString, BOT_BENCH_PREFIX: prefix },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = <T>() =>
    new Promise<T>((resolve, reject) => {
      const onMessage = (m: T) => (child.off('exit', onExit), resolve(m));
      const onExit = (code: number | null) => (child.off('message', onMessage), reject(new Error(`the bot process exited (${code})`)));
      child.once('message', onMessage).once('exit', onExit);
    });
  const { url } = await next<{ url: string }>();
  return {
    url,
    memory: async () => {
      const reply = next<Memory>();
      child.send('memory');
      return reply;
    },
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.send('stop');
      const timer = setTimeout(() => child.kill(), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function childMain(): Promise<void> {
  const tables = tableClients(process.env.BOT_BENCH_STORE!, process.env.BOT_BENCH_PREFIX!);
  const store = createStore(tables);
  const server = await startApp({ config: readConfig({ PORT: '0' }), store, now: () => new Date(NOW), log: () => undefined, host: '127.0.0.1' });
  const gc = (globalThis as { gc?: () => void }).gc;
  process.on('message', async (m) => {
    if (m === 'memory') {
      for (let i = 0; i < 3; i++) gc?.();
      await new Promise((r) => setTimeout(r, 200));
      const { rss, heapUsed } = process.memoryUsage();
      process.send!({ rss, heapUsed });
    } else if (m === 'stop') {
      await server.close();
      process.exit(0);
    }
  });
  process.send!({ url: server.url });
}

if (process.env.BOT_BENCH_CHILD === '1') await childMain();

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const mb = (bytes: number) => Math.round(bytes / MB);
