// Plans, due items and a case's conferences: the per-case and per-user questions.
import { expect } from 'chai';
import type { DueItem } from '../../src/store/due-items.js';
import type { Plan } from '../../src/store/plans.js';
import { aConference } from '../support/records.js';
import { testStore, type TestStore } from '../support/store.js';

let caseNo = 0;
const newCaseRef = () => `CP/2026/${String(++caseNo).padStart(4, '0')}-${Date.now()}`;

function aPlan(caseRef: string, overrides: Partial<Plan> = {}): Plan {
  return { caseRef, plan: 'cp', onPlanSince: '2026-12-01', category: { primary: 'neglect', others: [] }, nextReviewDate: '2027-03-01', startedBy: 'conf-1', ...overrides };
}

function aDueItem(caseRef: string, overrides: Partial<DueItem> = {}): DueItem {
  return { kind: 'later-review', due: '2027-03-01', caseRef, title: `Review conference AB (${caseRef})`, userIds: ['aad-chair', 'aad-sw'], done: false, ...overrides };
}

describe('store: plans, due items, conferences by case', () => {
  let store: TestStore;
  before(async () => {
    store = await testStore();
  });

  describe('plans', () => {
    it('round-trips a plan; the same plan again changes nothing', async () => {
      const caseRef = newCaseRef();
      const plan = aPlan(caseRef);
      expect(await store.plans.record(plan)).to.deep.equal({ outcome: 'created', plan });
      expect((await store.plans.record(plan)).outcome).to.equal('unchanged');
      expect(await store.plans.current(caseRef)).to.deep.equal(plan);
      expect((await store.plans.record({ ...plan, nextReviewDate: '2027-02-20' })).outcome).to.equal('updated');
    });

    it('ends the plan in force and keeps the history', async () => {
      const caseRef = newCaseRef();
      await store.plans.record(aPlan(caseRef, { onPlanSince: '2025-01-10' }));
      await store.plans.end(caseRef, { on: '2025-09-01', reason: 'review-discontinued', conferenceId: 'conf-r2' });
      expect(await store.plans.current(caseRef)).to.equal(undefined);
      await store.plans.record(aPlan(caseRef, { onPlanSince: '2026-12-01', category: { primary: 'physical', others: ['emotional'] } }));
      expect((await store.plans.current(caseRef))?.category?.primary).to.equal('physical');
      const updated = await store.plans.updateCurrent(caseRef, (p) => ({ ...p, nextReviewDate: '2027-02-01', lastReviewedBy: 'conf-r1' }));
      expect(updated.outcome).to.equal('changed');
      const history = await store.plans.history(caseRef);
      expect(history.map((p) => [p.onPlanSince, p.ended?.reason])).to.deep.equal([['2025-01-10', 'review-discontinued'], ['2026-12-01', undefined]]);
      expect((await store.plans.end(caseRef, { on: '2027-01-05', reason: 'moved-permanently' })).outcome).to.equal('changed');
      expect(await store.plans.updateCurrent(caseRef, (p) => p)).to.deep.equal({ outcome: 'not-found' });
    });

    it('a child in need plan has no category', async () => {
      try {
        await store.plans.record(aPlan(newCaseRef(), { plan: 'cin' }));
        expect.fail('accepted');
      } catch (err) {
        expect((err as Error).message).to.match(/category/);
      }
    });
  });

  describe('due items', () => {
    it('answers "next review for CASE", "my upcoming reviews" and "overdue for me" by partition', async () => {
      const caseRef = newCaseRef();
      await store.dueItems.schedule(aDueItem(caseRef, { kind: 'core-group', due: '2026-12-14', title: 'First core group' }));
      await store.dueItems.schedule(aDueItem(caseRef, { kind: 'later-review', due: '2027-03-01' }));
      await store.dueItems.schedule(aDueItem(caseRef, { kind: 'minutes', due: '2026-11-20', title: 'Minutes', userIds: ['aad-chair'], conferenceId: 'conf-1' }));
      expect((await store.dueItems.nextForCase(caseRef, 'later-review', '2026-12-02'))?.due).to.equal('2027-03-01');
      expect(await store.dueItems.nextForCase(caseRef, 'later-review', '2027-03-02')).to.equal(undefined);
      const chairUpcoming = await store.dueItems.upcomingForUser('aad-chair', '2026-12-02');
      expect(chairUpcoming.map((i) => i.kind)).to.include.ordered.members(['core-group', 'later-review']);
      expect((await store.dueItems.upcomingForUser('aad-sw', '2026-12-02', { kinds: ['later-review'] })).map((i) => [i.caseRef, i.due])).to.deep.include([caseRef, '2027-03-01']);
      expect((await store.dueItems.overdueForUser('aad-chair', '2026-12-02')).filter((i) => i.caseRef === caseRef).map((i) => i.kind)).to.deep.equal(['minutes']);
      expect((await store.dueItems.forUser('aad-chair', { from: '2026-12-14', to: '2026-12-14' })).map((i) => i.kind)).to.include('core-group');
      expect((await store.dueItems.forDay('2026-12-14')).map((i) => i.caseRef)).to.include(caseRef);
    });

    it('scheduling twice stores once; completing hides it from overdue; removing people removes their rows', async () => {
      const caseRef = newCaseRef();
      const item = aDueItem(caseRef, { kind: 'report', due: '2026-11-30', userIds: ['aad-p1', 'aad-p2'] });
      expect((await store.dueItems.schedule(item)).outcome).to.equal('created');
      expect((await store.dueItems.schedule(item)).outcome).to.equal('unchanged');
      expect(await store.dueItems.forUser('aad-p1')).to.have.length(1);
      await store.dueItems.schedule({ ...item, userIds: ['aad-p1'] });
      expect(await store.dueItems.forUser('aad-p2')).to.have.length(0);
      expect(await store.dueItems.overdueForUser('aad-p1', '2026-12-01')).to.have.length(1);
      expect((await store.dueItems.complete(item)).outcome).to.equal('changed');
      expect(await store.dueItems.overdueForUser('aad-p1', '2026-12-01')).to.have.length(0);
      expect(await store.dueItems.forUser('aad-p1', { includeDone: true })).to.have.length(1);
      expect((await store.dueItems.forDay('2026-11-30', { includeDone: true }))[0]?.done).to.equal(true);
    });

    it('a rescheduled review: cancel the old date, schedule the new', async () => {
      const caseRef = newCaseRef();
      const old = aDueItem(caseRef, { due: '2027-03-01', userIds: ['aad-r1'] });
      await store.dueItems.schedule(old);
      expect((await store.dueItems.cancel(old)).outcome).to.equal('removed');
      expect((await store.dueItems.cancel(old)).outcome).to.equal('not-found');
      await store.dueItems.schedule({ ...old, due: '2027-02-15' });
      expect((await store.dueItems.forUser('aad-r1')).map((i) => i.due)).to.deep.equal(['2027-02-15']);
      expect((await store.dueItems.forDay('2027-03-01')).filter((i) => i.caseRef === caseRef)).to.deep.equal([]);
    });
  });

  describe('conferences of a case', () => {
    it('lists a case\'s conferences and finds the next one still to be held', async () => {
      const caseRef = newCaseRef();
      const icpc = aConference({ caseRef, scheduledAt: '2026-12-01T10:00:00.000Z', status: 'decided' });
      const review = aConference({ caseRef, kind: 'first-review', scheduledAt: '2027-02-25T10:00:00.000Z' });
      await store.conferences.create(review);
      await store.conferences.create(icpc);
      expect((await store.conferences.listForCase(caseRef)).map((c) => c.id)).to.deep.equal([icpc.id, review.id]);
      expect((await store.conferences.nextForCase(caseRef))?.id).to.equal(review.id);
      await store.conferences.update(review.id, (c) => ({ ...c, status: 'stood-down' }));
      expect(await store.conferences.nextForCase(caseRef)).to.equal(undefined);
      expect(await store.conferences.nextForCase('NO-SUCH-CASE')).to.equal(undefined);
    });
  });
});
