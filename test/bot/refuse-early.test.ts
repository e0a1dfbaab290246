// Refuse early, cheaply, clearly: a card action the SDK cannot read is answered 400 with what was
// wrong before anything reads or writes; an invoke the bot does not handle gets a plain 501; a
// voter whose Teams display name is far longer than anything stored has the vote stored and is
// told so (never "Not saved" because recording the action failed on the name's length).
import { expect } from 'chai';
import { TABLES, type TableId } from '../../src/store/tables.js';
import type { TestStore } from '../support/store.js';
import { Harness } from './support/harness.js';
import { person, seedConference, type SeededConference } from './support/seed.js';

const AGENCIES = ['childrens-social-care', 'police', 'health-visiting', 'gp'] as const;

describe('Refuse early: malformed card actions, unhandled invokes, long display names', function () {
  this.timeout(60_000);
  const h = new Harness();
  let c: SeededConference;
  const chair = person('early-chair', 'Irene Early');
  const longName = `Police Constable ${'Verylongname-'.repeat(40)}`.slice(0, 500);
  const voters = AGENCIES.map((agency, i) => ({ member: person(`early-${i}`, i === 1 ? longName : `Voter ${i}`), agency }));

  before(async () => {
    await h.start();
    h.connector.directory.push(chair, ...voters.map((v) => v.member));
    h.now = new Date('2026-12-07T10:00:00Z');
    c = await seedConference(h.store, {
      id: 'EARLY-1.2026-12-07.initial',
      caseRef: 'EAR/2026/1',
      fullName: 'Robin Earlytest',
      chair,
      // The invitation was made with a short name; Teams sends the long display name.
      invitees: voters.map((v, i) => ({ member: i === 1 ? { ...v.member, name: 'PC Long' } : v.member, agency: v.agency })),
    });
    expect((await h.teams.say(chair, c.group, `start ${c.conference.caseRef}`)).status).to.equal(200);
    for (const v of voters) expect((await h.teams.execute(v.member, c.group, 'checkIn', { conferenceId: c.conference.id })).status).to.equal(200);
    expect((await h.teams.execute(chair, c.group, 'openRound', { conferenceId: c.conference.id })).status).to.equal(200);
  });
  after(() => h.stop());

  const BAD_VALUES: [string, unknown][] = [
    ['an empty list', []],
    ['a string', 'vote'],
    ['a number', 42],
    ['no value', undefined],
    ['action: null', { action: null }],
    ['an action without a verb', { action: { type: 'Action.Execute', data: {} } }],
    ['an Action.Submit', { action: { type: 'Action.Submit', verb: 'vote', data: {} } }],
    ['data that is a list', { action: { type: 'Action.Execute', verb: 'vote', data: [] } }],
    ['data that is a string', { action: { type: 'Action.Execute', verb: 'vote', data: 'x' } }],
  ];

  for (const [what, value] of BAD_VALUES) {
    it(`a card action whose value is ${what}: HTTP 400 with a readable message, nothing written`, async () => {
      const before = await rowCount(h.store);
      const sent = h.connector.outgoing.length;
      const res = await h.teams.post({ type: 'invoke', name: 'adaptiveCard/action', value }, voters[0]!.member, c.group);
      expect(res.status).to.equal(400);
      expect(res.body.value.message).to.match(/^Malformed card action: .+\.$/);
      expect(res.body.value.message.length).to.be.below(300);
      expect(await rowCount(h.store)).to.equal(before);
      expect(h.connector.outgoing.length).to.equal(sent);
    });
  }

  it('an invoke this bot does not handle gets a plain 501 saying so', async () => {
    const res = await h.teams.post({ type: 'invoke', name: 'composeExtension/query', value: { commandId: 'x' } }, voters[0]!.member, c.group);
    expect(res.status).to.equal(501);
    expect(res.body.value.message).to.equal('This bot does not handle "composeExtension/query" requests.');
  });

  it('a voter with a 500-character Teams display name: the vote is stored, answered as stored, and audited with the name cut', async () => {
    const res = await h.teams.execute(voters[1]!.member, c.group, 'vote', { conferenceId: c.conference.id, roundId: '1', choice: 'cp-plan' });
    expect(res.status).to.equal(200);
    expect(JSON.stringify(res.body.value)).not.to.include('Not saved');
    expect(JSON.stringify(res.body.value)).to.include('Child protection plan');
    const votes = await h.store.votes.list(c.conference.id, 1);
    expect(votes.map((v) => v.agency)).to.deep.equal(['police']);
    const entry = (await h.store.audit.forConference(c.conference.id)).find((e) => e.action === 'vote-recorded');
    expect(entry?.userId).to.equal(voters[1]!.member.aadObjectId);
    expect(entry!.name.length).to.be.at.most(120);
    expect(longName.startsWith(entry!.name)).to.equal(true);
  });
});

async function rowCount(store: TestStore): Promise<number> {
  let n = 0;
  for (const id of Object.keys(TABLES) as TableId[]) for await (const _ of store.tables[id].listEntities()) n += 1;
  return n;
}
