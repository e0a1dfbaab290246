// Which policy a conference runs under: the copy kept with it when it was scheduled, so a new
// version deployed later never changes a conference already under way (docs/policies.md).
import { getPolicy } from '../src/rules/policies.js';
import { citeIn, Policy, type PolicyCitation } from '../src/rules/policy-schema.js';
import type { Conference } from '../src/store/conferences.js';

export function policyFor(c: Pick<Conference, 'policy' | 'policySnapshot'>): Policy {
  // Conferences stored before policies had versions name a built-in.
  return c.policySnapshot ? Policy.parse(c.policySnapshot) : getPolicy(c.policy);
}

/** "Bolton": what invitations and the agenda call the procedures. */
export const policyArea = (p: Policy) => p.area;

/** "Bolton procedures (policy bolton, version 1)": what the record and the chair see. */
export const policyVersionLabel = (p: Policy) => `${p.area} (policy ${p.id}, version ${p.version})`;

/** A setting's source as shown to the chair where the rule applies. */
export const sourceOf = (p: Policy, c: PolicyCitation) => `Source: ${citeIn(p, c)}`;
