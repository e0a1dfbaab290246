import { z } from 'zod';
import { Agency, Choice, NoPlanRecommendation, PersonName } from '../src/rules/types.js';
import { SCALE_ROWS } from './actions.js';
import { Child, FormProblems, Id, Procedures } from './common.js';
import { QUESTION_CHOICES, QUESTION_TEXT, Question } from './decision.js';
import { defineCard } from './define.js';
import { CHOICE_LABEL, RECOMMENDATION_LABEL, agencyLabel, choicesOf, policyLabelOf } from './labels.js';
import { childLine } from './present.js';
import template from './templates/chair-decision.json' with { type: 'json' };

const AgencyView = z.object({ agency: Agency, name: PersonName, choice: Choice, reason: z.string().trim().min(1).max(2000).optional() });

/**
 * Where the policy has the chair decide throughout (no vote): posted in the conference chat for
 * the chair to record the decision, each agency's stated view and the reason of any dissent;
 * once recorded, the same card shows the record.
 */
export const ChairDecisionView = z.object({
  conferenceId: Id,
  child: Child,
  question: Question,
  ...Procedures,
  /** The policy's citation for the rule, shown where it applies. */
  source: z.string().trim().min(1).max(500),
  /** The agencies present, one row each, with who speaks for them. */
  agencies: z.array(z.object({ agency: Agency, names: z.string().trim().min(1).max(300) })).min(1).max(SCALE_ROWS),
  problems: FormProblems,
  decided: z
    .object({
      choice: Choice,
      recommendation: NoPlanRecommendation.optional(),
      rationale: z.string().trim().min(1).max(4000),
      views: z.array(AgencyView),
      dissents: z.array(AgencyView),
    })
    .optional(),
});
export type ChairDecisionView = z.input<typeof ChairDecisionView>;

export const chairDecisionCard = defineCard(ChairDecisionView, template, (v) => {
  const d = v.decided;
  return {
    conferenceId: v.conferenceId,
    childText: childLine(v.child),
    questionText: QUESTION_TEXT[v.question],
    ruleText: `Under the ${policyLabelOf(v)} procedures there is no vote: the chair decides, recording each agency's stated view and any dissent with its reason.`,
    source: v.source,
    problems: v.problems,
    open: d === undefined,
    question: v.question,
    viewAgencies: v.agencies.map((a) => a.agency),
    rows: v.agencies.map((a, i) => ({ n: i + 1, heading: `${agencyLabel(a.agency)} (${a.names})`, agencyLabel: agencyLabel(a.agency) })),
    viewChoices: choicesOf(CHOICE_LABEL, QUESTION_CHOICES[v.question]),
    decisionChoices: choicesOf(CHOICE_LABEL, QUESTION_CHOICES[v.question]),
    recommendationChoices: choicesOf(RECOMMENDATION_LABEL),
    decided: d !== undefined,
    decisionText: d ? `${CHOICE_LABEL[d.choice]}${d.recommendation ? ` — ${RECOMMENDATION_LABEL[d.recommendation]}` : ''}` : '',
    rationale: d?.rationale ?? '',
    views: (d?.views ?? []).map((x) => ({ title: `${agencyLabel(x.agency)} (${x.name})`, value: `${CHOICE_LABEL[x.choice]}${x.reason ? `: ${x.reason}` : ''}` })),
    dissents: (d?.dissents ?? []).map((x) => ({ title: `${agencyLabel(x.agency)} (${x.name})`, value: `${CHOICE_LABEL[x.choice]}: ${x.reason ?? 'no reason given'}` })),
    hasDissents: (d?.dissents.length ?? 0) > 0,
  };
});
