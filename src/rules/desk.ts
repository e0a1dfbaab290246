// The Child Protection Unit's desk, as pure functions: what a conference still owes (its
// statutory clock, circulation, minutes, amendments, a decision awaiting the chair) and the
// measures the Unit is judged by. No I/O, no clock: "today" is a parameter.
// Sources: docs/rules.md (timescales: Bolton procedures, Record keeping; London summary) and the
// Department for Education's Children in Need census guide for the national measures.
import { z } from 'zod';
import { addCalendarDays, workingDaysBetween } from './calendar.js';
import { dueDate } from './timescales.js';
import { Category, ConferenceKind, IsoDate } from './types.js';
import { PolicyKey } from './policy-schema.js';

/** What the desk keeps of one conference: enough for every list and measure, no full name. */
export const ConferenceFact = z.object({
  conferenceId: z.string().min(1).max(64),
  tenantId: z.string().min(1).max(200),
  caseRef: z.string().min(1).max(30),
  childInitials: z.string().max(4),
  kind: ConferenceKind,
  policy: PolicyKey,
  chairId: z.string().min(1).max(200),
  chairName: z.string().max(120),
  status: z.enum(['scheduled', 'in-progress', 'stood-down', 'deferred', 'decided', 'closed', 'cancelled']),
  /** The conference's date on the London clock, and its time. */
  date: IsoDate,
  time: z.string().regex(/^\d{2}:\d{2}$/),
  /** The local clock's start: the strategy discussion (initial), previous conference (review)… */
  triggerDate: IsoDate,
  /** The national clock's start for an initial conference: the section 47 enquiry. */
  s47StartDate: IsoDate.optional(),
  dueBy: IsoDate,
  lateReason: z.boolean(),
  invited: z.int().min(0),
  answered: z.int().min(0),
  attending: z.int().min(0),
  apologies: z.int().min(0),
  reports: z.int().min(0),
  deputies: z.int().min(0),
  forecastQuorate: z.boolean(),
  forecastMissing: z.array(z.string()),
  quoracyBreach: z.boolean(),
  outcome: z.enum(['cp-plan', 'no-cp-plan', 'continue', 'discontinue', 'deferred', 'stood-down']).optional(),
  split: z.boolean(),
  /** What the chair still has to decide or record, if anything. */
  awaitingChair: z.enum(['split-decision', 'exceptional-circumstances', 'category', 'plan-record']).optional(),
  decidedOn: IsoDate.optional(),
  category: Category.optional(),
  circulatedOn: IsoDate.optional(),
  minutesSentOn: IsoDate.optional(),
  amendmentsClosedOn: IsoDate.optional(),
});
export type ConferenceFact = z.infer<typeof ConferenceFact>;

/** What the desk keeps of one child protection plan (the census's CPP items). */
export const PlanFact = z.object({
  tenantId: z.string().min(1).max(200),
  caseRef: z.string().min(1).max(30),
  startDate: IsoDate,
  endDate: IsoDate.optional(),
  initialCategory: z.array(Category).max(4),
  latestCategory: z.array(Category).max(4),
  /** CP plans the child had before this one. */
  previousPlans: z.int().min(0),
  /** The initial conference that made the plan: its date and the S47 enquiry's start. */
  initialConferenceDate: IsoDate.optional(),
  s47StartDate: IsoDate.optional(),
  reviewDates: z.array(IsoDate),
});
export type PlanFact = z.infer<typeof PlanFact>;

const HELD: ReadonlySet<ConferenceFact['status']> = new Set(['decided', 'closed', 'deferred']);
/** The conference took place (a stood-down one did not; a deferred one did, and deferred its decision). */
export const isHeld = (f: Pick<ConferenceFact, 'status'>) => HELD.has(f.status);
export const isInitialKind = (kind: ConferenceKind) => kind === 'initial' || kind === 'pre-birth';
export const isReview = (kind: ConferenceKind) => kind === 'first-review' || kind === 'later-review';
const DECIDED = (f: ConferenceFact) => f.outcome !== undefined && f.outcome !== 'stood-down' && f.outcome !== 'deferred';

export type DutyWhat = 'conference' | 'chair-decision' | 'circulation' | 'minutes' | 'amendments';
export type DutyState = 'due' | 'late' | 'done' | 'done-late';
export interface Duty {
  what: DutyWhat;
  due: IsoDate;
  state: DutyState;
  /** Working days from today to the due date (negative once late). */
  workingDaysLeft: number;
  doneOn?: IsoDate;
}

function duty(what: DutyWhat, due: string, doneOn: string | undefined, today: string): Duty {
  const state: DutyState = doneOn ? (doneOn > due ? 'done-late' : 'done') : today > due ? 'late' : 'due';
  return { what, due, state, workingDaysLeft: workingDaysBetween(today, due), ...(doneOn ? { doneOn } : {}) };
}

/**
 * What a conference owes and when (docs/rules.md, timescales): held by its statutory date;
 * decision circulated within 1 working day; minutes within 15 working days; amendments to the
 * minutes within 21 days of receiving them; a split or plan record awaiting the chair.
 */
export function dutiesOf(f: ConferenceFact, today: IsoDate): Duty[] {
  const duties: Duty[] = [];
  // A cancelled conference owes nothing: what it set due was cancelled with it.
  if (f.status === 'cancelled') return duties;
  if (f.status === 'scheduled' || f.status === 'in-progress' || f.status === 'stood-down') {
    duties.push(duty('conference', f.dueBy, undefined, today));
    return duties;
  }
  duties.push(duty('conference', f.dueBy, f.date, today));
  if (f.awaitingChair) duties.push(duty('chair-decision', f.date, undefined, today));
  if (!DECIDED(f)) return duties;
  duties.push(duty('circulation', dueDate('decision-circulated', f.date), f.circulatedOn, today));
  duties.push(duty('minutes', dueDate('minutes', f.date), f.minutesSentOn, today));
  if (f.minutesSentOn) duties.push(duty('amendments', addCalendarDays(f.minutesSentOn, 21), f.amendmentsClosedOn, today));
  return duties;
}

/** Anything still to do (due or late)? Then the conference stays on the Unit's open list. */
export const hasOpenDuty = (f: ConferenceFact, today: IsoDate) => dutiesOf(f, today).some((d) => d.state === 'due' || d.state === 'late');

// Measures --------------------------------------------------------------------------------

export const Period = z
  .object({ from: IsoDate, to: IsoDate })
  .refine((p) => p.from <= p.to, { message: 'the period must start on or before its end' });
export type Period = z.infer<typeof Period>;

const inPeriod = (date: string | undefined, p: Period) => date !== undefined && date >= p.from && date <= p.to;

export interface Ratio {
  /** How many met the measure. */
  met: number;
  /** Out of how many counted. */
  of: number;
  /** Left out of the count, and why (e.g. no S47 start date recorded). */
  excluded: number;
  percent: number | null;
}

export interface Measure {
  id: string;
  title: string;
  /** How it is counted, in words for the Unit. */
  definition: string;
  source: string;
  value: Ratio | Record<string, number>;
}

const ratio = (met: number, of: number, excluded = 0): Ratio => ({ met, of, excluded, percent: of === 0 ? null : Math.round((1000 * met) / of) / 10 });

/** The census's category codes; more than one category is MUL. */
export function censusCategory(categories: readonly Category[]): string {
  if (categories.length === 0) return '';
  if (categories.length > 1) return 'MUL';
  return { physical: 'PHY', emotional: 'EMO', sexual: 'SAB', neglect: 'NEG' }[categories[0]!];
}

/** Conferences are counted once by their date; plans by when they started or ended. */
export function measures(conferences: readonly ConferenceFact[], plans: readonly PlanFact[], period: Period): Measure[] {
  const held = conferences.filter((c) => isHeld(c) && inPeriod(c.date, period));
  const initial = held.filter((c) => isInitialKind(c.kind));
  const withS47 = initial.filter((c) => c.s47StartDate !== undefined);
  const reviews = held.filter((c) => isReview(c.kind));
  const decided = held.filter(DECIDED);
  const minutesDue = decided.filter((c) => c.minutesSentOn !== undefined || dueDate('minutes', c.date) < period.to);
  const started = plans.filter((p) => inPeriod(p.startDate, period));
  const ended = plans.filter((p) => inPeriod(p.endDate, period));
  const atEnd = plans.filter((p) => p.startDate <= period.to && (p.endDate === undefined || p.endDate > period.to));
  const byCategory = (list: PlanFact[], pick: (p: PlanFact) => Category[]) => {
    const counts: Record<string, number> = { NEG: 0, PHY: 0, EMO: 0, SAB: 0, MUL: 0 };
    for (const p of list) {
      const code = censusCategory(pick(p));
      if (code) counts[code] = (counts[code] ?? 0) + 1;
    }
    return counts;
  };
  const within = (start: string, date: string) => workingDaysBetween(start, date) <= 15;
  const census = "Department for Education, Children in Need census";
  return [
    {
      id: 'icpc-15-days-s47',
      title: 'Initial conferences within 15 working days of the section 47 enquiry starting',
      definition:
        'Initial and pre-birth conferences held in the period whose date is at most 15 working days (weekends and England & Wales bank holidays not counted) after S47ActualStartDate. Conferences with no S47 start recorded are left out and counted as excluded.',
      source: `${census} (national timeliness measure)`,
      value: ratio(withS47.filter((c) => within(c.s47StartDate!, c.date)).length, withS47.length, initial.length - withS47.length),
    },
    {
      id: 'icpc-15-days-strategy',
      title: 'Initial conferences within 15 working days of the strategy discussion',
      definition: 'Initial and pre-birth conferences held in the period whose date is at most 15 working days after the (last) strategy discussion.',
      source: 'Local procedures (Bolton procedures, Timing; Barnsley chair\'s guidance, Timescales)',
      value: ratio(initial.filter((c) => within(c.triggerDate, c.date)).length, initial.length),
    },
    {
      id: 'reviews-in-time',
      title: 'Review conferences within timescale',
      definition: 'First reviews within 3 months of the initial conference and later reviews within 6 months of the previous one, held in the period, on or before their due date.',
      source: `${census}; local procedures (Review conferences, Timescale)`,
      value: ratio(reviews.filter((c) => c.date <= c.dueBy).length, reviews.length),
    },
    {
      id: 'plans-initial-category',
      title: 'Plans started in the period, by initial category of abuse',
      definition: 'Child protection plans whose CPPstartDate is in the period, by InitialCategoryOfAbuse (MUL: more than one category).',
      source: census,
      value: byCategory(started, (p) => p.initialCategory),
    },
    {
      id: 'plans-latest-category',
      title: 'Plans open at the end of the period, by latest category of abuse',
      definition: 'Child protection plans started on or before the last day of the period and not ended by it, by LatestCategoryOfAbuse.',
      source: census,
      value: byCategory(atEnd, (p) => p.latestCategory),
    },
    {
      id: 'plans-two-years',
      title: 'Plans ended in the period that lasted 2 years or more',
      definition: 'Of the plans whose CPPendDate is in the period, those whose end is on or after the second anniversary of CPPstartDate.',
      source: census,
      value: ratio(ended.filter((p) => p.endDate! >= anniversary(p.startDate, 2)).length, ended.length),
    },
    {
      id: 'second-plans',
      title: 'Plans started in the period that are a second or subsequent plan',
      definition: 'Of the plans whose CPPstartDate is in the period, those of a child with at least one earlier plan (NumberOfPreviousCPP ≥ 1).',
      source: census,
      value: ratio(started.filter((p) => p.previousPlans > 0).length, started.length),
    },
    {
      id: 'quoracy-breaches',
      title: 'Conferences held without quoracy',
      definition: 'Conferences held in the period where the chair proceeded although not quorate, with a recorded reason.',
      source: 'Bolton procedures, Quoracy; Barnsley chair\'s guidance',
      value: ratio(held.filter((c) => c.quoracyBreach).length, held.length),
    },
    {
      id: 'stood-down',
      title: 'Conferences stood down',
      definition: 'Conferences dated in the period that were stood down (not quorate, not held), out of all conferences dated in the period that were held or stood down.',
      source: 'Bolton procedures, Quoracy',
      value: ((down) => ratio(down, held.length + down))(conferences.filter((c) => c.status === 'stood-down' && inPeriod(c.date, period)).length),
    },
    {
      id: 'split-decisions',
      title: 'Split decisions',
      definition: 'Decisions made in the period where the agencies\' views split equally (decided by the area\'s split rule or by the chair).',
      source: 'Bolton procedures, Disagreement and dissent; Barnsley chair\'s guidance',
      value: ratio(decided.filter((c) => c.split).length, decided.length),
    },
    {
      id: 'circulated-1-day',
      title: 'Decisions circulated within 1 working day',
      definition: 'Decisions made at conferences held in the period that were sent to everyone invited no later than the next working day.',
      source: 'Bolton procedures, Record keeping',
      value: ratio(decided.filter((c) => c.circulatedOn !== undefined && c.circulatedOn <= dueDate('decision-circulated', c.date)).length, decided.length),
    },
    {
      id: 'minutes-15-days',
      title: 'Minutes sent within 15 working days',
      definition: 'Conferences held in the period with a decision whose minutes were sent within 15 working days; conferences whose minutes are not yet due at the end of the period are left out.',
      source: 'Bolton procedures, Record keeping',
      value: ratio(
        minutesDue.filter((c) => c.minutesSentOn !== undefined && c.minutesSentOn <= dueDate('minutes', c.date)).length,
        minutesDue.length,
        decided.length - minutesDue.length,
      ),
    },
  ];
}

/** The same day `years` later (29 February → 28 February). */
export function anniversary(date: IsoDate, years: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const leapDay = m === 2 && d === 29;
  return `${y + years}-${String(m).padStart(2, '0')}-${leapDay ? '28' : String(d).padStart(2, '0')}`;
}

/** Initial conferences by month of the period, on both clocks: what the timeliness chart shows. */
export function timelinessByMonth(conferences: readonly ConferenceFact[], period: Period): { month: string; held: number; withinS47: number; withS47: number; withinStrategy: number }[] {
  const months = new Map<string, { month: string; held: number; withinS47: number; withS47: number; withinStrategy: number }>();
  for (let m = period.from.slice(0, 7); m <= period.to.slice(0, 7); m = nextMonth(m)) months.set(m, { month: m, held: 0, withinS47: 0, withS47: 0, withinStrategy: 0 });
  for (const c of conferences) {
    if (!isHeld(c) || !isInitialKind(c.kind) || !inPeriod(c.date, period)) continue;
    const row = months.get(c.date.slice(0, 7))!;
    row.held++;
    if (workingDaysBetween(c.triggerDate, c.date) <= 15) row.withinStrategy++;
    if (c.s47StartDate) {
      row.withS47++;
      if (workingDaysBetween(c.s47StartDate, c.date) <= 15) row.withinS47++;
    }
  }
  return [...months.values()];
}

export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** The census columns of the children on plans in the period, in the census's own names. */
export const CENSUS_COLUMNS = [
  'CaseReference',
  'S47ActualStartDate',
  'DateOfInitialCPC',
  'CPPstartDate',
  'CPPendDate',
  'InitialCategoryOfAbuse',
  'LatestCategoryOfAbuse',
  'NumberOfPreviousCPP',
  'CPPreviewDate',
] as const;

/** Plans open at any time in the period, one row each; review dates within the period, joined by ';'. */
export function censusRows(plans: readonly PlanFact[], period: Period): Record<(typeof CENSUS_COLUMNS)[number], string>[] {
  return plans
    .filter((p) => p.startDate <= period.to && (p.endDate === undefined || p.endDate >= period.from))
    .sort((a, b) => a.startDate.localeCompare(b.startDate) || a.caseRef.localeCompare(b.caseRef))
    .map((p) => ({
      CaseReference: p.caseRef,
      S47ActualStartDate: p.s47StartDate ?? '',
      DateOfInitialCPC: p.initialConferenceDate ?? '',
      CPPstartDate: p.startDate,
      CPPendDate: p.endDate ?? '',
      InitialCategoryOfAbuse: censusCategory(p.initialCategory),
      LatestCategoryOfAbuse: censusCategory(p.latestCategory),
      NumberOfPreviousCPP: String(p.previousPlans),
      CPPreviewDate: p.reviewDates.filter((d) => inPeriod(d, period)).join(';'),
    }));
}
