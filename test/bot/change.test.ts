// A conference that can change, over HTTP through the real CloudAdapter (Bolton procedures,
// Timing: an initial conference within 15 working days; Attendance; Information for the
// Conference). The Child Protection Unit or the chair moves it (before and after its due date),
// invites someone late, removes someone, reminds those who have not answered and cancels it;
// every change goes through the lifecycle model, is audited, and is told 1:1. After each step,
// what every invitee has is asserted: their latest card and their "my reviews". Bad input is
// refused beside its field with the value kept, and nothing changes.
import { expect } from 'chai';
import { conferenceIdOf } from '../../bot/actions/scheduling.js';
import { CAST, GROUP, Harness, INVITEES, besideField, scheduleForm, type CastKey } from './support/harness.js';
import { seedConference } from './support/seed.js';

const CASE = 'CHG/2026/1';
const ID = conferenceIdOf(CASE, '2026-12-07', 'initial');
const titles = (card: Record<string, any>) => ((card.actions ?? []) as { title: string }[]).map((a) => a.title);

describe('Changing a conference (bot over HTTP, store on Azurite)', function () {
  this.timeout(90_000);
  const h = new Harness();
  before(() => h.start());
  after(() => h.stop());

  /** The newest invitation sent to (or updated in) someone's 1:1 chat that mentions `needle`. */
  const latest = (key: CastKey, needle = CASE) => {
    const found = h.connector.outgoing.filter((o) => o.conversationId === h.personal(key).id && JSON.stringify(o.activity).includes(needle) && JSON.stringify(o.activity).includes('Invitation:')).at(-1);
    expect(found, `${key} has a card about ${needle}`).to.not.equal(undefined);
    return found!.activity.attachments[0].content as Record<string, any>;
  };
  /** What "my reviews" lists for someone about the case: `due kind` strings. */
  const myReviews = async (key: CastKey) => {
    await h.teams.say(CAST[key], h.personal(key), 'my reviews');
    const card = JSON.stringify(h.cards(h.personal(key).id).at(-1)!.card);
    return card.includes(CASE) ? card : '';
  };
  const invited = INVITEES.map((i) => i.key);
  const change = (key: CastKey, verb: string, data: Record<string, unknown>) => h.click(key, h.personal(key), verb, { conferenceId: ID, ...data });


  it('scheduled through the form: everyone invited, the conference in everyone’s my reviews', async () => {
    h.now = new Date('2026-11-23T09:00:00Z');
    await h.click('cpu', h.personal('cpu'), 'schedule', { ...scheduleForm('bolton', CASE), location: 'Room 2, Town Hall' });
    for (const key of invited) expect(await myReviews(key), key).to.contain('Mon 7 Dec 2026');
    await h.click('police', h.personal('police'), 'rsvp', { conferenceId: ID, answer: 'attending' });
    await h.click('social', h.personal('social'), 'rsvp', { conferenceId: ID, answer: 'attending' });
  });

  it('the change card is the Unit’s or the chair’s, 1:1 only', async () => {
    await h.teams.say(CAST.chair, h.personal('chair'), `change ${CASE}`);
    expect(JSON.stringify(h.cards(h.personal('chair').id).at(-1)!.card)).to.contain('Change the conference').and.to.contain('Move the conference');
    expect(await h.refused('police', h.personal('police'), 'cancelConference', { conferenceId: ID, cancelReason: 'I would rather not' })).to.match(/Only the Child Protection Unit or the chair/);
    expect(await h.refused('chair', GROUP, 'cancelConference', { conferenceId: ID, cancelReason: 'x' })).to.match(/1:1/);
  });

  it('moved before its due date: everyone is sent the new date and report deadline; due items follow', async () => {
    h.now = new Date('2026-11-24T09:00:00Z');
    const card = await change('chair', 'reschedule', { newDate: '2026-12-09', newTime: '14:00', newLocation: '', newLateReason: '' });
    expect(JSON.stringify(card)).to.contain('Moved to Wed 9 Dec 2026, 14:00').and.to.contain('11 people told 1:1');
    const conference = await h.store.conferences.get(ID);
    expect(conference?.dueBy).to.equal('2026-12-11');
    expect(conference?.location).to.equal('Room 2, Town Hall');
    for (const key of invited) {
      const invitation = JSON.stringify(latest(key));
      expect(invitation, key).to.contain('Wed 9 Dec 2026, 14:00').and.to.contain('it was Mon 7 Dec 2026, 10:00');
      const reviews = await myReviews(key);
      expect(reviews, key).to.contain('Wed 9 Dec 2026').and.not.to.contain('Mon 7 Dec 2026');
    }
    // Professionals' report deadline moved with it: Bolton, 24 hours before.
    expect(JSON.stringify(latest('police'))).to.contain('Tue 8 Dec 2026, 14:00');
    expect(JSON.stringify(latest('police')), 'the answer is kept').to.contain('Your answer: **Attending**');
    const items = await h.store.dueItems.forCase(CASE);
    expect(items.map((i) => `${i.kind} ${i.due}`).sort()).to.deep.equal(['conference 2026-12-09', 'report 2026-12-08']);
    const trail = (await h.store.audit.forConference(ID)).map((e) => e.action);
    expect(trail).to.include('conference-rescheduled').and.to.include('lifecycle-rescheduled');
    // The same move sent again (the retry after "Not saved", a redelivery) is not refused: it completes what it set in motion, and tells nobody twice.
    const notices = (key: CastKey) => h.connector.outgoing.filter((o) => o.kind !== 'update' && o.conversationId === h.personal(key).id && JSON.stringify(o.activity).includes('it was Mon 7 Dec 2026, 10:00')).length;
    const again = await change('chair', 'reschedule', { newDate: '2026-12-09', newTime: '14:00', newLocation: '', newLateReason: '' });
    expect(JSON.stringify(again)).to.contain('Moved to Wed 9 Dec 2026, 14:00').and.not.to.contain('Nothing was changed');
    for (const key of invited) expect(notices(key), key).to.equal(1);
    expect((await h.store.audit.forConference(ID)).filter((e) => e.action === 'conference-rescheduled')).to.have.length(1);
  });

  it('bad moves are refused beside the field, values kept, nothing changed: into the past, past the due date without a reason', async () => {
    const before = await h.store.conferences.get(ID);
    const past = await change('chair', 'reschedule', { newDate: '2026-11-20', newTime: '10:00', newLocation: 'Room 9' });
    expect(besideField(past, 'newDate')).to.contain('in the past');
    expect(JSON.stringify(past)).to.contain('"id":"newLocation"').and.to.contain('Room 9');
    const late = await change('cpu', 'reschedule', { newDate: '2026-12-16', newTime: '10:00' });
    expect(besideField(late, 'newDate')).to.contain('must be held by Fri 11 Dec 2026');
    expect(besideField(late, 'newLateReason')).to.contain('Needed');
    const malformed = await change('cpu', 'reschedule', { newDate: '16/12/2026', newTime: '10:00' });
    expect(besideField(malformed, 'newDate')).to.match(/date/);
    expect(JSON.stringify(malformed)).to.contain('16/12/2026');
    expect(await h.store.conferences.get(ID)).to.deep.equal(before);
    expect((await h.store.dueItems.forCase(CASE)).map((i) => i.due).sort()).to.deep.equal(['2026-12-08', '2026-12-09']);
  });

  it('moved past the due date with a reason: the due date stays, the reason is recorded again', async () => {
    const card = await change('cpu', 'reschedule', { newDate: '2026-12-16', newTime: '10:00', newLateReason: 'The paediatric assessment is only ready on the 15th.' });
    expect(JSON.stringify(card)).to.contain('Moved to Wed 16 Dec 2026, 10:00');
    const conference = await h.store.conferences.get(ID);
    expect(conference?.dueBy).to.equal('2026-12-11');
    expect(conference?.lateReason).to.contain('paediatric assessment');
    for (const key of invited) expect(await myReviews(key), key).to.contain('Wed 16 Dec 2026');
    // The chair, who did not make this change, is told 1:1.
    expect(JSON.stringify(h.cards(h.personal('chair').id).at(-1)!.card)).to.contain('Moved from Wed 9 Dec 2026, 14:00 by Carol Unit');
  });

  it('someone invited late is invited at once and has it in my reviews; bad additions are refused', async () => {
    const card = await change('cpu', 'addInvitee', { addLine: `Sophie Stranger, ${CAST.stranger.email}, Housing, professional` });
    expect(JSON.stringify(card)).to.contain('Sophie Stranger is invited and has the invitation 1:1');
    expect(JSON.stringify(latest('stranger'))).to.contain('Wed 16 Dec 2026, 10:00').and.to.contain('"verb":"rsvp"');
    expect(await myReviews('stranger')).to.contain('Wed 16 Dec 2026');
    // The same addition sent again (the retry after "Not saved") completes it, and the invitation is not sent twice.
    const invitations = () => h.connector.outgoing.filter((o) => o.kind !== 'update' && o.conversationId === h.personal('stranger').id && JSON.stringify(o.activity).includes('"verb":"rsvp"')).length;
    expect(invitations()).to.equal(1);
    expect(JSON.stringify(await change('cpu', 'addInvitee', { addLine: `Sophie Stranger, ${CAST.stranger.email}, Housing, professional` }))).to.contain('Sophie Stranger is invited');
    expect(invitations()).to.equal(1);
    const again = await change('cpu', 'addInvitee', { addLine: `Pat Police, ${CAST.police.email}, Police` });
    expect(besideField(again, 'addLine')).to.contain('already invited');
    const chair = await change('cpu', 'addInvitee', { addLine: `Irene Chair, ${CAST.chair.email}, Children's Social Care` });
    expect(besideField(chair, 'addLine')).to.contain('is the chair');
    const malformed = await change('cpu', 'addInvitee', { addLine: 'Just a name, no email here' });
    expect(besideField(malformed, 'addLine')).to.match(/not an email address|expected name, email, agency, role/);
    expect(JSON.stringify(malformed)).to.contain('Just a name, no email here');
    expect((await h.store.invitees.list(ID)).length).to.equal(12);
  });

  it('someone removed is told 1:1 and leaves my reviews; the chair cannot be removed', async () => {
    const card = await change('chair', 'removeInvitee', { removeWho: CAST.probation.aadObjectId });
    expect(JSON.stringify(card)).to.contain('Paul Probation is no longer invited and has been told 1:1');
    const notice = latest('probation');
    expect(JSON.stringify(notice)).to.contain('no longer invited');
    expect(titles(notice)).to.deep.equal([]);
    expect(await myReviews('probation')).to.equal('');
    expect(await h.store.invitees.get(ID, CAST.probation.aadObjectId)).to.equal(undefined);
    const chair = await change('cpu', 'removeInvitee', { removeWho: CAST.chair.aadObjectId });
    expect(besideField(chair, 'removeWho')).to.contain('cannot be removed');
    // The same removal sent again (the retry after "Not saved", a redelivery) completes it, and the notice is not sent twice.
    const notices = () => h.connector.outgoing.filter((o) => o.kind !== 'update' && o.conversationId === h.personal('probation').id && JSON.stringify(o.activity).includes('no longer invited')).length;
    expect(notices()).to.equal(1);
    const again = await change('cpu', 'removeInvitee', { removeWho: CAST.probation.aadObjectId });
    expect(JSON.stringify(again)).to.contain('Paul Probation is no longer invited').and.not.to.contain('Nothing was changed');
    expect(notices()).to.equal(1);
    // Someone who was never invited is still refused.
    const never = await change('cpu', 'removeInvitee', { removeWho: CAST.stranger.aadObjectId.replace('stranger', 'nobody') });
    expect(besideField(never, 'removeWho')).to.contain('not invited');
  });

  it('who has not answered, and a reminder to them only, from the RSVP summary', async () => {
    await h.teams.say(CAST.chair, h.personal('chair'), `who has not answered ${CASE}`);
    const summary = JSON.stringify(h.cards(h.personal('chair').id).at(-1)!.card);
    expect(summary).to.contain('Not answered:').and.to.contain('Hana Visitor').and.not.to.match(/Not answered:[^"]*Pat Police/);
    expect(summary).to.contain('Remind those who have not answered');
    const before = h.connector.outgoing.length;
    const card = await change('chair', 'remindNonResponders', { back: 'summary' });
    expect(JSON.stringify(card)).to.contain('9 people reminded 1:1');
    const sent = h.connector.outgoing.slice(before).filter((o) => JSON.stringify(o.activity).includes('Reminder: please answer'));
    const to = new Set(sent.map((o) => o.conversationId));
    expect(to.has(h.personal('health').id)).to.equal(true);
    expect(to.has(h.personal('police').id), 'answered: not reminded').to.equal(false);
    expect(to.has(h.personal('probation').id), 'removed: not reminded').to.equal(false);
  });

  it('cancelled with a reason: every invitation shows it without buttons, nothing stays due; it cannot be cancelled twice', async () => {
    const refused = await change('cpu', 'cancelConference', { cancelReason: '' });
    expect(besideField(refused, 'cancelReason')).to.match(/required/);
    const card = await change('cpu', 'cancelConference', { cancelReason: 'The child has moved to another area.' });
    expect(JSON.stringify(card)).to.contain('Cancelled: 11 people told 1:1');
    for (const key of [...invited.filter((k) => k !== 'probation'), 'stranger'] as CastKey[]) {
      const invitation = latest(key);
      expect(JSON.stringify(invitation), key).to.contain('has been cancelled').and.to.contain('moved to another area');
      expect(titles(invitation), key).to.deep.equal([]);
      expect(await myReviews(key), key).to.equal('');
    }
    expect(await h.store.dueItems.forCase(CASE)).to.deep.equal([]);
    // Each is told by a message of their own (a card updated in place notifies nobody), once, even when the same cancellation is sent again.
    const told = (key: CastKey) => h.connector.outgoing.filter((o) => o.kind !== 'update' && o.conversationId === h.personal(key).id && JSON.stringify(o.activity).includes('has been cancelled')).length;
    const again = await change('cpu', 'cancelConference', { cancelReason: 'The child has moved to another area.' });
    expect(JSON.stringify(again)).to.contain('Cancelled:').and.not.to.contain('Nothing was changed');
    for (const key of [...invited.filter((k) => k !== 'probation'), 'stranger'] as CastKey[]) expect(told(key), key).to.equal(1);
    const twice = await change('cpu', 'cancelConference', { cancelReason: 'again' });
    expect(JSON.stringify(twice)).to.contain('Nothing was changed. This conference was cancelled').and.not.to.contain('"verb":"cancelConference"');
    expect(await h.refused('mother', h.personal('mother'), 'rsvp', { conferenceId: ID, answer: 'attending' })).to.match(/cancelled/);
    const trail = (await h.store.audit.forConference(ID)).map((e) => e.action);
    for (const a of ['conference-cancelled', 'invitee-added', 'invitee-removed', 'non-responders-reminded', 'change-refused']) expect(trail, a).to.include(a);
  });

  it('a conference already held cannot be cancelled or moved', async () => {
    const held = await seedConference(h.store, { id: 'HELD-2026-1.2026-11-20.initial', caseRef: 'HELD/2026/1', fullName: 'Held Child', chair: CAST.chair, invitees: [{ member: CAST.police, agency: 'police' }], scheduledAt: '2026-11-20T10:00:00.000Z', status: 'decided' });
    const card = await h.click('cpu', h.personal('cpu'), 'cancelConference', { conferenceId: held.conference.id, cancelReason: 'Too late now' });
    expect(JSON.stringify(card)).to.contain('Nothing was changed. This conference was already held').and.not.to.contain('"verb":"cancelConference"');
    expect((await h.store.conferences.get(held.conference.id))?.status).to.equal('decided');
    await h.teams.say(CAST.cpu, h.personal('cpu'), 'cancel HELD/2026/1');
    expect(JSON.stringify(h.cards(h.personal('cpu').id).at(-1)!.card)).to.contain('already held').and.not.to.contain('Cancel the conference');
  });

  it('"next review CASE" offers to book the review: the form prefilled from the case, and the review scheduled from it', async () => {
    h.now = new Date('2026-12-01T09:00:00Z');
    const last = await seedConference(h.store, {
      id: 'REV-2026-1.2026-11-02.initial',
      caseRef: 'REV/2026/1',
      fullName: 'Review Child',
      chair: CAST.chair,
      invitees: [{ member: CAST.social, agency: 'childrens-social-care' }, { member: CAST.police, agency: 'police' }, { member: CAST.mother, agency: 'family', role: 'family' }],
      scheduledAt: '2026-11-02T10:00:00.000Z',
      status: 'decided',
    });
    await h.store.plans.record({ caseRef: 'REV/2026/1', plan: 'cp', onPlanSince: '2026-11-02', startedBy: last.conference.id, lastReviewedBy: last.conference.id });
    await h.store.dueItems.schedule({ kind: 'first-review', due: '2027-02-01', caseRef: 'REV/2026/1', conferenceId: last.conference.id, title: 'AB', userIds: [CAST.chair.aadObjectId, CAST.social.aadObjectId, CAST.police.aadObjectId, CAST.mother.aadObjectId, CAST.cpu.aadObjectId], done: false });

    await h.teams.say(CAST.cpu, h.personal('cpu'), 'next review REV/2026/1');
    const next = h.cards(h.personal('cpu').id).at(-1)!.card;
    expect(titles(next)).to.include('Book the review');
    await h.teams.say(CAST.police, h.personal('police'), 'next review REV/2026/1');
    expect(titles(h.cards(h.personal('police').id).at(-1)!.card), 'only the Unit books').to.not.include('Book the review');
    const reviews = await h.teams.say(CAST.cpu, h.personal('cpu'), 'my reviews');
    expect(reviews.status).to.equal(200);
    expect(JSON.stringify(h.cards(h.personal('cpu').id).at(-1)!.card)).to.contain('"verb":"bookReview"');

    const form = await h.click('cpu', h.personal('cpu'), 'bookReview', { caseRef: 'REV/2026/1' });
    const values: Record<string, string> = {};
    JSON.stringify(form, (k, v) => {
      if (v && typeof v === 'object' && typeof v.id === 'string' && typeof v.type === 'string' && v.type.startsWith('Input.') && typeof v.value === 'string') values[v.id] = v.value;
      return v;
    });
    expect(values).to.include({ caseRef: 'REV/2026/1', childInitials: 'AB', kind: 'first-review', triggerDate: '2026-11-02', date: '2027-02-01', policy: 'bolton', chairName: CAST.chair.name, chairContact: CAST.chair.id });
    expect(values.inviteeLines).to.contain('Sam Social, 29:social, Children\'s Social Care, professional').and.to.contain('Mary Parent, 29:mother, Family, family');
    expect(JSON.stringify(form)).to.contain('Statutory due date: Tue 2 Feb 2027');

    const booked = await h.click('cpu', h.personal('cpu'), 'schedule', { ...values, time: '10:00' });
    expect(JSON.stringify(booked)).to.contain('Conference scheduled');
    const reviewId = conferenceIdOf('REV/2026/1', '2027-02-01', 'first-review');
    expect((await h.store.invitees.list(reviewId)).map((i) => i.name).sort()).to.deep.equal(['Mary Parent', 'Pat Police', 'Sam Social']);
    for (const key of ['social', 'police', 'mother'] as CastKey[]) {
      expect(JSON.stringify(latest(key, 'REV/2026/1')), key).to.contain('First review conference').and.to.contain('Mon 1 Feb 2027, 10:00');
    }
  });

  it('every card parses with Microsoft’s library, and no group chat saw a full name', () => {
    expect(h.checkAllCards()).to.be.greaterThan(50);
    expect(h.groupTraffic()).to.not.contain('Jordan');
  });
});
