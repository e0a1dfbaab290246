// A whole initial conference through the bot (Bolton procedures): scheduled by the Unit, answered,
// started, quorate, voted with one dissent, category, plan record and circulation — what the
// desk then shows and files. Also conferences of another chair, written through the store and
// put on the desk by the same projection the bot runs after each audited change.
import { expect } from 'chai';
import { conferenceIdOf } from '../../../bot/actions/scheduling.js';
import { refreshConference } from '../../../bot/desk/projection.js';
import { addWorkingDays, dueDate } from '../../../src/rules/index.js';
import { CAST, GROUP, INVITEES, scheduleForm, type CastKey, type Harness } from './harness.js';
import { person, seedConference } from './seed.js';

const REPS: CastKey[] = ['social', 'police', 'health', 'school', 'gp', 'probation', 'housing', 'paeds'];
export const OTHER_CHAIR = person('chair2', 'Omar Otherchair');

/** Runs the conference on `date` (10:00 London); the bot's clock moves with it. */
export async function walkConference(h: Harness, caseRef: string, o: { triggerDate?: string; date?: string } = {}): Promise<string> {
  const date = o.date ?? '2026-12-07';
  h.now = new Date(`${o.triggerDate ?? '2026-11-23'}T09:00:00Z`);
  const form = { ...scheduleForm('bolton', caseRef, date), triggerDate: o.triggerDate ?? '2026-11-20' };
  await h.click('cpu', h.personal('cpu'), 'schedule', form);
  const conferenceId = conferenceIdOf(caseRef, date, 'initial');
  for (const key of REPS) await h.click(key, h.personal(key), 'rsvp', { conferenceId, answer: key === 'housing' ? 'apologies' : 'attending' });
  await h.click('mother', h.personal('mother'), 'rsvp', { conferenceId, answer: 'attending' });
  h.now = new Date(`${date}T10:00:00Z`);
  expect((await h.teams.say(CAST.chair, GROUP, `start ${caseRef}`)).status).to.equal(200);
  for (const key of [...REPS.filter((k) => k !== 'housing'), 'mother'] as CastKey[]) await h.click(key, GROUP, 'checkIn', { conferenceId });
  await h.click('chair', GROUP, 'openRound', { conferenceId });
  for (const key of REPS.filter((k) => k !== 'housing')) {
    const data: Record<string, unknown> = { conferenceId, roundId: '1', choice: key === 'probation' ? 'no-cp-plan' : 'cp-plan' };
    if (key === 'probation') Object.assign(data, { recommendation: 'child-in-need', reason: 'Probation sees no continuing risk from the father' });
    await h.click(key, GROUP, 'vote', data);
  }
  await h.click('chair', GROUP, 'closeRound', { conferenceId, roundId: '1' });
  await h.click('chair', GROUP, 'decideCategory', { conferenceId, primary: 'neglect', others: '' });
  await h.click('chair', GROUP, 'planRecord', {
    conferenceId,
    leadProfessional: CAST.social.aadObjectId,
    coreGroup: [CAST.social, CAST.health, CAST.school, CAST.mother].map((m) => m.aadObjectId).join(','),
    firstCoreGroupDate: addWorkingDays(date, 10),
    firstReviewDate: dueDate('first-review', date),
    outlinePlan: 'Daily routines supported by the health visitor; school attendance monitored.',
    contingencyPlan: 'If attendance falls below 90% or home conditions worsen, a strategy discussion is held.',
    scaleAgencies: [],
  });
  return conferenceId;
}

/** A conference of another chair, put on the desk of `tenantId`. */
export async function otherChairsConference(h: Harness, tenantId: string, id: string, caseRef: string, scheduledAt: string): Promise<string> {
  await seedConference(h.store, {
    id,
    caseRef,
    initials: 'ZZ',
    fullName: 'Zara Zed-Example',
    chair: OTHER_CHAIR,
    invitees: [{ member: CAST.police, agency: 'police' }],
    scheduledAt,
  });
  await refreshConference(h.store, id, tenantId);
  return id;
}

export { INVITEES };
