import { z } from 'zod';
import { Child, FormProblems, Id, Procedures } from './common.js';
import { Counts, QUESTION_CHOICES, Question, tallyRows } from './decision.js';
import { defineCard } from './define.js';
import { CHOICE_LABEL, policyLabelOf, RECOMMENDATION_LABEL, choicesOf } from './labels.js';
import { childLine } from './present.js';
import template from './templates/split-decision.json' with { type: 'json' };

/** 1:1 to the chair under a chair-decides split rule (Barnsley). */
export const SplitDecisionView = z.object({
  conferenceId: Id,
  roundId: Id,
  child: Child,
  ...Procedures,
  question: Question,
  /** The split rule's source in the policy, shown where the rule applies. */
  source: z.string().trim().min(1).max(500).optional(),
  counts: Counts.default({}),
  problems: FormProblems,
});
export type SplitDecisionView = z.input<typeof SplitDecisionView>;

export const splitDecisionCard = defineCard(SplitDecisionView, template, (v) => ({
  conferenceId: v.conferenceId,
  roundId: v.roundId,
  question: v.question,
  problems: v.problems,
  childText: childLine(v.child),
  policyLabel: policyLabelOf(v),
  source: v.source ?? '',
  tallyText: tallyRows(v.question, v.counts).map((r) => `${r.label}: ${r.count}`).join(', '),
  decisionChoices: choicesOf(CHOICE_LABEL, QUESTION_CHOICES[v.question]),
  recommendationChoices: choicesOf(RECOMMENDATION_LABEL),
}));
