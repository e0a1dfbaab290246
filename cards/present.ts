// Display helpers shared by the card functions: how a child, a person, a tally reads.
import type { Agency, Role } from '../src/rules/types.js';
import type { Child, NamedChild } from './common.js';
import { ROLE_LABEL, agencyLabel } from './labels.js';

/** The only way a group sees a child. */
export const childLine = (c: Child): string => `Case ${c.caseRef} · ${c.initials}`;

/** 1:1 cards to invitees may add the full name. */
export const namedChildLine = (c: NamedChild): string =>
  c.fullName ? `${c.fullName} · case ${c.caseRef} (${c.initials})` : childLine(c);

/** Adds `agencyLabel` / `roleLabel` for the template. */
export function labelled<T extends { agency: Agency; role?: Role }>(p: T): T & { agencyLabel: string; roleLabel: string } {
  return { ...p, agencyLabel: agencyLabel(p.agency), roleLabel: p.role ? ROLE_LABEL[p.role] : '' };
}
