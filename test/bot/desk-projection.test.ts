// The desk's projection from the stored records (bot/desk/projection.ts): what awaits the chair,
// and a newer view never overwritten by an older one.
import { expect } from 'chai';
import { refreshConference } from '../../bot/desk/projection.js';
import { testStore, type TestStore } from '../support/store.js';
import { TENANT } from '../support/entra.js';
import { person, seedConference } from './support/seed.js';

const chair = person('chair', 'Irene Chair');

describe('Desk projection', () => {
  let store: TestStore;
  before(async () => {
    store = await testStore();
  });

  it('a looked-after child made subject to a plan awaits the chair\'s exceptional circumstances (Bolton procedures), then the category', async () => {
    await seedConference(store, { id: 'lac-1', caseRef: 'LAC/1', fullName: 'Lee Example', chair, invitees: [{ member: person('sw', 'Sam Social'), agency: 'childrens-social-care' }], status: 'in-progress' });
    await store.conferences.update('lac-1', (c) => ({ ...c, lookedAfter: true }));
    const decision = { conferenceId: 'lac-1', outcome: 'cp-plan' as const, split: false, dissents: [], coreGroup: [], safetyScales: [], decidedBy: { userId: chair.aadObjectId, name: chair.name }, decidedAt: '2026-12-07T11:00:00.000Z' };
    expect((await store.decisions.record(decision)).outcome).to.equal('recorded');
    await refreshConference(store, 'lac-1', TENANT);
    expect((await store.desk.get('lac-1'))?.awaitingChair).to.equal('exceptional-circumstances');
    await store.decisions.update('lac-1', (d) => ({ ...d, exceptionalCircumstances: 'The care plan cannot keep the child safe without a CP plan.' }));
    await store.audit.append({ at: '2026-12-07T11:05:00.000Z', userId: chair.aadObjectId, name: chair.name, action: 'exceptional-recorded', conferenceId: 'lac-1', details: {} });
    await refreshConference(store, 'lac-1', TENANT);
    expect((await store.desk.get('lac-1'))?.awaitingChair).to.equal('category');
    expect(await store.desk.openConferences(TENANT)).to.have.length(1);
  });

  it('an older view (a lower stamp) written after a newer one leaves the newer in place', async () => {
    const newer = await store.desk.get('lac-1');
    expect(newer).to.not.equal(undefined);
    await store.desk.putConference({ ...newer!, awaitingChair: 'split-decision', stamp: newer!.stamp - 1 }, true);
    expect((await store.desk.get('lac-1'))?.awaitingChair).to.equal('category');
  });
});
