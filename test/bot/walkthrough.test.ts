// Whole initial conferences driven over HTTP through the real CloudAdapter, under Bolton and
// Barnsley (Bolton procedures; Barnsley chair's guidance): schedule → invitations → RSVPs →
// check-in → quoracy → vote with eight agencies, two parents and a support worker → split and
// non-split outcomes → dissents → category → plan record → circulation → "my reviews".
import { expect } from 'chai';
import { conferenceIdOf } from '../../bot/actions/scheduling.js';
import { addWorkingDays, dueDate } from '../../src/rules/index.js';
import { CAST, CHILD_FULL_NAME, GROUP, Harness, INVITEES, scheduleForm, type CastKey } from './support/harness.js';
import { StoreProxy } from './support/store-proxy.js';
import { azuriteConnectionString } from '../support/azurite-hook.js';

const AGENCY_REPS: CastKey[] = ['social', 'police', 'health', 'school', 'gp', 'probation', 'housing', 'paeds'];

async function scheduleAndStart(h: Harness, policy: string, caseRef: string) {
  h.now = new Date('2026-11-23T09:00:00Z');
  const form = await h.teams.say(CAST.cpu, h.personal('cpu'), 'schedule');
  expect(form.status).to.equal(200);
  h.lastCard(h.personal('cpu').id, 'caseRef');
  const confirmation = await h.click('cpu', h.personal('cpu'), 'schedule', scheduleForm(policy, caseRef));
  expect(JSON.stringify(confirmation)).to.contain(caseRef);
  const conferenceId = conferenceIdOf(caseRef, '2026-12-07', 'initial');

  // Each invitee has a 1:1 invitation naming the child (1:1 only) with the report deadline.
  for (const inv of INVITEES) {
    const chat = h.connector.personalConversationOf(CAST[inv.key].id);
    expect(chat, `${inv.key} was invited 1:1`).to.be.a('string');
    expect(JSON.stringify(h.lastCard(chat!, 'rsvp').card)).to.contain(CHILD_FULL_NAME);
  }
  for (const key of AGENCY_REPS) await h.click(key, h.personal(key), 'rsvp', { conferenceId, answer: 'attending' });
  await h.click('mother', h.personal('mother'), 'rsvp', { conferenceId, answer: 'attending' });
  const deputy = await h.teams.execute(CAST.father, h.personal('father'), 'rsvp', { conferenceId, answer: 'deputy' });
  expect(deputy.body.statusCode).to.equal(400);
  expect(deputy.body.value.message).to.match(/deputy/i);
  expect(await h.refused('stranger', h.personal('stranger'), 'rsvp', { conferenceId, answer: 'attending' })).to.match(/invited/);

  // The conference day: the chair starts it in the group chat.
  h.now = new Date('2026-12-07T10:00:00Z');
  const started = await h.teams.say(CAST.chair, GROUP, `start ${caseRef}`);
  expect(started.status).to.equal(200);
  h.lastCard(GROUP.id, 'checkIn');
  return conferenceId;
}

async function checkInAll(h: Harness, conferenceId: string) {
  for (const key of [...AGENCY_REPS.slice(0, 1)]) await h.click(key, GROUP, 'checkIn', { conferenceId });
  // Only CSC so far: not quorate, and the vote cannot open.
  expect(await h.refused('chair', GROUP, 'openRound', { conferenceId })).to.match(/not quorate/i);
  for (const key of [...AGENCY_REPS.slice(1), 'mother', 'father', 'support'] as CastKey[]) await h.click(key, GROUP, 'checkIn', { conferenceId });
}

async function vote(h: Harness, conferenceId: string, choices: Partial<Record<CastKey, string>>) {
  for (const [key, choice] of Object.entries(choices)) {
    const data: Record<string, unknown> = { conferenceId, roundId: '1', choice };
    if (choice === 'no-cp-plan') Object.assign(data, { recommendation: 'child-in-need', reason: `${key} sees no continuing risk` });
    await h.click(key as CastKey, GROUP, 'vote', data);
  }
}

/** Scheduled, started, everyone checked in, and the round voted and closed as `choices` say. */
async function voteAndClose(h: Harness, policy: string, caseRef: string, choices: Partial<Record<CastKey, string>>): Promise<string> {
  const conferenceId = await scheduleAndStart(h, policy, caseRef);
  await checkInAll(h, conferenceId);
  await h.click('chair', GROUP, 'openRound', { conferenceId });
  await vote(h, conferenceId, choices);
  await h.click('chair', GROUP, 'closeRound', { conferenceId, roundId: '1' });
  return conferenceId;
}

describe('A whole initial conference in Teams (bot over HTTP, store on Azurite)', function () {
  this.timeout(60_000);
  const h = new Harness();
  before(() => h.start());
  after(() => h.stop());

  it('Bolton procedures: majority decision with dissents, category, plan record, circulation and my reviews', async () => {
    const caseRef = 'BOL-2026-0001';
    const conferenceId = await scheduleAndStart(h, 'bolton', caseRef);
    await checkInAll(h, conferenceId);

    const opened = await h.click('chair', GROUP, 'openRound', { conferenceId });
    expect(JSON.stringify(opened)).to.not.contain('"verb":"openRound"');
    expect(JSON.stringify(h.lastCard(GROUP.id, '"verb":"vote"').card)).to.contain('closeRound');
    // Family, support staff, the chair and strangers give no view, and are told why.
    expect(await h.refused('mother', GROUP, 'vote', { conferenceId, roundId: '1', choice: 'cp-plan' })).to.match(/family member/i);
    expect(await h.refused('support', GROUP, 'vote', { conferenceId, roundId: '1', choice: 'cp-plan' })).to.match(/support/i);
    expect(await h.refused('chair', GROUP, 'vote', { conferenceId, roundId: '1', choice: 'cp-plan' })).to.match(/chair does not vote/i);
    expect(await h.refused('stranger', GROUP, 'vote', { conferenceId, roundId: '1', choice: 'cp-plan' })).to.match(/invited/i);

    await vote(h, conferenceId, { social: 'cp-plan', police: 'cp-plan', health: 'cp-plan', school: 'cp-plan', gp: 'cp-plan', probation: 'no-cp-plan', housing: 'no-cp-plan', paeds: 'no-cp-plan' });
    // A voter changes their view before the close; a repeated click changes nothing.
    await h.click('paeds', GROUP, 'vote', { conferenceId, roundId: '1', choice: 'cp-plan' });
    await h.click('paeds', GROUP, 'vote', { conferenceId, roundId: '1', choice: 'cp-plan' });
    expect(await h.refused('police', GROUP, 'closeRound', { conferenceId, roundId: '1' })).to.match(/only the chair/i);
    await h.click('chair', GROUP, 'closeRound', { conferenceId, roundId: '1' });

    const decision = await h.store.decisions.get(conferenceId);
    expect(decision?.outcome).to.equal('cp-plan');
    expect(decision?.split).to.equal(false);
    expect(decision?.dissents.map((d) => d.agency).sort()).to.deep.equal(['housing', 'probation']);
    expect(decision?.dissents.every((d) => d.reason)).to.equal(true);
    const result = JSON.stringify(h.lastCard(GROUP.id, 'Dissent').card);
    expect(result).to.contain('Paul Probation').and.to.contain('probation sees no continuing risk');
    expect(await h.refused('police', GROUP, 'vote', { conferenceId, roundId: '1', choice: 'no-cp-plan', recommendation: 'child-in-need' })).to.match(/closed/i);

    h.lastCard(GROUP.id, 'decideCategory');
    // Bolton records one category of harm (only London allows more than one).
    expect(await h.refused('chair', GROUP, 'decideCategory', { conferenceId, primary: 'neglect', others: 'emotional' })).to.match(/one|categor/i);
    await h.click('chair', GROUP, 'decideCategory', { conferenceId, primary: 'neglect', others: '' });
    expect((await h.store.decisions.get(conferenceId))?.category?.primary).to.equal('neglect');

    h.lastCard(GROUP.id, 'planRecord');
    const firstReview = dueDate('first-review', '2026-12-07');
    const firstCoreGroup = addWorkingDays('2026-12-07', 10);
    const tooLate = await h.teams.execute(CAST.chair, GROUP, 'planRecord', planRecord(conferenceId, addWorkingDays(firstCoreGroup, 1), firstReview));
    expect(tooLate.body.statusCode).to.equal(400);
    expect(tooLate.body.value.message).to.contain(firstCoreGroup);
    await h.click('chair', GROUP, 'planRecord', planRecord(conferenceId, firstCoreGroup, firstReview));

    // Circulation: every invitee gets the decision 1:1.
    for (const inv of INVITEES) expect(JSON.stringify(h.cards(h.personal(inv.key).id).at(-1)!.card)).to.match(/Neglect/).and.to.contain(firstReview.slice(0, 4));

    const reviews = await h.teams.say(CAST.social, h.personal('social'), 'my reviews');
    expect(reviews.status).to.equal(200);
    expect(JSON.stringify(h.cards(h.personal('social').id).at(-1)!.card)).to.contain(caseRef);
    const next = await h.teams.say(CAST.police, h.personal('police'), `next review ${caseRef}`);
    expect(next.status).to.equal(200);
    expect(JSON.stringify(h.cards(h.personal('police').id).at(-1)!.card)).to.satisfy((s: string) => s.includes(firstReview) || s.includes(firstReview.slice(0, 4)));
    await h.teams.say(CAST.stranger, h.personal('stranger'), `next review ${caseRef}`);
    expect(JSON.stringify(h.cards(h.personal('stranger').id).at(-1)!.card)).to.not.contain(firstReview);
  });

  it('Bolton procedures, split vote: the child becomes subject to a plan, with referral and panel dates', async () => {
    const caseRef = 'BOL-2026-0002';
    const conferenceId = await voteAndClose(h, 'bolton', caseRef, { social: 'cp-plan', police: 'cp-plan', health: 'cp-plan', school: 'cp-plan', gp: 'no-cp-plan', probation: 'no-cp-plan', housing: 'no-cp-plan', paeds: 'no-cp-plan' });
    const decision = await h.store.decisions.get(conferenceId);
    expect(decision?.outcome).to.equal('cp-plan');
    expect(decision?.split).to.equal(true);
    const card = JSON.stringify(h.lastCard(GROUP.id, 'Head of Service').card);
    expect(card).to.contain('Head of Service');
  });

  it("Barnsley chair's guidance, split vote: no outcome until the chair records a decision with a rationale", async () => {
    const caseRef = 'BAR-2026-0003';
    const conferenceId = await voteAndClose(h, 'barnsley', caseRef, { social: 'cp-plan', police: 'cp-plan', health: 'cp-plan', school: 'cp-plan', gp: 'no-cp-plan', probation: 'no-cp-plan', housing: 'no-cp-plan', paeds: 'no-cp-plan' });
    expect(await h.store.decisions.get(conferenceId)).to.equal(undefined);
    h.lastCard(GROUP.id, 'splitDecision');
    const noReason = await h.teams.execute(CAST.chair, GROUP, 'splitDecision', { conferenceId, roundId: '1', decision: 'cp-plan', rationale: '' });
    expect(noReason.body.statusCode).to.equal(400);
    expect(await h.refused('police', GROUP, 'splitDecision', { conferenceId, roundId: '1', decision: 'cp-plan', rationale: 'The risk of neglect outweighs the progress seen.' })).to.match(/only the chair/i);
    await h.click('chair', GROUP, 'splitDecision', { conferenceId, roundId: '1', decision: 'cp-plan', rationale: 'The risk of neglect outweighs the progress seen.' });
    const decision = await h.store.decisions.get(conferenceId);
    expect(decision?.outcome).to.equal('cp-plan');
    expect(decision?.chairRationale).to.contain('neglect');
  });

  it('every card the bot sent parses with Microsoft’s adaptivecards library, and no group chat saw the child’s full name', () => {
    expect(h.checkAllCards()).to.be.greaterThan(50);
    const traffic = h.groupTraffic();
    expect(traffic.length).to.be.greaterThan(1000);
    expect(traffic).to.not.contain(CHILD_FULL_NAME);
    expect(traffic).to.not.contain('Jordan');
  });

  it('keeps an audit trail of every state change and refusal', async () => {
    const trail = await h.store.audit.forConference(conferenceIdOf('BOL-2026-0001', '2026-12-07', 'initial'));
    const actions = new Set(trail.map((e) => e.action));
    for (const a of ['conference-scheduled', 'rsvp', 'conference-started', 'checked-in', 'vote-round-opened', 'vote-recorded', 'vote-changed', 'vote-round-closed', 'category-decided', 'plan-recorded', 'decision-circulated']) {
      expect(actions, a).to.include(a);
    }
  });
});

function planRecord(conferenceId: string, firstCoreGroupDate: string, firstReviewDate: string) {
  return {
    conferenceId,
    leadProfessional: CAST.social.aadObjectId,
    coreGroup: [CAST.social, CAST.health, CAST.school, CAST.mother].map((m) => m.aadObjectId).join(','),
    firstCoreGroupDate,
    firstReviewDate,
    outlinePlan: 'Daily routines supported by the health visitor; school attendance monitored.',
    contingencyPlan: 'If attendance falls below 90% or home conditions worsen, a strategy discussion is held.',
    scaleAgencies: [],
  };
}

describe('A step whose follow-up the store lost is completed when the chair does it again', function () {
  this.timeout(120_000);
  const h = new Harness();
  let armed = false;
  let tripped = false;
  before(async () => {
    const endpoint = new URL(/TableEndpoint=([^;]+)/.exec(azuriteConnectionString())![1]!);
    h.storeProxy = new StoreProxy({ host: endpoint.hostname, port: Number(endpoint.port) });
    await h.storeProxy.start();
    // Once armed, the first transaction (the plan record with its audit entry) goes through; after
    // it, the store refuses every request for the case: the record is saved, what follows it is not.
    h.storeProxy.beforeRequest = (r) => {
      if (armed && !tripped && r.path.endsWith('$batch')) tripped = true;
      else if (tripped && r.path.includes('Cases')) throw new Error('the store went away');
    };
    await h.start();
  });
  after(async () => {
    await h.stop();
    await h.storeProxy?.stop();
  });

  it('Bolton procedures: a plan record whose due dates were not written gets them, and the circulation, on the chair’s retry', async () => {
    const caseRef = 'BOL-2026-0009';
    const conferenceId = await voteAndClose(h, 'bolton', caseRef, { social: 'cp-plan', police: 'cp-plan', health: 'cp-plan', school: 'cp-plan', gp: 'cp-plan', probation: 'cp-plan', housing: 'cp-plan', paeds: 'cp-plan' });
    await h.click('chair', GROUP, 'decideCategory', { conferenceId, primary: 'neglect', others: '' });
    const firstReview = dueDate('first-review', '2026-12-07');
    const firstCoreGroup = addWorkingDays('2026-12-07', 10);
    const due = async () => (await h.store.dueItems.forCase(caseRef)).map((i) => i.kind);
    // The decision goes out again once it has its plan: the second circulation carries the outline plan.
    const withPlan = (key: CastKey) => h.cards(h.personal(key).id).filter((c) => JSON.stringify(c.card).includes('Daily routines supported by the health visitor'));
    const told = () => INVITEES.filter((inv) => withPlan(inv.key).length > 0).length;

    armed = true;
    const first = await h.teams.execute(CAST.chair, GROUP, 'planRecord', planRecord(conferenceId, firstCoreGroup, firstReview));
    // "Not saved" in the answer, or — when the store's retries outlast Teams' wait — in the chat just after "Still saving".
    const saidNotSaved = () => JSON.stringify(first.body).includes('Not saved') || h.connector.to(GROUP.id).some((o) => JSON.stringify(o.activity).includes('Not saved'));
    for (const until = Date.now() + 60_000; Date.now() < until && !saidNotSaved(); ) await new Promise((r) => setTimeout(r, 200));
    expect(saidNotSaved(), 'the chair is told it was not saved').to.equal(true);
    [armed, tripped] = [false, false];
    // The record is stored; the review and core group it sets are not, and nobody has been sent it.
    expect((await h.store.decisions.get(conferenceId))?.firstReviewDate).to.equal(firstReview);
    expect(await due()).to.not.include('first-review');
    expect(told()).to.equal(0);

    // The chair is told it was not saved and submits the same record again: what it sets in motion follows.
    await h.click('chair', GROUP, 'planRecord', planRecord(conferenceId, firstCoreGroup, firstReview));
    expect(await due()).to.include.members(['first-review', 'first-core-group']);
    expect((await h.store.plans.current(caseRef))?.nextReviewDate).to.equal(firstReview);
    expect(told()).to.equal(INVITEES.length);
    // Done once more, nothing is sent twice.
    await h.click('chair', GROUP, 'planRecord', planRecord(conferenceId, firstCoreGroup, firstReview));
    for (const inv of INVITEES) expect(withPlan(inv.key), inv.key).to.have.length(1);
  });
});
