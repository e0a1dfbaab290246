// Category of harm (London summary; Cumbria agenda; Bolton procedures; Barnsley chair's guidance):
// every plan has one primary category; the chair decides it when members disagree; more than
// one category only where the policy allows it (London).
import { z } from 'zod';
import { Category } from './types.js';
import { RuleError, parseInput } from './errors.js';
import { policyOf } from './policies.js';
import { citeIn, type Policy } from './policy-schema.js';
import { cite, type Citation } from './sources.js';

export const CategoryInput = z.object({
  /** Categories put forward by the members (repeats are agreement, not extra categories). */
  proposed: z.array(Category),
  /** A built-in policy id, or the policy itself. */
  policy: z.union([z.string(), z.custom<Policy>((v) => typeof v === 'object' && v !== null, 'a policy')]),
  /** The chair's choice of primary category, required when the proposals differ. */
  chairPrimary: Category.optional(),
  /** Where the policy allows several: the further categories the chair records (default: the other proposals). */
  chairOthers: z.array(Category).optional(),
});
export type CategoryInput = z.infer<typeof CategoryInput>;

export interface CategoryDecision {
  primary: Category;
  /** Further categories recorded beside the primary (only where the policy allows). */
  others: Category[];
  /** Proposals not recorded: the policy allows one category only, or the chair left them out. */
  notRecorded: Category[];
  decidedBy: 'agreement' | 'chair';
  rule: string;
}

const CITATION: Citation = { docs: ['london-summary', 'bolton-procedures', 'barnsley-guidance'], section: 'Categories' };

export function categoryDecision(input: CategoryInput): CategoryDecision {
  const { proposed, policy, chairPrimary, chairOthers } = parseInput(CategoryInput, input, 'category decision');
  const p = policyOf(policy);
  const distinct = [...new Set(proposed)];
  let primary: Category;
  if (chairPrimary !== undefined) {
    primary = chairPrimary;
  } else if (distinct.length === 1) {
    primary = distinct[0]!;
  } else if (distinct.length === 0) {
    throw new RuleError('a Child Protection Plan needs a category of harm: none was proposed');
  } else {
    throw new RuleError(`the members proposed ${distinct.join(', ')}: the chair decides the primary category (${cite(CITATION)})`);
  }
  if (chairOthers !== undefined && chairOthers.length > 0 && !p.multipleCategories.on) {
    throw new RuleError(`${p.area} records one category of harm only; remove ${chairOthers.join(', ')} (${citeIn(p, p.multipleCategories.citation)})`);
  }
  const candidates = chairOthers ?? distinct;
  const others = p.multipleCategories.on ? [...new Set(candidates)].filter((c) => c !== primary) : [];
  const notRecorded = distinct.filter((c) => c !== primary && !others.includes(c));
  return {
    primary,
    others,
    notRecorded,
    decidedBy: chairPrimary === undefined ? 'agreement' : 'chair',
    rule: p.multipleCategories.on
      ? `one primary category, others may be recorded (${citeIn(p, p.multipleCategories.citation)})`
      : `one category of harm (${citeIn(p, p.multipleCategories.citation)})`,
  };
}
