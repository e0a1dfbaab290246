// Invitees of a conference with their RSVP and check-in: RowKey 'invitee|<user id>' in the
// conference's partition. One row per person, changed under its ETag, so two deliveries of
// the same answer store it once and two different answers never interleave.
import type { TableClient, TransactionAction } from '@azure/data-tables';
import { z } from 'zod';
import { Agency, PersonName, Role, Rsvp } from '../rules/types.js';
import { EntitySet, type Modified } from './entity-set.js';
import { joinKey, keyPart } from './keys.js';
import { ConferenceId, Instant, TeamsId, UserId, json } from './schema.js';

/** Someone who acted for another person (the chair checking them in, the Unit answering for them). */
export const ActedBy = z.object({ userId: UserId, name: PersonName, as: z.enum(['chair', 'unit']) });
export type ActedBy = z.infer<typeof ActedBy>;

export const RsvpAnswer = z
  .object({
    response: Rsvp,
    /** Who is sent, when the answer is "deputy". */
    deputyName: PersonName.optional(),
    at: Instant,
    /** Recorded by the Unit or the chair for someone the bot cannot reach. */
    recordedBy: ActedBy.optional(),
  })
  .refine((r) => (r.response === 'deputy') === (r.deputyName !== undefined), {
    message: 'a deputy name goes with the answer "deputy", and only with it',
  });
export type RsvpAnswer = z.infer<typeof RsvpAnswer>;

/** How someone takes part: on Teams, in the room, or on the phone. */
export const Presence = z.enum(['teams', 'room', 'phone']);
export type Presence = z.infer<typeof Presence>;

/** What the chair confirmed when the person joined (role and agency may differ from the invitation). */
export const CheckIn = z.object({
  present: z.boolean(),
  role: Role,
  agency: Agency,
  at: Instant,
  /** A briefed deputy attending for this (absent) invitee's agency (Bolton procedures, Attendance). */
  deputyName: PersonName.optional(),
  how: Presence.optional(),
  /** Set when the chair checked the person in or out rather than the person themselves. */
  recordedBy: ActedBy.optional(),
});
export type CheckIn = z.infer<typeof CheckIn>;

export const Invitee = z.object({
  conferenceId: ConferenceId,
  /** AAD object id in Teams; for someone without Teams, any stable id the bot assigns. */
  userId: UserId,
  /** Teams' id for the person (29:…), once known: needed to message them 1:1. */
  teamsId: TeamsId.optional(),
  name: PersonName,
  agency: Agency,
  role: Role,
  /** Has had direct contact with the child (counts for quoracy). */
  directContact: z.boolean(),
  invitedAt: Instant,
  /** Not invited but checked in by the chair on the day (a walk-in professional). */
  walkIn: z.boolean().optional(),
  /** `not-on-teams`: the bot cannot message them (family, another organisation): the Unit sends by other means. */
  reach: z.enum(['teams', 'not-on-teams']).optional(),
  /** How to reach someone not on Teams: an email address, phone number or postal address. */
  contactLine: z.string().trim().min(1).max(300).optional(),
  rsvp: json(RsvpAnswer).optional(),
  checkIn: json(CheckIn).optional(),
});
export type Invitee = z.infer<typeof Invitee>;
export type Invitation = Omit<Invitee, 'rsvp' | 'checkIn'>;

const PREFIX = 'invitee|';
export const inviteeKey = (conferenceId: string, userId: string) => ({ partitionKey: conferenceId, rowKey: joinKey('invitee', keyPart(userId)) });

/** `recorded`: first answer; `changed`: a different answer replaced an earlier one; `unchanged`: the same again. */
export type AnswerResult =
  | { outcome: 'recorded' | 'changed' | 'unchanged'; invitee: Invitee }
  | { outcome: 'not-invited' };

export class Invitees {
  readonly rows: EntitySet<Invitee>;
  constructor(client: TableClient) {
    this.rows = new EntitySet(client, { name: 'invitee', schema: Invitee, key: (i) => inviteeKey(i.conferenceId, i.userId) });
  }

  /**
   * Adds someone to the conference, or corrects their details (name, agency, role, direct
   * contact) keeping any RSVP and check-in and the first invitation time.
   */
  async invite(invitation: Invitation, options: { audit?: TransactionAction } = {}): Promise<{ outcome: 'invited' | 'updated' | 'unchanged'; invitee: Invitee }> {
    const alongside = options.audit ? [options.audit] : [];
    const created = await this.rows.create(invitation, { alongside });
    if (created.created) return { outcome: 'invited', invitee: invitation };
    const result = await this.rows.modify(
      inviteeKey(invitation.conferenceId, invitation.userId),
      (cur) => ({
        ...cur,
        name: invitation.name,
        teamsId: invitation.teamsId ?? cur.teamsId,
        agency: invitation.agency,
        role: invitation.role,
        directContact: invitation.directContact,
        reach: invitation.reach ?? cur.reach,
        contactLine: invitation.contactLine ?? cur.contactLine,
      }),
      { alongside: () => alongside },
    );
    if (result.outcome === 'not-found') return this.invite(invitation, options); // removed meanwhile: start again
    return { outcome: result.outcome === 'changed' ? 'updated' : 'unchanged', invitee: result.stored.value };
  }

  /**
   * Adds someone who arrives uninvited, already checked in, in one insert (nothing half-written).
   * `exists`: a row for them is there already (a repeat, or they were checked out): nothing written.
   */
  async arrive(person: Invitee, options: { audit?: TransactionAction } = {}): Promise<{ outcome: 'arrived' | 'exists'; invitee: Invitee }> {
    const created = await this.rows.create(person, { alongside: options.audit ? [options.audit] : [] });
    return created.created ? { outcome: 'arrived', invitee: person } : { outcome: 'exists', invitee: created.existing.value };
  }

  async get(conferenceId: ConferenceId, userId: UserId): Promise<Invitee | undefined> {
    return (await this.rows.get(inviteeKey(conferenceId, userId)))?.value;
  }

  /** Takes someone off the invitation list (withdrawn before the conference). A repeat finds nobody. */
  async remove(conferenceId: ConferenceId, userId: UserId, options: { audit?: TransactionAction } = {}): Promise<{ outcome: 'removed' | 'not-invited' }> {
    const removed = await this.rows.delete(inviteeKey(conferenceId, userId), undefined, { alongside: options.audit ? [options.audit] : [] });
    return removed ? { outcome: 'removed' } : { outcome: 'not-invited' };
  }

  /** Everyone invited, in key order. */
  async list(conferenceId: ConferenceId): Promise<Invitee[]> {
    return (await this.rows.query(conferenceId, { prefix: PREFIX })).map((s) => s.value);
  }

  /** `audit`: the entry stored in the same transaction as the answer (nothing when unchanged). */
  async rsvp(conferenceId: ConferenceId, userId: UserId, answer: RsvpAnswer, options: { audit?: TransactionAction } = {}): Promise<AnswerResult> {
    return answerResult(
      await this.rows.modify(
        inviteeKey(conferenceId, userId),
        (cur) => (cur.rsvp?.response === answer.response && cur.rsvp.deputyName === answer.deputyName ? cur : { ...cur, rsvp: answer }),
        { alongside: () => (options.audit ? [options.audit] : []) },
      ),
      (previous) => previous.rsvp === undefined,
    );
  }

  /** `audit`: the entry stored in the same transaction as the check-in (nothing when unchanged). */
  async checkIn(conferenceId: ConferenceId, userId: UserId, checkIn: CheckIn, options: { audit?: TransactionAction } = {}): Promise<AnswerResult> {
    return answerResult(
      await this.rows.modify(
        inviteeKey(conferenceId, userId),
        (cur) =>
          cur.checkIn?.present === checkIn.present &&
          cur.checkIn.role === checkIn.role &&
          cur.checkIn.agency === checkIn.agency &&
          cur.checkIn.deputyName === checkIn.deputyName &&
          (checkIn.how === undefined || cur.checkIn.how === checkIn.how)
            ? cur
            : { ...cur, checkIn },
        { alongside: () => (options.audit ? [options.audit] : []) },
      ),
      (previous) => previous.checkIn === undefined,
    );
  }
}

function answerResult(result: Modified<Invitee>, wasFirst: (previous: Invitee) => boolean): AnswerResult {
  switch (result.outcome) {
    case 'not-found':
      return { outcome: 'not-invited' };
    case 'unchanged':
      return { outcome: 'unchanged', invitee: result.stored.value };
    case 'changed':
      return { outcome: wasFirst(result.previous) ? 'recorded' : 'changed', invitee: result.stored.value };
  }
}
