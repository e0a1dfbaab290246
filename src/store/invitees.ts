// Invitees of a conference with their RSVP and check-in: RowKey 'invitee|<user id>' in the
// conference's partition. One row per person, changed under its ETag, so two deliveries of
// the same answer store it once and two different answers never interleave.
import type { TableClient } from '@azure/data-tables';
import { z } from 'zod';
import { Agency, PersonName, Role, Rsvp } from '../rules/types.js';
import { EntitySet, type Modified } from './entity-set.js';
import { joinKey, keyPart } from './keys.js';
import { ConferenceId, Instant, TeamsId, UserId, json } from './schema.js';

export const RsvpAnswer = z
  .object({
    response: Rsvp,
    /** Who is sent, when the answer is "deputy". */
    deputyName: PersonName.optional(),
    at: Instant,
  })
  .refine((r) => (r.response === 'deputy') === (r.deputyName !== undefined), {
    message: 'a deputy name goes with the answer "deputy", and only with it',
  });
export type RsvpAnswer = z.infer<typeof RsvpAnswer>;

/** What the chair confirmed when the person joined (role and agency may differ from the invitation). */
export const CheckIn = z.object({
  present: z.boolean(),
  role: Role,
  agency: Agency,
  at: Instant,
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
  async invite(invitation: Invitation): Promise<{ outcome: 'invited' | 'updated' | 'unchanged'; invitee: Invitee }> {
    const created = await this.rows.create(invitation);
    if (created.created) return { outcome: 'invited', invitee: invitation };
    const result = await this.rows.modify(inviteeKey(invitation.conferenceId, invitation.userId), (cur) => ({
      ...cur,
      name: invitation.name,
      teamsId: invitation.teamsId ?? cur.teamsId,
      agency: invitation.agency,
      role: invitation.role,
      directContact: invitation.directContact,
    }));
    if (result.outcome === 'not-found') return this.invite(invitation); // removed meanwhile: start again
    return { outcome: result.outcome === 'changed' ? 'updated' : 'unchanged', invitee: result.stored.value };
  }

  async get(conferenceId: ConferenceId, userId: UserId): Promise<Invitee | undefined> {
    return (await this.rows.get(inviteeKey(conferenceId, userId)))?.value;
  }

  /** Everyone invited, in key order. */
  async list(conferenceId: ConferenceId): Promise<Invitee[]> {
    return (await this.rows.query(conferenceId, { prefix: PREFIX })).map((s) => s.value);
  }

  async rsvp(conferenceId: ConferenceId, userId: UserId, answer: RsvpAnswer): Promise<AnswerResult> {
    return answerResult(
      await this.rows.modify(inviteeKey(conferenceId, userId), (cur) =>
        cur.rsvp?.response === answer.response && cur.rsvp.deputyName === answer.deputyName ? cur : { ...cur, rsvp: answer },
      ),
      (previous) => previous.rsvp === undefined,
    );
  }

  async checkIn(conferenceId: ConferenceId, userId: UserId, checkIn: CheckIn): Promise<AnswerResult> {
    return answerResult(
      await this.rows.modify(inviteeKey(conferenceId, userId), (cur) =>
        cur.checkIn?.present === checkIn.present && cur.checkIn.role === checkIn.role && cur.checkIn.agency === checkIn.agency
          ? cur
          : { ...cur, checkIn },
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
