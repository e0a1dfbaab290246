// The conference lifecycle as one pure model: what is known about a case (its plan and its open
// due items) and an event in; what becomes due, what is completed, what is cancelled, what must
// be sent to whom, and how the plan changes, out. No I/O and no clock: every date is passed in.
// Each transition and the document it follows: ../../docs/rules.md, "The lifecycle".
import { z } from 'zod';
import { addCalendarDays, addWorkingDays } from './calendar.js';
import { DUE_KIND_RULES, DueKind, PLAN_ITEMS, REVIEW_ITEMS, CORE_GROUP_ITEMS, Audience } from './due-kinds.js';
import { RuleError } from './errors.js';
import { isReviewKind } from './kinds.js';
import { reportDeadline } from './reports.js';
import type { Citation } from './sources.js';
import { decisionWarnings } from './tally.js';
import { dueDate, CORE_GROUP_INTERVAL_WEEKS } from './timescales.js';
import { ConferenceKind, IsoDate, LocalDateTime, NoPlanRecommendation, PlanEndReason, type Choice } from './types.js';
import { policyOf } from './policies.js';
import type { Policy } from './policy-schema.js';

/** One item that falls due on a case. Its identity is kind + date + conference. */
export const DueEntry = z.object({
  kind: DueKind,
  due: IsoDate,
  /** The conference it belongs to; absent for items of the case (later core groups). */
  conferenceId: z.string().min(1).max(64).optional(),
  /** For `conference` items: which kind, so lists name it rightly. */
  conferenceKind: ConferenceKind.optional(),
  for: z.array(Audience).min(1),
});
export type DueEntry = z.infer<typeof DueEntry>;
export type DueRef = Pick<DueEntry, 'kind' | 'due' | 'conferenceId'>;

export const PlanState = z.object({
  kind: z.enum(['cp', 'cin']),
  since: IsoDate,
  /** The conference that started it (its invitees are told when it ends). */
  startedBy: z.string().min(1).max(64).optional(),
  /** A permanent move was notified: the plan stays open until the receiving area's conference. */
  moveNotifiedOn: IsoDate.optional(),
  lastCoreGroupOn: IsoDate.optional(),
});
export type PlanState = z.infer<typeof PlanState>;

export interface CaseState {
  /** The plan in force, if any. */
  plan?: PlanState;
  /** The case's items not yet completed or cancelled. */
  open: DueEntry[];
}

/** What the model needs of a conference. */
export const ConferenceFacts = z.object({
  id: z.string().min(1).max(64),
  kind: ConferenceKind,
  /** A built-in policy id, or the policy the conference runs under (its own copy). */
  policy: z.union([z.string().min(1), z.custom<Policy>((v) => typeof v === 'object' && v !== null, 'a policy')]),
  /** When it is (or was) scheduled to start, on the area's wall clock. */
  start: LocalDateTime,
  lookedAfter: z.boolean().default(false),
});
export type ConferenceFacts = z.input<typeof ConferenceFacts>;

type Conf = { conference: ConferenceFacts };
/** The decision of a conference that was held on `on` (dates count from that day, whoever clicks later). */
type DecisionFacts = Conf & {
  on: IsoDate;
  outcome: Choice | 'deferred';
  recommendation?: NoPlanRecommendation;
  /** Bolton's split rule: the child is on a plan and the chair refers it to the Head of Service. */
  splitReferral?: boolean;
};

export type LifecycleEvent =
  | ({ type: 'scheduled' } & Conf)
  | ({ type: 'rescheduled'; previousStart: string } & Conf)
  | ({ type: 'cancelled' } & Conf)
  /** Someone was added to or removed from the invitation list of a scheduled conference. */
  | ({ type: 'invitees-changed' } & Conf)
  | ({ type: 'started'; on: IsoDate } & Conf)
  | ({ type: 'stood-down'; on: IsoDate } & Conf)
  | ({ type: 'decided' } & DecisionFacts)
  | ({ type: 'exceptional-recorded'; reason: string } & DecisionFacts)
  | ({ type: 'category-recorded' } & Conf)
  | ({ type: 'plan-recorded'; on: IsoDate; today: IsoDate; nextReviewDate: IsoDate; coreGroupDate: IsoDate } & Conf)
  | ({ type: 'decision-circulated' } & Conf)
  | ({ type: 'minutes-sent'; on: IsoDate; today: IsoDate } & Conf)
  | ({ type: 'amendment-window-closed' } & Conf)
  | { type: 'core-group-held'; on: IsoDate; today: IsoDate; next: IsoDate }
  | ({ type: 'split-referred'; on: IsoDate; today: IsoDate } & Conf)
  | ({ type: 'panel-held'; on: IsoDate; today: IsoDate } & Conf)
  | { type: 'cin-review-held'; on: IsoDate; today: IsoDate; next?: IsoDate }
  | { type: 'plan-ended'; reason: PlanEndReason; on: IsoDate; today: IsoDate }
  | { type: 'receiving-conference-held'; on: IsoDate; today: IsoDate };
export type LifecycleEventType = LifecycleEvent['type'];

export const NoticeKind = z.enum(['decision', 'minutes-sent', 'plan-ended', 'move-notified']);
export type NoticeKind = z.infer<typeof NoticeKind>;
export interface Notice {
  what: NoticeKind;
  to: Audience[];
  conferenceId?: string;
}

export interface PlanChange {
  start?: { kind: 'cp' | 'cin'; on: IsoDate; startedBy?: string };
  end?: { on: IsoDate; reason: PlanEndReason | 'review-discontinued' };
  moveNotifiedOn?: IsoDate;
  lastCoreGroupOn?: IsoDate;
  nextReviewDate?: IsoDate;
}

export interface Transition {
  due: DueEntry[];
  completed: DueRef[];
  cancelled: DueRef[];
  send: Notice[];
  plan?: PlanChange;
  /** The decision does not stand until the chair records the exceptional circumstances. */
  awaiting?: 'exceptional-circumstances';
  citation: Citation;
}

const BOLTON = (section: string): Citation => ({ docs: ['bolton-procedures'], section });

/** The procedure each event follows (docs/rules.md, The lifecycle). */
export const TRANSITION_SOURCES: Readonly<Record<LifecycleEventType, Citation>> = {
  scheduled: { docs: ['bolton-procedures', 'barnsley-guidance'], section: 'Timing; Information for the Conference' },
  rescheduled: { docs: ['bolton-procedures', 'barnsley-guidance'], section: 'Timing; Information for the Conference' },
  cancelled: BOLTON('Timing'),
  'invitees-changed': BOLTON('Attendance; Information for the Conference'),
  started: BOLTON('Information for the Conference'),
  'stood-down': { docs: ['bolton-procedures', 'barnsley-guidance'], section: 'Quoracy' },
  decided: BOLTON('Actions & decisions; Record keeping; Disagreement and dissent; Deferment'),
  'exceptional-recorded': BOLTON('Looked after children; Review conferences'),
  'category-recorded': { docs: ['london-summary', 'bolton-procedures'], section: 'Category of harm' },
  'plan-recorded': BOLTON('Actions & decisions; The Core Group; Review conferences'),
  'decision-circulated': BOLTON('Record keeping'),
  'minutes-sent': BOLTON('Record keeping'),
  'amendment-window-closed': BOLTON('Record keeping'),
  'core-group-held': BOLTON('The Core Group'),
  'split-referred': BOLTON('Disagreement and dissent'),
  'panel-held': BOLTON('Disagreement and dissent'),
  'cin-review-held': BOLTON('If the child is assessed NOT to be at continuing risk'),
  'plan-ended': BOLTON('Discontinuing the Child Protection Plan'),
  'receiving-conference-held': BOLTON('Discontinuing the Child Protection Plan'),
};

/** For every kind of item, the events that complete it (cancelling events aside). */
export const COMPLETED_BY: Readonly<Record<DueKind, readonly LifecycleEventType[]>> = {
  conference: ['started', 'stood-down', 'decided'],
  report: ['started', 'stood-down', 'decided'],
  'first-review': ['decided'],
  'later-review': ['decided'],
  'reconvene-deferred': ['started'],
  'reconvene-stood-down': ['started'],
  'decision-circulated': ['decision-circulated'],
  minutes: ['minutes-sent'],
  'minute-amendments': ['amendment-window-closed'],
  'first-core-group': ['core-group-held'],
  'core-group': ['core-group-held'],
  'split-referral': ['split-referred'],
  'split-panel': ['panel-held'],
  'cin-review': ['cin-review-held'],
  'receiving-conference': ['receiving-conference-held'],
};

export const sameRef = (a: DueRef, b: DueRef) => a.kind === b.kind && a.due === b.due && (a.conferenceId ?? '') === (b.conferenceId ?? '');
const refOf = (e: DueEntry): DueRef => ({ kind: e.kind, due: e.due, ...(e.conferenceId ? { conferenceId: e.conferenceId } : {}) });

function entry(kind: DueKind, due: IsoDate, conferenceId?: string, conferenceKind?: ConferenceKind): DueEntry {
  return { kind, due, ...(conferenceId ? { conferenceId } : {}), ...(conferenceKind ? { conferenceKind } : {}), for: [...DUE_KIND_RULES[kind].for] };
}

const startDate = (c: ConferenceFacts) => c.start.slice(0, 10);

/** The policy's plan-and-refer split rule (Bolton: 5 working days, panel 28 days); the seeds' default otherwise. */
function referralRule(c: ConferenceFacts): { referralWithinWorkingDays: number; panelWithinDays: number } {
  const rule = policyOf(c.policy).splitRule;
  return rule?.kind === 'plan-and-refer' ? rule : { referralWithinWorkingDays: 5, panelWithinDays: 28 };
}

function empty(type: LifecycleEventType): Transition {
  return { due: [], completed: [], cancelled: [], send: [], citation: TRANSITION_SOURCES[type] };
}

const openOf = (state: CaseState, kinds: readonly DueKind[], conferenceId?: string) =>
  state.open.filter((e) => kinds.includes(e.kind) && (conferenceId === undefined || e.conferenceId === conferenceId));

function notAfter(on: IsoDate, today: IsoDate, what: string): void {
  if (on > today) throw new RuleError(`${what} (${on}) cannot be in the future: today is ${today}.`);
}

function requireCpPlan(state: CaseState, what: string): PlanState {
  if (!state.plan || state.plan.kind !== 'cp') throw new RuleError(`The child has no current child protection plan, so ${what}.`);
  return state.plan;
}

/** The question follows the plan status: a child on a plan is asked continue / discontinue (Bolton procedures). */
export function questionFor(kind: ConferenceKind, onPlan: boolean): 'initial' | 'review' {
  return onPlan || isReviewKind(kind) ? 'review' : 'initial';
}

/** Whether the decision needs a recorded reason (exceptional circumstances) before it stands. */
export function needsExceptionalReason(conference: ConferenceFacts, outcome: Choice | 'deferred'): boolean {
  if (outcome === 'deferred') return false;
  const c = ConferenceFacts.parse(conference);
  return decisionWarnings({ policy: c.policy, outcome, lookedAfter: c.lookedAfter, firstReview: c.kind === 'first-review' }).some((w) => w.requiresReason);
}

export interface PlanRecordWindow {
  review: { kind: 'first-review' | 'later-review'; latest: IsoDate; rule: string };
  coreGroup: { kind: 'first-core-group' | 'core-group'; earliest: IsoDate; latest: IsoDate; rule: string };
}

/**
 * The dates a plan record may set after a conference held on `on` (Bolton procedures, The Core
 * Group; Review conferences). The plan started here: first core group within 10 working days,
 * first review within 3 months. Otherwise the next review is within 6 months of a review, or
 * 3 months of any other conference but never later than the review it interrupts; the next core
 * group within 6 weeks of the last one (or of this conference when none is recorded), and never
 * sooner than 10 working days away if that has already passed.
 */
export function planRecordWindow(state: CaseState, conference: ConferenceFacts, on: IsoDate): PlanRecordWindow {
  const startedHere = state.plan?.kind === 'cp' && state.plan.startedBy === conference.id;
  if (startedHere || !state.plan || state.plan.kind !== 'cp') {
    return {
      review: { kind: 'first-review', latest: dueDate('first-review', on), rule: 'within 3 months of the conference that started the plan' },
      coreGroup: { kind: 'first-core-group', earliest: on, latest: dueDate('first-core-group', on), rule: 'within 10 working days of the conference' },
    };
  }
  const interrupted = openOf(state, REVIEW_ITEMS).sort((a, b) => a.due.localeCompare(b.due))[0];
  const own = isReviewKind(conference.kind) ? dueDate('later-review', on) : dueDate('first-review', on);
  const latest = interrupted && interrupted.due < own ? interrupted.due : own;
  const reviewKind = !isReviewKind(conference.kind) && interrupted?.kind === 'first-review' ? 'first-review' : 'later-review';
  const last = state.plan.lastCoreGroupOn;
  const windowEnd = addCalendarDays(last ?? on, CORE_GROUP_INTERVAL_WEEKS.max * 7);
  const soonest = addWorkingDays(on, 10);
  return {
    review: {
      kind: reviewKind,
      latest,
      rule: latest === interrupted?.due && latest !== own ? `no later than the review already due (${latest}), whose cycle this conference interrupts` : isReviewKind(conference.kind) ? 'within 6 months of this review' : 'within 3 months of this conference',
    },
    coreGroup: {
      kind: 'core-group',
      earliest: on,
      latest: windowEnd > soonest ? windowEnd : soonest,
      rule: last ? `within 6 weeks of the last core group (${last})` : 'within 6 weeks of this conference',
    },
  };
}

/** What follows `event` for a case in `state`. Throws RuleError for an event the rules refuse. */
export function transition(state: CaseState, event: LifecycleEvent): Transition {
  const t = empty(event.type);
  switch (event.type) {
    case 'scheduled':
    case 'rescheduled': {
      const c = ConferenceFacts.parse(event.conference);
      if (event.type === 'rescheduled') t.cancelled.push(...openOf(state, ['conference', 'report'], c.id).map(refOf));
      t.due.push(entry('conference', startDate(c), c.id, c.kind), entry('report', reportDeadline(c.start, c.policy, c.kind).sendBy.slice(0, 10), c.id));
      t.cancelled = t.cancelled.filter((r) => !t.due.some((d) => sameRef(d, r)));
      return t;
    }
    case 'cancelled':
      t.cancelled.push(...openOf(state, ['conference', 'report'], event.conference.id).map(refOf));
      return t;
    case 'invitees-changed':
      // Same items, same dates: restated so that they are due to the people invited now.
      t.due.push(...openOf(state, ['conference', 'report'], event.conference.id));
      return t;
    case 'started': {
      const c = event.conference;
      t.completed.push(...openOf(state, ['conference', 'report'], c.id).map(refOf));
      // Held: it answers a stood-down conference's reconvene, and a deferred one's.
      const answers: DueKind[] = c.kind === 'deferred' ? ['reconvene-stood-down', 'reconvene-deferred'] : ['reconvene-stood-down'];
      t.completed.push(...state.open.filter((e) => answers.includes(e.kind) && e.conferenceId !== c.id).map(refOf));
      return t;
    }
    case 'stood-down': {
      const c = event.conference;
      t.completed.push(...openOf(state, ['conference', 'report'], c.id).map(refOf));
      // Reconvened within the policy's working days, or (where it gives none) as soon as possible.
      const within = policyOf(c.policy).inquorate.reconveneWithinWorkingDays;
      const reconvene = within ? addWorkingDays(event.on, within) : event.on;
      t.due.push(entry('reconvene-stood-down', reconvene, c.id, c.kind), entry('decision-circulated', dueDate('decision-circulated', event.on), c.id));
      t.send.push({ what: 'decision', to: ['invitees'], conferenceId: c.id });
      return t;
    }
    case 'decided':
    case 'exceptional-recorded':
      return decided(state, event, t);
    case 'category-recorded':
      return t;
    case 'plan-recorded':
      return planRecorded(state, event, t);
    case 'decision-circulated':
      t.completed.push(...openOf(state, ['decision-circulated'], event.conference.id).map(refOf));
      return t;
    case 'minutes-sent': {
      notAfter(event.on, event.today, 'The date the minutes were sent');
      const open = openOf(state, ['minutes'], event.conference.id);
      if (open.length === 0) throw new RuleError('No minutes are due for this conference.');
      t.completed.push(...open.map(refOf));
      t.due.push(entry('minute-amendments', dueDate('minute-amendments', event.on), event.conference.id));
      t.send.push({ what: 'minutes-sent', to: ['invitees'], conferenceId: event.conference.id });
      return t;
    }
    case 'amendment-window-closed':
      t.completed.push(...openOf(state, ['minute-amendments'], event.conference.id).map(refOf));
      return t;
    case 'core-group-held': {
      requireCpPlan(state, 'no core group meets');
      notAfter(event.on, event.today, 'The core group date');
      const window = { earliest: addCalendarDays(event.on, CORE_GROUP_INTERVAL_WEEKS.min * 7), latest: addCalendarDays(event.on, CORE_GROUP_INTERVAL_WEEKS.max * 7) };
      if (event.next < window.earliest || event.next > window.latest) {
        throw new RuleError(`The next core group must meet 4 to 6 weeks after this one: between ${window.earliest} and ${window.latest} (got ${event.next}).`);
      }
      const open = openOf(state, CORE_GROUP_ITEMS).sort((a, b) => a.due.localeCompare(b.due));
      const last = state.plan?.lastCoreGroupOn;
      if (last && event.on < last) throw new RuleError(`The last core group recorded met on ${last}: one before it cannot be recorded now.`);
      const next = entry('core-group', event.next);
      if (last && event.on === last) {
        // The same meeting again: its next date is corrected; the next meeting is not marked held.
        t.cancelled.push(...open.filter((e) => !sameRef(e, next)).map(refOf));
        if (!open.some((e) => sameRef(e, next))) t.due.push(next);
        return t;
      }
      if (open[0]) t.completed.push(refOf(open[0]));
      t.due.push(next);
      t.plan = { lastCoreGroupOn: event.on };
      return t;
    }
    case 'split-referred': {
      notAfter(event.on, event.today, 'The referral date');
      const open = openOf(state, ['split-referral'], event.conference.id);
      if (open.length === 0) throw new RuleError('No split referral is due for this conference.');
      t.completed.push(...open.map(refOf));
      // The panel hears it within its days (Bolton: 28) of the Head of Service being notified.
      t.due.push(entry('split-panel', addCalendarDays(event.on, referralRule(event.conference).panelWithinDays), event.conference.id));
      return t;
    }
    case 'panel-held': {
      notAfter(event.on, event.today, 'The panel date');
      const open = openOf(state, ['split-panel'], event.conference.id);
      if (open.length === 0) throw new RuleError('No panel hearing is due for this conference: record the referral first.');
      t.completed.push(...open.map(refOf));
      return t;
    }
    case 'cin-review-held': {
      notAfter(event.on, event.today, 'The review date');
      const open = openOf(state, ['cin-review']);
      if (open.length === 0) throw new RuleError('No Child in Need plan review is due.');
      t.completed.push(...open.map(refOf));
      if (event.next) {
        const latest = dueDate('cin-review', event.on);
        if (event.next > latest || event.next < event.on) throw new RuleError(`The next Child in Need plan review must be by ${latest} (at most 6 months).`);
        t.due.push(entry('cin-review', event.next));
      }
      return t;
    }
    case 'plan-ended':
      return planEnded(state, event, t);
    case 'receiving-conference-held': {
      const plan = requireCpPlan(state, "there is no plan to end after the receiving area's conference");
      if (!plan.moveNotifiedOn) throw new RuleError('No permanent move was notified for this child: end the plan with its reason instead.');
      notAfter(event.on, event.today, "The receiving area's conference date");
      if (event.on < plan.moveNotifiedOn) throw new RuleError(`The receiving area's conference cannot be before the move was notified (${plan.moveNotifiedOn}).`);
      t.completed.push(...openOf(state, ['receiving-conference']).map(refOf));
      t.cancelled.push(...openOf(state, PLAN_ITEMS.filter((k) => k !== 'receiving-conference')).map(refOf));
      t.plan = { end: { on: event.on, reason: 'moved-permanently' } };
      t.send.push({ what: 'plan-ended', to: ['initial-invitees'] });
      return t;
    }
  }
}

function decided(state: CaseState, event: Extract<LifecycleEvent, { type: 'decided' | 'exceptional-recorded' }>, t: Transition): Transition {
  const c = event.conference;
  const id = c.id;
  const required = needsExceptionalReason(c, event.outcome);
  t.completed.push(...openOf(state, ['conference', 'report'], id).map(refOf));
  if (event.type === 'exceptional-recorded') {
    if (!required) throw new RuleError('This decision needs no exceptional circumstances: there is no reason to record.');
    if (event.reason.trim() === '') throw new RuleError('Give the exceptional circumstances: the reason is required.');
  } else if (required) {
    t.awaiting = 'exceptional-circumstances';
    return t;
  }
  const held = event.on;
  const onPlan = state.plan?.kind === 'cp';
  // "Dates count from the conference": circulation and minutes from the day it was held.
  t.due.push(entry('decision-circulated', dueDate('decision-circulated', held), id));
  if (event.outcome === 'deferred') {
    t.due.push(entry('reconvene-deferred', dueDate('deferred', held), id, 'deferred'));
    t.send.push({ what: 'decision', to: ['invitees'], conferenceId: id });
    return t;
  }
  t.due.push(entry('minutes', dueDate('minutes', held), id));
  // A conference that reviews the plan answers the review that was due.
  if (isReviewKind(c.kind) || c.kind === 'deferred') t.completed.push(...openOf(state, REVIEW_ITEMS).map(refOf));
  // The question follows the plan status, so "no plan" for a child on a plan means discontinue it.
  const keepsPlan = event.outcome === 'cp-plan' || event.outcome === 'continue';
  const endsPlan = onPlan && !keepsPlan;
  if (keepsPlan) {
    if (!onPlan) t.plan = { start: { kind: 'cp', on: held, startedBy: id } };
    if (event.splitReferral) t.due.push(entry('split-referral', addWorkingDays(held, referralRule(c).referralWithinWorkingDays), id));
    // Circulated once the plan record is complete (plan-recorded).
  } else {
    if (endsPlan) {
      t.plan = { end: { on: held, reason: 'review-discontinued' } };
      t.cancelled.push(...openOf(state, PLAN_ITEMS).filter((e) => !t.completed.some((r) => sameRef(e, r))).map(refOf));
    }
    if (event.recommendation === 'child-in-need') {
      t.plan = { ...t.plan, start: { kind: 'cin', on: held, startedBy: id } };
      t.due.push(entry('cin-review', dueDate('cin-review', held), id));
    }
    t.send.push({ what: 'decision', to: ['invitees'], conferenceId: id });
  }
  return t;
}

function planRecorded(state: CaseState, event: Extract<LifecycleEvent, { type: 'plan-recorded' }>, t: Transition): Transition {
  requireCpPlan(state, 'no plan can be recorded');
  const c = event.conference;
  const w = planRecordWindow(state, c, event.on);
  const problems: string[] = [];
  if (event.nextReviewDate > w.review.latest) problems.push(`the next review must be held by ${w.review.latest} (${w.review.rule})`);
  if (event.coreGroupDate > w.coreGroup.latest || event.coreGroupDate < w.coreGroup.earliest) {
    problems.push(`the ${w.coreGroup.kind === 'first-core-group' ? 'first' : 'next'} core group must meet between ${w.coreGroup.earliest} and ${w.coreGroup.latest} (${w.coreGroup.rule})`);
  }
  if (event.nextReviewDate < event.today || event.coreGroupDate < event.today) problems.push('dates cannot be in the past');
  if (problems.length) throw new RuleError(`Please check: ${problems.join('; ')}.`);
  const review = entry(w.review.kind, event.nextReviewDate, c.id);
  const core = entry(w.coreGroup.kind, event.coreGroupDate, w.coreGroup.kind === 'first-core-group' ? c.id : undefined);
  t.due.push(review, core);
  // The record replaces the review and core group it supersedes.
  t.cancelled.push(...openOf(state, [...REVIEW_ITEMS, ...CORE_GROUP_ITEMS]).filter((e) => !sameRef(e, review) && !sameRef(e, core)).map(refOf));
  t.plan = { nextReviewDate: event.nextReviewDate };
  t.send.push({ what: 'decision', to: ['invitees'], conferenceId: c.id });
  return t;
}

function planEnded(state: CaseState, event: Extract<LifecycleEvent, { type: 'plan-ended' }>, t: Transition): Transition {
  const plan = requireCpPlan(state, 'there is no plan to end');
  notAfter(event.on, event.today, 'The date the plan ended');
  if (event.on < plan.since) throw new RuleError(`The plan cannot end (${event.on}) before it started (${plan.since}).`);
  if (event.reason === 'moved-permanently') {
    if (plan.moveNotifiedOn) throw new RuleError(`A permanent move was already notified on ${plan.moveNotifiedOn}; record the receiving area's conference when it is held.`);
    // The plan stays open: the receiving area holds its conference within 15 working days.
    t.due.push(entry('receiving-conference', dueDate('transfer-in', event.on)));
    t.plan = { moveNotifiedOn: event.on };
    t.send.push({ what: 'move-notified', to: ['lead-professional', 'initial-invitees'] });
    return t;
  }
  t.cancelled.push(...openOf(state, PLAN_ITEMS).map(refOf));
  t.plan = { end: { on: event.on, reason: event.reason } };
  t.send.push({ what: 'plan-ended', to: ['initial-invitees'] });
  return t;
}

/** The state after a transition: what the store holds once the bot has applied it. */
export function applyTransition(state: CaseState, t: Transition): CaseState {
  const gone = [...t.completed, ...t.cancelled];
  const open = state.open.filter((e) => !gone.some((r) => sameRef(e, r)) && !t.due.some((d) => sameRef(d, e)));
  let plan = state.plan;
  if (t.plan?.end) plan = undefined;
  if (t.plan?.start) plan = { kind: t.plan.start.kind, since: t.plan.start.on, ...(t.plan.start.startedBy ? { startedBy: t.plan.start.startedBy } : {}) };
  if (plan && t.plan?.moveNotifiedOn) plan = { ...plan, moveNotifiedOn: t.plan.moveNotifiedOn };
  if (plan && t.plan?.lastCoreGroupOn) plan = { ...plan, lastCoreGroupOn: t.plan.lastCoreGroupOn };
  return { plan, open: [...open, ...t.due] };
}

/** "turned 18", "died", "moved to Leeds", "left the UK"… → the reason, or a RuleError listing the accepted words. */
export function parsePlanEndReason(words: string): PlanEndReason {
  const w = words.toLowerCase().replace(/[^a-z0-9 ]/g, ' ').replace(/\s+/g, ' ').trim();
  const known = PlanEndReason.options as readonly string[];
  if (known.includes(w.replace(/ /g, '-'))) return w.replace(/ /g, '-') as PlanEndReason;
  if (/^(died|dead|death|deceased|passed away)\b/.test(w)) return 'died';
  if (/^(18|turned 18|eighteen|turned eighteen|aged? 18|is 18|became 18)\b/.test(w)) return 'turned-18';
  if (/^(married|marriage|got married)\b/.test(w)) return 'married';
  if (/^(left|leaving|emigrated|moved abroad|moved out of the uk)\b/.test(w) && /(uk|united kingdom|country|abroad|emigrated)/.test(w)) return 'left-uk';
  if (/^emigrated\b/.test(w) || /^moved abroad\b/.test(w)) return 'left-uk';
  if (/^(moved|move|moving|relocated|transferred)\b/.test(w)) return 'moved-permanently';
  throw new RuleError(
    `"${words.slice(0, 60)}" is not a reason a plan ends without a review. Accepted: died; turned 18; married; left the UK; moved (e.g. "moved to Leeds") for a permanent move to another area.`,
  );
}
