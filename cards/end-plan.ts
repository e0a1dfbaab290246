import { z } from 'zod';
import { IsoDate, PlanEndReason } from '../src/rules/types.js';
import { Child, FormProblems } from './common.js';
import { defineCard } from './define.js';
import { PLAN_END_LABEL, choicesOf } from './labels.js';
import { childLine } from './present.js';
import template from './templates/end-plan.json' with { type: 'json' };

/** `end plan <case ref>`: the confirmation form, with the reason and date. */
export const EndPlanView = z.object({
  child: Child,
  today: IsoDate,
  /** Everyone invited to the initial conference. */
  notifyCount: z.number().int().min(0),
  /** The reason as the person typed it, preselected for confirmation. */
  selected: PlanEndReason.optional(),
  problems: FormProblems,
});
export type EndPlanView = z.input<typeof EndPlanView>;

export const endPlanCard = defineCard(EndPlanView, template, (v) => ({
  caseRef: v.child.caseRef,
  childText: childLine(v.child),
  today: v.today,
  notifyCount: v.notifyCount,
  problems: v.problems,
  reasonChoices: choicesOf(PLAN_END_LABEL),
  selected: v.selected ?? '',
  dateLabel: v.selected === 'moved-permanently' ? 'Date the move was notified' : 'Date the plan ended (not in the future)',
}));
