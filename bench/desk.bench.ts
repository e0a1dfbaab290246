// The desk at the scale of a large authority (issue 16, Scale): 3 years of 1,500 initial and
// 3,000 review conferences a year (13,500 conferences on the desk), their CP plans, and 20,000
// due items, in Azure Tables (Azurite). Measured over HTTP through the bot's server, token
// validation and audit included: the first page (conferences), a year's measures, the census CSV
// and a case's history; goal ≤ 1 s p95 each.
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { startApp } from '../bot/app.js';
import { readConfig } from '../bot/config.js';
import { addCalendarDays, addWorkingDays } from '../src/rules/calendar.js';
import { hasOpenDuty, type ConferenceFact, type PlanFact } from '../src/rules/desk.js';
import { startAzurite } from '../src/store/azurite.js';
import { CONNECTION_STRING_VARIABLE } from '../src/store/connect.js';
import { submitGrouped } from '../src/store/entity-set.js';
import { createStore, type Store } from '../src/store/store.js';
import { createTables, tableClients } from '../src/store/tables.js';
import type { Category } from '../src/rules/types.js';
import { LoopbackEntra, TENANT } from '../test/support/entra.js';
import { percentile, report } from './report.js';

const YEARS = 3;
const INITIAL_PER_YEAR = 1_500;
const REVIEWS_PER_YEAR = 3_000;
const DUE_ITEMS = 20_000;
const TODAY = '2026-11-30';
const REQUESTS = 40;
const CHAIRS = 25;
const CATEGORIES: Category[] = ['neglect', 'emotional', 'physical', 'sexual'];

/** A fixed pseudo-random sequence, so every run stores the same authority. */
function prng(seed: number) {
  return () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
}

function authority(): { facts: ConferenceFact[]; plans: PlanFact[] } {
  const random = prng(16);
  const facts: ConferenceFact[] = [];
  const plans: PlanFact[] = [];
  const start = addCalendarDays(TODAY, -YEARS * 365);
  const total = YEARS * (INITIAL_PER_YEAR + REVIEWS_PER_YEAR);
  for (let i = 0; i < total; i++) {
    const initial = i % 3 === 0;
    const date = addCalendarDays(start, Math.floor((i / total) * (YEARS * 365 + 42)));
    const held = date < TODAY;
    const trigger = initial ? addWorkingDays(date, -Math.floor(8 + random() * 10)) : addCalendarDays(date, -170);
    const chair = Math.floor(random() * CHAIRS);
    const fact: ConferenceFact = {
      conferenceId: `bench-${i}`,
      tenantId: TENANT,
      caseRef: `CP/${date.slice(0, 4)}/${i}`,
      childInitials: 'AB',
      kind: initial ? 'initial' : 'later-review',
      policy: (['bolton', 'barnsley', 'cumbria', 'london'] as const)[i % 4]!,
      chairId: `aad-chair-${chair}`,
      chairName: `Chair ${chair}`,
      status: held ? 'decided' : 'scheduled',
      date,
      time: '10:00',
      triggerDate: trigger,
      s47StartDate: initial ? addWorkingDays(trigger, -1) : undefined,
      dueBy: initial ? addWorkingDays(trigger, 15) : addCalendarDays(trigger, 182),
      lateReason: false,
      invited: 8,
      answered: 6,
      attending: 5,
      apologies: 1,
      reports: 0,
      deputies: 0,
      forecastQuorate: random() > 0.1,
      forecastMissing: [],
      quoracyBreach: held && random() < 0.03,
      outcome: held ? (initial ? (random() < 0.7 ? 'cp-plan' : 'no-cp-plan') : random() < 0.6 ? 'continue' : 'discontinue') : undefined,
      split: held && random() < 0.05,
      decidedOn: held ? date : undefined,
      category: held ? CATEGORIES[i % 4] : undefined,
      // Most duties done on time; a few minutes still outstanding (the open list).
      circulatedOn: held ? date : undefined,
      minutesSentOn: held && random() > 0.03 ? addWorkingDays(date, 10) : undefined,
      amendmentsClosedOn: held ? addWorkingDays(date, 20) : undefined,
    };
    facts.push(fact);
    if (initial && fact.outcome === 'cp-plan') {
      const end = random() < 0.6 ? addCalendarDays(date, 200 + Math.floor(random() * 700)) : undefined;
      plans.push({ tenantId: TENANT, caseRef: fact.caseRef, startDate: date, endDate: end && end < TODAY ? end : undefined, initialCategory: [CATEGORIES[i % 4]!], latestCategory: [CATEGORIES[(i + 1) % 4]!], previousPlans: random() < 0.2 ? 1 : 0, s47StartDate: fact.s47StartDate, initialConferenceDate: date, reviewDates: [addCalendarDays(date, 90)] });
    }
  }
  return { facts, plans };
}

async function seed(store: Store): Promise<{ conferences: number; plans: number }> {
  const { facts, plans } = authority();
  await store.desk.load(facts.map((f) => ({ fact: { ...f, stamp: 1 }, open: hasOpenDuty(f, f.date) })), plans);
  const random = prng(20);
  const items = Array.from({ length: DUE_ITEMS }, (_, i) => ({
    kind: (['first-review', 'core-group', 'minutes', 'later-review'] as const)[i % 4]!,
    due: addCalendarDays(TODAY, Math.floor(random() * 400) - 200),
    caseRef: `CP/DUE/${i % 5_000}`,
    conferenceId: `bench-${i % 13_500}`,
    title: 'AB',
    userIds: [`aad-chair-${i % CHAIRS}`, `aad-worker-${i % 300}`],
    done: random() < 0.5,
  }));
  // The due items as the store keeps them (case, person and day), loaded a partition at a time.
  const d = store.dueItems;
  await submitGrouped(
    items.flatMap((item) => [
      { client: d.byCase.client, action: d.byCase.upsertAction(item) },
      { client: d.byDay.client, action: d.byDay.upsertAction(item) },
      ...item.userIds.map((userId) => ({ client: d.byUser.client, action: d.byUser.upsertAction({ ...item, userId }) })),
    ]),
  );
  return { conferences: facts.length, plans: plans.length };
}

export async function run(): Promise<void> {
  const configured = process.env[CONNECTION_STRING_VARIABLE];
  const azurite = configured ? undefined : await startAzurite();
  const entra = new LoopbackEntra();
  await entra.start();
  try {
    const tables = tableClients(configured ?? azurite!.connectionString, `bench${randomUUID().slice(0, 8)}`);
    await createTables(tables);
    const store = createStore(tables);
    const t0 = performance.now();
    const seeded = await seed(store);
    console.log(`seeded ${seeded.conferences} conferences, ${seeded.plans} plans and ${DUE_ITEMS} due items in ${Math.round((performance.now() - t0) / 1000)} s`);
    const server = await startApp({ config: readConfig({ PORT: '0', ALLOWED_TENANTS: TENANT }), store, now: () => new Date(`${TODAY}T09:00:00Z`), log: () => undefined, host: '127.0.0.1', desk: entra.deskConfig() });
    try {
      const unit = await entra.token({ oid: 'aad-unit', name: 'Unit Bench', roles: ['ChildProtectionUnit'] });
      const chair = await entra.token({ oid: 'aad-chair-3', name: 'Chair 3' });
      const from = addCalendarDays(TODAY, -365);
      const cases = [
        ['desk first page (Unit: conferences, 8 weeks + open list)', unit, '/api/desk/conferences'],
        ['desk first page (a chair)', chair, '/api/desk/conferences'],
        ['desk measures for a year (Unit)', unit, `/api/desk/measures?from=${from}&to=${TODAY}`],
        ['desk measures for a quarter (Unit)', unit, `/api/desk/measures?from=${addCalendarDays(TODAY, -91)}&to=${TODAY}`],
        ['desk census CSV for a year (Unit)', unit, `/api/desk/plans.csv?from=${from}&to=${TODAY}`],
      ] as const;
      for (const [name, token, path] of cases) {
        const samples: number[] = [];
        for (let i = 0; i < REQUESTS; i++) {
          const t = performance.now();
          const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
          if (res.status !== 200) throw new Error(`${name}: ${res.status} ${await res.text()}`);
          await res.arrayBuffer();
          samples.push(performance.now() - t);
        }
        samples.sort((a, b) => a - b);
        const p95 = percentile(samples, 95);
        report({ name: `${name} p95`, value: p95, unit: 'ms', goal: '≤ 1000 ms', met: p95 <= 1000 });
      }
    } finally {
      await server.close();
    }
    if (configured) await Promise.all(Object.values(tables).map((t) => t.deleteTable()));
  } finally {
    await entra.stop();
    await azurite?.stop();
  }
}
