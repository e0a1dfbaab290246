// The append-only audit trail: who did what, when, from which Teams user, about which
// conference. Rows are only ever inserted (createEntity); this module has no update or delete.
// A conference's entries live in the conference's own partition of Conferences (RowKey
// 'audit|<at>|<id>'), so that an entry can be written in the same transaction as the change it
// records (`entryAction`); actions outside a conference go to Audit, PartitionKey
// 'general|YYYY-MM', RowKey '<at>|<id>'. Either way a trail is one partition query in time order.
import { randomUUID } from 'node:crypto';
import type { TableClient, TransactionAction } from '@azure/data-tables';
import { z } from 'zod';
import { PersonName } from '../rules/types.js';
import { isConflict } from './azure-errors.js';
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
  /** Teams display names can be longer: `cutToLimits` cuts them before anything is written. */
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

const PREFIX = 'audit|';
const generalKey = (e: AuditEntry) => ({ partitionKey: joinKey('general', e.at.slice(0, 7)), rowKey: joinKey(e.at, keyPart(e.id)) });
const conferenceKey = (e: AuditEntry) => ({ partitionKey: e.conferenceId ?? '', rowKey: PREFIX + joinKey(e.at, keyPart(e.id)) });

/** The longest values an entry stores: outside text (Teams display names, ids) is cut to them. */
export const AUDIT_LIMITS = { name: 120, userId: 200, teamsUserId: 200, id: 200 } as const;

export class AuditLog {
  private readonly general_: EntitySet<AuditEntry>;
  private readonly ofConference: EntitySet<AuditEntry>;
  constructor(auditClient: TableClient, conferencesClient: TableClient) {
    this.general_ = new EntitySet(auditClient, { name: 'audit entry', schema: AuditEntry, key: generalKey });
    this.ofConference = new EntitySet(conferencesClient, { name: 'audit entry', schema: AuditEntry, key: conferenceKey });
  }

  /** `duplicate`: an entry with the same id and time exists (a redelivery); nothing is written. */
  async append(input: AuditInput): Promise<{ outcome: 'appended' | 'duplicate'; entry: AuditEntry }> {
    const entry = entryOf(input);
    const result = await this.rowsFor(entry).create(entry);
    return result.created ? { outcome: 'appended', entry } : { outcome: 'duplicate', entry: result.existing.value };
  }

  /** Inserts unless an entry with the same id and time exists; never reads (a sampled record). */
  async appendOnce(input: AuditInput): Promise<boolean> {
    const entry = entryOf(input);
    try {
      await this.rowsFor(entry).client.createEntity(this.rowsFor(entry).toEntity(entry));
      return true;
    } catch (e) {
      if (isConflict(e)) return false;
      throw e;
    }
  }

  /**
   * The insert of a conference's entry as a transaction action, to be submitted with the change
   * it records (same table, same partition). A redelivered action meets its own entry: 409.
   */
  entryAction(input: AuditInput & { conferenceId: ConferenceId }): TransactionAction {
    return this.ofConference.createAction(entryOf(input));
  }

  /** A conference's trail, oldest first. */
  async forConference(conferenceId: ConferenceId): Promise<AuditEntry[]> {
    return (await this.ofConference.query(conferenceId, { prefix: PREFIX })).map((s) => s.value);
  }

  /** Actions outside any conference in one month ('YYYY-MM'), oldest first. */
  async general(month: string): Promise<AuditEntry[]> {
    return (await this.general_.query(joinKey('general', month))).map((s) => s.value);
  }

  private rowsFor(entry: AuditEntry): EntitySet<AuditEntry> {
    return entry.conferenceId ? this.ofConference : this.general_;
  }
}

/** The entry as it will be stored: an id given, outside text cut to the limits, details bounded. */
export function entryOf(input: AuditInput): AuditEntry {
  return cutToLimits({ ...input, id: input.id ?? randomUUID(), details: boundedDetails(input.details) });
}

/** Outside text is cut to what is stored, so that recording an action never fails on its length. */
export function cutToLimits<T extends { name: string; userId: string; teamsUserId?: string; id: string }>(e: T): T {
  const cut = (s: string, n: number) => (s.length > n ? s.slice(0, n) : s);
  return {
    ...e,
    name: cut(e.name.trim(), AUDIT_LIMITS.name) || 'Unknown user',
    userId: cut(e.userId.trim(), AUDIT_LIMITS.userId) || 'unknown',
    teamsUserId: e.teamsUserId === undefined ? undefined : cut(e.teamsUserId, AUDIT_LIMITS.teamsUserId) || undefined,
    id: cut(e.id, AUDIT_LIMITS.id),
  };
}

function boundedDetails(details: Record<string, unknown>): Record<string, unknown> {
  const text = JSON.stringify(details);
  return text.length <= MAX_DETAILS_CHARS ? details : { truncated: true, json: text.slice(0, MAX_DETAILS_CHARS) };
}
