// The chair runs the room (Bolton procedures, Quoracy; Attendance; RULES.md, Who makes up an
// agency), driven over HTTP through the real CloudAdapter and Azurite: roles are read whatever
// agency was typed, and the chair never makes up an agency.
import { expect } from 'chai';
import { conferenceIdOf } from '../../bot/actions/scheduling.js';
import { CAST, GROUP, Harness, scheduleFormWith as formWith, type CastKey } from './support/harness.js';

describe('Quoracy by role in a running conference', function () {
  this.timeout(60_000);
  const h = new Harness();
  before(() => h.start());
  after(() => h.stop());

  it('a parent typed with the agency "family" and the chair listed for Children\'s Social Care never make up the quorum, nor vote', async () => {
    const caseRef = 'ROLE-2026-0001';
    h.now = new Date('2026-11-23T09:00:00Z');
    await h.click('cpu', h.personal('cpu'), 'schedule', formWith(caseRef, [
      { key: 'chair', agency: 'childrens-social-care' },
      { key: 'police', agency: 'police' },
      { key: 'mother', agency: 'family' },
      { key: 'social', agency: 'childrens-social-care' },
    ]));
    const conferenceId = conferenceIdOf(caseRef, '2026-12-07', 'initial');
    h.now = new Date('2026-12-07T10:00:00Z');
    await h.teams.say(CAST.chair, GROUP, `start ${caseRef}`);
    let seen: Record<string, unknown> = {};
    for (const key of ['chair', 'police', 'mother'] as CastKey[]) seen = await h.click(key, GROUP, 'checkIn', { conferenceId });

    const card = JSON.stringify(seen);
    expect(card).to.contain('Mary Parent');
    expect(card).to.contain('Not quorate');
    expect(card).to.contain("Children's Social Care is not represented");
    expect(await h.refused('chair', GROUP, 'openRound', { conferenceId })).to.match(/not quorate/i);

    // The social worker arrives: CSC and police only, so still one agency short — the parent is not one.
    const now = JSON.stringify(await h.click('social', GROUP, 'checkIn', { conferenceId }));
    expect(now).to.contain('Not quorate').and.to.contain('1 more agency');
    await h.click('chair', GROUP, 'proceed', { conferenceId, proceedReason: 'The child has had no contact with other agencies.' });
    await h.click('chair', GROUP, 'openRound', { conferenceId });
    const round = await h.store.votes.getRound(conferenceId, 1);
    expect(round?.agencies).to.deep.equal(['police', 'childrens-social-care']);
    expect(await h.refused('mother', GROUP, 'vote', { conferenceId, roundId: '1', choice: 'cp-plan' })).to.match(/family member/i);
    expect(await h.refused('chair', GROUP, 'vote', { conferenceId, roundId: '1', choice: 'cp-plan' })).to.match(/chair does not vote/i);
  });

  it('the chair checks people in and out, a briefed deputy for an agency and a walk-in; records a view given in the room; each marked as recorded by the chair', async () => {
    const caseRef = 'ROOM-2026-0002';
    h.now = new Date('2026-11-23T09:00:00Z');
    await h.click('cpu', h.personal('cpu'), 'schedule', formWith(caseRef, [
      { key: 'social', agency: 'childrens-social-care', role: 'professional' },
      { key: 'police', agency: 'police', role: 'professional' },
      { key: 'school', agency: 'education', role: 'professional' },
      { key: 'mother', agency: 'family', role: 'family' },
    ]));
    const conferenceId = conferenceIdOf(caseRef, '2026-12-07', 'initial');
    await h.click('police', h.personal('police'), 'rsvp', { conferenceId, answer: 'deputy', deputyName: 'Dan Deputy' });
    h.now = new Date('2026-12-07T10:00:00Z');
    await h.teams.say(CAST.chair, GROUP, `start ${caseRef}`);
    const attendance = h.lastCard(GROUP.id, '"verb":"checkInDeputy"').out.activityId;
    const room = (key: CastKey, verb: string, data: Record<string, unknown>) => h.click(key, GROUP, verb, { conferenceId, ...data }, attendance);
    const snapshot = async () => JSON.stringify([await h.store.invitees.list(conferenceId), await h.store.votes.listRounds(conferenceId)]);

    await room('social', 'checkIn', {});
    // The mother is in the room without Teams: the chair checks her in; a second time is refused, nothing changes.
    await room('chair', 'chairCheckIn', { person: CAST.mother.aadObjectId, present: 'true', personHow: 'room' });
    let before = await snapshot();
    expect(await h.refused('chair', GROUP, 'chairCheckIn', { conferenceId, person: CAST.mother.aadObjectId, present: 'true', personHow: 'room' })).to.match(/Mary Parent is already checked in/);
    expect(await h.refused('police', GROUP, 'chairCheckIn', { conferenceId, person: CAST.mother.aadObjectId, present: 'false' })).to.match(/only the chair/i);
    // A deputy for an agency nobody was invited from is refused, and so is a second check-in of the same deputy.
    expect(await h.refused('chair', GROUP, 'checkInDeputy', { conferenceId, deputyAgency: 'housing', deputyName: 'Hal Deputy' })).to.match(/Nobody from Housing was invited/);
    expect(await snapshot()).to.equal(before);

    const withDeputy = JSON.stringify(await room('chair', 'checkInDeputy', { deputyAgency: 'police', deputyName: 'Dan Deputy', deputyHow: 'phone' }));
    expect(withDeputy).to.contain('Dan Deputy').and.to.contain('briefed deputy for Pat Police').and.to.contain('on the phone').and.to.contain('recorded by the chair for Dan Deputy');
    expect(withDeputy).to.contain('Counting: Children\'s Social Care, Police');
    before = await snapshot();
    expect(await h.refused('chair', GROUP, 'checkInDeputy', { conferenceId, deputyAgency: 'police', deputyName: 'Dan Deputy' })).to.match(/already checked in as deputy for Pat Police/);
    expect(await h.refused('police', GROUP, 'checkIn', { conferenceId })).to.match(/deputy, Dan Deputy, is checked in/);
    expect(await snapshot()).to.equal(before);

    // A GP who was not invited walks in: counted once checked in, and the conference is quorate.
    const withWalkIn = JSON.stringify(await room('chair', 'checkInWalkIn', { walkInName: 'Gina Walkin', walkInAgency: 'gp', walkInRole: 'professional', walkInDirect: 'true', walkInHow: 'room' }));
    expect(withWalkIn).to.contain('Gina Walkin').and.to.contain('not invited (walk-in)').and.to.contain('Quorate');
    expect(await h.refused('chair', GROUP, 'checkInWalkIn', { conferenceId, walkInName: 'Gina Walkin', walkInAgency: 'gp', walkInRole: 'professional', walkInDirect: 'true' })).to.match(/already checked in/);
    // The shared attendance card shows the deputy beside the absent invitee, and who the chair checked in.
    const shared = await h.updated(attendance, 'recorded by the chair for Gina Walkin');
    expect(shared).to.contain('Dan Deputy').and.to.contain('briefed deputy for Pat Police').and.to.contain('recorded by the chair for Gina Walkin');

    await h.click('chair', GROUP, 'openRound', { conferenceId });
    expect((await h.store.votes.getRound(conferenceId, 1))?.agencies.sort()).to.deep.equal(['childrens-social-care', 'gp', 'police']);
    // Pat Police is not in the room: the deputy is, and the chair records the police view for him.
    expect(await h.refused('police', GROUP, 'vote', { conferenceId, roundId: '1', choice: 'cp-plan' })).to.match(/deputy, Dan Deputy, is here/);
    const votes = h.lastCard(GROUP.id, '"verb":"recordView"').out.activityId;
    const recorded = JSON.stringify(await h.click('chair', GROUP, 'recordView', { conferenceId, roundId: '1', viewAgency: 'police', viewChoice: 'no-cp-plan:child-in-need', viewReason: 'Police see the risk as managed under a CIN plan.' }, votes));
    expect(recorded).to.contain('recorded by the chair for Dan Deputy');
    const sharedVote = await h.updated(votes, 'Police: view recorded by the chair for Dan Deputy');
    expect(sharedVote).to.contain('Police: view recorded by the chair for Dan Deputy');

    before = await snapshot();
    const votesBefore = JSON.stringify(await h.store.votes.list(conferenceId, 1));
    expect(await h.refused('chair', GROUP, 'recordView', { conferenceId, roundId: '1', viewAgency: 'police', viewChoice: 'cp-plan', viewReason: 'Changed our mind.' })).to.match(/already given its view/);
    expect(await h.refused('chair', GROUP, 'recordView', { conferenceId, roundId: '1', viewAgency: 'education', viewChoice: 'cp-plan', viewReason: 'School worries.' })).to.match(/Nobody from Education is checked in/);
    expect(await h.refused('chair', GROUP, 'recordView', { conferenceId, roundId: '1', viewAgency: 'family', viewChoice: 'cp-plan', viewReason: 'Mum agrees.' })).to.match(/Nobody from Family is checked in/);
    expect(await h.refused('social', GROUP, 'recordView', { conferenceId, roundId: '1', viewAgency: 'gp', viewChoice: 'cp-plan', viewReason: 'GP view.' })).to.match(/only the chair/i);
    expect(JSON.stringify(await h.store.votes.list(conferenceId, 1))).to.equal(votesBefore);
    expect(await snapshot()).to.equal(before);

    await h.click('social', GROUP, 'vote', { conferenceId, roundId: '1', choice: 'cp-plan' });
    await h.click('chair', GROUP, 'recordView', { conferenceId, roundId: '1', viewAgency: 'gp', viewChoice: 'cp-plan', viewReason: 'Repeated missed health appointments.' });
    await h.click('chair', GROUP, 'closeRound', { conferenceId, roundId: '1' });
    const decision = await h.store.decisions.get(conferenceId);
    expect(decision?.outcome).to.equal('cp-plan');
    expect(decision?.dissents).to.deep.include({ userId: CAST.police.aadObjectId, name: 'Dan Deputy', agency: 'police', choice: 'no-cp-plan', reason: 'Police see the risk as managed under a CIN plan.' });

    const trail = await h.store.audit.forConference(conferenceId);
    const byChair = trail.filter((e) => String(e.details.recordedBy ?? '').startsWith('recorded by the chair for'));
    expect(byChair.map((e) => e.action)).to.include.members(['checked-in', 'deputy-checked-in', 'walk-in-checked-in', 'vote-recorded-by-chair']);
    const view = trail.find((e) => e.action === 'vote-recorded-by-chair' && e.details.agency === 'police')!;
    expect(view.userId).to.equal(CAST.chair.aadObjectId);
    expect(view.details).to.include({ for: 'Dan Deputy', how: 'phone', choice: 'no-cp-plan', recordedBy: 'recorded by the chair for Dan Deputy' });
    expect(h.checkAllCards()).to.be.greaterThan(5);
  });
});
