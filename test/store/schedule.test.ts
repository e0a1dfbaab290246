import { expect } from 'chai';
import { testStore, type TestStore } from '../support/store.js';

describe('store: leases and reminder markers', () => {
  let store: TestStore;
  before(async () => {
    store = await testStore();
  });

  it('one instance holds a lease until it expires or is released', async () => {
    const t0 = new Date('2026-12-01T07:00:00.000Z');
    const other = store.twin();
    const results = await Promise.all([
      store.leases.acquire('reminder-run', 'instance-a', 60_000, t0),
      other.leases.acquire('reminder-run', 'instance-b', 60_000, t0),
    ]);
    expect(results.filter((r) => r.acquired)).to.have.length(1);
    const winner = results.find((r) => r.acquired)!.acquired && (await store.leases.get('reminder-run'))!.holder;
    const loser = winner === 'instance-a' ? 'instance-b' : 'instance-a';
    expect((await store.leases.acquire('reminder-run', winner as string, 60_000, new Date(t0.getTime() + 30_000))).acquired).to.equal(true); // renew
    expect((await store.leases.acquire('reminder-run', loser, 60_000, new Date(t0.getTime() + 60_000))).acquired).to.equal(false);
    expect((await store.leases.acquire('reminder-run', loser, 60_000, new Date(t0.getTime() + 90_001))).acquired).to.equal(true); // expired
    expect(await store.leases.release('reminder-run', winner as string)).to.equal(false);
    expect(await store.leases.release('reminder-run', loser)).to.equal(true);
    expect((await store.leases.acquire('reminder-run', winner as string, 60_000, t0)).acquired).to.equal(true);
  });

  it('a reminder is claimed for sending exactly once, across instances', async () => {
    const id = 'report|conf-1|aad-bob|2026-11-30';
    const other = store.twin();
    const claims = await Promise.all([store.reminders.claim(id, 'instance-a', '2026-11-29T07:00:00.000Z'), other.reminders.claim(id, 'instance-b', '2026-11-29T07:00:00.000Z')]);
    expect(claims.filter(Boolean)).to.have.length(1);
    expect(await store.reminders.claim(id, 'instance-a', '2026-11-29T08:00:00.000Z')).to.equal(false);
    expect((await store.reminders.get(id))?.id).to.equal(id);
    expect(await store.reminders.unclaim(id)).to.equal(true);
    expect(await store.reminders.claim(id, 'instance-a', '2026-11-29T09:00:00.000Z')).to.equal(true);
  });
});
