// The append-only audit trail: who did what, when, from which Teams user, about which
// conference. Rows are only ever inserted (createEntity); this module has no update or delete.
// PartitionKey = conference id (or 'general|YYYY-MM' for actions outside a conference), so a
// conference's trail is one partition query; RowKey = '<at>|<id>' keeps it in time order.
import { randomUUID } from 'node:crypto';
import type { TableClient } from '@azure/data-tables';
import { z } from 'zod';
import { PersonName } from '../rules/types.js';
import { EntitySet } from './entity-set.js';
import { joinKey, keyPart } from './keys.js';
import { ConferenceId, Instant, UserId, json } from './schema.js';

export const AuditEntry = z.object({
  /** Unique per action; a Teams activity id makes a redelivered action's entry land once. */
  id: z.string().min(1).max(200),
  at: Instant,
  /** The actor's AAD object id. */
  userId: UserId,
  /** The actor's Teams id (29:…), where known. */
  teamsUserId: z.string().min(1).max(200).optional(),
  name: PersonName,
  /** What happened, e.g. 'vote.cast', 'rsvp.refused'. */
  action: z.string().regex(/^[a-z][a-z0-9.-]*$/, "action: lower-case words joined by '.' or '-'").max(80),
  conferenceId: ConferenceId.optional(),
  details: json(z.record(z.string(), z.unknown())),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
export type AuditInput = Omit<AuditEntry, 'id'> & { id?: string };

/** Azure caps a string property at 64 KiB; longer details are cut, and say so. */
const MAX_DETAILS_CHARS = 30_000;

const auditPartition = (e: { conferenceId?: string | undefined; at: string }) => e.conferenceId ?? joinKey('general', e.at.slice(0, 7));
const auditKey = (e: AuditEntry) => ({ partitionKey: auditPartition(e), rowKey: joinKey(e.at, keyPart(e.id)) });

export class AuditLog {
  private readonly rows: EntitySet<AuditEntry>;
  constructor(client: TableClient) {
    this.rows = new EntitySet(client, { name: 'audit entry', schema: AuditEntry, key: auditKey });
  }

  /** `duplicate`: an entry with the same id and time exists (a redelivery); nothing is written. */
  async append(input: AuditInput): Promise<{ outcome: 'appended' | 'duplicate'; entry: AuditEntry }> {
    const entry: AuditEntry = { ...input, id: input.id ?? randomUUID(), details: boundedDetails(input.details) };
    const result = await this.rows.create(entry);
    return result.created ? { outcome: 'appended', entry } : { outcome: 'duplicate', entry: result.existing.value };
  }

  /** A conference's trail, oldest first. */
  async forConference(conferenceId: ConferenceId): Promise<AuditEntry[]> {
    return (await this.rows.query(conferenceId)).map((s) => s.value);
  }

  /** Actions outside any conference in one month ('YYYY-MM'), oldest first. */
  async general(month: string): Promise<AuditEntry[]> {
    return (await this.rows.query(joinKey('general', month))).map((s) => s.value);
  }
}

function boundedDetails(details: Record<string, unknown>): Record<string, unknown> {
  const text = JSON.stringify(details);
  return text.length <= MAX_DETAILS_CHARS ? details : { truncated: true, json: text.slice(0, MAX_DETAILS_CHARS) };
}
