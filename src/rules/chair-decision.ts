// Where the policy has the chair decide throughout (e.g. Sussex child protection procedures: the
// chair aims for consensus and "ultimately will make the decision"): no vote is counted. The chair
// records the decision with a rationale, each agency's stated view (one per agency), and every
// agency whose view differs is a dissent recorded with its reason.
import { z } from 'zod';
import { Choice, Vote, VoteStage } from './types.js';
import { RuleError, parseInput, shown } from './errors.js';
import { policyOf } from './policies.js';
import { citeIn, type Policy } from './policy-schema.js';
import { STAGE_CHOICES, TallyOptions, countViews, settle, stageOf, type CountedVote, type Settled } from './tally.js';
import type { Excluded } from './quoracy.js';

export const ChairThroughoutInput = z.object({
  /** The conference's question: plan / no plan, or (a review) continue / discontinue. */
  stage: VoteStage,
  /** Each agency's stated view, as the chair records it; only professionals give one. */
  views: z.array(Vote),
  choice: Choice,
  rationale: z.string(),
  options: TallyOptions.optional(),
});
export type ChairThroughoutInput = z.infer<typeof ChairThroughoutInput>;

export interface ChairThroughoutDecision extends Settled {
  outcome: Choice;
  decidedBy: 'chair';
  rationale: string;
  /** The agencies' stated views that were recorded, one per agency. */
  views: CountedVote[];
  excluded: Excluded[];
  rule: string;
}

export function chairDecision(input: ChairThroughoutInput, policy: string | Policy): ChairThroughoutDecision {
  const p = policyOf(policy);
  const d = parseInput(ChairThroughoutInput, input, "chair's decision");
  if (p.decision.mode !== 'chair-decides') {
    throw new RuleError(`${p.area} decides by the agencies' majority view (${citeIn(p, p.decision.citation)}): count the vote instead`);
  }
  const choices = STAGE_CHOICES[d.stage];
  if (!choices.includes(d.choice)) throw new RuleError(`the chair's choice ${shown(d.choice)} does not answer the ${d.stage} question (${choices.join(' or ')})`);
  const offStage = d.views.filter((v) => stageOf(v.choice) !== d.stage);
  if (offStage.length > 0) throw new RuleError(`views must answer the ${d.stage} question (${choices.join(' or ')}): ${offStage.map((v) => `${v.agency}: ${v.choice}`).join(', ')}`);
  const rationale = d.rationale.trim();
  if (rationale === '') throw new RuleError(`the chair records the rationale for the decision (${citeIn(p, p.decision.citation)})`);
  const { counted, excluded, notes } = countViews(d.views, 'gives no agency view');
  if (counted.length === 0) throw new RuleError("record each agency's stated view: no agency's view was given");
  const settled = settle(counted, d.choice, p, d.options ?? {}, notes);
  if (settled.dissentsWithoutReason.length > 0) {
    const who = settled.dissents.filter((x) => x.reason === null).map((x) => x.agency);
    throw new RuleError(`dissent is recorded with its reason: give the reason of ${who.join(', ')} (${citeIn(p, p.decision.citation)})`);
  }
  return {
    outcome: d.choice,
    decidedBy: 'chair',
    rationale,
    views: counted,
    excluded,
    rule: `the chair decides, each agency's view and any dissent recorded (${citeIn(p, p.decision.citation)})`,
    ...settled,
  };
}
