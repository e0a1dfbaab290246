// The agency vote, the last resort after consensus (Bolton procedures, Disagreement and dissent;
// Barnsley chair's guidance): one view per agency, majority wins, dissents recorded, and an equal
// split settled by the local policy.
import { z } from 'zod';
import { Choice, InitialChoice, IsoDate, Vote, type VoteStage } from './types.js';
import { RuleError, parseInput, shown } from './errors.js';
import { policyOf } from './policies.js';
import { citeIn, type Policy, type SplitRule } from './policy-schema.js';
import { addCalendarDays, addWorkingDays } from './calendar.js';
import { nonMemberWhy, roleAtTable, type Excluded } from './quoracy.js';
import { cite, type Citation } from './sources.js';
import { dueDate } from './timescales.js';
import type { RuleWarning } from './warnings.js';

/** Each stage's two choices: [keep the child safe under a plan, no plan]. */
export const STAGE_CHOICES: Readonly<Record<VoteStage, readonly [Choice, Choice]>> = {
  initial: ['cp-plan', 'no-cp-plan'],
  review: ['continue', 'discontinue'],
};

export function stageOf(choice: Choice): VoteStage {
  return (InitialChoice.options as readonly Choice[]).includes(choice) ? 'initial' : 'review';
}

export const TallyOptions = z.object({
  /** Date of the conference whose vote this is: needed for the Bolton split referral dates. */
  decisionDate: IsoDate.optional(),
  /** This is the first review conference (Bolton: the child normally stays on the plan). */
  firstReview: z.boolean().optional(),
  /** The child is looked after (Bolton: not made subject to a plan without exceptional reasons). */
  lookedAfter: z.boolean().optional(),
});
export type TallyOptions = z.infer<typeof TallyOptions>;

export interface CountedVote {
  name: string;
  agency: string;
  choice: Choice;
  reason: string | null;
}
export type Dissent = CountedVote;

export interface Settled {
  dissents: Dissent[];
  /** Names of dissenters with no recorded reason: the record needs one from each. */
  dissentsWithoutReason: string[];
  /** Messages for the chair. */
  warnings: string[];
  /** Some warning needs a reason recorded before the decision is complete. */
  reasonRequired: boolean;
}

export interface TallyResult extends Settled {
  /** The policy's id (a built-in id, or a council's own). */
  policy: string;
  stage: VoteStage;
  /** The majority choice; under a split the policy's choice, or `chair-decides`. */
  outcome: Choice | 'chair-decides';
  split: boolean;
  /** Votes counted for each of the stage's two choices. */
  counts: Record<string, number>;
  counted: CountedVote[];
  excluded: Excluded[];
  /** Plan-and-refer split (Bolton): last dates for the referral (e.g. to the Head of Service) and the panel hearing. */
  referral?: { headOfServiceBy: string; panelBy: string };
  /** The rule that settled the outcome, in words with its source. */
  rule: string;
  options: TallyOptions;
}

export const DISSENT_CITATION: Citation = { docs: ['bolton-procedures', 'barnsley-guidance'], section: 'Disagreement and dissent' };

/**
 * Warnings on a decision that the policy asks the chair to justify (Bolton procedures).
 * Usable on its own once the outcome is known, e.g. after the chair settles a split.
 */
export function decisionWarnings(input: { policy: string | Policy; outcome: Choice; lookedAfter?: boolean; firstReview?: boolean }): RuleWarning[] {
  const p = policyOf(input.policy);
  const out: RuleWarning[] = [];
  const onPlan = input.outcome === 'cp-plan' || input.outcome === 'continue';
  if (p.lookedAfterChildWarning.on && input.lookedAfter && onPlan) {
    out.push({
      code: 'looked-after-child',
      message:
        'The child is looked after: a looked-after child is not made subject to a Child Protection Plan unless there are exceptional circumstances. The chair must record the reason.',
      requiresReason: true,
      citation: p.lookedAfterChildWarning.citation,
    });
  }
  if (p.firstReviewDiscontinueWarning.on && input.firstReview && input.outcome === 'discontinue') {
    out.push({
      code: 'first-review-discontinue',
      message:
        'At the first review the child normally remains on the plan unless there are exceptional circumstances (e.g. the child becomes looked after or leaves the area). The chair must record the reason.',
      requiresReason: true,
      citation: p.firstReviewDiscontinueWarning.citation,
    });
  }
  return out;
}

export function settle(counted: readonly CountedVote[], outcome: Choice, policy: Policy, options: TallyOptions, extra: RuleWarning[]): Settled {
  const dissents = counted.filter((v) => v.choice !== outcome);
  const dissentsWithoutReason = dissents.filter((d) => d.reason === null).map((d) => d.name);
  const warnings = [...extra, ...decisionWarnings({ policy, outcome, ...options })];
  if (dissentsWithoutReason.length > 0) {
    warnings.push({
      code: 'dissent-without-reason',
      message: `Dissents are recorded with their reasons: ask ${dissentsWithoutReason.join(', ')} for theirs.`,
      requiresReason: true,
      citation: DISSENT_CITATION,
    });
  }
  return {
    dissents,
    dissentsWithoutReason,
    warnings: warnings.map((w) => w.message),
    reasonRequired: warnings.some((w) => w.requiresReason),
  };
}

/**
 * One view per agency (Bolton procedures, Disagreement and dissent): only professionals give an
 * agency's view; the first view received from an agency stands, a contrary later one is flagged.
 */
export function countViews(list: readonly Vote[], excludedWhy: string): { counted: CountedVote[]; excluded: Excluded[]; notes: RuleWarning[] } {
  const counted: CountedVote[] = [];
  const excluded: Excluded[] = [];
  const notes: RuleWarning[] = [];
  for (const v of list) {
    const role = roleAtTable(v);
    if (role !== 'professional') {
      excluded.push({ name: v.name, why: nonMemberWhy(role, excludedWhy) });
      continue;
    }
    const first = counted.find((c) => c.agency === v.agency);
    if (first) {
      // One view per agency: the first view received stands; a contrary later one is flagged.
      excluded.push({ name: v.name, why: `one view per agency: ${v.agency} already gave its view through ${first.name}` });
      if (first.choice !== v.choice) {
        notes.push({
          code: 'conflicting-agency-views',
          message: `${v.agency} gave conflicting views (${first.name}: ${first.choice}; ${v.name}: ${v.choice}). ${first.name}'s view, received first, is counted: the chair should confirm the agency's view.`,
          requiresReason: false,
          citation: DISSENT_CITATION,
        });
      }
      continue;
    }
    counted.push({ name: v.name, agency: v.agency, choice: v.choice, reason: v.reason?.trim() || null });
  }
  return { counted, excluded, notes };
}

/** The split rule of a majority-vote policy (the schema requires one there). */
function splitRuleOf(p: Policy): SplitRule {
  if (p.decision.mode !== 'majority-vote' || !p.splitRule) {
    throw new RuleError(`${p.area}: the chair decides, with no vote to count (${citeIn(p, p.decision.citation)}); record the chair's decision instead`);
  }
  return p.splitRule;
}

/** Count the agency views on the conference's question and apply the policy's split rule. */
export function tally(votes: readonly Vote[], policy: string | Policy, opts: TallyOptions = {}): TallyResult {
  const p = policyOf(policy);
  const splitRule = splitRuleOf(p);
  const list = parseInput(z.array(Vote), votes, 'votes');
  const options = parseInput(TallyOptions, opts, 'tally options');
  if (list.length === 0) throw new RuleError('no votes to count');

  const stages = new Set(list.map((v) => stageOf(v.choice)));
  if (stages.size > 1) {
    throw new RuleError(
      `votes mix initial-conference choices (cp-plan / no-cp-plan) with review choices (continue / discontinue): ${list.map((v) => `${v.name}: ${v.choice}`).join(', ')}`,
    );
  }
  const stage = stageOf(list[0]!.choice);
  if (stage === 'initial' && options.firstReview) throw new RuleError('firstReview is set but the votes are initial-conference choices');

  const { counted, excluded, notes } = countViews(list, 'does not vote');
  if (counted.length === 0) {
    throw new RuleError(`no agency views to count: all ${list.length} votes were excluded (${excluded.map((e) => `${e.name}: ${e.why}`).join('; ')})`);
  }
  const [plan, noPlan] = STAGE_CHOICES[stage];
  const counts: Record<string, number> = { [plan]: 0, [noPlan]: 0 };
  for (const v of counted) counts[v.choice] = (counts[v.choice] ?? 0) + 1;
  const forPlan = counts[plan] ?? 0;
  const against = counts[noPlan] ?? 0;
  const base = { policy: p.id, stage, counts, counted, excluded, options };

  if (forPlan !== against) {
    const outcome = forPlan > against ? plan : noPlan;
    return {
      ...base,
      outcome,
      split: false,
      rule: `majority view, one view per agency; dissents recorded (${cite(DISSENT_CITATION)})`,
      ...settle(counted, outcome, p, options, notes),
    };
  }

  if (splitRule.kind === 'chair-decides') {
    return {
      ...base,
      outcome: 'chair-decides',
      split: true,
      rule: `equal split: the chair decides and gives a clear rationale (${citeIn(p, splitRule.citation)})`,
      dissents: [],
      dissentsWithoutReason: [],
      warnings: notes.map((n) => n.message),
      reasonRequired: true,
    };
  }

  // plan-and-refer: the child becomes (or stays) subject to a plan and the matter is referred.
  const referral = options.decisionDate === undefined ? undefined : referralUnder(splitRule, options.decisionDate);
  if (!referral) {
    notes.push({
      code: 'split-referral-dates-need-decision-date',
      message: `Split vote: refer the matter to ${splitRule.referTo} within ${splitRule.referralWithinWorkingDays} working days; give the conference date to get the dates.`,
      requiresReason: false,
      citation: splitRule.citation,
    });
  }
  return {
    ...base,
    outcome: plan,
    split: true,
    ...(referral ? { referral } : {}),
    rule: `equal split: the child is subject to a Child Protection Plan and the chair refers the matter to ${splitRule.referTo} within ${splitRule.referralWithinWorkingDays} working days; ${splitRule.panel} hears it within ${splitRule.panelWithinDays} days (${citeIn(p, splitRule.citation)})`,
    ...settle(counted, plan, p, options, notes),
  };
}

/**
 * Last dates after a Bolton split: the Head of Service referral (5 working days from the
 * conference) and the panel (28 days from notification — counted here from the last referral
 * date; once the referral is made, use `dueDate('split-panel', referralDate)`).
 */
export function splitReferral(decisionDate: string): { headOfServiceBy: string; panelBy: string } {
  const headOfServiceBy = dueDate('split-referral', decisionDate);
  return { headOfServiceBy, panelBy: dueDate('split-panel', headOfServiceBy) };
}

/**
 * Last dates after a plan-and-refer split under a policy's own timescales: the referral
 * (working days from the conference) and the panel (days from the last referral date).
 */
export function referralUnder(rule: Extract<SplitRule, { kind: 'plan-and-refer' }>, decisionDate: string): { headOfServiceBy: string; panelBy: string } {
  const headOfServiceBy = addWorkingDays(decisionDate, rule.referralWithinWorkingDays);
  return { headOfServiceBy, panelBy: addCalendarDays(headOfServiceBy, rule.panelWithinDays) };
}

export const ChairDecisionInput = z.object({
  choice: Choice,
  rationale: z.string(),
});
export type ChairDecisionInput = z.infer<typeof ChairDecisionInput>;

export interface ChairDecision extends Settled {
  outcome: Choice;
  decidedBy: 'chair';
  rationale: string;
  rule: string;
}

/**
 * The chair settles a split that the policy leaves to the chair (Barnsley chair's guidance).
 * `policy` is the one the vote was counted under; by default the built-in named by `result.policy`.
 */
export function chairSplitDecision(result: TallyResult, decision: ChairDecisionInput, policy: string | Policy = result.policy): ChairDecision {
  const d = parseInput(ChairDecisionInput, decision, "chair's decision");
  if (result.outcome !== 'chair-decides') {
    throw new RuleError(`no split awaits the chair's decision: the vote's outcome is ${shown(result.outcome)}`);
  }
  if (!STAGE_CHOICES[result.stage].includes(d.choice)) {
    throw new RuleError(`the chair's choice ${shown(d.choice)} does not answer the ${result.stage} question (${STAGE_CHOICES[result.stage].join(' or ')})`);
  }
  const rationale = d.rationale.trim();
  const p = policyOf(policy);
  const splitRule = splitRuleOf(p);
  if (rationale === '') {
    throw new RuleError(`the chair must give a clear rationale for deciding a split vote (${citeIn(p, splitRule.citation)})`);
  }
  return {
    outcome: d.choice,
    decidedBy: 'chair',
    rationale,
    rule: `equal split decided by the chair with a recorded rationale (${citeIn(p, splitRule.citation)})`,
    ...settle(result.counted, d.choice, p, result.options, []),
  };
}
