// Who may do what (RULES.md, Confidentiality; docs/rules.md): only invitees act on a conference's
// cards, only its chair runs the vote and decides. A refusal names the rule, never the data.
import type { Conference } from '../src/store/conferences.js';
import { ConferenceId } from '../src/store/schema.js';
import type { Invitee } from '../src/store/invitees.js';
import type { Services } from './services.js';
import { UserError, type Turn } from './turn.js';

export async function loadConference(s: Services, conferenceId: string): Promise<Conference> {
  // An id no conference can have (a card's or anyone's text) is not looked up: Azure refuses some keys.
  const conference = ConferenceId.safeParse(conferenceId).success ? await s.store.conferences.get(conferenceId) : undefined;
  if (!conference) throw new UserError('This conference could not be found. The card may be out of date: ask the chair for a new one.', 'Not found');
  return conference;
}

export const isChair = (conference: Conference, turn: Turn) => conference.chair.userId === turn.actor.aadObjectId;

export function requireChair(conference: Conference, turn: Turn, what: string): void {
  if (!isChair(conference, turn)) throw new UserError(`Only the chair, ${conference.chair.name}, can ${what}.`, 'Chair only');
}

/** The acting user's invitation; refused for anyone not invited (the chair included, who is not an invitee). */
export async function requireInvitee(s: Services, conference: Conference, turn: Turn, what: string): Promise<Invitee> {
  const invitee = await s.store.invitees.get(conference.id, turn.actor.aadObjectId);
  if (!invitee) throw new UserError(`Only people invited to this conference can ${what}.`, 'Not invited');
  return invitee;
}

/** Cards with live state refuse changes once the conference has moved on. */
export function requireStatus(conference: Conference, allowed: Conference['status'][], what: string): void {
  if (!allowed.includes(conference.status)) {
    throw new UserError(`You can no longer ${what}: the conference is ${conference.status.replace('-', ' ')}.`, 'Too late');
  }
}
