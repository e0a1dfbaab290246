// The decision vocabulary shared by the vote, result, decision-summary and conference-record
// cards: schemas of what was decided, and how each reads.
import { z } from 'zod';
import { Agency, Category, Choice, IsoDate, NoPlanRecommendation, PersonName, Role } from '../src/rules/types.js';
import { CATEGORY_LABEL, CHOICE_LABEL, ROLE_LABEL, agencyLabel, formatDate, outcomeLabel } from './labels.js';

export const Question = z.enum(['initial', 'review']);
export type Question = z.infer<typeof Question>;
export const Counts = z.partialRecord(Choice, z.number().int().min(0));

export const QUESTION_CHOICES: Record<Question, readonly [Choice, Choice]> = {
  initial: ['cp-plan', 'no-cp-plan'],
  review: ['continue', 'discontinue'],
};
export const QUESTION_TEXT: Record<Question, string> = {
  initial:
    'Has the child suffered significant harm, and is the child likely to suffer significant harm in the future? If so, a child protection plan; if not, a Child in Need plan or no further action.',
  review: 'Does the child remain at continuing risk of significant harm? Continue the plan, or discontinue it.',
};

/** The two answers of the question with their counts (missing counts are 0). */
export function tallyRows(question: Question, counts: Partial<Record<Choice, number>>): { label: string; count: number }[] {
  return QUESTION_CHOICES[question].map((c) => ({ label: CHOICE_LABEL[c], count: counts[c] ?? 0 }));
}

export const Outcome = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('decided'),
    choice: Choice,
    recommendation: NoPlanRecommendation.optional(),
    /** How it was reached: all agreed, majority, a split under the plan-and-referral rule, or the chair's decision. */
    basis: z.enum(['consensus', 'majority', 'split-plan', 'chair']),
    rationale: z.string().trim().min(1).max(4000).optional(),
    /** Recorded by the chair where the policy requires it (Bolton: looked-after child; first review discontinuing). */
    exceptionalCircumstances: z.string().trim().min(1).max(4000).optional(),
  }),
  /** A split under the chair-decides rule, before the chair has decided. */
  z.object({ kind: z.literal('awaiting-chair') }),
  z.object({ kind: z.literal('deferred'), reason: z.string().trim().min(1).max(2000), reconveneBy: IsoDate }),
  /** Not quorate: stood down, to be reconvened as soon as possible (circulated like any outcome). */
  z.object({ kind: z.literal('stood-down'), reason: z.string().trim().min(1).max(2000), reconveneBy: IsoDate.optional() }),
]);
export type Outcome = z.infer<typeof Outcome>;

/** Local policy on a split vote (RULES.md, "Split vote"). */
export const SplitRule = z.discriminatedUnion('rule', [
  z.object({
    rule: z.literal('plan-and-referral'),
    referralBy: IsoDate,
    panelBy: IsoDate,
    /** Who the policy has the chair refer to, and which panel hears it (default: Bolton's). */
    referTo: z.string().trim().min(1).max(200).default('the Head of Service'),
    panel: z.string().trim().min(1).max(200).default('the Appeals and Split Decisions Panel'),
  }),
  z.object({ rule: z.literal('chair-decides') }),
]);
export type SplitRule = z.infer<typeof SplitRule>;

export const Dissent = z.object({
  name: PersonName,
  agency: Agency,
  choice: Choice,
  recommendation: NoPlanRecommendation.optional(),
  reason: z.string().trim().max(2000).optional(),
});
export type Dissent = z.infer<typeof Dissent>;

/** Someone whose view did not count, and why (family, supporting a colleague, a second view of an agency…). */
export const Excluded = z.object({ name: PersonName, agency: Agency.optional(), role: Role, why: z.string().trim().min(1).max(300) });
export type Excluded = z.infer<typeof Excluded>;

const BASIS_TEXT = {
  consensus: 'All agencies that gave a view agreed.',
  majority: 'The majority view; dissents are recorded.',
  'split-plan': 'The vote was split: under the local procedures the child becomes subject to a child protection plan.',
  chair: 'The vote was split: the chair decided, with a rationale.',
} as const;

/** Headline, explanation and container style of an outcome. */
export function outcomeTexts(o: Outcome): { outcomeText: string; basisText: string; outcomeStyle: string; rationale?: string } {
  switch (o.kind) {
    case 'decided':
      return {
        outcomeText: outcomeLabel(o.choice, o.recommendation),
        basisText: o.exceptionalCircumstances ? `${BASIS_TEXT[o.basis]} Exceptional circumstances: ${o.exceptionalCircumstances}` : BASIS_TEXT[o.basis],
        outcomeStyle: 'good',
        rationale: o.rationale,
      };
    case 'deferred':
      return {
        outcomeText: 'Decision deferred',
        basisText: `Critical information is missing: ${o.reason}. The conference must reconvene by ${formatDate(o.reconveneBy)}.`,
        outcomeStyle: 'warning',
      };
    case 'awaiting-chair':
      return {
        outcomeText: "Split vote: awaiting the chair's decision",
        basisText: 'Under the local procedures the chair decides and records a clear rationale.',
        outcomeStyle: 'attention',
      };
    case 'stood-down':
      return { outcomeText: 'Stood down', basisText: `${o.reason}. The conference will be reconvened ${o.reconveneBy ? `by ${formatDate(o.reconveneBy)}` : 'as soon as possible'}.`, outcomeStyle: 'warning' };
  }
}

export function splitText(split: SplitRule | undefined): string | undefined {
  return split?.rule === 'plan-and-referral'
    ? `The chair refers the split decision to ${split.referTo} by ${formatDate(split.referralBy)}; ${split.panel} hears it by ${formatDate(split.panelBy)}.`
    : undefined;
}

export const dissentRows = (dissents: Dissent[]) =>
  dissents.map((d) => ({
    name: d.name,
    agencyLabel: agencyLabel(d.agency),
    choiceText: outcomeLabel(d.choice, d.recommendation),
    reasonText: d.reason ? `Reason: ${d.reason}` : '_No reason given yet: asked._',
  }));

export const excludedRows = (excluded: Excluded[]) =>
  excluded.map((e) => ({ name: e.name, why: e.why, who: e.agency ? `${agencyLabel(e.agency)}, ${ROLE_LABEL[e.role]}` : ROLE_LABEL[e.role] }));

/** Category of harm: one primary; others where the policy allows (London). */
export const Categories = z.object({ primary: Category, others: z.array(Category).default([]) });
export type Categories = z.infer<typeof Categories>;

export const categoriesText = (c: Categories): string =>
  [CATEGORY_LABEL[c.primary], ...c.others.map((o) => `also ${CATEGORY_LABEL[o].toLowerCase()}`)].join(', ');

/** What a plan decision also records (RULES.md, "What a CP-plan decision must also record"). */
export const PlanSummary = z.object({
  leadProfessional: z.object({ name: PersonName, agency: Agency }),
  coreGroup: z.array(z.object({ name: PersonName, agency: Agency.optional(), role: Role })),
  coreGroupOthers: z.string().trim().min(1).max(1000).optional(),
  leadDeputy: z.object({ name: PersonName, agency: Agency }).optional(),
  /** Set after a review: the dates are the next core group and review, not the first. */
  later: z.boolean().default(false),
  dangerStatements: z.string().trim().min(1).max(4000).optional(),
  safetyGoals: z.string().trim().min(1).max(4000).optional(),
  firstCoreGroup: IsoDate,
  firstReview: IsoDate,
  outlinePlan: z.string().trim().min(1).max(4000),
  contingencyPlan: z.string().trim().min(1).max(4000),
  safetyScales: z.array(z.object({ agency: Agency, scale: z.number().int().min(0).max(10) })).default([]),
  overallSafetyScale: z.number().int().min(0).max(10).optional(),
});
export type PlanSummary = z.infer<typeof PlanSummary>;

export function planTexts(p: PlanSummary) {
  return {
    facts: [
      { title: 'Lead professional', value: `${p.leadProfessional.name} (${agencyLabel(p.leadProfessional.agency)})` },
      {
        title: 'Core group',
        value: [...p.coreGroup.map((m) => (m.agency && m.role === 'professional' ? `${m.name} (${agencyLabel(m.agency)})` : `${m.name} (${ROLE_LABEL[m.role].toLowerCase()})`)), ...(p.coreGroupOthers ? [p.coreGroupOthers] : [])].join('; '),
      },
      ...(p.leadDeputy ? [{ title: "Lead professional's deputy", value: `${p.leadDeputy.name} (${agencyLabel(p.leadDeputy.agency)})` }] : []),
      { title: p.later ? 'Next core group' : 'First core group', value: formatDate(p.firstCoreGroup) },
      { title: p.later ? 'Next review' : 'First review', value: formatDate(p.firstReview) },
      ...(p.dangerStatements ? [{ title: 'Danger statements', value: p.dangerStatements }] : []),
      ...(p.safetyGoals ? [{ title: 'Safety goals', value: p.safetyGoals }] : []),
      ...(p.safetyScales.length > 0 ? [{ title: 'Safety scales', value: p.safetyScales.map((s) => `${agencyLabel(s.agency)} ${s.scale}`).join(', ') }] : []),
      ...(p.overallSafetyScale !== undefined ? [{ title: "Chair's overall safety scale", value: String(p.overallSafetyScale) }] : []),
    ],
    outlinePlan: p.outlinePlan,
    contingencyPlan: p.contingencyPlan,
  };
}
