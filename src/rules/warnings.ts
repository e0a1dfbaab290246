// Warnings the chair must see. Some require a recorded reason before the decision stands.
import { z } from 'zod';
import { Citation } from './sources.js';
import { PolicyCitation } from './policy-schema.js';

export const WarningCode = z.enum([
  'pre-birth-review-before-delivery',
  'looked-after-child',
  'first-review-discontinue',
  'conflicting-agency-views',
  'dissent-without-reason',
  'split-referral-dates-need-decision-date',
  'report-deadline-not-working-day',
  'report-deadline-passed',
  'report-deadline-short',
]);
export type WarningCode = z.infer<typeof WarningCode>;

export const RuleWarning = z.object({
  code: WarningCode,
  message: z.string().min(1),
  /** The chair must record a reason in the minutes before going on. */
  requiresReason: z.boolean(),
  /** The project's sources, or a setting's citation in the policy that raised it. */
  citation: z.union([Citation, PolicyCitation]),
});
export type RuleWarning = z.infer<typeof RuleWarning>;
