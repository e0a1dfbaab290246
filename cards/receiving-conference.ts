import { z } from 'zod';
import { IsoDate } from '../src/rules/types.js';
import { DueStepForm } from './common.js';
import { defineCard } from './define.js';
import { formatDate } from './labels.js';
import { childLine } from './present.js';
import template from './templates/receiving-conference.json' with { type: 'json' };

/** After a permanent move (Bolton procedures, Discontinuing the Child Protection Plan): the chair records the receiving area's conference. */
export const ReceivingConferenceView = DueStepForm.extend({
  /** As typed, when the form comes back with a problem. */
  heldOn: IsoDate.optional(),
});
export type ReceivingConferenceView = z.input<typeof ReceivingConferenceView>;

export const receivingConferenceCard = defineCard(ReceivingConferenceView, template, (v) => ({
  caseRef: v.child.caseRef,
  childText: childLine(v.child),
  dueText: `${v.due < v.today ? 'it was due by' : 'due by'} ${formatDate(v.due)}`,
  today: v.today,
  heldOn: v.heldOn ?? v.today,
  problems: v.problems,
}));
