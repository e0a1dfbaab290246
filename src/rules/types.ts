// The vocabulary every layer shares: zod schemas first, TypeScript types inferred from them.
// Source of each term: ../../docs/rules.md (distilled from the procedure documents).
import { z } from 'zod';

/** A calendar date as `YYYY-MM-DD`; the rules never read the clock, callers pass dates in. */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'not a real calendar date');
export type IsoDate = z.infer<typeof IsoDate>;

/** Who someone is at the conference. Only `professional` can count for quoracy or vote. */
export const Role = z.enum(['professional', 'family', 'advocate', 'supporter', 'support-staff', 'chair']);
export type Role = z.infer<typeof Role>;

/** An agency id: lower-case words joined by hyphens, e.g. `police`, `health-visiting`. */
export const Agency = z
  .string()
  .regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'agency id: lower-case words joined by hyphens')
  .max(40);
export type Agency = z.infer<typeof Agency>;

export const CHILDRENS_SOCIAL_CARE = 'childrens-social-care' as const;

/** The council's case reference, e.g. `CP/2025/0412`: the only way cards seen by a group name a case. */
export const CaseRef = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9/_-]{0,29}$/, 'case reference: letters, digits, "/", "-" or "_" (up to 30)');
export type CaseRef = z.infer<typeof CaseRef>;

export const PersonName = z.string().trim().min(1, 'a name is required').max(120);

export const Attendee = z.object({
  name: PersonName,
  agency: Agency,
  role: Role,
  directContact: z.boolean(),
  present: z.boolean(),
});
export type Attendee = z.infer<typeof Attendee>;

/** The binary question: initial conferences decide plan / no plan, reviews continue / discontinue. */
export const InitialChoice = z.enum(['cp-plan', 'no-cp-plan']);
export const ReviewChoice = z.enum(['continue', 'discontinue']);
export const Choice = z.enum([...InitialChoice.options, ...ReviewChoice.options]);
export type Choice = z.infer<typeof Choice>;

/** What follows "no child protection plan" at an initial conference. */
export const NoPlanRecommendation = z.enum(['child-in-need', 'no-further-action']);
export type NoPlanRecommendation = z.infer<typeof NoPlanRecommendation>;

export const Vote = z.object({
  name: PersonName,
  agency: Agency,
  role: Role,
  choice: Choice,
  reason: z.string().trim().max(2000).optional(),
  /** With "no child protection plan": what the voter recommends instead (the tally ignores it). */
  recommendation: NoPlanRecommendation.optional(),
});
export type Vote = z.infer<typeof Vote>;

export const Category = z.enum(['physical', 'emotional', 'sexual', 'neglect']);
export type Category = z.infer<typeof Category>;

export const PolicyId = z.enum(['bolton', 'barnsley', 'cumbria', 'london']);
export type PolicyId = z.infer<typeof PolicyId>;

/** Kinds of conference the bot schedules; each maps to the timescale that sets its last date. */
export const ConferenceKind = z.enum([
  'initial',
  'pre-birth',
  'transfer-in',
  'missing-child',
  'urgent-reconvene',
  'first-review',
  'later-review',
  'deferred',
]);
export type ConferenceKind = z.infer<typeof ConferenceKind>;

export const TimescaleId = z.enum([
  'icpc',
  'pre-birth',
  'transfer-in',
  'missing-child',
  'first-review',
  'later-review',
  'deferred',
  'decision-circulated',
  'minutes',
  'minute-amendments',
  'first-core-group',
  'split-referral',
  'split-panel',
  'cin-review',
]);
export type TimescaleId = z.infer<typeof TimescaleId>;

/** RSVP to an invitation (Bolton procedures, Attendance). */
export const Rsvp = z.enum(['attending', 'apologies', 'written-report', 'deputy']);
export type Rsvp = z.infer<typeof Rsvp>;

/** Why a plan ended without a review conference (Bolton procedures; London summary). */
export const PlanEndReason = z.enum(['turned-18', 'died', 'left-uk', 'married', 'moved-permanently']);
export type PlanEndReason = z.infer<typeof PlanEndReason>;

/** A local (UK wall-clock) date and time, `YYYY-MM-DDTHH:mm`, e.g. a conference's start. */
export const LocalDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/, 'expected a local date and time as YYYY-MM-DDTHH:mm')
  .refine((s) => IsoDate.safeParse(s.slice(0, 10)).success, 'not a real calendar date');
export type LocalDateTime = z.infer<typeof LocalDateTime>;

/** A safety scale, 0 (danger) to 10 (safe), as recorded by each professional (Barnsley chair's guidance). */
export const SafetyScale = z.number().int().min(0).max(10);
export type SafetyScale = z.infer<typeof SafetyScale>;

/** The two kinds of vote: an initial conference decides plan / no plan, a review continue / discontinue. */
export const VoteStage = z.enum(['initial', 'review']);
export type VoteStage = z.infer<typeof VoteStage>;
