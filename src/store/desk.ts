// The desk's indexes (the Child Protection Unit's tab): one fact row per conference and per plan,
// copied into the partitions the desk reads, so that every desk page is a few partition
// queries, never a scan of Conferences. Keys and why: ./README.md ("Desk").
//
//   DeskMonths  m|<tenant>|<YYYY-MM>   <date>|<conference>   every conference, by the month of its date
//   DeskChairs  c|<tenant>|<chair>     <date>|<conference>   the same, per chair
//   Desk        o|<tenant>             <date>|<conference>   conferences that still owe something
//   DeskWhere   w|<conference>         where                 where the rows above are, to move them
//   DeskPlans   p|<tenant>             <case>|<start>        every CP plan
//
// Rows are projections: the conference partition and the case stay the source of truth. Each
// refresh carries a stamp that only grows (see bot/desk/projection.ts); a row keeps the highest
// stamp written under its ETag, so two instances refreshing at once cannot put an older view back.
import type { TableClient, TransactionAction } from '@azure/data-tables';
import { z } from 'zod';
import { ConferenceFact, PlanFact, type Period } from '../rules/desk.js';
import { IsoDate } from '../rules/types.js';
import { EntitySet, submitGrouped } from './entity-set.js';
import { joinKey, keyPart, prefixEnd } from './keys.js';
import { json } from './schema.js';
import type { TableClients } from './tables.js';
import { odata } from '@azure/data-tables';

const FactRow = ConferenceFact.extend({ forecastMissing: json(z.array(z.string())), stamp: z.number() });
export type StampedFact = z.infer<typeof FactRow>;

const Where = z.object({ conferenceId: z.string(), tenantId: z.string(), month: z.string(), chairId: z.string(), date: IsoDate, open: z.boolean(), stamp: z.number() });
type Where = z.infer<typeof Where>;

const PlanRow = PlanFact.extend({
  initialCategory: json(PlanFact.shape.initialCategory),
  latestCategory: json(PlanFact.shape.latestCategory),
  reviewDates: json(PlanFact.shape.reviewDates),
});

const rk = (f: Pick<ConferenceFact, 'date' | 'conferenceId'>) => joinKey(f.date, f.conferenceId);
export const monthPartition = (tenantId: string, month: string) => joinKey('m', keyPart(tenantId), month);
const chairPartition = (tenantId: string, chairId: string) => joinKey('c', keyPart(tenantId), keyPart(chairId));
const openPartition = (tenantId: string) => joinKey('o', keyPart(tenantId));
const planPartition = (tenantId: string) => joinKey('p', keyPart(tenantId));

export interface DeskQuery {
  tenantId: string;
  /** Only this chair's conferences. */
  chairId?: string;
  from: IsoDate;
  to: IsoDate;
}

export class DeskIndex {
  private readonly byMonth: EntitySet<StampedFact>;
  private readonly byChair: EntitySet<StampedFact>;
  private readonly open: EntitySet<StampedFact>;
  private readonly where: EntitySet<Where>;
  private readonly plans: EntitySet<PlanFact>;

  /** Each kind of row in a table of its own: a table is the unit Azure scales, and a query never wades through another index's rows. */
  constructor(tables: Pick<TableClients, 'desk' | 'deskWhere' | 'deskMonths' | 'deskChairs' | 'deskPlans'>) {
    const spec = (name: string, partition: (f: StampedFact) => string) => ({ name, schema: FactRow, key: (f: StampedFact) => ({ partitionKey: partition(f), rowKey: rk(f) }) });
    this.byMonth = new EntitySet(tables.deskMonths, spec('desk conference', (f) => monthPartition(f.tenantId, f.date.slice(0, 7))));
    this.byChair = new EntitySet(tables.deskChairs, spec('desk conference (by chair)', (f) => chairPartition(f.tenantId, f.chairId)));
    this.open = new EntitySet(tables.desk, spec('desk conference (open)', (f) => openPartition(f.tenantId)));
    this.where = new EntitySet(tables.deskWhere, { name: 'desk pointer', schema: Where, key: (w) => ({ partitionKey: joinKey('w', w.conferenceId), rowKey: 'where' }) });
    this.plans = new EntitySet<PlanFact>(tables.deskPlans, { name: 'desk plan', schema: PlanRow, key: (p) => ({ partitionKey: planPartition(p.tenantId), rowKey: joinKey(keyPart(p.caseRef), p.startDate) }) });
  }

  /**
   * Writes a conference's fact where the desk reads it, and removes it from where it no longer
   * belongs (a new date, chair or tenant, or nothing left to do). `stale` when a newer one is stored.
   */
  async putConference(fact: StampedFact, open: boolean): Promise<'written' | 'stale'> {
    const next: Where = { conferenceId: fact.conferenceId, tenantId: fact.tenantId, month: fact.date.slice(0, 7), chairId: fact.chairId, date: fact.date, open, stamp: fact.stamp };
    const before = await this.where.get({ partitionKey: joinKey('w', fact.conferenceId), rowKey: 'where' });
    if (before && before.value.stamp > fact.stamp) return 'stale';
    // An equal stamp is overwritten: the later write read the same changes, or more.
    const newer = (a: { stamp: number }, b: { stamp: number }) => a.stamp > b.stamp;
    const writes: Promise<unknown>[] = [this.byMonth.put(fact, newer), this.byChair.put(fact, newer)];
    writes.push(open ? this.open.put(fact, newer) : this.open.delete({ partitionKey: openPartition(fact.tenantId), rowKey: rk(fact) }));
    const old = before?.value;
    if (old && (old.tenantId !== fact.tenantId || old.date !== fact.date || old.chairId !== fact.chairId)) {
      const oldKey = { date: old.date, conferenceId: old.conferenceId };
      writes.push(
        this.byMonth.delete({ partitionKey: monthPartition(old.tenantId, old.month), rowKey: rk(oldKey) }),
        this.byChair.delete({ partitionKey: chairPartition(old.tenantId, old.chairId), rowKey: rk(oldKey) }),
        this.open.delete({ partitionKey: openPartition(old.tenantId), rowKey: rk(oldKey) }),
      );
    }
    await Promise.all(writes);
    // The pointer last: until it moves, a repeat still knows the old rows to clear.
    await this.where.put(next, newer);
    return 'written';
  }

  /** Where a conference's desk rows are: its tenant and chair, for access checks. */
  async whereIs(conferenceId: string): Promise<{ tenantId: string; chairId: string } | undefined> {
    const w = await this.where.get({ partitionKey: joinKey('w', conferenceId), rowKey: 'where' });
    return w && { tenantId: w.value.tenantId, chairId: w.value.chairId };
  }

  /** A conference's fact as the desk has it. */
  async get(conferenceId: string): Promise<StampedFact | undefined> {
    const w = await this.where.get({ partitionKey: joinKey('w', conferenceId), rowKey: 'where' });
    if (!w) return undefined;
    return (await this.byMonth.get({ partitionKey: monthPartition(w.value.tenantId, w.value.month), rowKey: rk(w.value) }))?.value;
  }

  /** Whether this person chairs any conference of the tenant (one row read at most). */
  async isChair(tenantId: string, chairId: string): Promise<boolean> {
    return (await this.byChair.query(chairPartition(tenantId, chairId), { limit: 1 })).length > 0;
  }

  /** Conferences dated in [from, to]: one partition per month (the chair's own partition for a chair). */
  async conferences(q: DeskQuery): Promise<StampedFact[]> {
    const range = { from: `${q.from}|`, below: prefixEnd(`${q.to}|`) };
    if (q.chairId !== undefined) return (await this.byChair.query(chairPartition(q.tenantId, q.chairId), range)).map((r) => r.value);
    const months: string[] = [];
    for (let m = q.from.slice(0, 7); m <= q.to.slice(0, 7); m = nextMonthOf(m)) months.push(m);
    const pages = await Promise.all(months.map((m) => this.byMonth.query(monthPartition(q.tenantId, m), range)));
    return pages.flat().map((r) => r.value);
  }

  /** Conferences that still owe something (held late, circulation, minutes…), oldest first. */
  async openConferences(tenantId: string, chairId?: string): Promise<StampedFact[]> {
    const filter = chairId === undefined ? undefined : odata`chairId eq ${chairId}`;
    return (await this.open.query(openPartition(tenantId), { filter })).map((r) => r.value);
  }

  /**
   * Loads many facts at once (a rebuild of the desk, or a benchmark's authority): upserts grouped
   * into one transaction per 100 rows of a partition. No stamp check: nothing else may be writing.
   */
  async load(conferences: { fact: StampedFact; open: boolean }[], plans: PlanFact[]): Promise<void> {
    const rows: { client: TableClient; action: TransactionAction }[] = [];
    const add = <T>(set: EntitySet<T>, value: T) => rows.push({ client: set.client, action: set.upsertAction(value) });
    for (const { fact, open } of conferences) {
      add(this.byMonth, fact);
      add(this.byChair, fact);
      if (open) add(this.open, fact);
      add(this.where, { conferenceId: fact.conferenceId, tenantId: fact.tenantId, month: fact.date.slice(0, 7), chairId: fact.chairId, date: fact.date, open, stamp: fact.stamp });
    }
    for (const plan of plans) add(this.plans, plan);
    await submitGrouped(rows);
  }

  async putPlan(plan: PlanFact): Promise<void> {
    await this.plans.put(plan);
  }

  /** Every CP plan of the tenant that overlaps the period. */
  async plansIn(tenantId: string, period?: Period): Promise<PlanFact[]> {
    const filter = period === undefined ? undefined : odata`startDate le ${period.to}`;
    const rows = (await this.plans.query(planPartition(tenantId), { filter })).map((r) => r.value);
    return period === undefined ? rows : rows.filter((p) => p.endDate === undefined || p.endDate >= period.from || p.startDate >= period.from);
  }

  /** One case's plans, oldest first. */
  async plansOfCase(tenantId: string, caseRef: string): Promise<PlanFact[]> {
    return (await this.plans.query(planPartition(tenantId), { prefix: `${keyPart(caseRef)}|` })).map((r) => r.value);
  }
}

function nextMonthOf(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}
