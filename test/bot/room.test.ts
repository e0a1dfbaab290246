// The chair runs the room (Bolton procedures, Quoracy; Attendance; RULES.md, Who makes up an
// agency), driven over HTTP through the real CloudAdapter and Azurite: roles are read whatever
// agency was typed, and the chair never makes up an agency.
import { expect } from 'chai';
import { conferenceIdOf } from '../../bot/actions/scheduling.js';
import { CAST, GROUP, Harness, scheduleForm, type CastKey } from './support/harness.js';

/** A scheduling form with exactly these rows (role left blank reads as "professional"). */
function formWith(caseRef: string, rows: { key: CastKey; agency: string; role?: string; direct?: boolean }[]) {
  const form = Object.fromEntries(Object.entries(scheduleForm('bolton', caseRef)).filter(([k]) => !k.startsWith('invitee')));
  rows.forEach((r, i) => {
    const n = i + 1;
    Object.assign(form, {
      [`invitee${n}Name`]: CAST[r.key].name,
      [`invitee${n}Contact`]: CAST[r.key].email,
      [`invitee${n}Agency`]: r.agency,
      [`invitee${n}Role`]: r.role ?? '',
      [`invitee${n}Direct`]: String(r.direct ?? true),
    });
  });
  return form;
}

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
});
