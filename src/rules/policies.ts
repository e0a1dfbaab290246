// The four built-in policies (Bolton, Barnsley, Cumbria, London), shipped as policy files in
// ../../policies/ and validated here. Rules take a policy as data: a built-in id, or any policy a
// council supplies (checked with the same schema). Nothing else in the rules knows an area by name.
import { z } from 'zod';
import { PolicyId, type ConferenceKind } from './types.js';
import { parseId, parseInput } from './errors.js';
import { isReviewKind, parseKind } from './kinds.js';
import { Policy, type AgendaItem, type ReportDeadlineRule } from './policy-schema.js';
import bolton from '../../policies/bolton.json' with { type: 'json' };
import barnsley from '../../policies/barnsley.json' with { type: 'json' };
import cumbria from '../../policies/cumbria.json' with { type: 'json' };
import london from '../../policies/london.json' with { type: 'json' };

export {
  Policy,
  PolicyKey,
  PolicyCitation,
  PolicyDocument,
  DecisionMode,
  SplitRule,
  ReportDeadlineRule,
  ReportDeadlinesByKind,
  InquorateRule,
  citeIn,
  policyProblems,
} from './policy-schema.js';

export const POLICIES: Readonly<Record<PolicyId, Policy>> = z
  .record(PolicyId, Policy)
  .refine((all) => Object.entries(all).every(([key, p]) => key === p.id), 'each policy is filed under its own id')
  .parse({ bolton, barnsley, cumbria, london });

export function getPolicy(id: string): Policy {
  return POLICIES[parseId(PolicyId, id, 'policy id')];
}

/** A policy given by a built-in id, or as data (validated: callers outside the project pass it too). */
export function policyOf(policy: string | Policy): Policy {
  if (typeof policy === 'string') return getPolicy(policy);
  if (Object.values(POLICIES).includes(policy)) return policy;
  return parseInput(Policy, policy, 'policy');
}

/** The policy's agenda for a conference of `kind`; review-only items are left out elsewhere. */
export function agendaFor(policy: string | Policy, kind: string): AgendaItem[] {
  const p = policyOf(policy);
  const review = isReviewKind(parseKind(kind));
  return p.agenda.items.filter((i) => review || !i.reviewOnly);
}

/** The report deadline rule for a kind of conference: its own, or the policy's general one. */
export function reportRuleFor(policy: Policy, kind?: ConferenceKind): ReportDeadlineRule {
  return (kind && policy.reportDeadlineFor?.[kind]) || policy.reportDeadline;
}
