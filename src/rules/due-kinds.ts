// The one vocabulary of what can fall due on a case. The lifecycle model (lifecycle.ts) creates,
// completes and cancels items of these kinds; the store files them under these names and the
// cards label them by these names — no layer renames them.
import { z } from 'zod';
import type { Citation } from './sources.js';

export const DueKind = z.enum([
  /** A scheduled conference, on its date (labelled by its conference kind). */
  'conference',
  /** Reports to the chair / shared with the family before a scheduled conference. */
  'report',
  /** The first review, within 3 months of the conference that started the plan. */
  'first-review',
  /** A later review, within 6 months of the previous review. */
  'later-review',
  /** A deferred decision: reconvene within 3 months. */
  'reconvene-deferred',
  /** A conference stood down (not quorate): reconvene as soon as possible. */
  'reconvene-stood-down',
  /** Decision, outline plan, category, lead professional and core group sent to all invited. */
  'decision-circulated',
  /** Minutes completed and sent. */
  'minutes',
  /** Amendments to the minutes back to the chair. */
  'minute-amendments',
  'first-core-group',
  'core-group',
  /** Bolton split: referral to the Head of Service. */
  'split-referral',
  /** Bolton split: the Appeals and Split Decisions Panel. */
  'split-panel',
  /** Child in Need action plan review. */
  'cin-review',
  /** A permanent move: the receiving area's conference, after which the plan ends here. */
  'receiving-conference',
]);
export type DueKind = z.infer<typeof DueKind>;

/** Items that serve a plan going forward: none stays open once the plan has ended. */
export const PLAN_ITEMS: readonly DueKind[] = [
  'conference',
  'report',
  'first-review',
  'later-review',
  'reconvene-deferred',
  'reconvene-stood-down',
  'first-core-group',
  'core-group',
  'split-referral',
  'split-panel',
  'receiving-conference',
];

/** Review items: answered by the next conference that reviews the plan. */
export const REVIEW_ITEMS: readonly DueKind[] = ['first-review', 'later-review'];
export const CORE_GROUP_ITEMS: readonly DueKind[] = ['first-core-group', 'core-group'];

/** Who an item is for, or a notice goes to; the bot turns each into people. */
export const Audience = z.enum([
  'chair',
  /** Everyone invited to the conference, the chair included. */
  'invitees',
  /** The invited professionals (agency representatives). */
  'professionals',
  'lead-professional',
  /** The core group: lead professional, its deputy, professionals and family members named on the plan record. */
  'core-group',
  /** Everyone invited to the initial conference that started the plan (Bolton procedures, Discontinuing the plan). */
  'initial-invitees',
]);
export type Audience = z.infer<typeof Audience>;

/** What each kind of item is and where the rule comes from (docs/rules.md, The lifecycle). */
export const DUE_KIND_RULES: Readonly<Record<DueKind, { what: string; for: Audience[]; citation: Citation }>> = {
  conference: { what: 'the conference is held', for: ['invitees'], citation: { docs: ['bolton-procedures'], section: 'Timing' } },
  report: { what: 'reports sent before the conference', for: ['professionals'], citation: { docs: ['bolton-procedures', 'barnsley-guidance'], section: 'Information for the Conference' } },
  'first-review': { what: 'first review conference', for: ['invitees', 'core-group'], citation: { docs: ['council-process-page', 'bolton-procedures', 'barnsley-guidance'], section: 'Review conferences' } },
  'later-review': { what: 'review conference', for: ['invitees', 'core-group'], citation: { docs: ['council-process-page', 'bolton-procedures', 'barnsley-guidance'], section: 'Review conferences' } },
  'reconvene-deferred': { what: 'reconvene the deferred conference', for: ['invitees'], citation: { docs: ['bolton-procedures'], section: 'Deferment' } },
  'reconvene-stood-down': { what: 'reconvene the stood-down conference', for: ['invitees'], citation: { docs: ['bolton-procedures'], section: 'Quoracy' } },
  'decision-circulated': { what: 'circulate the decision', for: ['chair'], citation: { docs: ['bolton-procedures'], section: 'Record keeping' } },
  minutes: { what: 'minutes completed and sent', for: ['chair'], citation: { docs: ['bolton-procedures'], section: 'Record keeping' } },
  'minute-amendments': { what: 'amendments to the minutes back to the chair', for: ['invitees'], citation: { docs: ['bolton-procedures'], section: 'Record keeping' } },
  'first-core-group': { what: 'first core group meeting', for: ['core-group'], citation: { docs: ['bolton-procedures'], section: 'The Core Group' } },
  'core-group': { what: 'core group meeting', for: ['core-group'], citation: { docs: ['bolton-procedures'], section: 'The Core Group' } },
  'split-referral': { what: 'refer the split decision to the Head of Service', for: ['chair'], citation: { docs: ['bolton-procedures'], section: 'Disagreement and dissent' } },
  'split-panel': { what: 'Appeals and Split Decisions Panel', for: ['chair'], citation: { docs: ['bolton-procedures'], section: 'Disagreement and dissent' } },
  'cin-review': { what: 'Child in Need plan review', for: ['invitees'], citation: { docs: ['bolton-procedures'], section: 'If the child is assessed NOT to be at continuing risk' } },
  'receiving-conference': { what: "the receiving area's conference", for: ['chair', 'lead-professional'], citation: { docs: ['bolton-procedures'], section: 'Discontinuing the Child Protection Plan' } },
};
