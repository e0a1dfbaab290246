// What the bot keeps to reach people and update cards: conversation references and card activities.
import { expect } from 'chai';
import { aConference } from '../support/records.js';
import { testStore, type TestStore } from '../support/store.js';

describe('store: conversation references and card activities', () => {
  let store: TestStore;
  before(async () => {
    store = await testStore();
  });

  it('saves a conversation reference per user; the same one again writes nothing', async () => {
    const reference = { conversation: { id: 'a:1on1' }, serviceUrl: 'https://smba.trafficmanager.net/uk/', user: { id: '29:bob', aadObjectId: 'aad-bob' } };
    expect((await store.conversations.save('aad-bob', reference, '2026-11-20T09:00:00.000Z')).outcome).to.equal('created');
    expect((await store.conversations.save('aad-bob', reference, '2026-11-21T09:00:00.000Z')).outcome).to.equal('unchanged');
    expect(await store.conversations.get('aad-bob')).to.deep.equal(reference);
    const moved = { ...reference, serviceUrl: 'https://smba.trafficmanager.net/emea/' };
    expect((await store.conversations.save('aad-bob', moved, '2026-11-22T09:00:00.000Z')).outcome).to.equal('updated');
    expect(await store.conversations.get('aad-bob')).to.deep.equal(moved);
    expect(await store.conversations.get('aad-nobody')).to.equal(undefined);
  });

  it('remembers which activity shows each card, for the group and per person', async () => {
    const { id } = aConference();
    const group = { conferenceId: id, card: 'vote', audience: 'group', conversationId: '19:chat@thread.v2', activityId: '1700000000001', updatedAt: '2026-12-01T10:30:00.000Z' };
    const personal = { conferenceId: id, card: 'invitation', audience: '29:bob/odd', conversationId: 'a:1on1', activityId: '1700000000002', updatedAt: '2026-11-20T09:00:00.000Z', reference: { conversation: { id: 'a:1on1' } } };
    await store.cards.save(group);
    await store.cards.save(personal);
    expect(await store.cards.get(id, 'vote')).to.deep.equal(group);
    expect(await store.cards.get(id, 'invitation', '29:bob/odd')).to.deep.equal(personal);
    await store.cards.save({ ...group, activityId: '1700000000009' }); // posted afresh
    expect((await store.cards.get(id, 'vote'))?.activityId).to.equal('1700000000009');
    expect(await store.cards.list(id)).to.have.length(2);
  });
});
