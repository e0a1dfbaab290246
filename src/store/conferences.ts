// The conference record: RowKey 'conference' in the conference's own partition of Conferences.
import type { TableClient } from '@azure/data-tables';
import { z } from 'zod';
import { ConferenceKind, IsoDate, PersonName, PolicyId } from '../rules/types.js';
import { EntitySet, type Modified, type Stored } from './entity-set.js';
import { ConferenceId, FreeText, Instant, Person, CaseRef, json } from './schema.js';

export const ConferenceStatus = z.enum(['scheduled', 'in-progress', 'stood-down', 'deferred', 'decided', 'closed']);
export type ConferenceStatus = z.infer<typeof ConferenceStatus>;

export const Conference = z.object({
  id: ConferenceId,
  caseRef: CaseRef,
  /** What cards seen by others show (RULES.md, Confidentiality). */
  childInitials: z.string().regex(/^[A-Z]{1,4}$/, "child's initials: 1–4 capital letters"),
  /** Only ever shown in 1:1 cards to invitees. */
  childFullName: PersonName.optional(),
  kind: ConferenceKind,
  policy: PolicyId,
  /** When it is held. */
  scheduledAt: Instant,
  /** The event that starts the clock (strategy discussion, previous conference, notification). */
  triggerDate: IsoDate,
  /** The statutory last date for this kind of conference. */
  dueBy: IsoDate,
  /** Why it is held after `dueBy`, when it is. */
  lateReason: FreeText.optional(),
  chair: json(Person),
  status: ConferenceStatus,
  /** The Teams group chat where it runs, once created. */
  conversationId: z.string().min(1).max(500).optional(),
  /** Pre-birth conferences: the first review must not fall before it. */
  expectedDeliveryDate: IsoDate.optional(),
  /** In the Looked After Children system (a CP plan then needs a recorded reason). */
  lookedAfter: z.boolean(),
  createdAt: Instant,
});
export type Conference = z.infer<typeof Conference>;

export const CONFERENCE_ROW = 'conference';

export const conferenceKey = (id: ConferenceId) => ({ partitionKey: id, rowKey: CONFERENCE_ROW });

export function conferenceRows(client: TableClient): EntitySet<Conference> {
  return new EntitySet(client, { name: 'conference', schema: Conference, key: (c) => conferenceKey(c.id) });
}

export type CreateConferenceResult =
  | { outcome: 'created' | 'unchanged'; conference: Conference }
  /** The id is taken by a different conference: nothing was written. */
  | { outcome: 'id-taken'; conference: Conference };

export class Conferences {
  readonly rows: EntitySet<Conference>;
  constructor(client: TableClient) {
    this.rows = conferenceRows(client);
  }

  /** Creating the same conference twice (a repeated command) changes nothing. */
  async create(conference: Conference): Promise<CreateConferenceResult> {
    const result = await this.rows.create(conference);
    if (result.created) return { outcome: 'created', conference };
    const existing = result.existing.value;
    return { outcome: this.rows.same(existing, conference) ? 'unchanged' : 'id-taken', conference: existing };
  }

  async get(id: ConferenceId): Promise<Conference | undefined> {
    return (await this.rows.get(conferenceKey(id)))?.value;
  }

  async getWithEtag(id: ConferenceId): Promise<Stored<Conference> | undefined> {
    return this.rows.get(conferenceKey(id));
  }

  /** ETag-guarded change; `change` may run more than once. */
  async update(id: ConferenceId, change: (c: Conference) => Conference): Promise<Modified<Conference>> {
    return this.rows.modify(conferenceKey(id), change);
  }

  async setStatus(id: ConferenceId, status: ConferenceStatus): Promise<Modified<Conference>> {
    return this.update(id, (c) => ({ ...c, status }));
  }

  async setConversation(id: ConferenceId, conversationId: string): Promise<Modified<Conference>> {
    return this.update(id, (c) => ({ ...c, conversationId }));
  }
}
