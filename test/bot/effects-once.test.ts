// Effects exactly once: two bot instances over one store, the first one's writes delayed (a slow
// store), each receiving the same close, the same RSVP and the same scheduling form at once, and
// each activity redelivered: one result card in the chat, the decision once to each person, one
// invitation per invitee, in every run. A claim whose holder died is taken over after its
// timeout and finished: the person it was for gets the decision once. A message that could not be
// sent is sent by the reminder run's sweep from its stored data, with nobody clicking again.
import { expect } from 'chai';
import { startApp } from '../../bot/app.js';
import { readConfig } from '../../bot/config.js';
import { CLAIM_MS, MAX_SEND_ATTEMPTS, finishEffects } from '../../bot/effects.js';
import { createAdapter } from '../../bot/adapter.js';
import { Messenger } from '../../bot/messenger.js';
import type { Services } from '../../bot/services.js';
import { loadPolicies } from '../../src/policy-files/load.js';
import type { RunningServer } from '../../bot/server.js';
import { azuriteConnectionString as connectionStringOf } from '../../src/store/azurite.js';
import { createStore, type Store } from '../../src/store/store.js';
import { createTables, tableClients } from '../../src/store/tables.js';
import { azuriteConnectionString } from '../support/azurite-hook.js';
import { uniquePrefix } from '../support/store.js';
import { FakeConnector, type Member } from './support/connector.js';
import { executeActivity } from './support/deliver.js';
import { person, seedConference, type SeededConference } from './support/seed.js';
import { StoreProxy } from './support/store-proxy.js';
import { TeamsClient, type Conversation } from './support/teams.js';

const AGENCIES = ['childrens-social-care', 'police', 'health-visiting', 'gp', 'education'] as const;
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'MERGE', 'DELETE']);

describe('Effects exactly once: two instances, a slow store, redeliveries', function () {
  this.timeout(300_000);
  const cpu = person('eo-cpu', 'Carol Unit');
  const chair = person('eo-chair', 'Irene Chair');
  const directory: Member[] = [cpu, chair];
  const connector = new FakeConnector(directory);
  let proxy: StoreProxy;
  let store: Store;
  const servers: RunningServer[] = [];
  const instances: TeamsClient[] = [];
  let now = new Date('2026-12-07T10:00:00Z');
  let n = 0;

  before(async () => {
    await connector.start();
    const direct = azuriteConnectionString();
    const endpoint = new URL(/TableEndpoint=([^;]+)/.exec(direct)![1]!);
    proxy = new StoreProxy({ host: endpoint.hostname, port: Number(endpoint.port) });
    await proxy.start();
    // The first instance's writes wait 150–400 ms: a slow store, so the deliveries overlap.
    proxy.beforeRequest = async (r) => {
      if (WRITES.has(r.method)) await new Promise((ok) => setTimeout(ok, 150 + Math.random() * 250));
    };
    const prefix = uniquePrefix();
    const tables = tableClients(direct, prefix);
    await createTables(tables);
    store = createStore(tables);
    const slow = createStore(tableClients(connectionStringOf(`http://127.0.0.1:${proxy.port}/devstoreaccount1`), prefix));
    const config = readConfig({ PORT: '0', ADMIN_USER_IDS: cpu.aadObjectId });
    for (const s of [slow, store]) {
      const server = await startApp({ config, store: s, now: () => now, log: () => undefined, host: '127.0.0.1' });
      servers.push(server);
      instances.push(new TeamsClient(server.url, () => connector.url));
    }
  });
  after(async () => {
    for (const s of servers) await s.close();
    await proxy?.stop();
    await connector.stop();
  });

  /** The same activity (same id and time) to both instances at once, then redelivered to each a few seconds later. */
  async function everywhere(activity: Record<string, unknown>, from: Member, where: Conversation): Promise<number[]> {
    const fixed = { timestamp: now.toISOString(), ...activity };
    const first = await Promise.all(instances.map((t) => t.post(fixed, from, where)));
    // A redelivery comes later by the servers' clocks, whatever the activity's own time says.
    const sent = now;
    now = new Date(now.getTime() + 5_000);
    const again = await Promise.all(instances.map((t) => t.post(fixed, from, where)));
    now = sent;
    answers = [...first, ...again];
    return answers.map((a) => a.status);
  }
  let answers: { status: number; body: unknown }[] = [];

  const cardsTo = (conversationId: string, marker: string) => connector.to(conversationId).filter((o) => o.kind !== 'update' && JSON.stringify(o.activity).includes(marker));
  const personalOf = (m: Member) => `a:personal-${m.id}`;

  async function votingConference(): Promise<SeededConference> {
    n += 1;
    const invitees = AGENCIES.map((agency, i) => ({ member: person(`eo-${n}-${i}`, `Person ${n}-${i}`), agency }));
    directory.push(...invitees.map((i) => i.member));
    const c = await seedConference(store, { id: `EO-${n}.2026-12-07.initial`, caseRef: `EO/2026/${n}`, fullName: `Robin Once-${n}`, chair, invitees, policy: 'london' });
    expect((await instances[1]!.say(chair, c.group, `start ${c.conference.caseRef}`)).status).to.equal(200);
    for (const { member } of c.invitees) expect((await instances[1]!.execute(member, c.group, 'checkIn', { conferenceId: c.conference.id })).status).to.equal(200);
    expect((await instances[1]!.execute(chair, c.group, 'openRound', { conferenceId: c.conference.id })).status).to.equal(200);
    for (const { member } of c.invitees) {
      const answer = await instances[1]!.execute(member, c.group, 'vote', { conferenceId: c.conference.id, roundId: '1', choice: 'no-cp-plan', recommendation: 'child-in-need' });
      expect(answer.status).to.equal(200);
    }
    return c;
  }

  it('the same close, to both instances and redelivered, in 5 runs: one result card, the decision once to each person', async () => {
    for (let run = 0; run < 5; run++) {
      const c = await votingConference();
      const statuses = await everywhere(executeActivity('closeRound', { conferenceId: c.conference.id, roundId: '1' }), chair, c.group);
      for (const s of statuses) expect(s).to.equal(200);
      // A slow close is answered "still saving" and finishes in the background: wait for it, then a little more.
      const everyone = [chair, ...c.invitees.map((i) => i.member)];
      const told = (p: Member) => cardsTo(personalOf(p), '"text":"Conference decision"').filter((o) => JSON.stringify(o.activity).includes(c.conference.caseRef)).length;
      for (const until = Date.now() + 60_000; Date.now() < until && everyone.some((p) => told(p) === 0); ) await new Promise((r) => setTimeout(r, 200));
      await new Promise((r) => setTimeout(r, 1_000));
      const results = cardsTo(c.group.id, 'Conference decision — round');
      expect(results, `run ${run}: one result card`).to.have.length(1);
      for (const p of [chair, ...c.invitees.map((i) => i.member)]) {
        expect(cardsTo(personalOf(p), '"text":"Conference decision"').filter((o) => JSON.stringify(o.activity).includes(c.conference.caseRef)), `run ${run}: ${p.name} told once`).to.have.length(1);
      }
      expect((await store.audit.forConference(c.conference.id)).filter((e) => e.action === 'vote-round-closed'), `run ${run}: close audited once`).to.have.length(1);
    }
  });

  it('the same RSVP, to both instances and redelivered: stored once, audited once', async () => {
    n += 1;
    const invitees = AGENCIES.map((agency, i) => ({ member: person(`eo-${n}-${i}`, `Person ${n}-${i}`), agency }));
    directory.push(...invitees.map((i) => i.member));
    now = new Date('2026-11-30T10:00:00Z');
    const c = await seedConference(store, { id: `EO-${n}.2026-12-07.initial`, caseRef: `EO/2026/${n}`, fullName: `Robin Once-${n}`, chair, invitees });
    const who = c.invitees[1]!.member;
    for (const s of await everywhere(executeActivity('rsvp', { conferenceId: c.conference.id, answer: 'attending' }), who, { id: personalOf(who), conversationType: 'personal' })) expect(s).to.equal(200);
    expect((await store.invitees.get(c.conference.id, who.aadObjectId))?.rsvp?.response).to.equal('attending');
    expect((await store.audit.forConference(c.conference.id)).filter((e) => e.action === 'rsvp')).to.have.length(1);
    now = new Date('2026-12-07T10:00:00Z');
  });

  it('the same scheduling form, to both instances and redelivered, in 3 runs: one invitation per invitee, one summary to the chair', async () => {
    now = new Date('2026-11-23T09:00:00Z');
    for (let run = 0; run < 3; run++) {
      n += 1;
      const people = AGENCIES.map((agency, i) => ({ member: person(`eo-s${n}-${i}`, `Invitee ${n}-${i}`), agency }));
      directory.push(...people.map((p) => p.member));
      connector.addConversation(personalOf(cpu), [cpu, chair, ...people.map((p) => p.member)]);
      const form: Record<string, unknown> = {
        caseRef: `EOS/2026/${n}`,
        childInitials: 'J.S.',
        childFullName: `Jordan Schedule-${n}`,
        kind: 'initial',
        triggerDate: '2026-11-20',
        date: '2026-12-07',
        time: '10:00',
        policy: 'london',
        chairName: chair.name,
        chairContact: chair.email,
        lookedAfter: 'false',
      };
      people.forEach((p, i) => Object.assign(form, { [`invitee${i + 1}Name`]: p.member.name, [`invitee${i + 1}Contact`]: p.member.email, [`invitee${i + 1}Agency`]: p.agency, [`invitee${i + 1}Role`]: 'professional', [`invitee${i + 1}Direct`]: 'true' }));
      const statuses = await everywhere(executeActivity('schedule', form), cpu, { id: personalOf(cpu), conversationType: 'personal' });
      for (const s of statuses) expect(s).to.equal(200);
      // Every delivery is answered as the same scheduling, never as a clash with itself.
      expect(answers.map((a) => JSON.stringify(a.body)).filter((b) => /already scheduled/i.test(b)), `run ${run}`).to.deep.equal([]);
      for (const p of people) {
        expect(cardsTo(personalOf(p.member), 'Please answer below.').filter((o) => JSON.stringify(o.activity).includes(`EOS/2026/${n}`)), `run ${run}: ${p.member.name} invited once`).to.have.length(1);
      }
      expect(cardsTo(personalOf(chair), 'Answers to the invitation').filter((o) => JSON.stringify(o.activity).includes(`EOS/2026/${n}`)), `run ${run}: one summary to the chair`).to.have.length(1);
    }
    now = new Date('2026-12-07T10:00:00Z');
  });

  it('a claim whose holder died is taken over after its timeout and finished, once', async () => {
    const c = await votingConference();
    const victim = c.invitees[2]!.member;
    // An instance claimed this person's circulation and died before sending it.
    const claim = await store.effects.claim(c.conference.id, `circulated|${victim.id}|no-cp-plan`, 'attempt-that-died', now, CLAIM_MS);
    expect(claim.outcome).to.equal('claimed');
    for (const s of await everywhere(executeActivity('closeRound', { conferenceId: c.conference.id, roundId: '1' }), chair, c.group)) expect(s).to.equal(200);
    const told = () => cardsTo(personalOf(victim), '"text":"Conference decision"').filter((o) => JSON.stringify(o.activity).includes(c.conference.caseRef)).length;
    expect(told(), 'not yet: the claim is held').to.equal(0);
    expect(cardsTo(personalOf(c.invitees[0]!.member), '"text":"Conference decision"').filter((o) => JSON.stringify(o.activity).includes(c.conference.caseRef))).to.have.length(1);
    // After the timeout, the chair's close is delivered again (Teams retries; or the chair clicks again).
    now = new Date(now.getTime() + CLAIM_MS + 1_000);
    for (const s of await everywhere(executeActivity('closeRound', { conferenceId: c.conference.id, roundId: '1' }), chair, c.group)) expect(s).to.equal(200);
    expect(told(), 'taken over and finished, once').to.equal(1);
    expect((await store.effects.get(c.conference.id, `circulated|${victim.id}|no-cp-plan`))?.status).to.equal('done');
    for (const p of [chair, ...c.invitees.map((i) => i.member)]) {
      expect(cardsTo(personalOf(p), '"text":"Conference decision"').filter((o) => JSON.stringify(o.activity).includes(c.conference.caseRef)), p.name).to.have.length(1);
    }
    now = new Date('2026-12-07T10:00:00Z');
  });

  it('a message its sender could not send is sent by the sweep, unprompted and once; one that keeps failing is left after 5 attempts', async () => {
    const c = await votingConference();
    const [late, never] = [c.invitees[1]!.member, c.invitees[3]!.member];
    // Neither has the app yet: Teams refuses to open their 1:1 chats, so the circulation fails for them.
    connector.withoutApp.add(late.id).add(never.id);
    expect((await instances[1]!.execute(chair, c.group, 'closeRound', { conferenceId: c.conference.id, roundId: '1' })).status).to.equal(200);
    const told = (p: Member) => cardsTo(personalOf(p), '"text":"Conference decision"').filter((o) => JSON.stringify(o.activity).includes(c.conference.caseRef)).length;
    expect([told(late), told(never), told(c.invitees[0]!.member)]).to.deep.equal([0, 0, 1]);
    expect((await store.effects.marks.marked()).map((m) => m.value.id)).to.include(c.conference.id);

    // One of them installs the app; nobody clicks anything again. The reminder run's sweep sends it.
    connector.withoutApp.delete(late.id);
    const config = readConfig({ PORT: '0' });
    const services: Services = { store, messenger: new Messenger(createAdapter(config, () => undefined), ''), config, policies: await loadPolicies(undefined), log: () => undefined };
    const later = new Date(now.getTime() + 15 * 60_000);
    expect(await finishEffects(services, later)).to.equal(1);
    expect(told(late), 'sent by the sweep, once').to.equal(1);
    for (let sweep = 0; sweep < 6; sweep++) await finishEffects(services, later);
    expect(told(late), 'and not again').to.equal(1);
    expect(told(never)).to.equal(0);
    // Claimed at the close and by sweeps until MAX_SEND_ATTEMPTS, then left; the conference is no longer on the sweep's list.
    const left = await store.effects.get(c.conference.id, `circulated|${never.id}|no-cp-plan`);
    expect(left).to.deep.include({ status: 'claimed', attempts: MAX_SEND_ATTEMPTS });
    expect((await store.effects.get(c.conference.id, `circulated|${late.id}|no-cp-plan`))?.status).to.equal('done');
    expect((await store.effects.marks.marked()).map((m) => m.value.id)).to.not.include(c.conference.id);
    connector.withoutApp.delete(never.id);
  });
});
