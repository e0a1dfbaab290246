import { z } from 'zod';
import { IsoDate } from '../src/rules/types.js';
import { DueStepForm } from './common.js';
import { defineCard } from './define.js';
import { formatDate } from './labels.js';
import { childLine } from './present.js';
import template from './templates/core-group.json' with { type: 'json' };

/** `core group held CASE` or the button on "my reviews": the meeting's date and the next one's (Bolton procedures, The Core Group). */
export const CoreGroupView = DueStepForm.extend({
  /** As typed, when the form comes back with a problem (or the date typed after the command). */
  heldOn: IsoDate.optional(),
  next: IsoDate.optional(),
});
export type CoreGroupView = z.input<typeof CoreGroupView>;

export const coreGroupCard = defineCard(CoreGroupView, template, (v) => ({
  caseRef: v.child.caseRef,
  childText: childLine(v.child),
  dueText: v.due < v.today ? `The core group was due by ${formatDate(v.due)}.` : `The core group is due by ${formatDate(v.due)}.`,
  today: v.today,
  heldOn: v.heldOn ?? v.today,
  next: v.next ?? '',
  problems: v.problems,
}));
