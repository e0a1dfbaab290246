import { expect } from 'chai';
import type { Decide } from '../../src/store/votes.js';
import { CHAIR, aBallot, aConference, aDecision } from '../support/records.js';
import { testStore, type TestStore } from '../support/store.js';

const AT = '2026-12-01T10:30:00.000Z';
const agencies = (n: number) => Array.from({ length: n }, (_, i) => `agency-${i + 1}`);

describe('store: vote rounds and votes', () => {
  let store: TestStore;
  before(async () => {
    store = await testStore();
  });

  async function conferenceWithRound(asked: string[], question: 'initial' | 'review' = 'initial') {
    const conference = aConference({ status: 'in-progress' });
    await store.conferences.create(conference);
    const opened = await store.votes.openRound(conference.id, { question, agencies: asked, openedBy: CHAIR, at: AT });
    if (opened.outcome !== 'opened') throw new Error(`round not opened: ${opened.outcome}`);
    return { id: conference.id, round: opened.round.round };
  }

  it('round-trips a round and its votes', async () => {
    const { id, round } = await conferenceWithRound(['police', 'health-visiting']);
    expect(round).to.equal(1);
    const ballot = aBallot({ reason: 'Repeated injuries' });
    const cast = await store.votes.cast(id, round, ballot);
    expect(cast).to.deep.equal({ ok: true, outcome: 'recorded', vote: { ...ballot, conferenceId: id, round } });
    expect(await store.votes.list(id, round)).to.deep.equal([{ ...ballot, conferenceId: id, round }]);
    expect(await store.votes.getRound(id, round)).to.deep.include({ status: 'open', question: 'initial', agencies: ['police', 'health-visiting'], openedBy: CHAIR });
    expect((await store.votes.openRoundOf(id))?.round).to.equal(1);
  });

  it('opening twice gives the one open round; the next round is numbered after the last', async () => {
    const { id } = await conferenceWithRound(['police']);
    const again = await store.votes.openRound(id, { question: 'initial', agencies: ['police'], openedBy: CHAIR, at: AT });
    expect(again.outcome).to.equal('already-open');
    await store.votes.close(id, 1, { closedBy: CHAIR, at: AT });
    const second = await store.votes.openRound(id, { question: 'initial', agencies: ['police'], openedBy: CHAIR, at: AT });
    expect(second.outcome === 'opened' && second.round.round).to.equal(2);
    expect(await store.votes.openRound('no-conference', { question: 'initial', agencies: ['police'], openedBy: CHAIR, at: AT })).to.deep.equal({ outcome: 'no-such-conference' });
  });

  it('two instances opening at once open one round', async () => {
    const conference = aConference();
    await store.conferences.create(conference);
    const other = store.twin();
    const opening = { question: 'initial', agencies: ['police'], openedBy: CHAIR, at: AT } as const;
    const results = await Promise.all([store.votes.openRound(conference.id, opening), other.votes.openRound(conference.id, opening)]);
    expect(results.map((r) => r.outcome).sort()).to.deep.equal(['already-open', 'opened']);
    expect(await store.votes.listRounds(conference.id)).to.have.length(1);
  });

  it('50 concurrent votes from distinct agencies are all stored, exactly once each', async () => {
    const asked = agencies(50);
    const { id, round } = await conferenceWithRound(asked);
    const results = await Promise.all(asked.map((agency, i) => store.votes.cast(id, round, aBallot({ agency, userId: `user-${i}`, name: `Voter ${i}` }))));
    expect(results.every((r) => r.ok && r.outcome === 'recorded')).to.equal(true);
    const votes = await store.votes.list(id, round);
    expect(votes).to.have.length(50);
    expect(new Set(votes.map((v) => v.agency)).size).to.equal(50);
  });

  it('two instances sharing the voters, each vote also delivered to the other instance: every vote stored once', async () => {
    const asked = agencies(40);
    const { id, round } = await conferenceWithRound(asked);
    const other = store.twin();
    const ballots = asked.map((agency, i) => aBallot({ agency, userId: `user-${i}`, name: `Voter ${i}`, choice: i % 2 ? 'cp-plan' : 'no-cp-plan' }));
    const results = await Promise.all(ballots.flatMap((b) => [store.votes.cast(id, round, b), other.votes.cast(id, round, b)]));
    const outcomes = results.map((r) => (r.ok ? r.outcome : r.refusal));
    expect(outcomes.filter((o) => o === 'recorded')).to.have.length(40);
    expect(outcomes.filter((o) => o === 'unchanged')).to.have.length(40);
    const votes = await other.votes.list(id, round);
    expect(votes.map((v) => [v.agency, v.choice])).to.have.deep.members(ballots.map((b) => [b.agency, b.choice]));
  });

  it('the same vote delivered twice is stored once; the voter may change it while open', async () => {
    const { id, round } = await conferenceWithRound(['police']);
    const ballot = aBallot();
    const [a, b] = await Promise.all([store.votes.cast(id, round, ballot), store.votes.cast(id, round, ballot)]);
    expect([a, b].map((r) => r.ok && r.outcome).sort()).to.deep.equal(['recorded', 'unchanged']);
    expect((await store.votes.cast(id, round, { ...ballot, at: '2026-12-01T10:50:00.000Z' })).ok && 'unchanged').to.equal('unchanged');
    const changed = await store.votes.cast(id, round, { ...ballot, choice: 'no-cp-plan', reason: 'Heard the school' });
    expect(changed.ok && changed.outcome).to.equal('changed');
    expect(await store.votes.list(id, round)).to.have.length(1);
    expect((await store.votes.list(id, round))[0]).to.include({ choice: 'no-cp-plan', reason: 'Heard the school' });
  });

  it('refuses a second voter from an agency that has voted, naming who did', async () => {
    const { id, round } = await conferenceWithRound(['police']);
    await store.votes.cast(id, round, aBallot());
    const second = await store.votes.cast(id, round, aBallot({ userId: 'aad-other-officer', name: 'Olly Officer', choice: 'no-cp-plan' }));
    expect(second).to.deep.include({ ok: false, refusal: 'agency-already-voted', votedBy: { userId: 'aad-user-police-1', name: 'Pat Police' } });
    expect(second.ok === false && second.message).to.match(/Pat Police has already given police's view/);
    expect((await store.votes.list(id, round))[0]?.choice).to.equal('cp-plan');
  });

  it('two voters of one agency racing from two instances: exactly one is stored', async () => {
    const { id, round } = await conferenceWithRound(['police']);
    const other = store.twin();
    const results = await Promise.all([
      store.votes.cast(id, round, aBallot({ userId: 'officer-a', name: 'Officer A' })),
      other.votes.cast(id, round, aBallot({ userId: 'officer-b', name: 'Officer B', choice: 'no-cp-plan' })),
    ]);
    expect(results.filter((r) => r.ok)).to.have.length(1);
    expect(results.filter((r) => !r.ok && r.refusal === 'agency-already-voted')).to.have.length(1);
    expect(await store.votes.list(id, round)).to.have.length(1);
  });

  it('refuses votes on a closed round, an unknown round, an agency not asked, a wrong answer', async () => {
    const { id, round } = await conferenceWithRound(['police', 'education']);
    expect(await store.votes.cast(id, round, aBallot({ agency: 'housing' }))).to.deep.include({ ok: false, refusal: 'agency-not-in-round' });
    expect(await store.votes.cast(id, round, aBallot({ choice: 'continue' }))).to.deep.include({ ok: false, refusal: 'choice-not-for-question' });
    expect(await store.votes.cast(id, 9, aBallot())).to.deep.include({ ok: false, refusal: 'no-such-round' });
    await store.votes.close(id, round, { closedBy: CHAIR, at: AT });
    expect(await store.votes.cast(id, round, aBallot())).to.deep.include({ ok: false, refusal: 'round-closed' });
    expect(await store.votes.cast(id, round, aBallot({ agency: 'housing' }))).to.deep.include({ ok: false, refusal: 'round-closed' });
    expect(await store.votes.list(id, round)).to.have.length(0);
  });

  it('closing records the decision and the conference status in one transaction; closing again changes nothing', async () => {
    const { id, round } = await conferenceWithRound(['police', 'education', 'health-visiting']);
    await store.votes.cast(id, round, aBallot());
    await store.votes.cast(id, round, aBallot({ agency: 'education', userId: 'aad-teacher', name: 'Tess Teacher' }));
    await store.votes.cast(id, round, aBallot({ agency: 'health-visiting', userId: 'aad-hv', name: 'Hana Health', choice: 'no-cp-plan', reason: 'Improving' }));
    let calls = 0;
    const decide: Decide = (votes, closed) => {
      calls++;
      const dissent = votes.filter((v) => v.choice !== 'cp-plan').map((v) => ({ userId: v.userId, name: v.name, agency: v.agency, choice: v.choice, reason: v.reason }));
      return aDecision(id, { round: closed.round, dissents: dissent });
    };
    const closed = await store.votes.close(id, round, { closedBy: CHAIR, at: AT }, decide);
    expect(closed.outcome).to.equal('closed');
    if (closed.outcome === 'no-such-round') return;
    expect(closed.votes).to.have.length(3);
    expect(closed.round).to.include({ status: 'closed', closedAt: AT });
    expect(closed.decision?.dissents).to.deep.equal([{ userId: 'aad-hv', name: 'Hana Health', agency: 'health-visiting', choice: 'no-cp-plan', reason: 'Improving' }]);
    expect(await store.decisions.get(id)).to.deep.equal(closed.decision);
    expect((await store.conferences.get(id))?.status).to.equal('decided');
    const again = await store.votes.close(id, round, { closedBy: CHAIR, at: '2026-12-01T12:00:00.000Z' }, decide);
    expect(again).to.deep.equal({ ...closed, outcome: 'already-closed' });
    expect(calls).to.equal(1);
    expect(await store.votes.close(id, 7, { closedBy: CHAIR, at: AT })).to.deep.equal({ outcome: 'no-such-round' });
  });

  it('votes racing a close from another instance: each is either counted or refused, never lost', async () => {
    const asked = agencies(30);
    const { id, round } = await conferenceWithRound(asked);
    const other = store.twin();
    const casting = asked.map((agency, i) => (i % 2 ? other : store).votes.cast(id, round, aBallot({ agency, userId: `u${i}`, name: `Voter ${i}` })));
    const closing = new Promise((r) => setTimeout(r, 5)).then(() => other.votes.close(id, round, { closedBy: CHAIR, at: AT }, (votes) => aDecision(id, { round, safetyScales: votes.map((v) => ({ agency: v.agency, score: 5 })) })));
    const [closed, ...cast] = await Promise.all([closing, ...casting]);
    if (closed.outcome !== 'closed') throw new Error(closed.outcome);
    const accepted = cast.filter((r) => r.ok).length;
    const refused = cast.filter((r) => !r.ok && r.refusal === 'round-closed').length;
    expect(accepted + refused).to.equal(30);
    expect(closed.votes).to.have.length(accepted);
    expect(await store.votes.list(id, round)).to.have.length(accepted);
    expect((await store.decisions.get(id))?.safetyScales).to.have.length(accepted);
  });

  it('an agency added late can vote; adding is refused once closed', async () => {
    const { id, round } = await conferenceWithRound(['police']);
    expect((await store.votes.addAgency(id, round, 'housing')).outcome).to.equal('added');
    expect((await store.votes.addAgency(id, round, 'housing')).outcome).to.equal('unchanged');
    expect((await store.votes.cast(id, round, aBallot({ agency: 'housing', userId: 'aad-h', name: 'Hal Housing' }))).ok).to.equal(true);
    await store.votes.close(id, round, { closedBy: CHAIR, at: AT });
    expect((await store.votes.addAgency(id, round, 'education')).outcome).to.equal('round-closed');
    expect(await store.votes.list(id, round)).to.have.length(1);
  });

  it('a vote given the round as read earlier: still refused once closed, accepted for an agency added since', async () => {
    const { id, round } = await conferenceWithRound(['police']);
    const asRead = (await store.votes.getRound(id, round))!;
    await store.votes.addAgency(id, round, 'education');
    const late = await store.votes.cast(id, asRead, aBallot({ agency: 'education', userId: 'aad-teacher', name: 'Tess Teacher' }));
    expect(late.ok && late.outcome).to.equal('recorded');
    await store.twin().votes.close(id, round, { closedBy: CHAIR, at: AT });
    expect(await store.votes.cast(id, asRead, aBallot())).to.deep.include({ ok: false, refusal: 'round-closed' });
    expect(await store.votes.cast(id, asRead, aBallot({ agency: 'education', userId: 'aad-teacher', name: 'Tess Teacher', choice: 'no-cp-plan' }))).to.deep.include({ ok: false, refusal: 'round-closed' });
    expect((await store.votes.list(id, round)).map((v) => [v.agency, v.choice])).to.deep.equal([['education', 'cp-plan']]);
  });

  it('review rounds take continue / discontinue', async () => {
    const { id, round } = await conferenceWithRound(['police'], 'review');
    expect((await store.votes.cast(id, round, aBallot({ choice: 'discontinue' }))).ok).to.equal(true);
  });
});
