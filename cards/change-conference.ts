import { z } from 'zod';
import { IsoDate, PersonName } from '../src/rules/types.js';
import { Child, Id, Occasion, Person } from './common.js';
import { defineCard } from './define.js';
import { KIND_LABEL, agencyLabel, formatDate, formatDateTime } from './labels.js';
import { childLine } from './present.js';
import template from './templates/change-conference.json' with { type: 'json' };

/**
 * Changing a scheduled conference (1:1 to the Child Protection Unit or the chair): move it,
 * invite or remove someone, remind those who have not answered, cancel it. A refusal comes back
 * on this card with every value kept and the message beside its field; a change done says so.
 * Names the child by case reference and initials only.
 */
export const ChangeConferenceView = z.object({
  ...Occasion,
  child: Child,
  dueBy: IsoDate,
  status: z.enum(['scheduled', 'held', 'cancelled']),
  invitees: z.array(Person.extend({ userId: Id, answered: z.boolean() })),
  chair: PersonName,
  /** What was just done, e.g. "Moved to Thu 10 Dec 2026, 10:00: 11 people told 1:1." */
  done: z.string().trim().min(1).max(1000).optional(),
  /** A refusal or a warning not tied to one field. */
  note: z.string().trim().min(1).max(2000).optional(),
  errors: z.record(z.string(), z.string().trim().min(1).max(2000)).default({}),
  values: z.record(z.string(), z.string().max(2000)).default({}),
});
export type ChangeConferenceView = z.input<typeof ChangeConferenceView>;

const FIELDS = ['newDate', 'newTime', 'newLocation', 'newLateReason', 'addLine', 'removeWho', 'cancelReason'] as const;

export const changeConferenceCard = defineCard(ChangeConferenceView, template, (v) => {
  const answered = v.invitees.filter((i) => i.answered).length;
  return {
    conferenceId: v.conferenceId,
    childText: childLine(v.child),
    kindLabel: KIND_LABEL[v.kind],
    whenText: formatDateTime(v.startsAt),
    location: v.location,
    dueText: formatDate(v.dueBy),
    statusText: { scheduled: `Scheduled · chair ${v.chair}`, held: 'Held: it can no longer change', cancelled: 'Cancelled' }[v.status],
    open: v.status === 'scheduled',
    done: v.done,
    note: v.note,
    people: v.invitees.map((i) => ({ title: `${i.name} (${agencyLabel(i.agency)})`, value: i.userId })),
    answeredText: `${answered} of ${v.invitees.length} answered`,
    notAnswered: v.invitees.filter((i) => !i.answered).map((i) => i.name),
    ...Object.fromEntries(FIELDS.map((k) => [k, v.values[k] ?? ''])),
    ...Object.fromEntries(FIELDS.filter((k) => v.errors[k]).map((k) => [`${k}Error`, v.errors[k]])),
  };
});
