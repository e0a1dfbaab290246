import { expect } from 'chai';
import { aConference, aDecision, anInvitation } from '../support/records.js';
import { testStore, type TestStore } from '../support/store.js';

describe('store: conferences, invitees and decisions', () => {
  let store: TestStore;
  before(async () => {
    store = await testStore();
  });

  it('round-trips a conference, with nested and optional fields', async () => {
    const conference = aConference({ lateReason: 'Chair unavailable', expectedDeliveryDate: '2027-01-10', conversationId: '19:abc@thread.v2' });
    expect(await store.conferences.create(conference)).to.deep.equal({ outcome: 'created', conference });
    expect(await store.conferences.get(conference.id)).to.deep.equal(conference);
    expect(await store.conferences.get('no-such-conference')).to.equal(undefined);
  });

  it('creating the same conference twice stores it once; a different one under the same id is refused', async () => {
    const conference = aConference();
    await store.conferences.create(conference);
    expect((await store.conferences.create(conference)).outcome).to.equal('unchanged');
    // The same form delivered again later is the same conference: only the moment of making it differs.
    expect((await store.conferences.create({ ...conference, createdAt: '2026-11-23T09:00:07.000Z' })).outcome).to.equal('unchanged');
    expect((await store.conferences.get(conference.id))?.createdAt).to.equal(conference.createdAt);
    const clash = await store.conferences.create({ ...conference, caseRef: 'OTHER' });
    expect(clash).to.deep.equal({ outcome: 'id-taken', conference });
  });

  it('changes status and conversation under the ETag', async () => {
    const conference = aConference();
    await store.conferences.create(conference);
    expect((await store.conferences.setStatus(conference.id, 'in-progress')).outcome).to.equal('changed');
    expect((await store.conferences.setStatus(conference.id, 'in-progress')).outcome).to.equal('unchanged');
    await store.conferences.setConversation(conference.id, '19:chat@thread.v2');
    expect(await store.conferences.get(conference.id)).to.include({ status: 'in-progress', conversationId: '19:chat@thread.v2' });
    expect((await store.conferences.setStatus('missing-conference', 'closed')).outcome).to.equal('not-found');
  });

  it('refuses to write an invalid record, naming the table', async () => {
    const bad = aConference({ childInitials: 'alex' });
    try {
      await store.conferences.create(bad);
      expect.fail('should have refused');
    } catch (err) {
      expect((err as Error).message).to.match(/invalid conference to table t\w+Conferences/).and.match(/initials/);
    }
  });

  describe('invitees', () => {
    it('round-trips invitees, RSVP and check-in', async () => {
      const { id } = aConference();
      const invitation = anInvitation(id, { userId: 'user/with#odd?chars' });
      expect(await store.invitees.invite(invitation)).to.deep.equal({ outcome: 'invited', invitee: invitation });
      await store.invitees.invite(anInvitation(id, { userId: 'aad-hv-1', name: 'Hana Health', agency: 'health-visiting', directContact: false }));
      const rsvp = { response: 'deputy', deputyName: 'Dee Deputy', at: '2026-11-21T08:00:00.000Z' } as const;
      expect((await store.invitees.rsvp(id, invitation.userId, rsvp)).outcome).to.equal('recorded');
      const checkIn = { present: true, role: 'professional', agency: 'police', at: '2026-12-01T10:01:00.000Z' } as const;
      expect((await store.invitees.checkIn(id, invitation.userId, checkIn)).outcome).to.equal('recorded');
      expect(await store.invitees.get(id, invitation.userId)).to.deep.equal({ ...invitation, rsvp, checkIn });
      expect((await store.invitees.list(id)).map((i) => i.userId)).to.have.members(['aad-hv-1', 'user/with#odd?chars']);
    });

    it('the same RSVP or check-in delivered twice changes nothing; a new answer replaces it', async () => {
      const { id } = aConference();
      const { userId } = anInvitation(id);
      await store.invitees.invite(anInvitation(id));
      const first = { response: 'attending', at: '2026-11-21T08:00:00.000Z' } as const;
      await store.invitees.rsvp(id, userId, first);
      expect((await store.invitees.rsvp(id, userId, { ...first, at: '2026-11-21T08:00:05.000Z' })).outcome).to.equal('unchanged');
      const second = await store.invitees.rsvp(id, userId, { response: 'apologies', at: '2026-11-22T08:00:00.000Z' });
      expect(second.outcome).to.equal('changed');
      expect((await store.invitees.get(id, userId))?.rsvp?.response).to.equal('apologies');
      const checkIn = { present: true, role: 'professional', agency: 'police', at: '2026-12-01T10:01:00.000Z' } as const;
      await store.invitees.checkIn(id, userId, checkIn);
      expect((await store.invitees.checkIn(id, userId, checkIn)).outcome).to.equal('unchanged');
    });

    it('re-inviting corrects details but keeps the answers; answers from the uninvited are refused', async () => {
      const { id } = aConference();
      const invitation = anInvitation(id);
      await store.invitees.invite(invitation);
      await store.invitees.rsvp(id, invitation.userId, { response: 'written-report', at: '2026-11-21T08:00:00.000Z' });
      expect((await store.invitees.invite(invitation)).outcome).to.equal('unchanged');
      const corrected = await store.invitees.invite({ ...invitation, name: 'Pat Police-Smith', invitedAt: '2026-11-25T00:00:00.000Z' });
      expect(corrected.outcome).to.equal('updated');
      expect(await store.invitees.get(id, invitation.userId)).to.deep.include({ name: 'Pat Police-Smith', invitedAt: invitation.invitedAt });
      expect((await store.invitees.get(id, invitation.userId))?.rsvp?.response).to.equal('written-report');
      expect(await store.invitees.rsvp(id, 'stranger', { response: 'attending', at: '2026-11-21T08:00:00.000Z' })).to.deep.equal({ outcome: 'not-invited' });
    });

    it('two concurrent answers from two instances: one wins whole, nothing interleaves', async () => {
      const { id } = aConference();
      const { userId } = anInvitation(id);
      await store.invitees.invite(anInvitation(id));
      const other = store.twin();
      const results = await Promise.all([
        store.invitees.rsvp(id, userId, { response: 'attending', at: '2026-11-21T08:00:00.000Z' }),
        other.invitees.checkIn(id, userId, { present: true, role: 'professional', agency: 'police', at: '2026-12-01T10:00:00.000Z' }),
      ]);
      expect(results.map((r) => r.outcome)).to.deep.equal(['recorded', 'recorded']);
      const invitee = await store.invitees.get(id, userId);
      expect(invitee?.rsvp?.response).to.equal('attending');
      expect(invitee?.checkIn?.present).to.equal(true);
    });
  });

  describe('decisions', () => {
    it('records a decision with the conference status in one go; repeating it changes nothing', async () => {
      const conference = aConference({ status: 'in-progress' });
      await store.conferences.create(conference);
      const decision = aDecision(conference.id, { quoracyBreachReason: 'Only CSC and police have had contact.' });
      expect(await store.decisions.record(decision)).to.deep.equal({ outcome: 'recorded', decision });
      expect(await store.decisions.get(conference.id)).to.deep.equal(decision);
      expect((await store.conferences.get(conference.id))?.status).to.equal('decided');
      expect((await store.decisions.record(decision)).outcome).to.equal('unchanged');
      // The same decision sent again later differs only in when it was made: still the same decision.
      expect((await store.decisions.record({ ...decision, decidedAt: '2026-12-07T11:05:00.000Z' })).outcome).to.equal('unchanged');
      const other = await store.decisions.record({ ...decision, outcome: 'no-cp-plan' });
      expect(other).to.deep.equal({ outcome: 'already-decided', decision });
    });

    it('a deferral or stand-down sets the matching status', async () => {
      for (const [outcome, status] of [['deferred', 'deferred'], ['stood-down', 'stood-down']] as const) {
        const conference = aConference();
        await store.conferences.create(conference);
        await store.decisions.record(aDecision(conference.id, { outcome, category: undefined, deferralReason: 'Missing health report', reconveneBy: '2027-02-01' }));
        expect((await store.conferences.get(conference.id))?.status).to.equal(status);
      }
    });

    it('refuses a decision for an unknown conference, and adds details later under the ETag', async () => {
      expect(await store.decisions.record(aDecision('never-created'))).to.deep.equal({ outcome: 'no-such-conference' });
      const conference = aConference();
      await store.conferences.create(conference);
      await store.decisions.record(aDecision(conference.id, { category: undefined }));
      const updated = await store.decisions.update(conference.id, (d) => ({ ...d, category: { primary: 'emotional', others: ['neglect'] } }));
      expect(updated.outcome).to.equal('changed');
      expect((await store.decisions.get(conference.id))?.category).to.deep.equal({ primary: 'emotional', others: ['neglect'] });
    });
  });
});
