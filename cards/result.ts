import { z } from 'zod';
import { Agency, Choice, IsoDate, NoPlanRecommendation, PersonName, Role } from '../src/rules/types.js';
import { Child, Id } from './common.js';
import { defineCard } from './define.js';
import { ROLE_LABEL, agencyLabel, formatDate, outcomeLabel } from './labels.js';
import { childLine, tallyRows } from './present.js';
import template from './templates/result.json' with { type: 'json' };
import { Counts, Question } from './vote.js';

export const Outcome = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('decided'),
    choice: Choice,
    recommendation: NoPlanRecommendation.optional(),
    /** How it was reached: all agreed, majority, a split under the plan-and-referral rule, or the chair's decision. */
    basis: z.enum(['consensus', 'majority', 'split-plan', 'chair']),
    rationale: z.string().trim().min(1).max(4000).optional(),
  }),
  /** A split under the chair-decides rule, before the chair has decided. */
  z.object({ kind: z.literal('awaiting-chair') }),
  z.object({ kind: z.literal('deferred'), reason: z.string().trim().min(1).max(2000), reconveneBy: IsoDate }),
]);

/** Local policy on a split vote (RULES.md, "Split vote"). */
export const SplitRule = z.discriminatedUnion('rule', [
  z.object({ rule: z.literal('plan-and-referral'), referralBy: IsoDate, panelBy: IsoDate }),
  z.object({ rule: z.literal('chair-decides') }),
]);

export const ResultView = z.object({
  conferenceId: Id,
  roundId: Id,
  child: Child,
  question: Question,
  round: z.number().int().min(1).default(1),
  outcome: Outcome,
  counts: Counts.default({}),
  dissents: z
    .array(z.object({ name: PersonName, agency: Agency, choice: Choice, recommendation: NoPlanRecommendation.optional(), reason: z.string().trim().max(2000).optional() }))
    .default([]),
  /** People whose view did not count, and why (family, supporting a colleague, a second view of an agency…). */
  excluded: z.array(z.object({ name: PersonName, agency: Agency.optional(), role: Role, why: z.string().trim().min(1).max(300) })).default([]),
  split: SplitRule.optional(),
  warnings: z.array(z.string().trim().min(1).max(500)).default([]),
});
export type ResultView = z.input<typeof ResultView>;

const BASIS_TEXT = {
  consensus: 'All agencies agreed.',
  majority: 'The majority view; dissents are recorded.',
  'split-plan': 'The vote was split: under the local procedures the child becomes subject to a child protection plan.',
  chair: "The vote was split: the chair decided, with a rationale.",
} as const;

export const resultCard = defineCard(ResultView, template, (v) => {
  const o = v.outcome;
  return {
    ...v,
    childText: childLine(v.child),
    outcomeText:
      o.kind === 'decided' ? outcomeLabel(o.choice, o.recommendation) : o.kind === 'deferred' ? 'Decision deferred' : "Split vote: awaiting the chair's decision",
    basisText:
      o.kind === 'decided'
        ? BASIS_TEXT[o.basis]
        : o.kind === 'deferred'
          ? `Critical information is missing: ${o.reason}. The conference must reconvene by ${formatDate(o.reconveneBy)}.`
          : 'Under the local procedures the chair decides and records a clear rationale.',
    outcomeStyle: o.kind === 'decided' ? 'good' : o.kind === 'deferred' ? 'warning' : 'attention',
    rationale: o.kind === 'decided' ? o.rationale : undefined,
    splitText:
      v.split?.rule === 'plan-and-referral'
        ? `The chair refers the split decision to the Head of Service by ${formatDate(v.split.referralBy)}; the Appeals and Split Decisions Panel hears it by ${formatDate(v.split.panelBy)}.`
        : undefined,
    tally: o.kind === 'deferred' ? [] : tallyRows(v.question, v.counts),
    dissents: v.dissents.map((d) => ({
      name: d.name,
      agencyLabel: agencyLabel(d.agency),
      choiceText: outcomeLabel(d.choice, d.recommendation),
      reasonText: d.reason ? `Reason: ${d.reason}` : '_No reason given yet: asked._',
    })),
    excluded: v.excluded.map((e) => ({ name: e.name, why: e.why, who: e.agency ? `${agencyLabel(e.agency)}, ${ROLE_LABEL[e.role]}` : ROLE_LABEL[e.role] })),
    reasonsMissing: v.dissents.some((d) => !d.reason),
  };
});
