// A whole conference under a council's own policy file, over HTTP (issue: each area's own
// procedures as data): the chair decides with no vote, recording each agency's view and dissent
// (Sussex child protection procedures); reports due 3 days before an initial conference (Sussex);
// an inquorate conference stood down with an interim plan and reconvened within 10 working days
// (Swindon child protection procedures).
import { expect } from 'chai';
import { conferenceIdOf } from '../../bot/actions/scheduling.js';
import { formatDate, formatDateTime } from '../../cards/labels.js';
import { addWorkingDays, dueDate } from '../../src/rules/index.js';
import { CAST, CHILD_FULL_NAME, GROUP, Harness, INVITEES, scheduleForm, type CastKey } from './support/harness.js';
import { AGENCY_REPS, checkedIn } from './support/walk.js';

const POLICY_DIR = new URL('../fixtures/policies/chair-decides/', import.meta.url).pathname;
const CASE = 'EXC-2026-0007';

describe('A whole conference where the chair decides (a council policy file; bot over HTTP, store on Azurite)', function () {
  this.timeout(90_000);
  const h = new Harness(POLICY_DIR);
  before(() => h.start());
  after(() => h.stop());

  it('scheduled under the council file: only its procedures are offered, and reports are due 3 days before the initial conference (Sussex)', async () => {
    h.now = new Date('2026-11-23T09:00:00Z');
    await h.teams.say(CAST.cpu, h.personal('cpu'), 'schedule');
    const form = JSON.stringify(h.lastCard(h.personal('cpu').id, 'caseRef').card);
    expect(form).to.contain('Example Council').and.not.to.contain('Bolton');
    // Procedures this deployment does not have: the form comes back with the field marked, nothing scheduled.
    const refused = JSON.stringify(await h.click('cpu', h.personal('cpu'), 'schedule', scheduleForm('bolton', CASE)));
    expect(refused).to.contain('There are no procedures \\"bolton\\" here; choose one of: Example Council');
    expect(await h.store.conferences.get(conferenceIdOf(CASE, '2026-12-07', 'initial'))).to.equal(undefined);
    await h.click('cpu', h.personal('cpu'), 'schedule', scheduleForm('example-council', CASE));
    const conferenceId = conferenceIdOf(CASE, '2026-12-07', 'initial');
    const stored = await h.store.conferences.get(conferenceId);
    expect(stored).to.deep.include({ policy: 'example-council', policyVersion: 1 });
    // Monday 7 December 10:00: 3 days before is Friday 4 December 10:00.
    const invitation = JSON.stringify(h.lastCard(h.connector.personalConversationOf(CAST.police.id)!, 'rsvp').card);
    expect(invitation).to.contain(formatDateTime('2026-12-04T10:00')).and.to.contain('Example Council');
    expect((await h.store.dueItems.forCase(CASE)).map((d) => [d.kind, d.due])).to.deep.include.members([['report', '2026-12-04']]);
    for (const key of [...AGENCY_REPS, 'mother'] as CastKey[]) await h.click(key, h.personal(key), 'rsvp', { conferenceId, answer: 'attending' });
  });

  it('inquorate: stood down only with an interim plan, to be reconvened within 10 working days (Swindon)', async () => {
    const conferenceId = conferenceIdOf(CASE, '2026-12-07', 'initial');
    h.now = new Date('2026-12-07T10:00:00Z');
    await h.teams.say(CAST.chair, GROUP, `start ${CASE}`);
    // The agenda is the council's own.
    const agenda = JSON.stringify(h.lastCard(GROUP.id, 'Order of the').card);
    expect(agenda).to.contain("The chair's decision, each agency's view and any dissent").and.to.contain('Source: Sussex child protection procedures, Conference agenda');
    await checkedIn(h, conferenceId, ['social', 'police', 'mother']);
    const attendance = JSON.stringify(h.lastCard(GROUP.id, 'standDown').card);
    expect(attendance).to.contain('within 10 working days, with an interim plan meanwhile').and.to.contain('Source: Swindon child protection procedures, Quoracy');
    expect(await h.refused('chair', GROUP, 'openChairDecision', { conferenceId })).to.match(/not quorate/i);
    expect(await h.refused('chair', GROUP, 'standDown', { conferenceId, standDownNote: 'Health and school absent' })).to.match(/interim plan/i);
    await h.click('chair', GROUP, 'standDown', { conferenceId, standDownNote: 'Health and school absent', interimPlan: 'Daily visits by the social worker until the conference meets.' });
    const stoodDown = await h.store.decisions.get(conferenceId);
    const reconveneBy = addWorkingDays('2026-12-07', 10);
    expect(stoodDown).to.deep.include({ outcome: 'stood-down', reconveneBy, interimPlan: 'Daily visits by the social worker until the conference meets.' });
    // Everyone invited is told, with the date it must be reconvened by.
    expect(JSON.stringify(h.cards(h.personal('police').id).at(-1)!.card)).to.contain(`reconvened by ${formatDate(reconveneBy)}`);
    const due = await h.store.dueItems.forCase(CASE);
    expect(due.map((d) => [d.kind, d.due])).to.deep.include.members([['reconvene-stood-down', reconveneBy]]);
  });

  it('reconvened: no vote card; the chair records the decision, each agency\'s stated view and the dissents with their reasons (Sussex)', async () => {
    h.now = new Date('2026-12-08T09:00:00Z');
    const reconvened = { ...scheduleForm('example-council', CASE, '2026-12-14'), lateReason: 'Reconvened after the conference of 7 December was stood down: not quorate.' };
    await h.click('cpu', h.personal('cpu'), 'schedule', reconvened);
    const conferenceId = conferenceIdOf(CASE, '2026-12-14', 'initial');
    h.now = new Date('2026-12-14T10:00:00Z');
    await h.teams.say(CAST.chair, GROUP, `start ${CASE}`);
    await checkedIn(h, conferenceId);

    // The chair's view of the attendance card offers the decision, not a vote.
    const chairView = JSON.stringify(await h.click('chair', GROUP, 'refresh', { card: 'attendance', conferenceId }));
    expect(chairView).to.contain('"verb":"openChairDecision"').and.not.to.contain('"verb":"openRound"');
    expect(await h.refused('chair', GROUP, 'openRound', { conferenceId })).to.match(/there is no vote: the chair decides/);
    expect(await h.refused('police', GROUP, 'openChairDecision', { conferenceId })).to.match(/only the chair/i);
    await h.click('chair', GROUP, 'openChairDecision', { conferenceId });

    const posted = h.lastCard(GROUP.id, '"verb":"chairDecision"');
    const text = JSON.stringify(posted.card);
    expect(text).to.contain('Source: Sussex child protection procedures, Decision making');
    const data = (posted.card.actions as { data?: { viewAgencies?: string[] } }[]).find((a) => a.data?.viewAgencies)!.data!;
    const present = INVITEES.filter((i) => i.role === 'professional').map((i) => i.agency);
    expect(data.viewAgencies).to.have.members(present);

    const views: Record<string, string> = {};
    data.viewAgencies!.forEach((agency, i) => {
      const against = agency === 'probation' || agency === 'housing';
      views[`view${i + 1}`] = against ? 'no-cp-plan' : 'cp-plan';
      if (against) views[`viewReason${i + 1}`] = `${agency}: the family has engaged well since the last incident`;
    });
    const decision = { conferenceId, viewAgencies: data.viewAgencies, decision: 'cp-plan', rationale: 'Neglect is persistent and the agencies working most closely with the child agree.' };
    expect(await h.refused('police', GROUP, 'chairDecision', { ...decision, ...views })).to.match(/only the chair/i);
    const silent = Object.fromEntries(Object.entries(views).filter(([k]) => !k.startsWith('viewReason')));
    expect(await h.refused('chair', GROUP, 'chairDecision', { ...decision, ...silent })).to.match(/reason of (probation, housing|housing, probation)/);
    const recorded = JSON.stringify(await h.click('chair', GROUP, 'chairDecision', { ...decision, ...views }));
    expect(recorded).to.contain('Dissent recorded').and.to.contain('the family has engaged well').and.not.to.contain('"verb":"chairDecision"');

    // The same decision sent again a minute later (the chair's retry, a redelivery) is the same decision: the next step is posted once.
    const categoryCards = () => h.cards(GROUP.id).filter((c) => JSON.stringify(c.card).includes('"verb":"decideCategory"')).length;
    expect(categoryCards()).to.equal(1);
    const clock = h.now;
    h.now = new Date(h.now.getTime() + 60_000);
    expect(JSON.stringify(await h.click('chair', GROUP, 'chairDecision', { ...decision, ...views }))).to.contain('Dissent recorded');
    h.now = clock;
    expect(categoryCards()).to.equal(1);

    const stored = await h.store.decisions.get(conferenceId);
    expect(stored).to.deep.include({ outcome: 'cp-plan', split: false });
    expect(stored?.round).to.equal(undefined);
    expect(stored?.chairRationale).to.match(/Neglect is persistent/);
    expect(stored?.agencyViews?.map((v) => v.agency)).to.have.members(present);
    expect(stored?.dissents.map((d) => d.agency).sort()).to.deep.equal(['housing', 'probation']);
    expect(stored?.dissents.every((d) => d.reason?.includes('engaged well'))).to.equal(true);
    // Nobody voted: no vote card was ever posted, and no vote round exists.
    expect(h.cards(GROUP.id).some((c) => JSON.stringify(c.card).includes('"verb":"vote"'))).to.equal(false);
    expect(await h.store.votes.listRounds(conferenceId)).to.deep.equal([]);

    // The record (`record CASE`) says how it was decided, each agency's view, and under which version.
    await h.teams.say(CAST.chair, h.personal('chair'), `record ${CASE}`);
    const record = JSON.stringify(h.cards(h.personal('chair').id).at(-1)!.card);
    expect(record).to.contain("Each agency's stated view (the chair decided)").and.to.contain('Example Council (policy example-council, version 1)');

    // Then as everywhere: the category, the plan record and circulation to everyone invited.
    expect(JSON.stringify(h.lastCard(GROUP.id, 'decideCategory').card)).to.contain('Source: Sussex child protection procedures, Category of abuse');
    await h.click('chair', GROUP, 'decideCategory', { conferenceId, primary: 'neglect', others: '' });
    const firstReview = dueDate('first-review', '2026-12-14');
    await h.click('chair', GROUP, 'planRecord', {
      conferenceId,
      leadProfessional: CAST.social.aadObjectId,
      coreGroup: [CAST.social, CAST.health, CAST.mother].map((m) => m.aadObjectId).join(','),
      firstCoreGroupDate: addWorkingDays('2026-12-14', 10),
      firstReviewDate: firstReview,
      outlinePlan: 'Daily routines supported by the health visitor.',
      contingencyPlan: 'A strategy discussion if home conditions worsen.',
      scaleAgencies: [],
    });
    for (const inv of INVITEES) expect(JSON.stringify(h.cards(h.personal(inv.key).id).at(-1)!.card), inv.key).to.match(/Neglect/);
    const trail = new Set((await h.store.audit.forConference(conferenceId)).map((e) => e.action));
    for (const a of ['conference-scheduled', 'conference-started', 'chair-decision-opened', 'chair-decided', 'category-decided', 'plan-recorded']) expect(trail, a).to.include(a);
  });

  it('every card parses with Microsoft’s adaptivecards library, and no group chat saw the child’s full name', () => {
    expect(h.checkAllCards()).to.be.greaterThan(20);
    expect(h.groupTraffic()).to.not.contain(CHILD_FULL_NAME);
  });
});
