// A step of a case's lifecycle written as one transaction of the case's partition in Cases: the
// due items cancelled, completed and scheduled, the plan rows as they are to be, and outbox rows
// for what must follow in other tables — the due indexes (DueByUser, DueByDay) and the step's
// audit entry. The step and the record of it are stored together or not at all. The outbox is
// relayed right after (`relay`) and, should an instance stop in between, before the case's next
// step (`read` returns what is pending): relaying again changes nothing, every write being keyed
// by what it records.
// A step of a case that stops at the wrong moment and is never followed by another is finished by
// the sweep (`sweep`, run with the reminders): each step first marks its case in Schedule, and the
// sweep relays what such cases have left after a grace period — reading only the marked cases.
//   Cases     PK case ref        RK 'outbox|<ISO time>|<step id>|<n>'
//   Schedule  PK 'case-outbox'   RK case ref: a case that may have an outbox left
import { randomUUID } from 'node:crypto';
import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import { z } from 'zod';
import { AuditEntry, entryOf, type AuditInput, type AuditLog } from './audit.js';
import { DueFollow, caseDueKey, droppedFrom, type DueItem, type DueItems, type DueRef } from './due-items.js';
import { isConflict, isNotFound, isStale } from './azure-errors.js';
import { EntitySet, retryWhile, submit, type Stored } from './entity-set.js';
import { joinKey, keyPart, prefixEnd } from './keys.js';
import { planKey, type Plan, type Plans } from './plans.js';
import { WorkMarks } from './schedule.js';
import { CaseRef, Instant, json } from './schema.js';

const Relay = z.discriminatedUnion('kind', [z.object({ kind: z.literal('due'), ...DueFollow.shape }), z.object({ kind: z.literal('audit'), entry: AuditEntry })]);
type Relay = z.infer<typeof Relay>;

const OutboxRow = z.object({ caseRef: CaseRef, at: Instant, step: z.uuid(), n: z.number().int().min(0).max(99), relay: json(Relay) });
export type OutboxRow = z.infer<typeof OutboxRow>;

const OUTBOX = 'outbox|';
/** Longer than a step's own relay with its retries (bot/lifecycle.ts): the sweep leaves younger rows to it. */
export const SWEEP_GRACE_MS = 2 * 60_000;
const outboxKey = (r: Pick<OutboxRow, 'caseRef' | 'at' | 'step' | 'n'>) => ({ partitionKey: keyPart(r.caseRef), rowKey: OUTBOX + joinKey(r.at, r.step, String(r.n).padStart(2, '0')) });

/** What a step reads of its case, in one partition query: the plans and due items with their ETags, and any outbox left. */
export interface CaseRows {
  plans: Stored<Plan>[];
  due: Stored<DueItem>[];
  pending: Stored<OutboxRow>[];
}

/** What a step changes: the model's items, and each plan row as it is to be after the step. */
export interface CaseChange {
  cancel: DueRef[];
  complete: DueRef[];
  schedule: DueItem[];
  plans: Plan[];
}

export class CaseChanges {
  private readonly outbox: EntitySet<OutboxRow>;
  /** The cases whose steps may have left an outbox: one partition of Schedule. */
  readonly marks: WorkMarks;
  constructor(
    private readonly client: TableClient,
    schedule: TableClient,
    private readonly dueItems: DueItems,
    private readonly plans: Plans,
    private readonly audit: AuditLog,
  ) {
    this.outbox = new EntitySet(client, { name: 'case outbox row', schema: OutboxRow, key: outboxKey });
    this.marks = new WorkMarks(schedule, 'case-outbox');
  }

  /**
   * Reads the case (finishing first what an earlier step left in the outbox), lets `decide` say
   * what changes, and writes it — decided again from a fresh read when the case moved on
   * meanwhile, so `decide` must have no side effects. The step is stored once this returns;
   * `unrelayed` is the outbox left when relaying failed (the case's next step finishes it).
   */
  async step<R>(
    caseRef: string,
    at: string,
    decide: (rows: CaseRows) => Promise<{ change: CaseChange; audit?: AuditInput; result: R }>,
  ): Promise<{ result: R; unrelayed?: { rows: Stored<OutboxRow>[]; error: Error } }> {
    // A 412, 409 or 404 on the commit: the case moved on since the read; decide again from a fresh one.
    const { result, outbox } = await retryWhile(
      (err) => isStale(err) || isConflict(err) || isNotFound(err),
      async () => {
        const rows = await this.read(caseRef);
        await this.relay(rows.pending);
        const { change, audit, result } = await decide({ ...rows, pending: [] });
        return { result, outbox: await this.commit(caseRef, rows, change, { at, audit }) };
      },
    );
    try {
      await this.relay(outbox);
      return { result };
    } catch (error) {
      return { result, unrelayed: { rows: outbox, error: error as Error } };
    }
  }

  async read(caseRef: string): Promise<CaseRows> {
    const range = (prefix: string) => odata`(RowKey ge ${prefix} and RowKey lt ${prefixEnd(prefix)})`;
    const filter = `${odata`PartitionKey eq ${keyPart(caseRef)}`} and (${range('plan|')} or ${range('due|')} or ${range(OUTBOX)})`;
    const rows: CaseRows = { plans: [], due: [], pending: [] };
    for await (const entity of this.client.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) {
      const rowKey = String(entity.rowKey);
      if (rowKey.startsWith('plan|')) rows.plans.push(this.plans.rows.fromEntity(entity));
      else if (rowKey.startsWith('due|')) rows.due.push(this.dueItems.byCase.fromEntity(entity));
      else rows.pending.push(this.outbox.fromEntity(entity));
    }
    return rows;
  }

  /**
   * Writes the step against the rows as `read` returned them: a 412, 409 or 404 means the case moved
   * on since (another step, another instance), and the caller decides again from a fresh read.
   * Returns the step's outbox rows, for `relay`; none when there is nothing to write.
   */
  async commit(caseRef: string, rows: CaseRows, change: CaseChange, options: { at: string; audit?: AuditInput }): Promise<Stored<OutboxRow>[]> {
    const due = new Map(rows.due.map((s) => [caseDueKey(s.value).rowKey, s]));
    const plans = new Map(rows.plans.map((s) => [planKey(s.value).rowKey, s]));
    // One action per row (a transaction may not touch a row twice): a later change of the same item wins.
    const actions = new Map<string, TransactionAction>();
    const relays = new Map<string, Relay>();
    for (const ref of change.cancel) {
      const key = caseDueKey(ref);
      const stored = due.get(key.rowKey);
      if (!stored) continue;
      // A transaction's delete takes no ETag; a row gone since fails it (404), and the step is decided again.
      actions.set(key.rowKey, ['delete', key]);
      relays.set(key.rowKey, { kind: 'due', item: stored.value, state: 'cancelled', dropped: [] });
    }
    for (const ref of change.complete) {
      const stored = due.get(caseDueKey(ref).rowKey);
      if (!stored || stored.value.done) continue;
      const item = { ...stored.value, done: true };
      actions.set(caseDueKey(item).rowKey, this.dueItems.byCase.replaceAction(item, stored.etag));
      relays.set(caseDueKey(item).rowKey, { kind: 'due', item, state: 'completed', dropped: [] });
    }
    for (const item of change.schedule) {
      const stored = due.get(caseDueKey(item).rowKey);
      if (stored && this.dueItems.byCase.same(stored.value, item)) continue;
      actions.set(caseDueKey(item).rowKey, stored ? this.dueItems.byCase.replaceAction(item, stored.etag) : this.dueItems.byCase.createAction(item));
      relays.set(caseDueKey(item).rowKey, { kind: 'due', item, state: 'scheduled', dropped: droppedFrom(stored?.value, item) });
    }
    for (const plan of change.plans) {
      const stored = plans.get(planKey(plan).rowKey);
      if (stored && this.plans.rows.same(stored.value, plan)) continue;
      actions.set(planKey(plan).rowKey, stored ? this.plans.rows.replaceAction(plan, stored.etag) : this.plans.rows.createAction(plan));
    }
    if (actions.size === 0) return [];
    const step = randomUUID();
    const outbox = [...relays.values(), ...(options.audit ? [{ kind: 'audit' as const, entry: entryOf(options.audit) }] : [])].map(
      (relay, n): OutboxRow => ({ caseRef, at: options.at, step, n, relay }),
    );
    if (actions.size + outbox.length > 100) throw new Error(`a step of case ${caseRef} would write ${actions.size + outbox.length} rows; a transaction takes at most 100`);
    // Marked before the step: a mark without an outbox costs the sweep one read, an outbox without a mark could wait for ever.
    await this.marks.mark(caseRef);
    await submit(this.client, [...actions.values(), ...outbox.map((row) => this.outbox.createAction(row))]);
    return outbox.map((value) => ({ value, etag: '' }));
  }

  /**
   * Does what outbox rows say must follow — index writes, audit entries — in the order the steps
   * were taken, and removes each row once done. Safe to run twice or on two instances at once.
   */
  async relay(pending: Stored<OutboxRow>[]): Promise<void> {
    for (const { value } of pending) {
      const relay = value.relay;
      if (relay.kind === 'due') await this.dueItems.follow(relay);
      else await this.audit.append(relay.entry);
      await this.outbox.delete(outboxKey(value));
    }
  }

  /**
   * Relays what the case's outbox holds now: the background retry of a step whose relay failed.
   * Not the step's own copy of its rows — a later step may have relayed them since, and its own
   * after them; writing the older rows again would put back what the later step changed.
   */
  async finish(caseRef: string): Promise<void> {
    await this.relay((await this.read(caseRef)).pending);
  }

  /**
   * Finishes what steps left behind, for every marked case: relays outbox rows older than the
   * grace period (younger ones are their own step's to relay) and removes the mark of a case
   * with nothing left (under the ETag read: a step marking it again meanwhile keeps it).
   * Returns how many rows it relayed.
   */
  async sweep(now: Date): Promise<number> {
    const before = new Date(now.getTime() - SWEEP_GRACE_MS).toISOString();
    let relayed = 0;
    for (const mark of await this.marks.marked()) {
      const { pending } = await this.read(mark.value.id);
      const due = pending.filter((row) => row.value.at < before);
      await this.relay(due);
      relayed += due.length;
      if (due.length === pending.length) await this.marks.unmark(mark);
    }
    return relayed;
  }
}
