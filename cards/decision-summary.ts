import { z } from 'zod';
import { ConferenceKind, IsoDate, PersonName } from '../src/rules/types.js';
import { Id, LocalDateTime, NamedChild } from './common.js';
import { Categories, Outcome, PlanSummary, SplitRule, categoriesText, outcomeTexts, planTexts, splitText } from './decision.js';
import { defineCard } from './define.js';
import { KIND_LABEL, formatDate, formatDateTime } from './labels.js';
import { namedChildLine } from './present.js';
import template from './templates/decision-summary.json' with { type: 'json' };

/** Circulated 1:1 to everyone invited, within a working day: decision, category, plan outline, dates. */
export const DecisionSummaryView = z.object({
  conferenceId: Id,
  child: NamedChild,
  kind: ConferenceKind,
  heldAt: LocalDateTime,
  chair: PersonName,
  outcome: Outcome,
  split: SplitRule.optional(),
  category: Categories.optional(),
  plan: PlanSummary.optional(),
  /** The next review conference (a continuing plan) or Child in Need plan review. */
  nextReview: IsoDate.optional(),
});
export type DecisionSummaryView = z.input<typeof DecisionSummaryView>;

export const decisionSummaryCard = defineCard(DecisionSummaryView, template, (v) => {
  const plan = v.plan && planTexts(v.plan);
  return {
    conferenceId: v.conferenceId,
    chair: v.chair,
    childText: namedChildLine(v.child),
    kindLabel: KIND_LABEL[v.kind],
    whenText: formatDateTime(v.heldAt),
    ...outcomeTexts(v.outcome),
    splitText: splitText(v.split),
    categoryText: v.category && categoriesText(v.category),
    planFacts: plan?.facts ?? [],
    outlinePlan: plan?.outlinePlan,
    contingencyPlan: plan?.contingencyPlan,
    nextReviewText: v.nextReview && !v.plan ? formatDate(v.nextReview) : undefined,
  };
});
