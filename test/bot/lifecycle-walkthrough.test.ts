// A case's life over HTTP (the real CloudAdapter, the store on Azurite), under Bolton procedures:
// ICPC → plan → first core group → later core group → first review (continue) → later review
// (discontinue); a plan ended by a death and by a permanent move. After each step: what "my
// reviews", "overdue", "next review CASE", "record CASE" and the reminder run's list show to the
// chair, an invitee and the lead professional — nothing stale, every label right.
import { expect } from 'chai';
import { conferenceIdOf } from '../../bot/actions/scheduling.js';
import { formatDate } from '../../cards/labels.js';
import { addCalendarDays, addWorkingDays, dueDate } from '../../src/rules/index.js';
import { CAST, CHILD_FULL_NAME, GROUP, Harness, scheduleForm, type CastKey } from './support/harness.js';

const AGENCY_REPS: CastKey[] = ['social', 'police', 'health', 'school', 'gp', 'probation', 'housing', 'paeds'];

/** What a person sees (the card, or the text) after typing `text` in their 1:1 chat with the bot. */
async function shows(h: Harness, key: CastKey, text: string): Promise<string> {
  const chat = h.personal(key).id;
  const sent = () => h.connector.outgoing.filter((o) => o.conversationId === chat);
  const before = sent().length;
  const res = await h.teams.say(CAST[key], h.personal(key), text);
  expect(res.status).to.equal(200);
  const after = sent();
  expect(after.length, `${key}: "${text}" was answered`).to.be.greaterThan(before);
  return JSON.stringify(after.slice(before).map((o) => o.activity));
}

/**
 * Waits until the bot has finished what a click set in motion: a slow answer ("still saving")
 * lets the work go on after the reply, so the lists are read once messages and audit are quiet.
 */
async function settle(h: Harness, conferenceId: string): Promise<void> {
  const mark = async () => `${h.connector.outgoing.length}|${(await h.store.audit.forConference(conferenceId)).length}`;
  let last = await mark();
  for (let quiet = 0, waited = 0; quiet < 2 && waited < 30_000; waited += 400) {
    await new Promise((r) => setTimeout(r, 400));
    const now = await mark();
    quiet = now === last ? quiet + 1 : 0;
    last = now;
  }
}

/** The case's open items, by kind. */
async function openKinds(h: Harness, caseRef: string): Promise<string[]> {
  return (await h.store.dueItems.forCase(caseRef)).map((i) => i.kind).sort();
}

/** The reminder run's work list for a day: each item's kind and who it goes to. */
async function reminders(h: Harness, day: string, caseRef: string): Promise<{ kind: string; userIds: string[] }[]> {
  return (await h.store.dueItems.forDay(day)).filter((i) => i.caseRef === caseRef).map((i) => ({ kind: i.kind, userIds: i.userIds }));
}

async function schedule(h: Harness, caseRef: string, kind: string, date: string, triggerDate: string, now: string): Promise<string> {
  h.now = new Date(now);
  await h.click('cpu', h.personal('cpu'), 'schedule', { ...scheduleForm('bolton', caseRef, date), kind, triggerDate });
  return conferenceIdOf(caseRef, date, kind);
}

/** Held on `date` at 10:00 (UK): start, everyone checks in, the vote, the close. */
async function hold(h: Harness, caseRef: string, conferenceId: string, date: string, choice: string) {
  h.now = new Date(`${date}T10:00:00Z`);
  const started = await h.teams.say(CAST.chair, GROUP, `start ${caseRef}`);
  expect(started.status).to.equal(200);
  for (const key of AGENCY_REPS) await h.click(key, GROUP, 'checkIn', { conferenceId });
  await h.click('chair', GROUP, 'openRound', { conferenceId });
  const round = (await h.store.votes.listRounds(conferenceId)).at(-1)!;
  const recommendation = choice === 'no-cp-plan' ? { recommendation: 'no-further-action' } : {};
  for (const key of AGENCY_REPS) await h.click(key, GROUP, 'vote', { conferenceId, roundId: String(round.round), choice, ...recommendation });
  await h.click('chair', GROUP, 'closeRound', { conferenceId, roundId: String(round.round) });
  await settle(h, conferenceId);
  return round;
}

async function recordPlan(h: Harness, conferenceId: string, coreGroupDate: string, reviewDate: string) {
  await h.click('chair', GROUP, 'decideCategory', { conferenceId, primary: 'neglect', others: '' });
  await h.click('chair', GROUP, 'planRecord', {
    conferenceId,
    leadProfessional: CAST.social.aadObjectId,
    leadDeputy: CAST.health.aadObjectId,
    coreGroup: [CAST.social, CAST.health, CAST.school, CAST.mother].map((m) => m.aadObjectId).join(','),
    coreGroupOthers: 'Grandmother (no Teams), by phone',
    firstCoreGroupDate: coreGroupDate,
    firstReviewDate: reviewDate,
    outlinePlan: 'Daily routines supported by the health visitor; school attendance monitored.',
    contingencyPlan: 'If attendance falls below 90% or home conditions worsen, a strategy discussion is held.',
    scaleAgencies: [],
  });
  await settle(h, conferenceId);
}

describe('A case through its whole life (Bolton procedures, over HTTP)', function () {
  this.timeout(120_000);
  const h = new Harness();
  before(() => h.start());
  after(() => h.stop());

  it('ICPC → plan → core groups → first review (continue) → later review (discontinue): lists show what is due, rightly labelled, nothing stale', async () => {
    const caseRef = 'LC-2026-0001';
    const icpc = await schedule(h, caseRef, 'initial', '2026-12-07', '2026-11-20', '2026-11-23T09:00:00Z');
    // Before: the conference (labelled by its kind) and the report deadline.
    let chair = await shows(h, 'chair', 'my reviews');
    expect(chair).to.contain('Initial child protection conference').and.not.contain('First review conference');
    expect(await shows(h, 'police', 'my reviews')).to.contain('Report for the conference');
    expect((await reminders(h, '2026-12-04', caseRef)).map((r) => r.kind)).to.deep.equal(['report']);

    await hold(h, caseRef, icpc, '2026-12-07', 'cp-plan');
    // Decided three days later in the chair's day? No: the dates count from the conference.
    const firstReview = dueDate('first-review', '2026-12-07');
    const firstCoreGroup = addWorkingDays('2026-12-07', 10);
    h.now = new Date('2026-12-09T15:00:00Z');
    await recordPlan(h, icpc, firstCoreGroup, firstReview);

    chair = await shows(h, 'chair', 'my reviews');
    expect(chair, 'held: the conference and report are gone').to.not.contain('Initial child protection conference').and.not.contain('Report for the conference');
    expect(chair).to.contain('First review conference').and.contain('Minutes completed and sent').and.not.contain('Circulate the decision');
    const lead = await shows(h, 'social', 'my reviews');
    expect(lead).to.contain('First core group meeting').and.contain('First review conference');
    const police = await shows(h, 'police', 'my reviews');
    expect(police).to.contain('First review conference').and.not.contain('core group');
    expect(await shows(h, 'chair', 'overdue')).to.contain('Nothing is overdue');
    expect(await shows(h, 'police', `next review ${caseRef}`)).to.contain(formatDate(firstReview)).and.contain('First review conference');
    const record = await shows(h, 'chair', `record ${caseRef}`);
    expect(record).to.contain('Neglect');
    // The deputy and the member without Teams are kept on the record.
    const decision = await h.store.decisions.get(icpc);
    expect(decision?.leadDeputy?.name).to.equal(CAST.health.name);
    expect(decision?.coreGroupOthers).to.contain('Grandmother');
    expect((await reminders(h, firstCoreGroup, caseRef)).find((r) => r.kind === 'first-core-group')?.userIds).to.include(CAST.social.aadObjectId).and.include(CAST.health.aadObjectId);

    // The first core group: recorded by the lead professional on the form "my reviews" opens, the next 4–6 weeks on (Bolton procedures, The Core Group).
    h.now = new Date(`${firstCoreGroup}T16:00:00Z`);
    expect(await shows(h, 'social', 'my reviews')).to.contain('"verb":"openCoreGroup"');
    const form = JSON.stringify(await h.click('social', h.personal('social'), 'openCoreGroup', { caseRef }));
    expect(form).to.contain('Record a core group meeting').and.contain(`"value":"${firstCoreGroup}"`).and.not.contain(CHILD_FULL_NAME);
    // Not a member of the core group: not found, and no form.
    expect(await h.refused('police', h.personal('police'), 'openCoreGroup', { caseRef })).to.match(/No case/);
    // The next meeting 50 days on: the form comes back as filled in, with the reason, and nothing is recorded.
    const outside = JSON.stringify(await h.click('social', h.personal('social'), 'coreGroupHeld', { caseRef, heldOn: firstCoreGroup, next: addCalendarDays(firstCoreGroup, 50) }));
    expect(outside).to.match(/4 to 6 weeks/).and.contain('Record a core group meeting').and.contain(`"value":"${addCalendarDays(firstCoreGroup, 50)}"`);
    expect((await h.store.dueItems.forCase(caseRef, { kinds: ['first-core-group'] })).map((i) => i.done)).to.deep.equal([false]);
    // Typed without dates, the command opens the same form.
    expect(await shows(h, 'social', `core group held ${caseRef}`)).to.contain('Record a core group meeting');
    const secondCoreGroup = addCalendarDays(firstCoreGroup, 35);
    const recorded = JSON.stringify(await h.click('social', h.personal('social'), 'coreGroupHeld', { caseRef, heldOn: firstCoreGroup, next: secondCoreGroup }));
    expect(recorded).to.contain('My reviews').and.contain(formatDate(secondCoreGroup));
    // The same meeting recorded again with another next date corrects that date; the next meeting is not marked held.
    const corrected = JSON.stringify(await h.click('social', h.personal('social'), 'coreGroupHeld', { caseRef, heldOn: firstCoreGroup, next: addCalendarDays(secondCoreGroup, 5) }));
    expect(corrected).to.contain(formatDate(addCalendarDays(secondCoreGroup, 5))).and.not.contain(formatDate(secondCoreGroup));
    await h.click('social', h.personal('social'), 'coreGroupHeld', { caseRef, heldOn: firstCoreGroup, next: secondCoreGroup });
    expect((await h.store.dueItems.forCase(caseRef, { kinds: ['core-group'], includeDone: true })).map((i) => [i.due, i.done])).to.deep.equal([[secondCoreGroup, false]]);
    let leadList = await shows(h, 'social', 'my reviews');
    expect(leadList).to.contain('Core group meeting').and.not.contain('First core group meeting');
    // Minutes marked sent by the chair on the day they went, from "my reviews"; the amendments window opens (Bolton procedures, Record keeping).
    expect(await shows(h, 'chair', 'my reviews')).to.contain('"verb":"openMarkDone"');
    const minutesForm = JSON.stringify(await h.click('chair', h.personal('chair'), 'openMarkDone', { caseRef, kind: 'minutes' }));
    expect(minutesForm).to.contain('Mark the minutes sent').and.contain(`"value":"${firstCoreGroup}"`);
    const future = addCalendarDays(firstCoreGroup, 1);
    expect(JSON.stringify(await h.click('chair', h.personal('chair'), 'markDone', { caseRef, kind: 'minutes', on: future }))).to.match(/future/).and.contain(`"value":"${future}"`);
    expect(await openKinds(h, caseRef)).to.include('minutes');
    const sentOn = addCalendarDays(firstCoreGroup, -1);
    chair = JSON.stringify(await h.click('chair', h.personal('chair'), 'markDone', { caseRef, kind: 'minutes', on: sentOn }));
    expect(chair).to.contain('My reviews').and.not.contain('Minutes completed and sent');
    expect((await h.store.dueItems.forCase(caseRef, { kinds: ['minute-amendments'] })).map((i) => i.due)).to.deep.equal([dueDate('minute-amendments', sentOn)]);
    // The same click again (Teams redelivers it) is answered as done, and changes nothing.
    expect(JSON.stringify(await h.click('chair', h.personal('chair'), 'markDone', { caseRef, kind: 'minutes', on: sentOn }))).to.contain('My reviews');
    expect((await h.store.dueItems.forCase(caseRef, { kinds: ['minute-amendments'] })).map((i) => i.due)).to.deep.equal([dueDate('minute-amendments', sentOn)]);
    expect(await shows(h, 'police', 'my reviews')).to.contain('Amendments to the minutes');

    // A later core group.
    h.now = new Date(`${secondCoreGroup}T16:00:00Z`);
    const thirdCoreGroup = addCalendarDays(secondCoreGroup, 28);
    await shows(h, 'social', `core group held ${caseRef} ${secondCoreGroup} next ${thirdCoreGroup}`);
    // The chair marks the amendments window closed from "my reviews".
    expect(await shows(h, 'chair', 'my reviews')).to.contain('Close the amendments window').and.contain('"verb":"markDone"');
    const marked = JSON.stringify(await h.click('chair', h.personal('chair'), 'markDone', { caseRef, kind: 'minute-amendments' }));
    expect(marked).to.not.contain('Amendments to the minutes back to the chair');
    expect(await h.refused('police', h.personal('police'), 'markDone', { caseRef, kind: 'minutes' })).to.match(/not found|No case/i);
    expect(await shows(h, 'police', 'my reviews')).to.not.contain('Amendments to the minutes');

    // The first review, continue: its plan record asks for the *next* core group and a review within 6 months.
    const reviewDay = addWorkingDays(thirdCoreGroup, 2) < firstReview ? addWorkingDays(thirdCoreGroup, 2) : firstReview;
    const r1 = await schedule(h, caseRef, 'first-review', reviewDay, '2026-12-07', `${secondCoreGroup}T17:00:00Z`);
    expect(await shows(h, 'police', 'my reviews')).to.contain('First review conference');
    await hold(h, caseRef, r1, reviewDay, 'continue');
    expect((await h.store.votes.listRounds(r1))[0]!.question).to.equal('review');
    await h.click('chair', GROUP, 'decideCategory', { conferenceId: r1, primary: 'neglect', others: '' });
    const planCard = JSON.stringify(h.lastCard(GROUP.id, 'planRecord').card);
    expect(planCard).to.contain('Next core group meeting').and.contain('Next review conference');
    const laterReview = dueDate('later-review', reviewDay);
    await recordPlan(h, r1, addCalendarDays(reviewDay, 14), laterReview);
    chair = await shows(h, 'chair', 'my reviews');
    expect(chair).to.contain('Review conference').and.not.contain('First review conference');
    expect(await shows(h, 'police', `next review ${caseRef}`)).to.contain(formatDate(laterReview));
    leadList = await shows(h, 'social', 'my reviews');
    expect(leadList).to.not.contain('First core group meeting');

    // The later review discontinues: the plan ends on the day held; no review or core group remains.
    const lastReviewDay = addWorkingDays(reviewDay, 40);
    const r2 = await schedule(h, caseRef, 'later-review', lastReviewDay, reviewDay, `${addCalendarDays(reviewDay, 20)}T09:00:00Z`);
    await hold(h, caseRef, r2, lastReviewDay, 'discontinue');
    const ended = (await h.store.plans.history(caseRef)).at(-1)!;
    expect(ended.ended).to.deep.include({ on: lastReviewDay, reason: 'review-discontinued' });
    // No voter recommended a Child in Need plan: none is recorded or scheduled.
    expect((await h.store.decisions.get(r2))?.recommendation).to.equal(undefined);
    for (const key of ['chair', 'social', 'police'] as CastKey[]) {
      const list = await shows(h, key, 'my reviews');
      expect(list, key).to.not.contain('Review conference').and.not.contain('Core group meeting').and.not.contain('Child in Need');
    }
    expect(await shows(h, 'police', `next review ${caseRef}`)).to.contain('No review is due');
    expect((await reminders(h, laterReview, caseRef)).map((r) => r.kind)).to.deep.equal([]);
  });

  it('end plan for a death: confirmation first, the date given, every future item cancelled, everyone invited to the ICPC told', async () => {
    const caseRef = 'LC-2026-0002';
    const icpc = await schedule(h, caseRef, 'initial', '2026-12-07', '2026-11-20', '2026-11-23T09:00:00Z');
    await hold(h, caseRef, icpc, '2026-12-07', 'cp-plan');
    await recordPlan(h, icpc, addWorkingDays('2026-12-07', 10), dueDate('first-review', '2026-12-07'));
    h.now = new Date('2026-12-15T12:00:00Z');
    expect(await shows(h, 'chair', `end plan ${caseRef} bored`)).to.contain('Accepted: died; turned 18; married; left the UK; moved');
    const confirm = await shows(h, 'chair', `end plan ${caseRef} died`);
    expect(confirm).to.contain('End the plan and notify');
    expect((await h.store.plans.current(caseRef))?.plan, 'nothing ends before confirmation').to.equal('cp');
    expect(await h.refused('chair', h.personal('chair'), 'endPlan', { caseRef, reason: 'died', endedOn: '2026-12-16' })).to.match(/future/);
    expect(await h.refused('police', h.personal('police'), 'endPlan', { caseRef, reason: 'died', endedOn: '2026-12-14' })).to.match(/not found|No case/i);
    await h.click('chair', h.personal('chair'), 'endPlan', { caseRef, reason: 'died', endedOn: '2026-12-14' });
    await settle(h, icpc);
    expect((await h.store.plans.history(caseRef)).at(-1)!.ended).to.deep.include({ on: '2026-12-14', reason: 'died' });
    expect(JSON.stringify(h.cards(h.personal('mother').id).at(-1)!.card)).to.contain('died');
    // Only the held conference's record duty (its minutes, the chair's) remains.
    expect(await openKinds(h, caseRef)).to.deep.equal(['minutes']);
    for (const key of ['social', 'police'] as CastKey[]) expect(await shows(h, key, 'my reviews'), key).to.not.contain('LC-2026-0002');
    expect(await shows(h, 'police', `next review ${caseRef}`)).to.contain('No review is due');
  });

  it("end plan for a permanent move: pending until the receiving area's conference, then ended with the same notices", async () => {
    const caseRef = 'LC-2026-0003';
    const icpc = await schedule(h, caseRef, 'initial', '2026-12-07', '2026-11-20', '2026-11-23T09:00:00Z');
    await hold(h, caseRef, icpc, '2026-12-07', 'cp-plan');
    await recordPlan(h, icpc, addWorkingDays('2026-12-07', 10), dueDate('first-review', '2026-12-07'));
    h.now = new Date('2026-12-15T12:00:00Z');
    expect(await shows(h, 'chair', `end plan ${caseRef} moved to Leeds`)).to.contain('moved-permanently');
    await h.click('chair', h.personal('chair'), 'endPlan', { caseRef, reason: 'moved-permanently', endedOn: '2026-12-15' });
    await settle(h, icpc);
    expect((await h.store.plans.current(caseRef))?.moveNotifiedOn).to.equal('2026-12-15');
    const receivingBy = addWorkingDays('2026-12-15', 15);
    expect(await shows(h, 'chair', 'my reviews')).to.contain("Receiving area's conference");
    expect(await shows(h, 'social', 'my reviews')).to.contain("Receiving area's conference").and.contain('LC-2026-0003');
    expect(JSON.stringify(h.cards(h.personal('police').id).at(-1)!.card)).to.contain('stays open');
    expect((await reminders(h, receivingBy, caseRef)).map((r) => r.kind)).to.deep.equal(['receiving-conference']);
    expect(await shows(h, 'chair', `receiving conference ${caseRef} 2026-12-14`)).to.match(/before the move was notified/);
    // The chair records it from "my reviews"; the lead professional, also told of it, is offered no button.
    h.now = new Date('2027-01-05T12:00:00Z');
    expect(await shows(h, 'chair', 'my reviews')).to.contain('"verb":"openReceivingConference"');
    expect(await shows(h, 'social', 'my reviews')).to.not.contain('"verb":"openReceivingConference"');
    expect(await h.refused('social', h.personal('social'), 'openReceivingConference', { caseRef })).to.match(/No case/);
    expect(JSON.stringify(await h.click('chair', h.personal('chair'), 'openReceivingConference', { caseRef }))).to.contain("Record the receiving area's conference").and.contain(formatDate(receivingBy));
    expect(await shows(h, 'chair', `receiving conference ${caseRef}`)).to.contain("Record the receiving area's conference");
    const early = JSON.stringify(await h.click('chair', h.personal('chair'), 'receivingConference', { caseRef, heldOn: '2026-12-14' }));
    expect(early).to.match(/before the move was notified/).and.contain('"value":"2026-12-14"');
    expect((await h.store.plans.current(caseRef))?.plan).to.equal('cp');
    const ended = JSON.stringify(await h.click('chair', h.personal('chair'), 'receivingConference', { caseRef, heldOn: '2027-01-04' }));
    expect(ended).to.contain('My reviews').and.not.contain("Receiving area's conference");
    expect((await h.store.plans.history(caseRef)).at(-1)!.ended).to.deep.include({ on: '2027-01-04', reason: 'moved-permanently' });
    // Redelivered: answered as recorded; another date is refused, the plan having ended.
    expect(JSON.stringify(await h.click('chair', h.personal('chair'), 'receivingConference', { caseRef, heldOn: '2027-01-04' }))).to.contain('My reviews');
    expect(await h.refused('chair', h.personal('chair'), 'receivingConference', { caseRef, heldOn: '2027-01-03' })).to.match(/no current child protection plan/);
    expect(await openKinds(h, caseRef)).to.deep.equal(['minutes']);
    for (const key of ['social', 'police'] as CastKey[]) expect(await shows(h, key, 'my reviews'), key).to.not.contain('LC-2026-0003');
  });
});

describe('Conferences that interrupt or pause a case (Bolton procedures, over HTTP)', function () {
  this.timeout(120_000);
  const h = new Harness();
  before(() => h.start());
  after(() => h.stop());

  it('a missing-child conference for a child on a plan asks continue / discontinue; its next review may not pass the cycle it interrupts', async () => {
    const caseRef = 'MC-2026-0001';
    const icpc = await schedule(h, caseRef, 'initial', '2026-12-07', '2026-11-20', '2026-11-23T09:00:00Z');
    await hold(h, caseRef, icpc, '2026-12-07', 'cp-plan');
    const firstReview = dueDate('first-review', '2026-12-07');
    await recordPlan(h, icpc, addWorkingDays('2026-12-07', 10), firstReview);
    const missing = await schedule(h, caseRef, 'missing-child', '2027-02-15', '2027-02-10', '2027-02-10T09:00:00Z');
    expect(await shows(h, 'chair', 'my reviews')).to.contain('Missing child conference');
    await hold(h, caseRef, missing, '2027-02-15', 'continue');
    expect((await h.store.votes.listRounds(missing))[0]!.question).to.equal('review');
    await h.click('chair', GROUP, 'decideCategory', { conferenceId: missing, primary: 'neglect', others: '' });
    expect(JSON.stringify(h.lastCard(GROUP.id, 'planRecord').card)).to.contain(formatDate(firstReview));
    const noParent = await h.teams.execute(CAST.chair, GROUP, 'planRecord', { ...planRecordData(missing), coreGroup: CAST.social.aadObjectId, firstCoreGroupDate: '2027-02-26', firstReviewDate: firstReview });
    expect(noParent.body.value.message).to.match(/parents or carers/);
    const beyond = await h.teams.execute(CAST.chair, GROUP, 'planRecord', { ...planRecordData(missing), firstCoreGroupDate: '2027-02-26', firstReviewDate: addCalendarDays(firstReview, 7) });
    expect(beyond.body.statusCode).to.equal(400);
    expect(beyond.body.value.message).to.contain(firstReview);
    await recordPlan(h, missing, '2027-02-26', firstReview);
    expect(await openKinds(h, caseRef)).to.include('first-review').and.not.include('conference');
    // A reason for a decision that needs none is refused, and nothing is stored.
    expect(await shows(h, 'chair', `exceptional ${caseRef} The family moved house.`)).to.match(/needs no exceptional circumstances/);
    expect((await h.store.decisions.get(missing))?.exceptionalCircumstances).to.equal(undefined);
    expect(await shows(h, 'police', `next review ${caseRef}`)).to.contain(formatDate(firstReview));
  });

  it('deferral and reconvene: the 3-month reconvene is due, the decision circulated; held, it is answered', async () => {
    const caseRef = 'DF-2026-0001';
    const icpc = await schedule(h, caseRef, 'initial', '2026-12-07', '2026-11-20', '2026-11-23T09:00:00Z');
    h.now = new Date('2026-12-07T10:00:00Z');
    await h.teams.say(CAST.chair, GROUP, `start ${caseRef}`);
    for (const key of AGENCY_REPS) await h.click(key, GROUP, 'checkIn', { conferenceId: icpc });
    await h.click('chair', GROUP, 'openRound', { conferenceId: icpc });
    h.now = new Date('2026-12-09T10:00:00Z'); // clicked two days later: the date still counts from the 7th
    await h.click('chair', GROUP, 'defer', { conferenceId: icpc, roundId: '1', deferReason: 'The paediatric assessment is not yet available.' });
    await settle(h, icpc);
    expect((await h.store.decisions.get(icpc))?.reconveneBy).to.equal('2027-03-07');
    expect(await shows(h, 'chair', 'my reviews')).to.contain('Reconvene the deferred conference (within 3 months)').and.not.contain('as soon as possible');
    expect(JSON.stringify(h.cards(h.personal('mother').id).at(-1)!.card)).to.contain('deferred');
    expect(await openKinds(h, caseRef)).to.deep.equal(['reconvene-deferred']);
    const again = await schedule(h, caseRef, 'deferred', '2027-01-11', '2026-12-07', '2026-12-20T09:00:00Z');
    await hold(h, caseRef, again, '2027-01-11', 'cp-plan');
    expect((await h.store.votes.listRounds(again))[0]!.question).to.equal('initial');
    expect(await openKinds(h, caseRef)).to.not.include('reconvene-deferred');
    expect((await h.store.plans.current(caseRef))?.onPlanSince).to.equal('2027-01-11');
  });

  it('stood down and reconvene: reconvene as soon as possible, circulated; a new conference held answers it', async () => {
    const caseRef = 'SD-2026-0001';
    const icpc = await schedule(h, caseRef, 'initial', '2026-12-07', '2026-11-20', '2026-11-23T09:00:00Z');
    h.now = new Date('2026-12-07T10:00:00Z');
    await h.teams.say(CAST.chair, GROUP, `start ${caseRef}`);
    await h.click('social', GROUP, 'checkIn', { conferenceId: icpc });
    await h.click('chair', GROUP, 'standDown', { conferenceId: icpc, standDownNote: 'Only Children’s Social Care present.' });
    await settle(h, icpc);
    expect(await shows(h, 'chair', 'my reviews')).to.contain('Reconvene the stood-down conference (as soon as possible)').and.not.contain('Initial child protection conference');
    expect(await openKinds(h, caseRef)).to.deep.equal(['reconvene-stood-down']);
    const again = await schedule(h, caseRef, 'initial', '2026-12-10', '2026-11-20', '2026-12-07T12:00:00Z');
    await hold(h, caseRef, again, '2026-12-10', 'no-cp-plan');
    expect(await openKinds(h, caseRef)).to.deep.equal(['minutes']);
    expect(await shows(h, 'chair', 'overdue')).to.not.contain('SD-2026-0001');
  });

  it('a looked-after child made subject to a plan: nothing follows until the chair records the exceptional circumstances, then it is stored, shown and circulated', async () => {
    const caseRef = 'LA-2026-0001';
    h.now = new Date('2026-11-23T09:00:00Z');
    await h.click('cpu', h.personal('cpu'), 'schedule', { ...scheduleForm('bolton', caseRef), lookedAfter: 'true' });
    const icpc = conferenceIdOf(caseRef, '2026-12-07', 'initial');
    const motherCards = () => h.cards(h.personal('mother').id).length;
    await hold(h, caseRef, icpc, '2026-12-07', 'cp-plan');
    const before = motherCards();
    expect(JSON.stringify(h.lastCard(GROUP.id, 'Record the exceptional circumstances').card)).to.contain(`exceptional ${caseRef}`);
    expect(await h.store.plans.current(caseRef)).to.equal(undefined);
    expect(await openKinds(h, caseRef)).to.deep.equal([]);
    const noReason = await h.teams.say(CAST.chair, GROUP, `exceptional ${caseRef}`);
    expect(noReason.status).to.equal(200);
    expect(await h.store.plans.current(caseRef)).to.equal(undefined);
    // The form posted with the decision: the chair alone records, a few words at least.
    const form = h.lastCard(GROUP.id, 'Record the exceptional circumstances');
    expect(JSON.stringify(form.card)).to.contain('"verb":"recordExceptional"').and.contain('looked after');
    expect(await h.refused('police', GROUP, 'recordExceptional', { conferenceId: icpc, exceptionalReason: 'Police think so.' })).to.match(/chair/i);
    expect(await h.refused('chair', GROUP, 'recordExceptional', { conferenceId: icpc, exceptionalReason: ' ' })).to.match(/exceptionalReason/);
    expect((await h.store.decisions.get(icpc))?.exceptionalCircumstances).to.equal(undefined);
    const reason = 'The placement is breaking down and the parents have unsupervised contact.';
    // Typed by the chair in the 1:1 chat: recorded, and the form in the conference chat says so (not why).
    expect(await shows(h, 'chair', `exceptional ${caseRef} ${reason}`)).to.contain('the decision stands');
    expect((await h.store.decisions.get(icpc))?.exceptionalCircumstances).to.equal(reason);
    const shared = await h.updated(form.out.activityId, 'Exceptional circumstances recorded');
    expect(shared).to.contain('Exceptional circumstances recorded').and.not.contain('placement').and.not.contain('"verb":"recordExceptional"');
    expect((await h.store.plans.current(caseRef))?.plan).to.equal('cp');
    expect(await shows(h, 'chair', `exceptional ${caseRef} again`)).to.contain('already recorded');
    // The same reason again — on the form (a copy still showing it), or typed (the chair's retry) — is
    // accepted, and what follows is not posted twice.
    const nextSteps = () => [GROUP.id, h.personal('chair').id].flatMap((chat) => h.cards(chat)).filter((c) => JSON.stringify(c.card).includes('"verb":"decideCategory"')).length;
    const posted = nextSteps();
    const own = JSON.stringify(await h.click('chair', GROUP, 'recordExceptional', { conferenceId: icpc, exceptionalReason: reason }, form.out.activityId));
    expect(own).to.contain('Exceptional circumstances recorded').and.contain(reason).and.not.contain('"verb":"recordExceptional"');
    expect(await shows(h, 'chair', `exceptional ${caseRef} ${reason}`)).to.contain('the decision stands');
    expect(nextSteps()).to.equal(posted);
    await recordPlan(h, icpc, addWorkingDays('2026-12-07', 10), dueDate('first-review', '2026-12-07'));
    expect(motherCards()).to.be.greaterThan(before);
    expect(JSON.stringify(h.cards(h.personal('mother').id).at(-1)!.card)).to.contain('Exceptional circumstances: The placement');
    expect(await shows(h, 'chair', `record ${caseRef}`)).to.contain('Exceptional circumstances');
  });
});

function planRecordData(conferenceId: string) {
  return {
    conferenceId,
    leadProfessional: CAST.social.aadObjectId,
    coreGroup: [CAST.social, CAST.health, CAST.mother].map((m) => m.aadObjectId).join(','),
    outlinePlan: 'Daily routines supported by the health visitor.',
    contingencyPlan: 'A strategy discussion if home conditions worsen.',
    scaleAgencies: [],
  };
}

describe('The vote round and the category (over HTTP)', function () {
  this.timeout(120_000);
  const h = new Harness();
  before(() => h.start());
  after(() => h.stop());

  it("Barnsley chair's guidance: a late check-in joins the open round; dissenters add reasons after the chair's decision and the warning goes; proposals reach the chair", async () => {
    const caseRef = 'VR-2026-0001';
    h.now = new Date('2026-11-23T09:00:00Z');
    await h.click('cpu', h.personal('cpu'), 'schedule', scheduleForm('barnsley', caseRef));
    const conferenceId = conferenceIdOf(caseRef, '2026-12-07', 'initial');
    h.now = new Date('2026-12-07T10:00:00Z');
    await h.teams.say(CAST.chair, GROUP, `start ${caseRef}`);
    for (const key of AGENCY_REPS.slice(0, 7)) await h.click(key, GROUP, 'checkIn', { conferenceId });
    await h.click('chair', GROUP, 'openRound', { conferenceId });
    expect((await h.store.votes.getRound(conferenceId, 1))?.agencies).to.not.include('paediatrics');
    await h.click('paeds', GROUP, 'checkIn', { conferenceId });
    expect((await h.store.votes.getRound(conferenceId, 1))?.agencies).to.include('paediatrics');
    const plan: CastKey[] = ['social', 'police', 'health', 'school'];
    for (const key of AGENCY_REPS) {
      await h.click(key, GROUP, 'vote', plan.includes(key) ? { conferenceId, roundId: '1', choice: 'cp-plan' } : { conferenceId, roundId: '1', choice: 'no-cp-plan', recommendation: 'child-in-need' });
    }
    await h.click('chair', GROUP, 'closeRound', { conferenceId, roundId: '1' });
    await h.click('chair', GROUP, 'splitDecision', { conferenceId, roundId: '1', decision: 'cp-plan', rationale: 'The risk of neglect outweighs the progress seen.' });
    await settle(h, conferenceId);
    const asked = await h.click('probation', GROUP, 'dissentReason', { conferenceId, roundId: '1', dissentReason: 'The family now engages with every service.' });
    expect(JSON.stringify(asked)).to.contain('The family now engages').and.not.contain('ask Paul Probation');
    expect((await h.store.decisions.get(conferenceId))?.dissents.find((d) => d.agency === 'probation')?.reason).to.contain('engages');

    await h.click('police', GROUP, 'proposeCategory', { conferenceId, primary: 'neglect', others: '' });
    const own = await h.click('health', GROUP, 'proposeCategory', { conferenceId, primary: 'emotional', others: '' });
    expect(JSON.stringify(own)).to.contain('One proposal so far').and.not.contain('All proposals agree');
    const chairView = JSON.stringify(await h.click('chair', GROUP, 'refresh', { card: 'category', conferenceId }));
    expect(chairView).to.contain(CAST.police.name).and.contain(CAST.health.name).and.contain('Proposals differ');
  });

  it('closing before every agency has given its view asks the chair to confirm; the result lists them as "no view given" (Bolton procedures, Disagreement and dissent)', async () => {
    const caseRef = 'VR-2026-0002';
    h.now = new Date('2026-11-23T09:00:00Z');
    await h.click('cpu', h.personal('cpu'), 'schedule', scheduleForm('bolton', caseRef));
    const conferenceId = conferenceIdOf(caseRef, '2026-12-07', 'initial');
    h.now = new Date('2026-12-07T10:00:00Z');
    await h.teams.say(CAST.chair, GROUP, `start ${caseRef}`);
    for (const key of AGENCY_REPS) await h.click(key, GROUP, 'checkIn', { conferenceId });
    await h.click('chair', GROUP, 'openRound', { conferenceId });
    for (const key of AGENCY_REPS.slice(0, 6)) await h.click(key, GROUP, 'vote', { conferenceId, roundId: '1', choice: 'cp-plan' });
    const vote = JSON.stringify(await h.click('chair', GROUP, 'refresh', { card: 'vote', conferenceId, roundId: '1' }));
    expect(vote).to.contain('Close without their views');
    expect(await h.refused('chair', GROUP, 'closeRound', { conferenceId, roundId: '1' })).to.match(/Not every agency has given its view: Housing, Paediatrics/);
    expect((await h.store.votes.getRound(conferenceId, 1))?.status).to.equal('open');
    await h.click('chair', GROUP, 'closeRound', { conferenceId, roundId: '1', confirmMissing: 'true' });
    const result = JSON.stringify(h.lastCard(GROUP.id, 'no view given').card);
    expect(result).to.contain('Housing').and.contain('Paediatrics').and.not.contain('All agencies agreed.');
    expect((await h.store.decisions.get(conferenceId))?.outcome).to.equal('cp-plan');
  });

  it("Barnsley chair's guidance: safety scales are recorded with a no-plan outcome too, with the chair's overall scale", async () => {
    const caseRef = 'VR-2026-0003';
    h.now = new Date('2026-11-23T09:00:00Z');
    await h.click('cpu', h.personal('cpu'), 'schedule', scheduleForm('barnsley', caseRef));
    const conferenceId = conferenceIdOf(caseRef, '2026-12-07', 'initial');
    await hold(h, caseRef, conferenceId, '2026-12-07', 'no-cp-plan');
    const card = h.lastCard(GROUP.id, '"verb":"recordScales"').card;
    const scaleAgencies = card.actions[0].data.scaleAgencies as string[];
    expect(scaleAgencies).to.include('police');
    const scales = Object.fromEntries(scaleAgencies.map((_, i) => [`scale${i + 1}`, String(6 + (i % 3))]));
    expect(await h.refused('chair', GROUP, 'recordScales', { conferenceId, scaleAgencies, overallScale: '' })).to.match(/Safety scale 1/);
    expect(await h.refused('police', GROUP, 'recordScales', { conferenceId, scaleAgencies, ...scales })).to.match(/only the chair/i);
    const record = JSON.stringify(await h.click('chair', GROUP, 'recordScales', { conferenceId, scaleAgencies, ...scales, overallScale: '7' }));
    const stored = await h.store.decisions.get(conferenceId);
    expect(stored?.safetyScales).to.have.length(scaleAgencies.length);
    expect(stored?.overallSafetyScale).to.equal(7);
    expect(record).to.contain('Conference record').and.contain("Chair's overall safety scale").and.contain('Police 7');
  });
});
