import { z } from 'zod';
import { ConferenceKind, IsoDate } from '../src/rules/types.js';
import { Child, LocalDateTime } from './common.js';
import { defineCard } from './define.js';
import { DueKind } from './due.js';
import { dueLabel, KIND_LABEL, formatDate, formatDateTime } from './labels.js';
import { childLine } from './present.js';
import template from './templates/reminder.json' with { type: 'json' };

/** Sent 1:1 by the scheduled run: reports, minutes, core groups, reviews coming due. */
export const ReminderView = z.object({
  child: Child,
  what: DueKind,
  /** For a `conference` item: which kind. */
  conferenceKind: ConferenceKind.optional(),
  /** A date, or a date and time (e.g. a report deadline 24 hours before). */
  due: z.union([LocalDateTime, IsoDate]),
  today: IsoDate,
  conference: z.object({ kind: ConferenceKind, startsAt: LocalDateTime }).optional(),
  note: z.string().trim().min(1).max(500).optional(),
});
export type ReminderView = z.input<typeof ReminderView>;

export const reminderCard = defineCard(ReminderView, template, (v) => {
  const late = v.due.slice(0, 10) < v.today;
  return {
    whatText: dueLabel(v.what, v.conferenceKind),
    childText: childLine(v.child),
    dueText: `${late ? 'Overdue: was due' : 'Due'} ${v.due.length > 10 ? formatDateTime(v.due) : formatDate(v.due)}`,
    style: late ? 'attention' : 'warning',
    conferenceText: v.conference && `${KIND_LABEL[v.conference.kind]}: ${formatDateTime(v.conference.startsAt)}.`,
    note: v.note,
    // Sent to the core group's members, who record its meetings: the form is one click away.
    recordable: v.what === 'core-group' || v.what === 'first-core-group',
    caseRef: v.child.caseRef,
  };
});
