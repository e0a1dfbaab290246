// A lifecycle step of a case (bot/lifecycle.ts) is one transaction of the case's partition: the
// due items and plan rows with outbox rows for the due indexes and the step's audit entry, relayed
// after. "Every state change is audited, together with the change" and "nothing is half-written".
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import type { AuditInput } from '../../src/store/audit.js';
import { SWEEP_GRACE_MS, type CaseChange } from '../../src/store/case-changes.js';
import type { DueItem } from '../../src/store/due-items.js';
import { keyPart } from '../../src/store/keys.js';
import { azuriteConnectionString as connectionStringOf } from '../../src/store/azurite.js';
import { createStore, type Store } from '../../src/store/store.js';
import { tableClients } from '../../src/store/tables.js';
import { azuriteConnectionString } from '../support/azurite-hook.js';
import { testStore, uniquePrefix, type TestStore } from '../support/store.js';
import { StoreProxy, type RequestLine } from '../bot/support/store-proxy.js';

const AT = '2026-12-01T10:00:00.000Z';
const newCaseRef = () => `CP/2026/${randomUUID().slice(0, 8)}`;
const item = (caseRef: string, overrides: Partial<DueItem> = {}): DueItem => ({ kind: 'later-review', due: '2027-03-01', caseRef, title: 'AB', userIds: ['aad-chair', 'aad-sw'], done: false, ...overrides });
const change = (c: Partial<CaseChange>): CaseChange => ({ cancel: [], complete: [], schedule: [], plans: [], ...c });
const entry = (conferenceId: string, action = 'lifecycle-scheduled'): AuditInput => ({ id: randomUUID(), at: AT, userId: 'aad-chair', name: 'Irene Chair', action, conferenceId, details: {} });

describe('store: a case step is one transaction, with an outbox for the indexes and its audit entry', () => {
  let store: TestStore;
  before(async () => {
    store = await testStore();
  });

  /**
   * Runs `work` with a store over the same tables reached through a proxy: the first request that
   * `when` picks waits while `meanwhile` runs on the direct store (so do later ones until it is
   * done). Says whether it ran.
   */
  async function interrupting(when: (r: RequestLine) => boolean, meanwhile: () => Promise<unknown>, work: (through: Store) => Promise<unknown>): Promise<boolean> {
    const endpoint = new URL(/TableEndpoint=([^;]+)/.exec(azuriteConnectionString())![1]!);
    const proxy = new StoreProxy({ host: endpoint.hostname, port: Number(endpoint.port) });
    await proxy.start();
    let ran: Promise<unknown> | undefined;
    proxy.beforeRequest = async (r) => {
      if (!when(r)) return;
      ran ??= meanwhile();
      await ran;
    };
    try {
      await work(createStore(tableClients(connectionStringOf(`http://127.0.0.1:${proxy.port}/devstoreaccount1`), store.prefix)));
    } finally {
      await proxy.stop();
    }
    return ran !== undefined;
  }

  /** A step scheduling one item, stored by an instance whose per-person index is unreachable (no such table): its relay fails. */
  async function leftHalfRelayed() {
    const caseRef = newCaseRef();
    const conferenceId = `c-${randomUUID().slice(0, 8)}`;
    const broken = createStore({ ...store.tables, dueByUser: tableClients(azuriteConnectionString(), uniquePrefix()).dueByUser });
    const { unrelayed } = await broken.caseChanges.step(caseRef, AT, async () => ({ change: change({ schedule: [item(caseRef)] }), audit: entry(conferenceId), result: undefined }));
    return { caseRef, conferenceId, unrelayed };
  }

  it('stores the items, then relays the per-person and per-day rows and the audit entry, leaving no outbox', async () => {
    const caseRef = newCaseRef();
    const conferenceId = `c-${randomUUID().slice(0, 8)}`;
    const { result, unrelayed } = await store.caseChanges.step(caseRef, AT, async () => ({ change: change({ schedule: [item(caseRef)] }), audit: entry(conferenceId), result: 'done' }));
    expect(result).to.equal('done');
    expect(unrelayed).to.equal(undefined);
    expect((await store.dueItems.forCase(caseRef)).map((i) => i.due)).to.deep.equal(['2027-03-01']);
    expect((await store.dueItems.forUser('aad-sw')).filter((i) => i.caseRef === caseRef)).to.have.length(1);
    expect(await store.dueItems.forDay('2027-03-01')).to.satisfy((xs: DueItem[]) => xs.some((i) => i.caseRef === caseRef));
    expect((await store.audit.forConference(conferenceId)).map((e) => e.action)).to.deep.equal(['lifecycle-scheduled']);
    expect((await store.caseChanges.read(caseRef)).pending).to.deep.equal([]);
  });

  it('an instance that stops after the transaction loses nothing: the case’s next step relays what it left', async () => {
    const { caseRef, conferenceId, unrelayed } = await leftHalfRelayed();
    expect(unrelayed?.rows).to.have.length(2);
    expect(await store.dueItems.forCase(caseRef)).to.have.length(1);
    expect((await store.dueItems.forUser('aad-chair')).filter((i) => i.caseRef === caseRef)).to.deep.equal([]);
    expect(await store.audit.forConference(conferenceId)).to.deep.equal([]);
    expect((await store.caseChanges.read(caseRef)).pending).to.have.length(2);

    // The next step of the case (here one that changes nothing) finishes the outbox first.
    let sawPending = -1;
    await store.caseChanges.step(caseRef, AT, async (rows) => ((sawPending = rows.pending.length), { change: change({}), result: undefined }));
    expect(sawPending).to.equal(0);
    expect((await store.dueItems.forUser('aad-chair')).filter((i) => i.caseRef === caseRef)).to.have.length(1);
    expect((await store.audit.forConference(conferenceId)).map((e) => e.action)).to.deep.equal(['lifecycle-scheduled']);
    expect((await store.caseChanges.read(caseRef)).pending).to.deep.equal([]);
  });

  it('a step left half-relayed and never followed is finished by the sweep after the grace period, and unmarked', async () => {
    const { caseRef, conferenceId } = await leftHalfRelayed();
    const marked = async () => (await store.caseChanges.marks.marked()).some((m) => m.value.id === caseRef);
    expect(await marked()).to.equal(true);

    // Within the grace period the rows are their own step's to relay: the sweep leaves them.
    await store.caseChanges.sweep(new Date(Date.parse(AT) + SWEEP_GRACE_MS - 1_000));
    expect((await store.caseChanges.read(caseRef)).pending).to.have.length(2);
    expect(await marked()).to.equal(true);

    await store.caseChanges.sweep(new Date(Date.parse(AT) + SWEEP_GRACE_MS + 1_000));
    expect((await store.caseChanges.read(caseRef)).pending).to.deep.equal([]);
    expect((await store.dueItems.forUser('aad-chair')).filter((i) => i.caseRef === caseRef)).to.have.length(1);
    expect((await store.audit.forConference(conferenceId)).map((e) => e.action)).to.deep.equal(['lifecycle-scheduled']);
    expect(await marked()).to.equal(false);
  });

  it('a failed relay retried after the case’s next step puts nothing back; an older index write landing late is not listed, not reminded, and is cleared', async () => {
    const { caseRef, unrelayed } = await leftHalfRelayed();
    const review = { kind: 'later-review' as const, due: '2027-03-01', caseRef };
    // The case's next step (the plan ended, say) relays the first step's rows, then cancels the review.
    await store.caseChanges.step(caseRef, AT, async () => ({ change: change({ cancel: [review] }), result: undefined }));
    const listedFor = async (userId: string) => (await store.dueItems.byUser.query(keyPart(userId))).filter((r) => r.value.caseRef === caseRef);
    const listedOn = async () => (await store.dueItems.forDay(review.due)).filter((i) => i.caseRef === caseRef);

    // The background retry of the first step relays what the outbox holds now: nothing.
    await store.caseChanges.finish(caseRef);
    expect(await listedFor('aad-chair')).to.deep.equal([]);
    expect(await listedOn()).to.deep.equal([]);

    // The first step's own rows relayed again (the old background retry) follow the case row as it
    // is now: they put nothing back.
    await store.caseChanges.relay(unrelayed!.rows);
    expect(await listedFor('aad-chair')).to.deep.equal([]);
    expect(await listedOn()).to.deep.equal([]);

    // An index write of the first step still in flight when the review was cancelled (another
    // instance) can land after it all the same: the case row says otherwise, and wins.
    const late = unrelayed!.rows.flatMap(({ value }) => (value.relay.kind === 'due' ? [value.relay.item] : []))[0]!;
    await store.dueItems.byDay.upsert(late);
    for (const userId of late.userIds) await store.dueItems.byUser.upsert({ kind: late.kind, due: late.due, caseRef, title: late.title, userId, done: false });
    expect(await listedFor('aad-chair')).to.have.length(1);
    expect(await listedOn()).to.have.length(1);
    expect((await store.dueItems.forUser('aad-chair')).filter((i) => i.caseRef === caseRef)).to.deep.equal([]);
    expect((await store.dueItems.dueOn(review.due)).filter((i) => i.caseRef === caseRef)).to.deep.equal([]);
    // The reminder run's read of the day cleared the stale rows.
    expect(await listedFor('aad-chair')).to.deep.equal([]);
    expect(await listedFor('aad-sw')).to.deep.equal([]);
    expect(await listedOn()).to.deep.equal([]);
  });

  it('the reminder run clears a stale row under the ETag it read: an item scheduled again meanwhile keeps its rows', async () => {
    const caseRef = newCaseRef();
    const review = item(caseRef, { due: '2027-04-01' });
    // Index rows for an item the case no longer has (an older relay landed late).
    await store.dueItems.byDay.upsert(review);
    for (const userId of review.userIds) await store.dueItems.byUser.upsert({ kind: review.kind, due: review.due, caseRef, title: review.title, userId, done: false });
    // The reminder run's store reaches Azurite through a proxy: just as it deletes, the item is scheduled again.
    const interrupted = await interrupting(
      (r) => r.method === 'DELETE',
      () => store.caseChanges.step(caseRef, AT, async () => ({ change: change({ schedule: [review] }), result: undefined })),
      async (run) => expect((await run.dueItems.dueOn(review.due)).filter((i) => i.caseRef === caseRef)).to.deep.equal([]),
    );
    expect(interrupted).to.equal(true);
    expect((await store.dueItems.forDay(review.due)).filter((i) => i.caseRef === caseRef)).to.have.length(1);
    expect((await store.dueItems.forUser('aad-sw')).filter((i) => i.caseRef === caseRef)).to.have.length(1);
    expect((await store.dueItems.dueOn(review.due)).filter((i) => i.caseRef === caseRef)).to.have.length(1);
  });

  it('an index write made from an older case row is refused under its ETag and made again from the new one', async () => {
    const caseRef = newCaseRef();
    const review = item(caseRef, { due: '2027-05-03' });
    await store.caseChanges.step(caseRef, AT, async () => ({ change: change({ schedule: [review] }), result: undefined }));
    // A relay of that step (another instance's, late) has read the rows; just as it writes, the
    // social worker is dropped from the review and that step is relayed.
    const interrupted = await interrupting(
      (r) => r.method !== 'GET',
      () => store.caseChanges.step(caseRef, AT, async () => ({ change: change({ schedule: [{ ...review, userIds: ['aad-chair'] }] }), result: undefined })),
      (late) => late.dueItems.follow({ item: review, state: 'scheduled', dropped: [] }),
    );
    expect(interrupted).to.equal(true);
    const listed = async (userId: string) => (await store.dueItems.byUser.query(keyPart(userId))).filter((r) => r.value.caseRef === caseRef);
    expect(await listed('aad-sw')).to.deep.equal([]);
    expect(await listed('aad-chair')).to.have.length(1);
    expect((await store.dueItems.forDay(review.due)).filter((i) => i.caseRef === caseRef).map((i) => i.userIds)).to.deep.equal([['aad-chair']]);

    // A cancellation relayed after the item was scheduled again (the same date) leaves its rows.
    await store.dueItems.follow({ item: review, state: 'cancelled', dropped: [] });
    expect(await listed('aad-chair')).to.have.length(1);
  });

  it('the reminder run and "my reviews" see an item as its case row has it, whatever the index says', async () => {
    const caseRef = newCaseRef();
    await store.caseChanges.step(caseRef, AT, async () => ({ change: change({ schedule: [item(caseRef), item(caseRef, { kind: 'core-group', due: '2027-03-01' })] }), result: undefined }));
    // Index rows older than the case: the review still names someone since dropped, the core group still open though done.
    await store.dueItems.byDay.upsert(item(caseRef, { userIds: ['aad-chair', 'aad-sw', 'aad-dropped'] }));
    await store.dueItems.byUser.upsert({ kind: 'later-review', due: '2027-03-01', caseRef, title: 'AB', userId: 'aad-dropped', done: false });
    await store.dueItems.byCase.put(item(caseRef, { kind: 'core-group', due: '2027-03-01', done: true }));

    const due = (await store.dueItems.dueOn('2027-03-01')).filter((i) => i.caseRef === caseRef);
    expect(due.map((i) => [i.kind, i.userIds])).to.deep.equal([['later-review', ['aad-chair', 'aad-sw']]]);
    expect((await store.dueItems.forUser('aad-dropped')).filter((i) => i.caseRef === caseRef)).to.deep.equal([]);
    expect((await store.dueItems.forUser('aad-sw')).filter((i) => i.caseRef === caseRef).map((i) => i.kind)).to.deep.equal(['later-review']);
  });

  it('a step written against rows that changed since is refused whole, and step() decides it again', async () => {
    const caseRef = newCaseRef();
    await store.caseChanges.step(caseRef, AT, async () => ({ change: change({ schedule: [item(caseRef), item(caseRef, { kind: 'core-group', due: '2027-01-10' })] }), result: undefined }));
    const stale = await store.caseChanges.read(caseRef);
    await store.dueItems.complete({ kind: 'later-review', due: '2027-03-01', caseRef });
    // Against the stale read: the review rescheduled and a new item; the 412 on the review leaves the new item unwritten too.
    const next = change({ schedule: [item(caseRef, { userIds: ['aad-chair'] }), item(caseRef, { kind: 'minutes', due: '2026-12-20' })] });
    const refused = await store.caseChanges.commit(caseRef, stale, next, { at: AT }).then(
      () => undefined,
      (e: { statusCode?: number }) => e.statusCode,
    );
    expect(refused).to.equal(412);
    expect((await store.dueItems.forCase(caseRef, { includeDone: true })).map((i) => i.kind).sort()).to.deep.equal(['core-group', 'later-review']);

    // Two steps decided from the same read and changing the same item: one writes, the other is
    // decided again on what the first wrote — in either order, neither change is lost.
    let decisions = 0;
    let reads = 0;
    let bothRead!: () => void;
    const barrier = new Promise<void>((r) => (bothRead = r));
    const decided = async () => {
      decisions += 1;
      if (++reads === 2) bothRead();
      await barrier;
    };
    const coreGroup = { kind: 'core-group' as const, due: '2027-01-10', caseRef };
    await Promise.all([
      store.caseChanges.step(caseRef, AT, async () => (await decided(), { change: change({ complete: [coreGroup] }), result: undefined })),
      store.twin().caseChanges.step(caseRef, AT, async (rows) => {
        const read = rows.due.find((d) => d.value.kind === 'core-group')!.value;
        await decided();
        return { change: change({ schedule: [{ ...read, userIds: [...read.userIds, 'aad-x'] }] }), result: undefined };
      }),
    ]);
    expect(decisions).to.equal(3);
    const [after] = await store.dueItems.forCase(caseRef, { kinds: ['core-group'], includeDone: true });
    expect(after).to.include({ done: true }).and.to.have.property('userIds').that.deep.equals(['aad-chair', 'aad-sw', 'aad-x']);
  });
});
