// The steps of a conference as the people in it take them over HTTP, for walkthroughs under any
// policy: scheduled by the Child Protection Unit, answered, started and attended.
import { expect } from 'chai';
import { conferenceIdOf } from '../../../bot/actions/scheduling.js';
import { CAST, GROUP, type CastKey, type Harness, scheduleForm } from './harness.js';

export const AGENCY_REPS: CastKey[] = ['social', 'police', 'health', 'school', 'gp', 'probation', 'housing', 'paeds'];

/** Scheduled on 23 November for 7 December 2026 at 10:00, answered, and started by the chair. */
export async function scheduled(h: Harness, policy: string, caseRef: string, kind = 'initial'): Promise<string> {
  h.now = new Date('2026-11-23T09:00:00Z');
  const form = { ...scheduleForm(policy, caseRef), kind };
  await h.click('cpu', h.personal('cpu'), 'schedule', form);
  const conferenceId = conferenceIdOf(caseRef, '2026-12-07', kind);
  for (const key of [...AGENCY_REPS, 'mother'] as CastKey[]) await h.click(key, h.personal(key), 'rsvp', { conferenceId, answer: 'attending' });
  return conferenceId;
}

export async function started(h: Harness, caseRef: string): Promise<void> {
  h.now = new Date('2026-12-07T10:00:00Z');
  const res = await h.teams.say(CAST.chair, GROUP, `start ${caseRef}`);
  expect(res.status).to.equal(200);
}

export async function checkedIn(h: Harness, conferenceId: string, who: CastKey[] = [...AGENCY_REPS, 'mother', 'father', 'support']): Promise<void> {
  for (const key of who) await h.click(key, GROUP, 'checkIn', { conferenceId });
}

/** Four agencies for a plan, four against: an equal split. */
export async function splitVote(h: Harness, conferenceId: string): Promise<void> {
  await h.click('chair', GROUP, 'openRound', { conferenceId });
  for (const [i, key] of AGENCY_REPS.entries()) {
    const data = i < 4 ? { choice: 'cp-plan' } : { choice: 'no-cp-plan', recommendation: 'child-in-need', reason: `${key} sees no continuing risk` };
    await h.click(key, GROUP, 'vote', { conferenceId, roundId: '1', ...data });
  }
  await h.click('chair', GROUP, 'closeRound', { conferenceId, roundId: '1' });
}
