import { z } from 'zod';
import { ConferenceKind, PersonName, Rsvp } from '../src/rules/types.js';
import { Child, Id, LocalDateTime, Person, Quoracy } from './common.js';
import { defineCard } from './define.js';
import { KIND_LABEL, RSVP_LABEL, agencyLabel, formatDateTime } from './labels.js';
import { childLine, labelled } from './present.js';
import template from './templates/rsvp-summary.json' with { type: 'json' };

/** The chair's card, updated as answers arrive. */
export const RsvpSummaryView = z.object({
  conferenceId: Id,
  child: Child,
  kind: ConferenceKind,
  startsAt: LocalDateTime,
  reportDeadline: LocalDateTime.optional(),
  invitees: z.array(Person.extend({ directContact: z.boolean(), answer: Rsvp.optional(), deputyName: PersonName.optional() })),
  /** Quoracy if everyone attends as they answered (attending or a deputy). */
  forecast: Quoracy,
  /** What just changed, e.g. "Moved from Mon 7 Dec 2026, 10:00" or "Cancelled: …", or "3 reminded". */
  note: z.string().trim().min(1).max(2000).optional(),
  /** Cancelled or held: no more reminders or changes. */
  open: z.boolean().default(true),
});
export type RsvpSummaryView = z.input<typeof RsvpSummaryView>;

const ANSWER_COLOR: Record<Rsvp, string> = { attending: 'Good', deputy: 'Good', 'written-report': 'Warning', apologies: 'Attention' };

export const rsvpSummaryCard = defineCard(RsvpSummaryView, template, (v) => {
  const answered = v.invitees.filter((i) => i.answer).length;
  return {
    conferenceId: v.conferenceId,
    note: v.note,
    open: v.open,
    childText: childLine(v.child),
    kindLabel: KIND_LABEL[v.kind],
    whenText: formatDateTime(v.startsAt),
    forecastText: v.forecast.quorate ? 'Forecast: quorate' : 'Forecast: not quorate',
    forecastStyle: v.forecast.quorate ? 'good' : 'attention',
    missing: v.forecast.missing,
    counting: v.forecast.counting.map(agencyLabel),
    answeredText: `${answered} of ${v.invitees.length} answered`,
    canRemind: v.open && answered < v.invitees.length,
    invitees: v.invitees.map((i) => ({
      ...labelled(i),
      directText: i.directContact ? ', direct contact' : '',
      answerText: !i.answer ? 'no answer yet' : i.answer === 'deputy' && i.deputyName ? `${RSVP_LABEL.deputy}: ${i.deputyName}` : RSVP_LABEL[i.answer],
      answerColor: i.answer ? ANSWER_COLOR[i.answer] : 'Default',
    })),
    reportText: v.reportDeadline && `Reports are due by ${formatDateTime(v.reportDeadline)}.`,
  };
});
