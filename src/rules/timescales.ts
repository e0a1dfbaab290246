// Every timescale of the two tables in RULES.md, as data, and the date functions built on it.
import { z } from 'zod';
import { ConferenceKind, TimescaleId } from './types.js';
import { formatDate, parseDate, stepDays, stepMonths, stepWorkingDays } from './calendar.js';
import { parseId } from './errors.js';
import { isReviewKind, parseKind } from './kinds.js';
import { policyOf } from './policies.js';
import type { Policy } from './policy-schema.js';
import { Citation, cite } from './sources.js';
import type { RuleWarning } from './warnings.js';

export const Span = z.discriminatedUnion('unit', [
  z.object({ unit: z.literal('working-days'), n: z.number().int().positive() }),
  z.object({ unit: z.literal('days'), n: z.number().int().positive() }),
  z.object({ unit: z.literal('months'), n: z.number().int().positive() }),
]);
export type Span = z.infer<typeof Span>;

export const TimescaleRule = z.object({
  /** What must happen by the due date. */
  what: z.string().min(1),
  /** The trigger date the caller passes as `from`. */
  from: z.string().min(1),
  span: Span,
  citation: Citation,
  note: z.string().optional(),
});
export type TimescaleRule = z.infer<typeof TimescaleRule>;

const wd = (n: number) => ({ unit: 'working-days', n }) as const;
const days = (n: number) => ({ unit: 'days', n }) as const;
const months = (n: number) => ({ unit: 'months', n }) as const;

/** Keyed by every TimescaleId: zod rejects a missing or extra row at load time. */
export const TIMESCALES: Readonly<Record<TimescaleId, TimescaleRule>> = z.record(TimescaleId, TimescaleRule).parse({
  icpc: {
    what: 'initial child protection conference',
    from: 'the strategy discussion (the last one, if more than one was held)',
    span: wd(15),
    citation: { docs: ['bolton-procedures', 'barnsley-guidance'], section: 'Timing / Timescales' },
    note: 'statutory timescale',
  },
  'pre-birth': {
    what: 'pre-birth child protection conference',
    from: 'the strategy discussion after the core assessment',
    span: wd(15),
    citation: { docs: ['london-summary', 'bolton-procedures'], section: 'Pre-birth conferences' },
    note: 'same status as an initial conference; warn if the first review would fall before the expected delivery date',
  },
  'transfer-in': {
    what: 'transfer-in conference in the receiving area',
    from: 'notification of the permanent move into the area',
    span: wd(15),
    citation: { docs: ['bolton-procedures'], section: 'Discontinuing the Child Protection Plan' },
  },
  'missing-child': {
    what: 'conference for a child on a plan who has gone missing',
    from: 'first notification that the child is missing',
    span: wd(5),
    citation: { docs: ['bolton-procedures'], section: 'Children subject to a Child Protection Plan who go missing' },
  },
  'first-review': {
    what: 'first review child protection conference',
    from: 'the initial conference',
    span: months(3),
    citation: { docs: ['council-process-page', 'bolton-procedures', 'barnsley-guidance'], section: 'Review conferences, Timescale' },
  },
  'later-review': {
    what: 'next review child protection conference',
    from: 'the previous review conference',
    span: months(6),
    citation: { docs: ['council-process-page', 'bolton-procedures', 'barnsley-guidance'], section: 'Review conferences, Timescale' },
  },
  deferred: {
    what: 'reconvened conference after a deferred decision',
    from: 'the conference that deferred its decision',
    span: months(3),
    citation: { docs: ['bolton-procedures'], section: 'Deferment' },
    note: 'deferral only when critical information is missing; the lead professional and chair secure it',
  },
  'decision-circulated': {
    what: 'decision, outline plan, category, lead professional and core group circulated to all invited',
    from: 'the conference',
    span: wd(1),
    citation: { docs: ['bolton-procedures'], section: 'Record keeping' },
  },
  minutes: {
    what: 'minutes completed and sent',
    from: 'the conference',
    span: wd(15),
    citation: { docs: ['bolton-procedures'], section: 'Record keeping' },
  },
  'minute-amendments': {
    what: 'amendments to the minutes sent to the chair',
    from: 'receipt of the minutes',
    span: days(21),
    citation: { docs: ['bolton-procedures'], section: 'Record keeping' },
  },
  'first-core-group': {
    what: 'first core group meeting',
    from: 'the initial conference',
    span: wd(10),
    citation: { docs: ['bolton-procedures'], section: 'The Core Group' },
  },
  'split-referral': {
    what: 'split decision referred to the Head of Service Child Protection',
    from: 'the conference whose vote split equally',
    span: wd(5),
    citation: { docs: ['bolton-procedures'], section: 'Disagreement and dissent' },
  },
  'split-panel': {
    what: 'Appeals and Split Decisions Panel hears the matter',
    from: 'notification to the Head of Service',
    span: days(28),
    citation: { docs: ['bolton-procedures'], section: 'Disagreement and dissent' },
  },
  'cin-review': {
    what: 'Child in Need action plan reviewed',
    from: 'the conference (then each previous review of the action plan)',
    span: months(6),
    citation: { docs: ['bolton-procedures'], section: 'If the child is assessed NOT to be at continuing risk' },
  },
});

export function timescaleRule(timescale: string): TimescaleRule {
  return TIMESCALES[parseId(TimescaleId, timescale, 'timescale id')];
}

export function describeSpan(span: Span): string {
  const unit = { 'working-days': 'working day', days: 'day', months: 'month' }[span.unit];
  return `${span.n} ${unit}${span.n === 1 ? '' : 's'}`;
}

/** "within 15 working days of the strategy discussion … (Bolton procedures; Barnsley chair's guidance, Timing)" */
export function describeTimescale(timescale: string): string {
  const r = timescaleRule(timescale);
  return `${r.what}: within ${describeSpan(r.span)} of ${r.from} (${cite(r.citation)})`;
}

function applySpan(from: number, span: Span): number {
  switch (span.unit) {
    case 'working-days':
      return stepWorkingDays(from, span.n);
    case 'days':
      return stepDays(from, span.n);
    case 'months':
      return stepMonths(from, span.n);
  }
}

/** The last permitted date for `timescale`, counted from the trigger date `from`. */
export function dueDate(timescale: string, from: string, policy?: string | Policy): string {
  const rule = timescaleRule(timescale);
  // No timescale of the tables differs between the four areas, but a wrong id is still a bug.
  if (policy !== undefined) policyOf(policy);
  return formatDate(applySpan(parseDate(from, `from date for ${timescale}`), rule.span));
}

// Conference kinds → the timescale that sets each one's last date.
const KIND_TIMESCALE: Readonly<Record<ConferenceKind, TimescaleId | null>> = {
  initial: 'icpc',
  'pre-birth': 'pre-birth',
  'transfer-in': 'transfer-in',
  'missing-child': 'missing-child',
  'urgent-reconvene': null, // "as soon as possible": no fixed number of days
  'first-review': 'first-review',
  'later-review': 'later-review',
  deferred: 'deferred',
};

export interface ConferenceDue {
  kind: ConferenceKind;
  timescale: TimescaleId | null;
  /** Last permitted date, or null when the rule is "as soon as possible". */
  due: string | null;
  asSoonAsPossible: boolean;
  /** The rule in words, with its source, for the card. */
  rule: string;
}

/** When a conference of `kind` must be held, given its trigger date (see TIMESCALES[…].from). */
export function conferenceDueDate(kind: string, triggerDate: string): ConferenceDue {
  const k = parseKind(kind);
  const timescale = KIND_TIMESCALE[k];
  if (timescale === null) {
    parseDate(triggerDate, 'trigger date');
    return {
      kind: k,
      timescale,
      due: null,
      asSoonAsPossible: true,
      rule: 'urgently reconvened conference: as soon as possible after a major change from the agreed direction (Bolton procedures, Urgently re-convened conferences)',
    };
  }
  return { kind: k, timescale, due: dueDate(timescale, triggerDate), asSoonAsPossible: false, rule: describeTimescale(timescale) };
}

/**
 * The timescale for the review fixed at the end of a conference of `kind`.
 * After an initial-type conference: first review (3 months); after a review: 6 months.
 * Missing-child and urgently reconvened conferences: the procedures are silent, so the shorter
 * 3 months is used — a review on that date is never late by either reading.
 */
export function reviewTimescaleAfter(kind: string): 'first-review' | 'later-review' {
  return isReviewKind(parseKind(kind)) ? 'later-review' : 'first-review';
}

/** Last permitted date of the next review, fixed at the end of this conference. */
export function nextReviewDue(kind: string, conferenceDate: string): string {
  return dueDate(reviewTimescaleAfter(kind), conferenceDate);
}

/**
 * Bolton procedures, Pre-birth conferences: the conference timing should avoid the first review
 * taking place before the baby's birth. Warns when the latest first-review date is on or before
 * the expected delivery date (on the day itself the baby may not yet be born).
 */
export function preBirthWarning(conferenceDate: string, expectedDeliveryDate: string): RuleWarning | null {
  const firstReviewBy = dueDate('first-review', conferenceDate);
  const edd = formatDate(parseDate(expectedDeliveryDate, 'expected delivery date'));
  if (firstReviewBy > edd) return null;
  return {
    code: 'pre-birth-review-before-delivery',
    message: `The first review must be held by ${firstReviewBy}, on or before the expected delivery date ${edd}: it would take place before the baby's birth. Consider the timing of the conference.`,
    requiresReason: false,
    citation: { docs: ['bolton-procedures'], section: 'Pre-birth conferences' },
  };
}

export interface PlanRecordLimits {
  decisionCirculatedBy: string;
  firstCoreGroupBy: string;
  minutesBy: string;
  firstReviewBy: string;
  warnings: RuleWarning[];
}

/** The dates a CP-plan decision at an initial conference must record (Bolton procedures). */
export function planRecordLimits(icpcDate: string, opts: { expectedDeliveryDate?: string } = {}): PlanRecordLimits {
  const warning = opts.expectedDeliveryDate === undefined ? null : preBirthWarning(icpcDate, opts.expectedDeliveryDate);
  return {
    decisionCirculatedBy: dueDate('decision-circulated', icpcDate),
    firstCoreGroupBy: dueDate('first-core-group', icpcDate),
    minutesBy: dueDate('minutes', icpcDate),
    firstReviewBy: dueDate('first-review', icpcDate),
    warnings: warning ? [warning] : [],
  };
}

/** Deferral (Bolton procedures, Deferment): only when critical information is missing. */
export function deferral(conferenceDate: string): { reconveneBy: string; responsible: string; rule: string } {
  return {
    reconveneBy: dueDate('deferred', conferenceDate),
    responsible: 'the lead professional and the chair secure the critical information',
    rule: describeTimescale('deferred'),
  };
}

/** Later core groups meet at 4–6 week intervals (Bolton procedures, The Core Group). */
export const CORE_GROUP_INTERVAL_WEEKS = { min: 4, max: 6 } as const;

export function laterCoreGroupWindow(previousMeeting: string): { earliest: string; latest: string } {
  const from = parseDate(previousMeeting, 'previous core group date');
  return {
    earliest: formatDate(stepDays(from, CORE_GROUP_INTERVAL_WEEKS.min * 7)),
    latest: formatDate(stepDays(from, CORE_GROUP_INTERVAL_WEEKS.max * 7)),
  };
}
