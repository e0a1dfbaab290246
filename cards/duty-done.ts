import { z } from 'zod';
import { IsoDate } from '../src/rules/types.js';
import { DueStepForm } from './common.js';
import { defineCard } from './define.js';
import { formatDate } from './labels.js';
import { childLine } from './present.js';
import template from './templates/duty-done.json' with { type: 'json' };

/** The chair's duties whose date sets what follows (Bolton procedures, Record keeping; Disagreement and dissent). */
export const DatedDuty = z.enum(['minutes', 'split-referral', 'split-panel']);
export type DatedDuty = z.infer<typeof DatedDuty>;

const WORDS: Record<DatedDuty, { title: string; dateLabel: string; after: string }> = {
  minutes: { title: 'Mark the minutes sent', dateLabel: 'Date the minutes were sent (not in the future)', after: 'The window for amendments runs from that date.' },
  'split-referral': { title: 'Record the referral to the Head of Service', dateLabel: 'Date the Head of Service was notified (not in the future)', after: 'The panel is due within the days the procedures set from that date.' },
  'split-panel': { title: 'Record the panel hearing', dateLabel: 'Date the panel heard it (not in the future)', after: '' },
};

/** "My reviews" → a chair's duty done, on the day it was done (today unless changed). */
export const DutyDoneView = DueStepForm.extend({
  what: DatedDuty,
  /** As typed, when the form comes back with a problem. */
  on: IsoDate.optional(),
});
export type DutyDoneView = z.input<typeof DutyDoneView>;

export const dutyDoneCard = defineCard(DutyDoneView, template, (v) => ({
  title: WORDS[v.what].title,
  caseRef: v.child.caseRef,
  childText: childLine(v.child),
  kind: v.what,
  dueText: `${v.due < v.today ? 'It was due by' : 'Due by'} ${formatDate(v.due)}.`,
  afterText: WORDS[v.what].after,
  dateLabel: WORDS[v.what].dateLabel,
  today: v.today,
  on: v.on ?? v.today,
  problems: v.problems,
}));
