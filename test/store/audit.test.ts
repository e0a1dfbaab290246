import { expect } from 'chai';
import { testStore, type TestStore } from '../support/store.js';
import { anInvitation, newConferenceId } from '../support/records.js';

describe('store: audit trail', () => {
  let store: TestStore;
  before(async () => {
    store = await testStore();
  });

  const entry = (conferenceId: string | undefined, at: string, action: string, details: Record<string, unknown> = {}) => ({
    at,
    userId: 'aad-bob',
    teamsUserId: '29:bob',
    name: 'Bob Police',
    action,
    conferenceId,
    details,
  });

  it('appends entries and lists a conference\'s trail in time order', async () => {
    const id = newConferenceId();
    await store.audit.append(entry(id, '2026-12-01T10:05:00.000Z', 'vote.cast', { round: 1, choice: 'cp-plan' }));
    await store.audit.append(entry(id, '2026-12-01T10:01:00.000Z', 'attendance.check-in'));
    await store.audit.append(entry(undefined, '2026-12-01T09:00:00.000Z', 'help.shown'));
    const trail = await store.audit.forConference(id);
    expect(trail.map((e) => e.action)).to.deep.equal(['attendance.check-in', 'vote.cast']);
    expect(trail[1]).to.deep.include({ userId: 'aad-bob', teamsUserId: '29:bob', conferenceId: id, details: { round: 1, choice: 'cp-plan' } });
    expect((await store.audit.general('2026-12')).map((e) => e.action)).to.include('help.shown');
  });

  it('the same action (same id and time) delivered twice is recorded once', async () => {
    const id = newConferenceId();
    const first = await store.audit.append({ ...entry(id, '2026-12-01T10:05:00.000Z', 'vote.cast'), id: 'activity-123' });
    const again = await store.audit.append({ ...entry(id, '2026-12-01T10:05:00.000Z', 'vote.cast'), id: 'activity-123' });
    expect([first.outcome, again.outcome]).to.deep.equal(['appended', 'duplicate']);
    expect(await store.audit.forConference(id)).to.have.length(1);
  });

  it('only inserts: the module offers no way to change or remove an entry', () => {
    const methods = Object.getOwnPropertyNames(Object.getPrototypeOf(store.audit));
    expect(methods.filter((m) => /update|delete|remove|replace|upsert|modify/i.test(m))).to.deep.equal([]);
  });

  it('cuts oversized details instead of failing the action', async () => {
    const id = newConferenceId();
    await store.audit.append(entry(id, '2026-12-01T10:05:00.000Z', 'card.posted', { body: 'x'.repeat(100_000) }));
    expect((await store.audit.forConference(id))[0]?.details).to.include({ truncated: true });
  });
});

describe('store: a change and its audit entry in one transaction', () => {
  let store: TestStore;
  before(async () => {
    store = await testStore();
  });

  const entryFor = (conferenceId: string, id: string) => store.audit.entryAction({ id, at: '2026-12-01T10:05:00.000Z', userId: 'aad-bob', name: 'Bob Police', action: 'rsvp', conferenceId, details: { answer: 'attending' } });
  const answer = (response: 'attending' | 'apologies') => ({ response, at: '2026-12-01T10:05:00.000Z' });

  it('an answer to the invitation is stored with its entry, or neither is', async () => {
    const id = newConferenceId();
    await store.invitees.invite(anInvitation(id, { userId: 'aad-bob' }));
    expect((await store.invitees.rsvp(id, 'aad-bob', answer('attending'), { audit: entryFor(id, 'activity-1|rsvp') })).outcome).to.equal('recorded');
    expect((await store.audit.forConference(id)).map((e) => e.action)).to.deep.equal(['rsvp']);
    // An entry the store refuses (here: filed under another conference's partition) fails the whole change.
    const elsewhere = entryFor(newConferenceId(), 'activity-2|rsvp');
    let failed = false;
    await store.invitees.rsvp(id, 'aad-bob', answer('apologies'), { audit: elsewhere }).catch(() => (failed = true));
    expect(failed, 'the transaction was refused').to.equal(true);
    expect((await store.invitees.get(id, 'aad-bob'))?.rsvp?.response).to.equal('attending');
    expect(await store.audit.forConference(id)).to.have.length(1);
  });

  it('a redelivered action whose entry is there already stores the change alone: one entry', async () => {
    const id = newConferenceId();
    await store.invitees.invite(anInvitation(id, { userId: 'aad-bob' }));
    await store.invitees.rsvp(id, 'aad-bob', answer('attending'), { audit: entryFor(id, 'activity-1|rsvp') });
    // Changed since by another answer, then the first activity arrives again.
    await store.invitees.rsvp(id, 'aad-bob', answer('apologies'), { audit: entryFor(id, 'activity-2|rsvp') });
    expect((await store.invitees.rsvp(id, 'aad-bob', answer('attending'), { audit: entryFor(id, 'activity-1|rsvp') })).outcome).to.equal('changed');
    expect((await store.invitees.get(id, 'aad-bob'))?.rsvp?.response).to.equal('attending');
    expect((await store.audit.forConference(id)).map((e) => e.id).sort()).to.deep.equal(['activity-1|rsvp', 'activity-2|rsvp']);
  });

  it('inviting, removing and a proposal each carry their entry; done again, the entry is not doubled', async () => {
    const id = newConferenceId();
    const entry = (n: string, action: string) => store.audit.entryAction({ id: n, at: '2026-12-01T10:05:00.000Z', userId: 'aad-chair', name: 'Chris Chair', action, conferenceId: id, details: {} });
    expect((await store.invitees.invite(anInvitation(id, { userId: 'aad-bob' }), { audit: entry('a-1', 'invitee-added') })).outcome).to.equal('invited');
    await store.proposals.put({ conferenceId: id, userId: 'aad-bob', name: 'Bob Police', agency: 'police', primary: 'neglect', others: [], at: '2026-12-01T10:06:00.000Z' }, { audit: entry('a-2', 'category-proposed') });
    await store.proposals.put({ conferenceId: id, userId: 'aad-bob', name: 'Bob Police', agency: 'police', primary: 'neglect', others: [], at: '2026-12-01T10:06:00.000Z' }, { audit: entry('a-2', 'category-proposed') });
    expect((await store.invitees.remove(id, 'aad-bob', { audit: entry('a-3', 'invitee-removed') })).outcome).to.equal('removed');
    expect((await store.invitees.remove(id, 'aad-bob', { audit: entry('a-3', 'invitee-removed') })).outcome).to.equal('not-invited');
    expect(await store.invitees.get(id, 'aad-bob')).to.equal(undefined);
    expect((await store.audit.forConference(id)).map((e) => e.action)).to.deep.equal(['invitee-added', 'category-proposed', 'invitee-removed']);
  });

  it('minutes recorded at the desk carry their entry: created or updated with it, refused whole without it, not doubled', async () => {
    const id = newConferenceId();
    const entry = (n: string, conferenceId = id) => store.audit.entryAction({ id: n, at: '2026-12-01T10:05:00.000Z', userId: 'aad-cpu', name: 'Pat Unit', action: 'desk-minutes-recorded', conferenceId, details: {} });
    const by = { userId: 'aad-cpu', name: 'Pat Unit' };
    expect((await store.minutes.record(id, { sentOn: '2026-12-18' }, by, '2026-12-18T10:00:00.000Z', { audit: entry('m-1') })).outcome).to.equal('created');
    // An entry the store refuses (another conference's partition) fails the update too.
    let failed = false;
    await store.minutes.record(id, { amendmentsClosedOn: '2027-01-05' }, by, '2027-01-05T10:00:00.000Z', { audit: entry('m-2', newConferenceId()) }).catch(() => (failed = true));
    expect(failed, 'the transaction was refused').to.equal(true);
    expect((await store.minutes.get(id))?.amendmentsClosedOn).to.equal(undefined);
    expect((await store.minutes.record(id, { amendmentsClosedOn: '2027-01-05' }, by, '2027-01-05T10:00:00.000Z', { audit: entry('m-2') })).outcome).to.equal('updated');
    // The same dates again change nothing and write no entry.
    expect((await store.minutes.record(id, { amendmentsClosedOn: '2027-01-05' }, by, '2027-01-06T10:00:00.000Z', { audit: entry('m-3') })).outcome).to.equal('unchanged');
    expect((await store.audit.forConference(id)).map((e) => e.id)).to.deep.equal(['m-1', 'm-2']);
  });
});
