// Invitations people can act on, over HTTP (Bolton procedures, Attendance; Information for the
// Conference: reports 24 hours before): where and when; a parent's invitation says what a
// conference is and that they may bring a supporter, with no deputy and no report request; the
// scheduler is warned when the report deadline has passed or is under a working day away; once
// the conference is held, the answer buttons give way to the outcome.
import { expect } from 'chai';
import { conferenceIdOf } from '../../bot/actions/scheduling.js';
import { CAST, GROUP, Harness, scheduleForm, type CastKey } from './support/harness.js';

const titles = (card: Record<string, any>) => ((card.actions ?? []) as { title: string }[]).map((a) => a.title);

describe('Invitations people can act on (bot over HTTP)', function () {
  this.timeout(60_000);
  const h = new Harness();
  before(() => h.start());
  after(() => h.stop());

  const invitationOf = (key: CastKey) => h.lastCard(h.personal(key).id, '"verb":"rsvp"').card;
  /** The invitation as the invitee sees it now: the card last sent or updated in their 1:1 chat. */
  const shownTo = (key: CastKey) => {
    const chat = h.personal(key).id;
    const last = h.connector.outgoing.filter((o) => o.conversationId === chat && JSON.stringify(o.activity).includes('Invitation:')).at(-1)!;
    return last.activity.attachments[0].content as Record<string, any>;
  };

  it('say where and when; a parent is told what a conference is, may bring a supporter, and is asked for no report and no deputy', async () => {
    h.now = new Date('2026-11-23T09:00:00Z');
    await h.click('cpu', h.personal('cpu'), 'schedule', { ...scheduleForm('bolton', 'INV/2026/1'), location: 'Room 2, Town Hall' });
    const police = JSON.stringify(invitationOf('police'));
    expect(police).to.contain('"title":"Where","value":"Room 2, Town Hall"').and.to.contain('Mon 7 Dec 2026, 10:00');
    expect(titles(invitationOf('police'))).to.deep.equal(['Attending', 'Apologies', 'Written report', 'Briefed deputy']);
    expect(police).to.contain('"title":"Reports"');

    const mother = invitationOf('mother');
    expect(titles(mother)).to.deep.equal(['I will attend', 'I cannot attend']);
    expect(JSON.stringify(mother)).to.contain('brings together the family and the professionals').and.to.contain('supporter');
    expect(JSON.stringify(mother)).to.not.match(/deputy|"title":"Reports"|written report/i);
    // Nor can a parent send a briefed deputy by other means.
    const id = conferenceIdOf('INV/2026/1', '2026-12-07', 'initial');
    expect(await h.refused('mother', h.personal('mother'), 'rsvp', { conferenceId: id, answer: 'deputy', deputyName: 'Aunt Jo' })).to.match(/agency/);
    await h.click('mother', h.personal('mother'), 'rsvp', { conferenceId: id, answer: 'attending' });
  });

  it('the scheduler is warned when the report deadline is under a working day away, and when it has passed', async () => {
    h.now = new Date('2026-11-23T09:00:00Z');
    // A conference on Tue 24 Nov at 10:00: Bolton reports by Mon 23 Nov 10:00, an hour away.
    const short = await h.click('cpu', h.personal('cpu'), 'schedule', { ...scheduleForm('bolton', 'INV/2026/2', '2026-11-24'), time: '10:00' });
    expect(JSON.stringify(short)).to.contain('less than one working day away');
    // At 08:30: the deadline (Mon 23 Nov 08:30) has passed; the invitees are told to send reports as soon as they can.
    const passed = await h.click('cpu', h.personal('cpu'), 'schedule', { ...scheduleForm('bolton', 'INV/2026/3', '2026-11-24'), time: '08:30' });
    expect(JSON.stringify(passed)).to.contain('has already passed');
    const police = JSON.stringify(invitationOf('police'));
    expect(police).to.contain('INV/2026/3').and.to.contain('as soon as you can: the deadline (Mon 23 Nov 2026, 08:30) has passed');
    // An ordinary date says nothing of the kind.
    const fine = await h.click('cpu', h.personal('cpu'), 'schedule', scheduleForm('bolton', 'INV/2026/4'));
    expect(JSON.stringify(fine)).to.not.match(/already passed|less than one working day/);
  });

  it('once the conference is held, every invitation shows it, without answer buttons', async () => {
    h.now = new Date('2026-12-07T10:00:00Z');
    await h.teams.say(CAST.chair, GROUP, 'start INV/2026/1');
    h.lastCard(GROUP.id, 'checkIn');
    for (const key of ['police', 'social', 'mother', 'support'] as CastKey[]) {
      const card = shownTo(key);
      expect(JSON.stringify(card), key).to.contain('INV/2026/1').and.to.contain('The conference was held on Mon 7 Dec 2026');
      expect(titles(card), key).to.deep.equal([]);
    }
    // The parent's answer stays on it.
    expect(JSON.stringify(shownTo('mother'))).to.contain('Your answer: **Attending**');
  });

  it('every card parses with Microsoft’s library', () => {
    expect(h.checkAllCards()).to.be.greaterThan(20);
  });
});
