// The generic validated read/write, and what happens when a row in the table is not what it should be.
import { expect } from 'chai';
import fc from 'fast-check';
import { odata } from '@azure/data-tables';
import { MalformedEntityError } from '../../src/store/entity-set.js';
import { assertKey, keyPart, prefixEnd } from '../../src/store/keys.js';
import { aBallot, aConference, anInvitation, CHAIR } from '../support/records.js';
import { testStore, type TestStore } from '../support/store.js';

async function expectMalformed(promise: Promise<unknown>, table: RegExp, partitionKey: string, rowKey: string, problem: RegExp) {
  try {
    await promise;
    expect.fail('a malformed entity was accepted');
  } catch (err) {
    expect(err).to.be.instanceOf(MalformedEntityError);
    const e = err as MalformedEntityError;
    expect(e.table).to.match(table);
    expect([e.partitionKey, e.rowKey]).to.deep.equal([partitionKey, rowKey]);
    expect(e.message).to.include(`PartitionKey '${partitionKey}'`).and.include(`RowKey '${rowKey}'`).and.match(problem);
  }
}

describe('store: validated entities', () => {
  let store: TestStore;
  before(async () => {
    store = await testStore();
  });

  it('a conference row with a bad field is an error naming table, PartitionKey and RowKey', async () => {
    const conference = aConference();
    await store.conferences.create(conference);
    await store.tables.conferences.updateEntity({ partitionKey: conference.id, rowKey: 'conference', status: 'finished' }, 'Merge');
    await expectMalformed(store.conferences.get(conference.id), /Conferences$/, conference.id, 'conference', /status/);
  });

  it('a planted vote row with broken JSON is reported when the votes are listed', async () => {
    const conference = aConference();
    await store.conferences.create(conference);
    await store.votes.openRound(conference.id, { question: 'initial', agencies: ['police'], openedBy: CHAIR, at: '2026-12-01T10:00:00.000Z' });
    await store.votes.cast(conference.id, 1, aBallot());
    await store.tables.conferences.updateEntity({ partitionKey: conference.id, rowKey: 'vote|0001|police', ballot: '{"choice":' }, 'Merge');
    await expectMalformed(store.votes.list(conference.id, 1), /Conferences$/, conference.id, 'vote|0001|police', /ballot[\s\S]*JSON|JSON[\s\S]*ballot/);
    // …and a vote cast into it is an error too, not a silent overwrite.
    await expectMalformed(store.votes.cast(conference.id, 1, aBallot()), /Conferences$/, conference.id, 'vote|0001|police', /JSON/);
  });

  it('a row whose fields do not match its keys is reported', async () => {
    const conference = aConference();
    await store.conferences.create(conference);
    const invitation = anInvitation(conference.id);
    await store.invitees.invite(invitation);
    await store.tables.conferences.updateEntity({ partitionKey: conference.id, rowKey: 'invitee|aad-user-police-1', userId: 'someone-else' }, 'Merge');
    await expectMalformed(store.invitees.list(conference.id), /Conferences$/, conference.id, 'invitee|aad-user-police-1', /belong under/);
  });

  it('a row missing required fields is reported with each missing field', async () => {
    const conference = aConference();
    await store.conferences.create(conference);
    await store.tables.conferences.createEntity({ partitionKey: conference.id, rowKey: 'decision', outcome: 'cp-plan' });
    await expectMalformed(store.decisions.get(conference.id), /Conferences$/, conference.id, 'decision', /split[\s\S]*dissents/);
  });

  it('keys: forbidden characters are encoded, reversibly and without collisions', () => {
    const nasty = 'CP/2026\\17#a?b|c%d\u0001';
    const encoded = keyPart(nasty);
    expect(() => assertKey('RowKey', encoded)).not.to.throw();
    expect(encoded).not.to.match(/[/\\#?|\u0000-\u001f]/);
    expect(decodeURIComponent(encoded)).to.equal(nasty);
    expect(keyPart('a|b')).not.to.equal(keyPart('a%7Cb'));
    expect(() => assertKey('PartitionKey', 'a/b')).to.throw(/forbids/);
    expect(prefixEnd('round|')).to.equal('round}');
  });

  it('keys: any text encodes to an allowed key part, and different texts never share one', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, unit: 'binary' }), fc.string({ minLength: 1, unit: 'binary' }), (a, b) => {
        expect(() => assertKey('RowKey', keyPart(a))).not.to.throw();
        expect(keyPart(a).includes('|')).to.equal(false);
        if (a !== b) expect(keyPart(a)).not.to.equal(keyPart(b));
      }),
    );
  });

  it('user text in a query value cannot change the filter (odata tag)', async () => {
    const conference = aConference();
    await store.conferences.create(conference);
    const hostile = `x' or PartitionKey ne '`;
    const filter = odata`PartitionKey eq ${hostile}`;
    const rows = [];
    for await (const row of store.tables.conferences.listEntities({ queryOptions: { filter } })) rows.push(row);
    expect(rows).to.have.length(0);
    expect(await store.invitees.get(conference.id, hostile)).to.equal(undefined);
  });
});
