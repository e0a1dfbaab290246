// Nothing identifying in shared places (RULES.md, Confidentiality): the scheduling form and
// whatever carries the child's full name or invitees' contacts go 1:1 only, whatever the client
// — `schedule` typed in a group chat, the form submitted from a group chat by Action.Submit
// (Teams mobile), a refused form given back — and the conference record shown in a group chat
// has the outcome and dates, never family members' names or the chair's free text.
import { expect } from 'chai';
import { expectNoFullNamesInGroups } from './support/confidentiality.js';
import { CAST, CHILD_FULL_NAME, GROUP, Harness, INVITEES, scheduleForm } from './support/harness.js';
import { seedConference } from './support/seed.js';

describe('Nothing identifying in shared places', function () {
  this.timeout(120_000);
  const h = new Harness();
  const emails = Object.values(CAST).map((m) => m.email);
  const groupText = () => h.connector.to(GROUP.id).map((o) => JSON.stringify(o.activity)).join('\n');

  before(() => h.start());
  after(() => h.stop());

  it('"schedule" typed in a group chat: the form goes to the 1:1 chat, the group is told so', async () => {
    const before = h.connector.to(GROUP.id).length;
    expect((await h.teams.say(CAST.cpu, GROUP, 'schedule')).status).to.equal(200);
    const inGroup = h.connector.to(GROUP.id).slice(before).map((o) => JSON.stringify(o.activity));
    expect(inGroup.join('\n')).not.to.include('childFullName');
    expect(inGroup.join('\n')).to.include('1:1 chat');
    expect(h.cards(h.personal('cpu').id).some((c) => JSON.stringify(c.card).includes('childFullName'))).to.equal(true);
  });

  it('the form submitted from a group chat by Action.Submit: refused there, plainly, with no name and no email; nothing scheduled', async () => {
    const before = h.connector.to(GROUP.id).length;
    expect((await h.teams.submit(CAST.cpu, GROUP, { ...scheduleForm('bolton', 'SHP/2026/0001'), verb: 'schedule' }, 'act-form-in-group')).status).to.equal(200);
    const inGroup = h.connector.to(GROUP.id).slice(before);
    expect(inGroup.length, 'the group is told').to.be.at.least(1);
    expect(inGroup.map((o) => JSON.stringify(o.activity)).join('\n')).to.include('private');
    const text = groupText();
    expect(text).not.to.include(CHILD_FULL_NAME);
    for (const email of emails) expect(text).not.to.include(email);
    expect(inGroup.some((o) => o.kind === 'update')).to.equal(false);
    expect(await h.store.conferences.listForCase('SHP/2026/0001')).to.deep.equal([]);
  });

  it('a refused form submitted from a group chat never comes back to the group', async () => {
    const form = { ...scheduleForm('bolton', 'SHP/2026/0002'), chairContact: 'nobody@example.gov.uk', verb: 'schedule' };
    expect((await h.teams.submit(CAST.cpu, GROUP, form, 'act-form-in-group-2')).status).to.equal(200);
    const text = groupText();
    expect(text).not.to.include(CHILD_FULL_NAME);
    expect(text).not.to.include('nobody@example.gov.uk');
    for (const email of emails) expect(text).not.to.include(email);
  });

  it('the conference record in a group chat shows the outcome and dates; names and free text come 1:1', async () => {
    const c = await seedConference(h.store, {
      id: 'SHP-3.2026-12-07.initial',
      caseRef: 'SHP/2026/0003',
      fullName: 'Robin Sharedplace',
      chair: CAST.chair,
      invitees: INVITEES.map((i) => ({ member: CAST[i.key], agency: i.agency, role: i.role as 'professional' | 'family' | 'support-staff' })),
      status: 'in-progress',
    });
    const recorded = await h.store.decisions.record({
      conferenceId: c.conference.id,
      outcome: 'cp-plan',
      split: false,
      dissents: [{ name: CAST.housing.name, agency: 'housing', choice: 'no-cp-plan', reason: 'Private reason about the family' }],
      coreGroup: [],
      safetyScales: [],
      chairRationale: 'Chair free text about the family',
      leadProfessional: { userId: CAST.social.aadObjectId, name: CAST.social.name, agency: 'childrens-social-care' },
      outlinePlan: 'Weekly visits to Mary Parent at home',
      contingencyPlan: 'Legal planning meeting if visits refused',
      firstCoreGroupDate: '2026-12-18',
      firstReviewDate: '2027-03-05',
      decidedBy: { userId: CAST.chair.aadObjectId, name: CAST.chair.name },
      decidedAt: '2026-12-07T11:00:00.000Z',
    });
    expect(recorded.outcome).to.equal('recorded');
    h.now = new Date('2026-12-08T09:00:00Z');
    const before = h.connector.to(GROUP.id).length;
    const personalBefore = h.cards(h.personal('chair').id).length;
    expect((await h.teams.say(CAST.chair, GROUP, 'record SHP/2026/0003')).status).to.equal(200);
    const inGroup = h.connector.to(GROUP.id).slice(before).map((o) => JSON.stringify(o.activity)).join('\n');
    expect(inGroup).to.include('SHP/2026/0003');
    for (const secret of [CAST.mother.name, CAST.father.name, 'Private reason', 'Chair free text', 'Weekly visits', 'Legal planning meeting', 'Robin Sharedplace']) expect(inGroup, secret).not.to.include(secret);
    const full = h.cards(h.personal('chair').id).slice(personalBefore).map((x) => JSON.stringify(x.card)).join('\n');
    expect(full).to.include(CAST.mother.name);
    expect(full).to.include('Weekly visits');
  });

  it('no group chat saw a child’s full name', () => {
    expectNoFullNamesInGroups(h.connector, [CHILD_FULL_NAME, 'Robin Sharedplace'], 3);
  });
});
