// Property tests of the lifecycle model over random sequences of events (Bolton procedures,
// Discontinuing the Child Protection Plan; Record keeping; The Core Group): nothing stays due for
// a case whose plan has ended, nothing is completed twice, and every due item has an event that
// completes it.
import { expect } from 'chai';
import fc from 'fast-check';
import {
  COMPLETED_BY,
  CORE_GROUP_ITEMS,
  DueKind,
  PLAN_ITEMS,
  REVIEW_ITEMS,
  RuleError,
  addCalendarDays,
  applyTransition,
  planRecordWindow,
  sameRef,
  transition,
  type CaseState,
  type ConferenceFacts,
  type DueEntry,
  type LifecycleEvent,
  type Transition,
} from '../../src/rules/index.js';

const FAR = '2030-01-01';
const conferences: ConferenceFacts[] = [
  { id: 'C1', kind: 'initial', policy: 'bolton', start: '2026-01-12T10:00', lookedAfter: false },
  { id: 'C2', kind: 'missing-child', policy: 'bolton', start: '2026-02-10T10:00', lookedAfter: false },
  { id: 'C3', kind: 'first-review', policy: 'bolton', start: '2026-04-08T10:00', lookedAfter: false },
  { id: 'C4', kind: 'deferred', policy: 'barnsley', start: '2026-05-06T10:00', lookedAfter: true },
  { id: 'C5', kind: 'later-review', policy: 'cumbria', start: '2026-09-08T10:00', lookedAfter: false },
  { id: 'C6', kind: 'initial', policy: 'bolton', start: '2026-10-06T10:00', lookedAfter: true },
];
const dayOf = (c: ConferenceFacts) => c.start.slice(0, 10);

/** An event drawn without knowing the state; dates that depend on it are filled in by `concrete`. */
type Draft = { type: LifecycleEvent['type']; c: number; outcome: number; flag: boolean; reason: number; shift: number };
const draft = fc.record({
  type: fc.constantFrom<LifecycleEvent['type']>(
    'scheduled',
    'rescheduled',
    'cancelled',
    'invitees-changed',
    'started',
    'stood-down',
    'decided',
    'exceptional-recorded',
    'category-recorded',
    'plan-recorded',
    'decision-circulated',
    'minutes-sent',
    'amendment-window-closed',
    'core-group-held',
    'split-referred',
    'panel-held',
    'cin-review-held',
    'plan-ended',
    'receiving-conference-held',
  ),
  c: fc.integer({ min: 0, max: conferences.length - 1 }),
  outcome: fc.integer({ min: 0, max: 4 }),
  flag: fc.boolean(),
  reason: fc.integer({ min: 0, max: 4 }),
  shift: fc.integer({ min: 0, max: 60 }),
});

const OUTCOMES = ['cp-plan', 'no-cp-plan', 'continue', 'discontinue', 'deferred'] as const;
const REASONS = ['died', 'turned-18', 'married', 'left-uk', 'moved-permanently'] as const;

function concrete(state: CaseState, d: Draft): LifecycleEvent {
  const conference = conferences[d.c]!;
  const on = dayOf(conference);
  const later = addCalendarDays(on, d.shift);
  const outcome = OUTCOMES[d.outcome]!;
  const decision = { conference, on, outcome, recommendation: outcome === 'no-cp-plan' || outcome === 'discontinue' ? (d.flag ? 'child-in-need' : 'no-further-action') : undefined, splitReferral: outcome === 'cp-plan' && d.flag } as const;
  switch (d.type) {
    case 'scheduled':
    case 'cancelled':
    case 'invitees-changed':
    case 'category-recorded':
    case 'decision-circulated':
    case 'amendment-window-closed':
      return { type: d.type, conference };
    case 'rescheduled':
      return { type: d.type, conference: { ...conference, start: `${addCalendarDays(on, 2)}T10:00` }, previousStart: conference.start };
    case 'started':
    case 'stood-down':
      return { type: d.type, conference, on };
    case 'decided':
      return { type: 'decided', ...decision };
    case 'exceptional-recorded':
      return { type: 'exceptional-recorded', ...decision, reason: 'exceptional circumstances' };
    case 'plan-recorded': {
      const w = planRecordWindow(state, conference, on);
      return { type: d.type, conference, on, today: on, nextReviewDate: w.review.latest, coreGroupDate: w.coreGroup.latest };
    }
    case 'minutes-sent':
    case 'split-referred':
    case 'panel-held':
      return { type: d.type, conference, on: later, today: FAR };
    case 'core-group-held':
      return { type: d.type, on: later, today: FAR, next: addCalendarDays(later, 35) };
    case 'cin-review-held':
      return { type: d.type, on: later, today: FAR, next: d.flag ? addCalendarDays(later, 90) : undefined };
    case 'plan-ended':
      return { type: d.type, reason: REASONS[d.reason]!, on: state.plan ? (later > state.plan.since ? later : state.plan.since) : later, today: FAR };
    case 'receiving-conference-held':
      return { type: d.type, on: state.plan?.moveNotifiedOn ? addCalendarDays(state.plan.moveNotifiedOn, 10) : later, today: FAR };
  }
}

/** Applies a drafted sequence; events the rules refuse change nothing (as in the bot). */
function walk(drafts: Draft[], check: (before: CaseState, t: Transition, after: CaseState, e: LifecycleEvent) => void): CaseState {
  let state: CaseState = { open: [] };
  for (const d of drafts) {
    const e = concrete(state, d);
    let t: Transition;
    try {
      t = transition(state, e);
    } catch (err) {
      if (err instanceof RuleError) continue;
      throw err;
    }
    const after = applyTransition(state, t);
    check(state, t, after, e);
    state = after;
  }
  return state;
}

const sequences = fc.array(draft, { minLength: 1, maxLength: 40 });
const ended = (t: Transition) => t.plan?.end !== undefined;

/** The event that completes an open item, as COMPLETED_BY names it. */
function completing(item: DueEntry, state: CaseState): LifecycleEvent {
  const conference = conferences.find((c) => c.id === item.conferenceId);
  const kind = COMPLETED_BY[item.kind][0]!;
  switch (kind) {
    case 'started': {
      // A conference item: it is held. A reconvene: the reconvened (deferred) conference is held.
      if (item.kind === 'conference' || item.kind === 'report') return { type: 'started', conference: conference!, on: item.due };
      return { type: 'started', conference: { id: 'RECONVENED', kind: 'deferred', policy: 'bolton', start: `${item.due}T10:00` }, on: item.due };
    }
    case 'decided':
      return { type: 'decided', conference: { id: 'REVIEW', kind: 'later-review', policy: 'london', start: `${item.due}T10:00` }, on: item.due, outcome: 'continue' };
    case 'core-group-held':
      return { type: kind, on: item.due, today: FAR, next: addCalendarDays(item.due, 30) };
    case 'cin-review-held':
    case 'receiving-conference-held':
      return { type: kind, on: state.plan?.moveNotifiedOn && item.due < state.plan.moveNotifiedOn ? state.plan.moveNotifiedOn : item.due, today: FAR };
    case 'minutes-sent':
    case 'split-referred':
    case 'panel-held':
      return { type: kind, conference: conference!, on: item.due, today: FAR };
    default:
      return { type: kind, conference: conference! } as LifecycleEvent;
  }
}

describe('lifecycle properties (Bolton procedures, Discontinuing the Child Protection Plan; Record keeping; The Core Group)', () => {
  it('every kind of due item has an event that completes it', () => {
    for (const kind of DueKind.options) expect(COMPLETED_BY[kind].length, kind).to.be.greaterThan(0);
  });

  it('nothing stays due for a case whose plan has ended', () => {
    fc.assert(
      fc.property(sequences, (drafts) => {
        walk(drafts, (_before, t, after) => {
          if (ended(t) && !t.plan?.start) expect(after.open.filter((e) => PLAN_ITEMS.includes(e.kind)), 'plan items after the end').to.deep.equal([]);
          // Without a CP plan there is no review, core group or receiving conference to hold.
          if (after.plan?.kind !== 'cp') expect(after.open.filter((e) => [...REVIEW_ITEMS, ...CORE_GROUP_ITEMS, 'receiving-conference'].includes(e.kind))).to.deep.equal([]);
        });
      }),
      { numRuns: 400 },
    );
  });

  it('nothing is completed twice, and only open items are completed or cancelled', () => {
    fc.assert(
      fc.property(sequences, (drafts) => {
        walk(drafts, (before, t) => {
          const gone = [...t.completed, ...t.cancelled];
          for (const [i, r] of gone.entries()) {
            expect(before.open.some((e) => sameRef(e, r)), `${r.kind} ${r.due} was open`).to.equal(true);
            expect(gone.slice(i + 1).some((o) => sameRef(o, r)), `${r.kind} ${r.due} once`).to.equal(false);
          }
        });
      }),
      { numRuns: 400 },
    );
  });

  it('every open item is completed by the event COMPLETED_BY names for it, and then is gone', () => {
    fc.assert(
      fc.property(sequences, (drafts) => {
        const state = walk(drafts, () => undefined);
        for (const item of state.open) {
          const t = transition(state, completing(item, state));
          expect(t.completed.some((r) => sameRef(r, item)), `${item.kind} ${item.due} completed`).to.equal(true);
          expect(applyTransition(state, t).open.some((e) => sameRef(e, item))).to.equal(false);
        }
      }),
      { numRuns: 300 },
    );
  });
});
