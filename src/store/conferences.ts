// The conference record: RowKey 'conference' in the conference's own partition of Conferences.
// Each case also lists its conferences (Cases table, PK case ref, RK 'conference|<id>'), so
// "the conference for CASE" is a partition query, not a scan of Conferences.
import type { TableClient, TransactionAction } from '@azure/data-tables';
import { z } from 'zod';
import { ConferenceKind, IsoDate, PersonName } from '../rules/types.js';
import { PolicyKey } from '../rules/policy-schema.js';
import { EntitySet, type Modified, type Stored } from './entity-set.js';
import { joinKey, keyPart } from './keys.js';
import { ConferenceId, FreeText, Instant, Person, CaseRef, json } from './schema.js';

export const ConferenceStatus = z.enum(['scheduled', 'in-progress', 'stood-down', 'deferred', 'decided', 'closed', 'cancelled']);
export type ConferenceStatus = z.infer<typeof ConferenceStatus>;

export const Conference = z.object({
  id: ConferenceId,
  caseRef: CaseRef,
  /** What cards seen by others show (RULES.md, Confidentiality). */
  childInitials: z.string().regex(/^[A-Z]{1,4}$/, "child's initials: 1–4 capital letters"),
  /** Only ever shown in 1:1 cards to invitees. */
  childFullName: PersonName.optional(),
  kind: ConferenceKind,
  /** The id of the policy it was scheduled under… */
  policy: PolicyKey,
  /** …its version, and the policy itself as it was then: the conference runs under it to the end,
   * whatever is deployed later. (Absent on conferences scheduled before policies had versions.) */
  policyVersion: z.int().min(1).optional(),
  policySnapshot: json(z.record(z.string(), z.unknown())).optional(),
  /** When it is held. */
  scheduledAt: Instant,
  /** Why it was cancelled, when it was (the status says so). */
  cancelReason: FreeText.optional(),
  /** Where: a room, or the Teams meeting link. */
  location: z.string().trim().min(1).max(500).optional(),
  /** The event that starts the clock (strategy discussion, previous conference, notification). */
  triggerDate: IsoDate,
  /** Initial conferences: when the section 47 enquiry started (the national timeliness clock). */
  s47StartDate: IsoDate.optional(),
  /** The statutory last date for this kind of conference. */
  dueBy: IsoDate,
  /** Why it is held after `dueBy`, when it is. */
  lateReason: FreeText.optional(),
  /** Why the chair proceeded although not quorate (RULES.md, Quoracy); the decision repeats it. */
  quoracyBreachReason: FreeText.optional(),
  chair: json(Person),
  status: ConferenceStatus,
  /** The day it was held (started), on the area's clock: every date after it counts from this day. */
  heldOn: IsoDate.optional(),
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

/** A case's pointer to one of its conferences. */
const CaseConference = z.object({ caseRef: CaseRef, conferenceId: ConferenceId, scheduledAt: Instant, kind: ConferenceKind });
type CaseConference = z.infer<typeof CaseConference>;
const caseConferenceKey = (c: Pick<CaseConference, 'caseRef' | 'conferenceId'>) => ({ partitionKey: keyPart(c.caseRef), rowKey: joinKey('conference', c.conferenceId) });
const pointerTo = (c: Conference): CaseConference => ({ caseRef: c.caseRef, conferenceId: c.id, scheduledAt: c.scheduledAt, kind: c.kind });

/** Conferences still to be held or running. */
const ACTIVE: readonly ConferenceStatus[] = ['scheduled', 'in-progress'];

export type CreateConferenceResult =
  | { outcome: 'created' | 'unchanged'; conference: Conference }
  /** The id is taken by a different conference: nothing was written. */
  | { outcome: 'id-taken'; conference: Conference };

export class Conferences {
  readonly rows: EntitySet<Conference>;
  private readonly byCase: EntitySet<CaseConference>;
  constructor(client: TableClient, cases: TableClient) {
    this.rows = conferenceRows(client);
    this.byCase = new EntitySet(cases, { name: 'case conference', schema: CaseConference, key: caseConferenceKey });
  }

  /**
   * Creating the same conference twice (a repeated command) changes nothing. `audit`: the entry
   * stored in the same transaction as the conference row.
   */
  async create(conference: Conference, options: { audit?: TransactionAction } = {}): Promise<CreateConferenceResult> {
    const result = await this.rows.create(conference, { alongside: options.audit ? [options.audit] : [] });
    // The same conference again (a redelivery, a retry) is not a clash, whenever it comes: only when it was first made differs.
    if (!result.created && !this.rows.same({ ...result.existing.value, createdAt: conference.createdAt }, conference)) return { outcome: 'id-taken', conference: result.existing.value };
    // Written after the conference, so a repeat after a failure in between completes it.
    await this.byCase.upsert(pointerTo(conference));
    return { outcome: result.created ? 'created' : 'unchanged', conference };
  }

  /** The case's conferences in date order. */
  async listForCase(caseRef: string): Promise<Conference[]> {
    const pointers = await this.byCase.query(keyPart(caseRef), { prefix: 'conference|' });
    const found = await Promise.all(pointers.map((p) => this.get(p.value.conferenceId)));
    return found.filter((c): c is Conference => c !== undefined).sort((a, b) => a.scheduledAt.localeCompare(b.scheduledAt));
  }

  /** The case's earliest conference that is scheduled or in progress. */
  async nextForCase(caseRef: string): Promise<Conference | undefined> {
    return (await this.listForCase(caseRef)).find((c) => ACTIVE.includes(c.status));
  }

  async get(id: ConferenceId): Promise<Conference | undefined> {
    return (await this.rows.get(conferenceKey(id)))?.value;
  }

  async getWithEtag(id: ConferenceId): Promise<Stored<Conference> | undefined> {
    return this.rows.get(conferenceKey(id));
  }

  /**
   * ETag-guarded change; `change` may run more than once. `audit` gives the change's audit entry,
   * stored in the same transaction (a conference's trail is in its partition).
   */
  async update(id: ConferenceId, change: (c: Conference) => Conference, options: { audit?: (next: Conference, previous: Conference) => TransactionAction } = {}): Promise<Modified<Conference>> {
    const audit = options.audit;
    const result = await this.rows.modify(conferenceKey(id), change, { alongside: audit && ((next, previous) => [audit(next, previous)]) });
    if (result.outcome === 'changed') {
      const [before, after] = [pointerTo(result.previous), pointerTo(result.stored.value)];
      if (!this.byCase.same(before, after)) {
        if (before.caseRef !== after.caseRef) await this.byCase.delete(caseConferenceKey(before));
        await this.byCase.upsert(after);
      }
    }
    return result;
  }

  async setStatus(id: ConferenceId, status: ConferenceStatus): Promise<Modified<Conference>> {
    return this.update(id, (c) => ({ ...c, status }));
  }

  async setConversation(id: ConferenceId, conversationId: string): Promise<Modified<Conference>> {
    return this.update(id, (c) => ({ ...c, conversationId }));
  }
}
