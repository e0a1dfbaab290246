// Coordination of scheduled work between bot instances, in the Schedule table:
//   PK 'lease'          RK <name>         who runs e.g. the reminder run, until when (ETag-guarded)
//   PK 'reminder-sent'  RK <reminder id>  a reminder that has been claimed for sending (insert-only)
//   PK <kind>           RK <id>           work that may be left for a sweep (`WorkMarks`: 'case-outbox', 'effects-open')
// No in-process locks: two instances agree through these rows alone.
import type { TableClient } from '@azure/data-tables';
import { z } from 'zod';
import { isStale } from './azure-errors.js';
import { EntitySet, retryOnStale, type Stored } from './entity-set.js';
import { keyPart } from './keys.js';
import { Instant } from './schema.js';

const Holder = z.string().min(1).max(200);

export const Lease = z.object({
  name: z.string().regex(/^[a-z][a-z0-9-]{0,62}$/, 'lease name: lower-case words joined by hyphens'),
  holder: Holder,
  acquiredAt: Instant,
  expiresAt: Instant,
});
export type Lease = z.infer<typeof Lease>;

export const ReminderSent = z.object({
  /** Chosen by the sender so that one reminder always has one id, e.g. 'report|conf-1|aad-bob|2026-11-30'. */
  id: z.string().min(1).max(300),
  by: Holder,
  at: Instant,
});
export type ReminderSent = z.infer<typeof ReminderSent>;

const leaseKey = (name: string) => ({ partitionKey: 'lease', rowKey: name });
const reminderKey = (id: string) => ({ partitionKey: 'reminder-sent', rowKey: keyPart(id) });

export type LeaseResult = { acquired: true; lease: Lease } | { acquired: false; heldBy: Lease };

export class Leases {
  private readonly rows: EntitySet<Lease>;
  constructor(client: TableClient) {
    this.rows = new EntitySet(client, { name: 'lease', schema: Lease, key: (l) => leaseKey(l.name) });
  }

  /**
   * Takes the lease if it is free, expired, or already ours (then extends it). Instances
   * must share a clock roughly; `ttlMs` should exceed the work's length with a margin.
   */
  async acquire(name: string, holder: string, ttlMs: number, now: Date = new Date()): Promise<LeaseResult> {
    const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
    return retryOnStale(async () => {
      const current = await this.rows.get(leaseKey(name));
      if (!current) {
        const lease = { name, holder, acquiredAt: now.toISOString(), expiresAt };
        const created = await this.rows.create(lease);
        return created.created ? { acquired: true, lease } : { acquired: false, heldBy: created.existing.value };
      }
      const held = current.value;
      if (held.holder !== holder && Date.parse(held.expiresAt) > now.getTime()) return { acquired: false, heldBy: held };
      const lease = { name, holder, acquiredAt: held.holder === holder ? held.acquiredAt : now.toISOString(), expiresAt };
      await this.rows.replace(lease, current.etag); // 412 if another instance took it meanwhile
      return { acquired: true, lease };
    });
  }

  /** Gives the lease up if we still hold it. */
  async release(name: string, holder: string): Promise<boolean> {
    return retryOnStale(async () => {
      const current = await this.rows.get(leaseKey(name));
      if (!current || current.value.holder !== holder) return false;
      return this.rows.delete(leaseKey(name), current.etag);
    });
  }

  async get(name: string): Promise<Lease | undefined> {
    return (await this.rows.get(leaseKey(name)))?.value;
  }
}

export class Reminders {
  private readonly rows: EntitySet<ReminderSent>;
  constructor(client: TableClient) {
    this.rows = new EntitySet(client, { name: 'reminder-sent marker', schema: ReminderSent, key: (r) => reminderKey(r.id) });
  }

  /**
   * Claims a reminder before sending it: true for exactly one caller, ever (an insert; the
   * loser gets 409). At most once: if sending then fails, `unclaim` lets a later run retry.
   */
  async claim(id: string, by: string, at: string): Promise<boolean> {
    return (await this.rows.create({ id, by, at })).created;
  }

  async unclaim(id: string): Promise<boolean> {
    return this.rows.delete(reminderKey(id));
  }

  async get(id: string): Promise<ReminderSent | undefined> {
    return (await this.rows.get(reminderKey(id)))?.value;
  }
}

const WorkMark = z.object({ kind: z.enum(['case-outbox', 'effects-open']), id: z.string().min(1).max(300) });
export type WorkMark = z.infer<typeof WorkMark>;

/**
 * Where a sweep finds work that may have been left (a case's outbox, a conference's unsent
 * messages) without scanning a table: marked before the work is written, read as one partition,
 * cleared when nothing is left — under the ETag read, so a mark made again meanwhile stays.
 */
export class WorkMarks {
  private readonly rows: EntitySet<WorkMark>;
  constructor(
    client: TableClient,
    private readonly kind: WorkMark['kind'],
  ) {
    this.rows = new EntitySet(client, { name: 'work mark', schema: WorkMark, key: (m) => ({ partitionKey: m.kind, rowKey: keyPart(m.id) }) });
  }

  async mark(id: string): Promise<void> {
    await this.rows.upsert({ kind: this.kind, id });
  }

  async marked(): Promise<Stored<WorkMark>[]> {
    return this.rows.query(this.kind);
  }

  async unmark(mark: Stored<WorkMark>): Promise<void> {
    await this.rows.delete(this.rows.spec.key(mark.value), mark.etag).catch((err: unknown) => {
      if (!isStale(err)) throw err;
    });
  }
}
