// The lifecycle model: every event × conference kind × policy that changes something, each test
// naming the procedure document the transition follows (docs/rules.md, The lifecycle).
import { expect } from 'chai';
import {
  ConferenceKind,
  PolicyId,
  RuleError,
  applyTransition,
  parsePlanEndReason,
  planRecordWindow,
  questionFor,
  transition,
  type CaseState,
  type ConferenceFacts,
  type DueRef,
  type LifecycleEvent,
} from '../../src/rules/index.js';

const conf = (kind: ConferenceFacts['kind'], over: Partial<ConferenceFacts> = {}): ConferenceFacts => ({
  id: `C.${kind}`,
  kind,
  policy: 'bolton',
  start: '2026-03-10T10:00',
  lookedAfter: false,
  ...over,
});
const empty: CaseState = { open: [] };
const kinds = (refs: DueRef[]) => refs.map((r) => r.kind).sort();

/** Runs events in order, as the bot would apply each answer to the store. */
function run(state: CaseState, ...events: LifecycleEvent[]): CaseState {
  return events.reduce((s, e) => applyTransition(s, transition(s, e)), state);
}

describe('lifecycle: scheduling (Bolton procedures, Timing; Barnsley chair\'s guidance, Information for the Conference)', () => {
  for (const policy of PolicyId.options) {
    for (const kind of ConferenceKind.options) {
      it(`${policy} ${kind}: the conference falls due on its date, reports by the policy's deadline`, () => {
        const t = transition(empty, { type: 'scheduled', conference: conf(kind, { policy }) });
        expect(t.due.map((d) => [d.kind, d.due])).to.deep.equal([
          ['conference', '2026-03-10'],
          ['report', policy === 'bolton' ? '2026-03-09' : '2026-03-06'],
        ]);
        expect(t.due[0]!.conferenceKind).to.equal(kind);
        expect(t.due[1]!.for).to.deep.equal(['professionals']);
      });
    }
  }

  it('a rescheduled conference cancels the old dates and sets the new ones', () => {
    const s = run(empty, { type: 'scheduled', conference: conf('initial') });
    const t = transition(s, { type: 'rescheduled', conference: conf('initial', { start: '2026-03-12T10:00' }), previousStart: '2026-03-10T10:00' });
    expect(t.cancelled.map((r) => r.due)).to.deep.equal(['2026-03-10', '2026-03-09']);
    expect(t.due.map((d) => d.due)).to.deep.equal(['2026-03-12', '2026-03-11']);
  });

  it('a cancelled conference cancels its conference and report items', () => {
    const s = run(empty, { type: 'scheduled', conference: conf('initial') });
    expect(kinds(transition(s, { type: 'cancelled', conference: conf('initial') }).cancelled)).to.deep.equal(['conference', 'report']);
  });

  it('a change of invitees restates the conference and report items, same dates, for the people invited now', () => {
    const s = run(empty, { type: 'scheduled', conference: conf('initial') });
    const t = transition(s, { type: 'invitees-changed', conference: conf('initial') });
    expect(t.due.map((d) => [d.kind, d.due, d.for])).to.deep.equal([
      ['conference', '2026-03-10', ['invitees']],
      ['report', '2026-03-09', ['professionals']],
    ]);
    expect(t.cancelled).to.deep.equal([]);
    expect(applyTransition(s, t)).to.deep.equal(s);
    // Nothing to restate once it has been held or cancelled.
    const held = run(s, { type: 'started', conference: conf('initial'), on: '2026-03-10' });
    expect(transition(held, { type: 'invitees-changed', conference: conf('initial') }).due).to.deep.equal([]);
  });
});

describe('lifecycle: holding a conference (Bolton procedures, Record keeping; Actions & decisions)', () => {
  const scheduled = run(empty, { type: 'scheduled', conference: conf('initial') });

  it('starting it completes the conference and its report: neither stays in anyone\'s list', () => {
    const t = transition(scheduled, { type: 'started', conference: conf('initial'), on: '2026-03-10' });
    expect(kinds(t.completed)).to.deep.equal(['conference', 'report']);
    expect(applyTransition(scheduled, t).open).to.deep.equal([]);
  });

  it('a CP plan at an initial conference starts the plan on the day it was held; circulation 1 and minutes 15 working days from that day', () => {
    const s = run(scheduled, { type: 'started', conference: conf('initial'), on: '2026-03-10' });
    // Decided three days later: the dates still count from 10 March.
    const t = transition(s, { type: 'decided', conference: conf('initial'), on: '2026-03-10', outcome: 'cp-plan' });
    expect(t.plan).to.deep.equal({ start: { kind: 'cp', on: '2026-03-10', startedBy: 'C.initial' } });
    expect(t.due.map((d) => [d.kind, d.due])).to.deep.equal([
      ['decision-circulated', '2026-03-11'],
      ['minutes', '2026-03-31'],
    ]);
    expect(t.send).to.deep.equal([]); // circulated with the plan record
  });

  it('no plan with a Child in Need recommendation: the decision is sent and the CIN plan reviewed within 6 months', () => {
    const t = transition(scheduled, { type: 'decided', conference: conf('initial'), on: '2026-03-10', outcome: 'no-cp-plan', recommendation: 'child-in-need' });
    expect(t.due.map((d) => d.kind)).to.include('cin-review');
    expect(t.due.find((d) => d.kind === 'cin-review')!.due).to.equal('2026-09-10');
    expect(t.plan?.start?.kind).to.equal('cin');
    expect(t.send).to.deep.equal([{ what: 'decision', to: ['invitees'], conferenceId: 'C.initial' }]);
  });

  it('no plan and no further action: no CIN review', () => {
    const t = transition(scheduled, { type: 'decided', conference: conf('initial'), on: '2026-03-10', outcome: 'no-cp-plan', recommendation: 'no-further-action' });
    expect(t.due.map((d) => d.kind)).to.deep.equal(['decision-circulated', 'minutes']);
    expect(t.plan).to.equal(undefined);
  });

  it('deferred: reconvene within 3 months, the decision circulated, no minutes yet (Bolton procedures, Deferment)', () => {
    const t = transition(scheduled, { type: 'decided', conference: conf('initial'), on: '2026-03-10', outcome: 'deferred' });
    expect(t.due.map((d) => [d.kind, d.due, d.conferenceKind])).to.deep.equal([
      ['decision-circulated', '2026-03-11', undefined],
      ['reconvene-deferred', '2026-06-10', 'deferred'],
    ]);
    expect(t.send[0]!.what).to.equal('decision');
  });

  it('stood down: reconvene as soon as possible, the decision circulated (Bolton procedures, Quoracy)', () => {
    const s = run(scheduled, { type: 'started', conference: conf('initial'), on: '2026-03-10' });
    const t = transition(s, { type: 'stood-down', conference: conf('initial'), on: '2026-03-10' });
    expect(t.due.map((d) => [d.kind, d.due])).to.deep.equal([
      ['reconvene-stood-down', '2026-03-10'],
      ['decision-circulated', '2026-03-11'],
    ]);
    expect(t.send[0]!.what).to.equal('decision');
  });

  it('the reconvened conference, once held, completes the reconvene', () => {
    const s = run(scheduled, { type: 'started', conference: conf('initial'), on: '2026-03-10' }, { type: 'stood-down', conference: conf('initial'), on: '2026-03-10' });
    const again = conf('initial', { id: 'C.again', start: '2026-03-13T10:00' });
    const t = transition(run(s, { type: 'scheduled', conference: again }), { type: 'started', conference: again, on: '2026-03-13' });
    expect(kinds(t.completed)).to.deep.equal(['conference', 'reconvene-stood-down', 'report']);
  });

  it('Bolton split: plan, and the referral to the Head of Service within 5 working days of the conference (Bolton procedures, Disagreement and dissent)', () => {
    const t = transition(scheduled, { type: 'decided', conference: conf('initial'), on: '2026-03-10', outcome: 'cp-plan', splitReferral: true });
    expect(t.due.find((d) => d.kind === 'split-referral')!.due).to.equal('2026-03-17');
    const s = applyTransition(scheduled, t);
    expect(() => transition(s, { type: 'panel-held', conference: conf('initial'), on: '2026-03-20', today: '2026-03-20' })).to.throw(RuleError, /referral first/);
    const referred = transition(s, { type: 'split-referred', conference: conf('initial'), on: '2026-03-13', today: '2026-03-13' });
    // The panel counts from the actual referral, not the conference.
    expect(referred.due).to.deep.include({ kind: 'split-panel', due: '2026-04-10', conferenceId: 'C.initial', for: ['chair'] });
    const heard = transition(applyTransition(s, referred), { type: 'panel-held', conference: conf('initial'), on: '2026-04-01', today: '2026-04-02' });
    expect(kinds(heard.completed)).to.deep.equal(['split-panel']);
  });
});

describe('lifecycle: exceptional circumstances (Bolton procedures, looked after children; first review)', () => {
  it('a looked-after child made subject to a plan: nothing follows until the reason is recorded', () => {
    const c = conf('initial', { lookedAfter: true });
    const s = run(empty, { type: 'scheduled', conference: c });
    const t = transition(s, { type: 'decided', conference: c, on: '2026-03-10', outcome: 'cp-plan' });
    expect(t.awaiting).to.equal('exceptional-circumstances');
    expect(t.plan).to.equal(undefined);
    expect(t.due).to.deep.equal([]);
    expect(t.send).to.deep.equal([]);
    const after = applyTransition(s, t);
    const r = transition(after, { type: 'exceptional-recorded', conference: c, on: '2026-03-10', outcome: 'cp-plan', reason: 'Placement breakdown risk' });
    expect(r.awaiting).to.equal(undefined);
    expect(r.plan?.start?.kind).to.equal('cp');
    expect(r.completed).to.deep.equal([]); // the conference was completed at the decision: never twice
  });

  it('in Barnsley the looked-after warning does not apply: the decision stands at once', () => {
    const t = transition(empty, { type: 'decided', conference: conf('initial', { lookedAfter: true, policy: 'barnsley' }), on: '2026-03-10', outcome: 'cp-plan' });
    expect(t.awaiting).to.equal(undefined);
  });

  it('discontinuing at the first review needs the reason first', () => {
    const t = transition({ plan: { kind: 'cp', since: '2025-12-10' }, open: [] }, { type: 'decided', conference: conf('first-review'), on: '2026-03-10', outcome: 'discontinue' });
    expect(t.awaiting).to.equal('exceptional-circumstances');
    expect(t.plan).to.equal(undefined);
  });

  it('a reason for a decision that needs none is refused', () => {
    expect(() => transition(empty, { type: 'exceptional-recorded', conference: conf('initial'), on: '2026-03-10', outcome: 'cp-plan', reason: 'x' })).to.throw(RuleError, /needs no exceptional/);
  });
});

describe('lifecycle: the plan record and core groups (Bolton procedures, The Core Group; Review conferences)', () => {
  const c = conf('initial');
  const onPlan = run(empty, { type: 'scheduled', conference: c }, { type: 'started', conference: c, on: '2026-03-10' }, { type: 'decided', conference: c, on: '2026-03-10', outcome: 'cp-plan' });

  it('after the initial conference: first core group within 10 working days, first review within 3 months', () => {
    const w = planRecordWindow(onPlan, c, '2026-03-10');
    expect(w.review).to.include({ kind: 'first-review', latest: '2026-06-10' });
    expect(w.coreGroup).to.include({ kind: 'first-core-group', earliest: '2026-03-10', latest: '2026-03-24' });
    const t = transition(onPlan, { type: 'plan-recorded', conference: c, on: '2026-03-10', today: '2026-03-10', nextReviewDate: '2026-06-09', coreGroupDate: '2026-03-20' });
    expect(t.due.map((d) => [d.kind, d.due])).to.deep.equal([
      ['first-review', '2026-06-09'],
      ['first-core-group', '2026-03-20'],
    ]);
    expect(t.send).to.deep.equal([{ what: 'decision', to: ['invitees'], conferenceId: c.id }]);
  });

  it('a review date beyond the limit and a core group outside its window are refused', () => {
    expect(() => transition(onPlan, { type: 'plan-recorded', conference: c, on: '2026-03-10', today: '2026-03-10', nextReviewDate: '2026-06-11', coreGroupDate: '2026-03-25' })).to.throw(
      RuleError,
      /next review must be held by 2026-06-10.*first core group must meet between 2026-03-10 and 2026-03-24/,
    );
  });

  const recorded = run(onPlan, { type: 'plan-recorded', conference: c, on: '2026-03-10', today: '2026-03-10', nextReviewDate: '2026-06-09', coreGroupDate: '2026-03-20' });

  it('a core group held completes it and schedules the next 4–6 weeks later; outside the window is refused', () => {
    const t = transition(recorded, { type: 'core-group-held', on: '2026-03-20', today: '2026-03-20', next: '2026-04-24' });
    expect(kinds(t.completed)).to.deep.equal(['first-core-group']);
    expect(t.due).to.deep.equal([{ kind: 'core-group', due: '2026-04-24', for: ['core-group'] }]);
    expect(() => transition(recorded, { type: 'core-group-held', on: '2026-03-20', today: '2026-03-20', next: '2026-05-02' })).to.throw(RuleError, /between 2026-04-17 and 2026-05-01/);
    expect(() => transition(recorded, { type: 'core-group-held', on: '2026-03-20', today: '2026-03-20', next: '2026-04-16' })).to.throw(RuleError, /4 to 6 weeks/);
    expect(() => transition(recorded, { type: 'core-group-held', on: '2026-03-21', today: '2026-03-20', next: '2026-04-24' })).to.throw(RuleError, /future/);
  });

  it('the same core group recorded again corrects the next date and marks no further meeting held; one before the last recorded is refused (Bolton procedures, The Core Group)', () => {
    const once = run(recorded, { type: 'core-group-held', on: '2026-03-20', today: '2026-03-20', next: '2026-04-24' });
    const again = transition(once, { type: 'core-group-held', on: '2026-03-20', today: '2026-03-21', next: '2026-04-24' });
    expect([again.completed, again.cancelled, again.due]).to.deep.equal([[], [], []]);
    const corrected = transition(once, { type: 'core-group-held', on: '2026-03-20', today: '2026-03-21', next: '2026-05-01' });
    expect(corrected.completed).to.deep.equal([]);
    expect(corrected.cancelled).to.deep.equal([{ kind: 'core-group', due: '2026-04-24' }]);
    expect(corrected.due).to.deep.equal([{ kind: 'core-group', due: '2026-05-01', for: ['core-group'] }]);
    expect(() => transition(once, { type: 'core-group-held', on: '2026-03-19', today: '2026-03-21', next: '2026-04-24' })).to.throw(RuleError, /last core group recorded met on 2026-03-20/);
    // The next meeting, held, completes the corrected item.
    const next = run(once, { type: 'core-group-held', on: '2026-03-20', today: '2026-03-21', next: '2026-05-01' });
    expect(kinds(transition(next, { type: 'core-group-held', on: '2026-04-30', today: '2026-04-30', next: '2026-06-04' }).completed)).to.deep.equal(['core-group']);
  });

  it('the first review (continue) completes the review due; its plan record asks for the next core group and a review within 6 months', () => {
    const s = run(recorded, { type: 'core-group-held', on: '2026-03-20', today: '2026-03-20', next: '2026-04-24' });
    const r = conf('first-review', { id: 'C.r1', start: '2026-06-09T10:00' });
    const held = run(s, { type: 'scheduled', conference: r }, { type: 'started', conference: r, on: '2026-06-09' });
    const t = transition(held, { type: 'decided', conference: r, on: '2026-06-09', outcome: 'continue' });
    expect(kinds(t.completed)).to.deep.equal(['first-review']);
    const after = applyTransition(held, t);
    const w = planRecordWindow(after, r, '2026-06-09');
    expect(w.review).to.include({ kind: 'later-review', latest: '2026-12-09' });
    expect(w.coreGroup.kind).to.equal('core-group');
  });

  it('a missing-child conference for a child on a plan asks continue/discontinue, and its next review may not pass the cycle it interrupts', () => {
    expect(questionFor('missing-child', true)).to.equal('review');
    expect(questionFor('urgent-reconvene', true)).to.equal('review');
    expect(questionFor('deferred', true)).to.equal('review');
    expect(questionFor('initial', false)).to.equal('initial');
    const m = conf('missing-child', { id: 'C.m', start: '2026-05-20T10:00' });
    const s = run(recorded, { type: 'scheduled', conference: m }, { type: 'started', conference: m, on: '2026-05-20' }, { type: 'decided', conference: m, on: '2026-05-20', outcome: 'continue' });
    expect(s.open.some((e) => e.kind === 'first-review')).to.equal(true); // not answered by a missing-child conference
    const w = planRecordWindow(s, m, '2026-05-20');
    expect(w.review).to.include({ kind: 'first-review', latest: '2026-06-09' });
    expect(() => transition(s, { type: 'plan-recorded', conference: m, on: '2026-05-20', today: '2026-05-20', nextReviewDate: '2026-08-20', coreGroupDate: '2026-05-29' })).to.throw(RuleError, /2026-06-09/);
    const t = transition(s, { type: 'plan-recorded', conference: m, on: '2026-05-20', today: '2026-05-20', nextReviewDate: '2026-06-05', coreGroupDate: '2026-05-29' });
    expect(kinds(t.cancelled)).to.deep.equal(['first-core-group', 'first-review']);
  });

  it('a later review that discontinues ends the plan on the day it was held and cancels every plan item; CIN only where recommended', () => {
    const t = transition(recorded, { type: 'decided', conference: conf('later-review', { id: 'C.r2' }), on: '2026-06-01', outcome: 'discontinue' });
    expect(t.plan).to.deep.equal({ end: { on: '2026-06-01', reason: 'review-discontinued' } });
    expect(kinds(t.completed)).to.deep.equal(['first-review']);
    expect(kinds(t.cancelled)).to.deep.equal(['first-core-group']);
    expect(t.due.map((d) => d.kind)).to.deep.equal(['decision-circulated', 'minutes']);
    const cin = transition(recorded, { type: 'decided', conference: conf('later-review', { id: 'C.r2' }), on: '2026-06-01', outcome: 'discontinue', recommendation: 'child-in-need' });
    expect(cin.due.map((d) => d.kind)).to.include('cin-review');
  });
});

describe('lifecycle: records (Bolton procedures, Record keeping)', () => {
  const c = conf('initial');
  const decided = run(empty, { type: 'decided', conference: c, on: '2026-03-10', outcome: 'no-cp-plan', recommendation: 'no-further-action' });

  it('circulation marked done completes it once', () => {
    const t = transition(decided, { type: 'decision-circulated', conference: c });
    expect(kinds(t.completed)).to.deep.equal(['decision-circulated']);
    expect(transition(applyTransition(decided, t), { type: 'decision-circulated', conference: c }).completed).to.deep.equal([]);
  });

  it('minutes sent: done, and the 21-day amendments window opens from the day they were sent', () => {
    const t = transition(decided, { type: 'minutes-sent', conference: c, on: '2026-03-20', today: '2026-03-20' });
    expect(kinds(t.completed)).to.deep.equal(['minutes']);
    expect(t.due).to.deep.equal([{ kind: 'minute-amendments', due: '2026-04-10', conferenceId: c.id, for: ['invitees'] }]);
    const closed = transition(applyTransition(decided, t), { type: 'amendment-window-closed', conference: c });
    expect(kinds(closed.completed)).to.deep.equal(['minute-amendments']);
  });
});

describe('lifecycle: a plan ended without a review (Bolton procedures, Discontinuing the Child Protection Plan)', () => {
  const c = conf('initial');
  const onPlan = run(
    empty,
    { type: 'scheduled', conference: c },
    { type: 'decided', conference: c, on: '2026-03-10', outcome: 'cp-plan' },
    { type: 'plan-recorded', conference: c, on: '2026-03-10', today: '2026-03-10', nextReviewDate: '2026-06-09', coreGroupDate: '2026-03-20' },
  );

  for (const reason of ['died', 'turned-18', 'married', 'left-uk'] as const) {
    it(`${reason}: ends on the date given, cancels every plan item, tells everyone invited to the initial conference`, () => {
      const t = transition(onPlan, { type: 'plan-ended', reason, on: '2026-03-15', today: '2026-03-17' });
      expect(t.plan).to.deep.equal({ end: { on: '2026-03-15', reason } });
      expect(kinds(t.cancelled)).to.deep.equal(['first-core-group', 'first-review']);
      expect(t.send).to.deep.equal([{ what: 'plan-ended', to: ['initial-invitees'] }]);
    });
  }

  it('an end date in the future or before the plan is refused; no plan, nothing to end', () => {
    expect(() => transition(onPlan, { type: 'plan-ended', reason: 'died', on: '2026-03-18', today: '2026-03-17' })).to.throw(RuleError, /future/);
    expect(() => transition(onPlan, { type: 'plan-ended', reason: 'died', on: '2026-03-01', today: '2026-03-17' })).to.throw(RuleError, /before it started/);
    expect(() => transition(empty, { type: 'plan-ended', reason: 'died', on: '2026-03-01', today: '2026-03-17' })).to.throw(RuleError, /no current child protection plan/);
  });

  it('a permanent move keeps the plan open for the receiving area\'s conference within 15 working days, then ends it', () => {
    const t = transition(onPlan, { type: 'plan-ended', reason: 'moved-permanently', on: '2026-03-16', today: '2026-03-16' });
    expect(t.plan).to.deep.equal({ moveNotifiedOn: '2026-03-16' });
    expect(t.due).to.deep.equal([{ kind: 'receiving-conference', due: '2026-04-08', for: ['chair', 'lead-professional'] }]);
    expect(t.send[0]!.to).to.deep.equal(['lead-professional', 'initial-invitees']);
    const pending = applyTransition(onPlan, t);
    expect(pending.plan?.kind).to.equal('cp');
    expect(() => transition(pending, { type: 'plan-ended', reason: 'moved-permanently', on: '2026-03-17', today: '2026-03-17' })).to.throw(RuleError, /already notified/);
    const ended = transition(pending, { type: 'receiving-conference-held', on: '2026-04-01', today: '2026-04-01' });
    expect(ended.plan).to.deep.equal({ end: { on: '2026-04-01', reason: 'moved-permanently' } });
    expect(kinds(ended.completed)).to.deep.equal(['receiving-conference']);
    expect(kinds(ended.cancelled)).to.deep.equal(['first-core-group', 'first-review']);
    // Only the initial conference's record duties remain (its minutes are still owed).
    expect(applyTransition(pending, ended).open.map((e) => e.kind)).to.deep.equal(['decision-circulated', 'minutes']);
  });

  it('reasons as people type them', () => {
    expect(parsePlanEndReason('moved to Leeds')).to.equal('moved-permanently');
    expect(parsePlanEndReason('died')).to.equal('died');
    expect(parsePlanEndReason('turned 18')).to.equal('turned-18');
    expect(parsePlanEndReason('18')).to.equal('turned-18');
    expect(parsePlanEndReason('left the UK')).to.equal('left-uk');
    expect(parsePlanEndReason('emigrated to Spain')).to.equal('left-uk');
    expect(parsePlanEndReason('Married')).to.equal('married');
    expect(parsePlanEndReason('moved-permanently')).to.equal('moved-permanently');
    expect(() => parsePlanEndReason('bored')).to.throw(RuleError, /Accepted: died; turned 18; married; left the UK; moved/);
  });
});

describe('lifecycle: every decision × conference kind × policy (Bolton procedures, Record keeping; Discontinuing the plan; Barnsley chair\'s guidance)', () => {
  const onPlan: CaseState = { plan: { kind: 'cp', since: '2025-12-01', startedBy: 'C.before' }, open: [{ kind: 'later-review', due: '2026-05-01', conferenceId: 'C.before', for: ['invitees'] }] };
  for (const policy of PolicyId.options) {
    for (const kind of ConferenceKind.options) {
      for (const lookedAfter of [false, true]) {
        for (const [state, outcomes] of [
          [empty, ['cp-plan', 'no-cp-plan', 'deferred']],
          [onPlan, ['continue', 'discontinue', 'deferred']],
        ] as const) {
          for (const outcome of outcomes) {
            const c = conf(kind, { policy, lookedAfter });
            const title = `${policy} ${kind}${lookedAfter ? ' (looked after)' : ''}, ${state.plan ? 'on a plan' : 'no plan'}: ${outcome}`;
            it(title, () => {
              const t = transition(state, { type: 'decided', conference: c, on: '2026-03-10', outcome, recommendation: outcome === 'no-cp-plan' ? 'no-further-action' : undefined });
              const needsReason =
                policy === 'bolton' && ((lookedAfter && (outcome === 'cp-plan' || outcome === 'continue')) || (kind === 'first-review' && outcome === 'discontinue'));
              if (needsReason) {
                expect(t.awaiting).to.equal('exceptional-circumstances');
                expect(t.due.concat(t.cancelled as never[])).to.deep.equal([]);
                expect(t.plan).to.equal(undefined);
                return;
              }
              expect(t.awaiting).to.equal(undefined);
              // The decision is circulated within 1 working day of the day held, whatever the outcome.
              expect(t.due.find((d) => d.kind === 'decision-circulated')?.due).to.equal('2026-03-11');
              expect(t.due.some((d) => d.kind === 'minutes')).to.equal(outcome !== 'deferred');
              expect(t.due.some((d) => d.kind === 'reconvene-deferred')).to.equal(outcome === 'deferred');
              expect(t.plan?.start?.kind === 'cp').to.equal(outcome === 'cp-plan');
              expect(t.plan?.end !== undefined).to.equal(outcome === 'discontinue');
              // A review (or a reconvened deferred) conference answers the review that was due.
              const answers = state.plan && outcome !== 'deferred' && (kind === 'first-review' || kind === 'later-review' || kind === 'deferred');
              // Discontinued: the review due is answered by a reviewing conference, cancelled by any other.
              if (outcome === 'discontinue') expect(t.cancelled.map((r) => r.kind)).to.deep.equal(answers ? [] : ['later-review']);
              expect(t.completed.some((r) => r.kind === 'later-review')).to.equal(Boolean(answers));
              // The decision is sent at once unless the plan record follows.
              expect(t.send.length).to.equal(outcome === 'cp-plan' || outcome === 'continue' ? 0 : 1);
            });
          }
        }
      }
    }
  }
});
