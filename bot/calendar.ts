// The calendar file (.ics) the Child Protection Unit sends to someone the bot cannot reach, made
// with the maintained `ics` library, and the signed link it is fetched from. The file names the
// case by reference only: it may travel by email or be printed.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createEvent } from 'ics';
import type { Conference } from '../src/store/conferences.js';
import type { Invitee } from '../src/store/invitees.js';
import { KIND_LABEL } from '../cards/labels.js';

/** Conferences are booked for two hours unless the area says otherwise. */
const DURATION_HOURS = 2;

export function calendarFile(conference: Conference, invitee: Invitee, location?: string): string {
  const start = new Date(conference.scheduledAt);
  const { error, value } = createEvent({
    uid: `${conference.id}.${invitee.userId.replace(/[^A-Za-z0-9.-]/g, '-')}@cp-conference-bot`,
    start: [start.getUTCFullYear(), start.getUTCMonth() + 1, start.getUTCDate(), start.getUTCHours(), start.getUTCMinutes()],
    startInputType: 'utc',
    startOutputType: 'utc',
    duration: { hours: DURATION_HOURS },
    title: `${KIND_LABEL[conference.kind]} (case ${conference.caseRef})`,
    description: `Chaired by ${conference.chair.name}. Invitation for ${invitee.name}. Please tell the Child Protection Unit if you cannot attend.`,
    location,
    status: 'CONFIRMED',
    organizer: { name: `${conference.chair.name} (chair)` },
  });
  if (error || !value) throw new Error(`calendar file could not be made: ${error?.message ?? 'no output'}`);
  return value;
}

/** A link signature: only links the bot made open a calendar file. */
export function calendarSignature(secret: string, conferenceId: string, userId: string): string {
  return createHmac('sha256', secret).update(`${conferenceId}\n${userId}`).digest('base64url').slice(0, 32);
}

export function signatureMatches(secret: string, conferenceId: string, userId: string, given: string): boolean {
  const expected = Buffer.from(calendarSignature(secret, conferenceId, userId));
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

export function calendarLink(base: string, secret: string, conferenceId: string, userId: string): string {
  const sig = calendarSignature(secret, conferenceId, userId);
  return `${base.replace(/\/$/, '')}/calendar/${encodeURIComponent(conferenceId)}/${encodeURIComponent(userId)}/${sig}.ics`;
}
