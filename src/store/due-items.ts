// Dates that someone must act by — reviews, core groups, reports, minutes… — kept three ways so
// that each question asked of them is one partition query:
//   Cases      PK case ref   RK 'due|<date>|<kind>|<conference|->'        "next review for CASE"
//   DueByUser  PK user id    RK '<date>|<kind>|<case ref>|<conference|->'  "my upcoming reviews", "overdue for me"
//   DueByDay   PK date       RK '<kind>|<case ref>|<conference|->'         the reminder run's list for a day
// The case row is the source of truth (it lists the people); the other two are indexes written
// after it, each made what the case row says at the time (`follow`), so repeating a change after a
// failure part-way heals the indexes instead of duplicating them; what is read through an index is
// confirmed against the case row (an index write can still land late and leave a row stale).
// Lifecycle steps change case rows through case-changes.ts, whose outbox makes the follow-up sure.
import type { TableClient } from '@azure/data-tables';
import { odata } from '@azure/data-tables';
import { z } from 'zod';
import { ConferenceKind, IsoDate } from '../rules/types.js';
import { DueKind } from '../rules/due-kinds.js';
import { isConflict, isRowGone, isStale } from './azure-errors.js';
import { EntitySet, retryWhile, type Key, type QueryOptions, type Stored } from './entity-set.js';
import { joinKey, keyPart, prefixEnd } from './keys.js';
import { CaseRef, ConferenceId, UserId, json } from './schema.js';

/** The one vocabulary of due kinds, as the rules define it (src/rules/due-kinds.ts). */
export { DueKind } from '../rules/due-kinds.js';

const Title = z.string().trim().min(1).max(200);

/** Identifies one due item. */
export const DueRef = z.object({ kind: DueKind, due: IsoDate, caseRef: CaseRef, conferenceId: ConferenceId.optional() });
export type DueRef = z.infer<typeof DueRef>;

export const DueItem = DueRef.extend({
  /** What to show, e.g. "Review conference AB (CP/2026/0042)". Never the child's full name. */
  title: Title,
  /** For a `conference` item: which kind of conference, so lists name it rightly. */
  conferenceKind: ConferenceKind.optional(),
  /** Who is told: chair, lead professional, core group… */
  userIds: z.array(UserId).max(200),
  done: z.boolean(),
});
export type DueItem = z.infer<typeof DueItem>;

/** What one person sees in "my upcoming …". */
export const UserDueItem = DueRef.extend({ userId: UserId, title: Title, conferenceKind: ConferenceKind.optional(), done: z.boolean() });
export type UserDueItem = z.infer<typeof UserDueItem>;

const CaseDueRow = DueItem.extend({ userIds: json(z.array(UserId).max(200)) });
const DayDueRow = CaseDueRow;

const tail = (r: DueRef) => r.conferenceId ?? '-';
export const caseDueKey = (r: DueRef) => ({ partitionKey: keyPart(r.caseRef), rowKey: joinKey('due', r.due, r.kind, tail(r)) });
const userDueKey = (r: UserDueItem) => ({ partitionKey: keyPart(r.userId), rowKey: joinKey(r.due, r.kind, keyPart(r.caseRef), tail(r)) });
const dayDueKey = (r: DueRef) => ({ partitionKey: r.due, rowKey: joinKey(r.kind, keyPart(r.caseRef), tail(r)) });

/**
 * A change of an item's case row, for the indexes to follow: the people it names (`item.userIds`,
 * and `dropped`: people no longer told) are whose rows are looked at; `state` says what the step
 * did, for the record — the rows are written as the case row is when they are (`follow`).
 */
export const DueFollow = z.object({ item: DueItem, state: z.enum(['scheduled', 'completed', 'cancelled']), dropped: z.array(UserId).max(200) });
export type DueFollow = z.infer<typeof DueFollow>;

/** People told of the item before and not after a change. */
export const droppedFrom = (before: DueItem | undefined, after: DueItem): string[] => (before?.userIds ?? []).filter((u) => !after.userIds.includes(u));

export interface DueQuery {
  /** Due on or after this date. */
  from?: IsoDate;
  /** Due on or before this date. */
  to?: IsoDate;
  /** Due strictly before this date (overdue as of a day). */
  before?: IsoDate;
  kinds?: readonly DueKind[];
  /** Done items are left out unless asked for. */
  includeDone?: boolean;
  limit?: number;
}

export class DueItems {
  readonly byCase: EntitySet<DueItem>;
  readonly byUser: EntitySet<UserDueItem>;
  readonly byDay: EntitySet<DueItem>;

  constructor(cases: TableClient, dueByUser: TableClient, dueByDay: TableClient) {
    this.byCase = new EntitySet<DueItem>(cases, { name: 'due item', schema: CaseDueRow, key: caseDueKey });
    this.byUser = new EntitySet(dueByUser, { name: 'due item (by user)', schema: UserDueItem, key: userDueKey });
    this.byDay = new EntitySet<DueItem>(dueByDay, { name: 'due item (by day)', schema: DayDueRow, key: dayDueKey });
  }

  /** Adds or changes an item and tells exactly `item.userIds`; people dropped from it lose their row. */
  async schedule(item: DueItem): Promise<{ outcome: 'created' | 'updated' | 'unchanged' }> {
    const before = await this.byCase.get(caseDueKey(item));
    const { outcome } = await this.byCase.put(item);
    await this.follow({ item, state: 'scheduled', dropped: droppedFrom(before?.value, item) });
    return { outcome };
  }

  /** Marks the item done (or not) everywhere it is listed. */
  async complete(ref: DueRef, done = true): Promise<{ outcome: 'changed' | 'unchanged' | 'not-found' }> {
    const result = await this.byCase.modify(caseDueKey(ref), (item) => ({ ...item, done }));
    if (result.outcome === 'not-found') return result;
    await this.follow({ item: result.stored.value, state: 'completed', dropped: [] });
    return { outcome: result.outcome };
  }

  /** Removes the item (a rescheduled review: cancel the old date, schedule the new one). */
  async cancel(ref: DueRef): Promise<{ outcome: 'removed' | 'not-found' }> {
    const stored = await this.byCase.get(caseDueKey(ref));
    if (!stored) return { outcome: 'not-found' };
    // The case row goes first: the indexes follow the case row as it is then (see `follow`).
    await this.byCase.delete(caseDueKey(stored.value));
    await this.follow({ item: stored.value, state: 'cancelled', dropped: [] });
    return { outcome: 'removed' };
  }

  /**
   * Brings the two indexes in line with the item's case row as it is *now* — not with the copy the
   * change carries, which a later step may have overtaken (two instances relaying one case's
   * outbox, or a retry landing late). For each person the change names (told, or no longer told)
   * and for the day: the index row is read, then the case row, then the index row is written under
   * the ETag read, created where there was none, or deleted. A writer that read an older case row
   * finds the index row moved (412, 409, 404) and starts again from fresh reads; a row kept is
   * written even when unchanged, so that such a writer cannot land after it. Doing it again — a
   * retry, a relay twice — leaves the same rows.
   */
  async follow({ item, dropped }: DueFollow): Promise<void> {
    const users = [...new Set([...item.userIds, ...dropped])];
    await retryWhile(
      (err) => isStale(err) || isConflict(err) || isRowGone(err),
      async () => {
        const [day, ...perUser] = await Promise.all([this.byDay.get(dayDueKey(item)), ...users.map((u) => this.byUser.get(userDueKey(forUser(item, u))))]);
        const current = (await this.byCase.get(caseDueKey(item)))?.value;
        await Promise.all([
          settle(this.byDay, dayDueKey(item), day, current),
          ...users.map((u, i) => settle(this.byUser, userDueKey(forUser(item, u)), perUser[i], current?.userIds.includes(u) ? forUser(current, u) : undefined)),
        ]);
      },
    );
  }

  /**
   * One person's items in date order, as their cases have them now — "my upcoming reviews" is
   * `{ from: today }`. The index says where to look; each item is then read from its case row, the
   * source of truth: an index row is written after the case row and can be stale for longer when
   * an older step's relay lands after a newer one's (two instances), and such a row is not shown.
   */
  async forUser(userId: string, query: DueQuery = {}): Promise<UserDueItem[]> {
    const listed = await values(this.byUser.query(keyPart(userId), { ...dateRange(query, ''), filter: filterOf(query), limit: query.limit }));
    const current = await Promise.all(listed.map((row) => this.byCase.get(caseDueKey(row))));
    return current.flatMap((stored) => (stored && stored.value.userIds.includes(userId) && (query.includeDone || !stored.value.done) ? [forUser(stored.value, userId)] : []));
  }

  async upcomingForUser(userId: string, today: IsoDate, query: Omit<DueQuery, 'from' | 'before'> = {}): Promise<UserDueItem[]> {
    return this.forUser(userId, { ...query, from: today });
  }

  /** Not done and due before `today`. */
  async overdueForUser(userId: string, today: IsoDate, query: Pick<DueQuery, 'kinds' | 'limit'> = {}): Promise<UserDueItem[]> {
    return this.forUser(userId, { ...query, before: today });
  }

  /** One case's items in date order. */
  async forCase(caseRef: string, query: DueQuery = {}): Promise<DueItem[]> {
    return values(this.byCase.query(keyPart(caseRef), { ...dateRange(query, 'due|'), filter: filterOf(query), limit: query.limit }));
  }

  /** "Next review for CASE": the first open item of these kinds due on or after `today`. */
  async nextForCase(caseRef: string, kinds: DueKind | readonly DueKind[], today: IsoDate): Promise<DueItem | undefined> {
    return (await this.forCase(caseRef, { from: today, kinds: typeof kinds === 'string' ? [kinds] : kinds, limit: 1 }))[0];
  }

  /** Everything the per-day index lists for one day (see `dueOn` for what the reminder run sends). */
  async forDay(day: IsoDate, query: Pick<DueQuery, 'kinds' | 'includeDone'> = {}): Promise<DueItem[]> {
    return values(this.byDay.query(day, { filter: filterOf(query) }));
  }

  /**
   * What the reminder run works through for one day: each open item the per-day index lists, as
   * its case row has it now. The run is a writer, so an index row that disagrees with its case row
   * (a write landed late, e.g. after the item was cancelled) is put right here, by `follow`.
   */
  async dueOn(day: IsoDate): Promise<DueItem[]> {
    const open: DueItem[] = [];
    for (const { value: listed } of await this.byDay.query(day, { filter: filterOf({}) })) {
      const current = (await this.byCase.get(caseDueKey(listed)))?.value;
      if (!current) await this.follow({ item: listed, state: 'cancelled', dropped: [] });
      else if (!this.byDay.same(listed, current)) await this.follow({ item: current, state: 'scheduled', dropped: droppedFrom(listed, current) });
      if (current && !current.done) open.push(current);
    }
    return open;
  }
}

function forUser(item: DueItem, userId: string): UserDueItem {
  const { userIds: _, ...rest } = item;
  return { ...rest, userId };
}

/** RowKeys start with '<prefix><date>|', so a date range is a RowKey range. */
function dateRange(query: DueQuery, prefix: string): Pick<QueryOptions, 'from' | 'below' | 'prefix'> {
  const below = [query.before === undefined ? undefined : prefix + query.before, query.to === undefined ? undefined : prefixEnd(`${prefix}${query.to}|`)]
    .filter((b): b is string => b !== undefined)
    .sort()[0];
  return {
    from: query.from === undefined ? (prefix === '' ? undefined : prefix) : prefix + query.from,
    below: below ?? (prefix === '' ? undefined : prefixEnd(prefix)),
  };
}

/** Built from `odata` fragments only: user text never becomes filter syntax. */
function filterOf(query: Pick<DueQuery, 'kinds' | 'includeDone'>): string | undefined {
  const parts: string[] = [];
  if (!query.includeDone) parts.push(odata`done eq ${false}`);
  if (query.kinds && query.kinds.length > 0) parts.push(`(${query.kinds.map((k) => odata`kind eq ${k}`).join(' or ')})`);
  return parts.length === 0 ? undefined : parts.join(' and ');
}

/** One index row made what the case row says, under the ETag it was read with (see `follow`). */
async function settle<T>(rows: EntitySet<T>, key: Key, stored: Stored<T> | undefined, wanted: T | undefined): Promise<void> {
  if (wanted === undefined) {
    if (stored) await rows.delete(key, stored.etag);
  } else if (stored) {
    await rows.replace(wanted, stored.etag);
  } else if (!(await rows.create(wanted)).created) {
    throw new IndexMoved();
  }
}

/** Another writer created the row between the read and the write: `follow` reads again. */
class IndexMoved extends Error {
  readonly statusCode = 409;
}

async function values<T>(rows: Promise<{ value: T }[]>): Promise<T[]> {
  return (await rows).map((r) => r.value);
}
