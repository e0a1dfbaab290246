// Display helpers shared by the card functions: how a child, a person, a tally reads.
import type { Agency, Choice, Role } from '../src/rules/types.js';
import type { Child, NamedChild } from './common.js';
import { CHOICE_LABEL, ROLE_LABEL, agencyLabel } from './labels.js';

/** The only way a group sees a child. */
export const childLine = (c: Child): string => `Case ${c.caseRef} · ${c.initials}`;

/** 1:1 cards to invitees may add the full name. */
export const namedChildLine = (c: NamedChild): string =>
  c.fullName ? `${c.fullName} · case ${c.caseRef} (${c.initials})` : childLine(c);

/** Adds `agencyLabel` / `roleLabel` for the template. */
export function labelled<T extends { agency: Agency; role?: Role }>(p: T): T & { agencyLabel: string; roleLabel: string } {
  return { ...p, agencyLabel: agencyLabel(p.agency), roleLabel: p.role ? ROLE_LABEL[p.role] : '' };
}

export type Question = 'initial' | 'review';
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
