import { expect } from 'chai';
import { testStore, type TestStore } from '../support/store.js';
import { newConferenceId } from '../support/records.js';

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
