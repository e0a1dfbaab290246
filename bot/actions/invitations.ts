// RSVP to an invitation (RULES.md, Attendance): attending / apologies / written report / briefed
// deputy; changeable until the conference starts. The chair's summary card follows each answer.
import type { Conference } from '../../src/store/conferences.js';
import { invitationCard, type ActionOf } from '../../cards/index.js';
import { loadConference, requireInvitee, requireStatus } from '../access.js';
import { audit } from '../audit.js';
import type { Services } from '../services.js';
import { UserError, type ActionOutcome, type Turn } from '../turn.js';
import { invitationView, rsvpSummaryFor } from '../views.js';

export async function rsvp(s: Services, turn: Turn, a: ActionOf<'rsvp'>): Promise<ActionOutcome> {
  const conference = await loadConference(s, a.conferenceId);
  await requireInvitee(s, conference, turn, 'answer this invitation');
  requireStatus(conference, ['scheduled'], 'change your answer');
  if (new Date(conference.scheduledAt) <= turn.now) throw new UserError('The conference has started: answers can no longer change.', 'Too late');
  const result = await s.store.invitees.rsvp(conference.id, turn.actor.aadObjectId, {
    response: a.answer,
    deputyName: a.answer === 'deputy' ? a.deputyName : undefined,
    at: turn.now.toISOString(),
  });
  if (result.outcome === 'not-invited') throw new UserError('Only people invited to this conference can answer.');
  if (result.outcome !== 'unchanged') {
    await audit(s, turn, 'rsvp', { conferenceId: conference.id, answer: a.answer, deputyName: a.deputyName });
    await refreshChairSummary(s, conference);
  }
  return { own: invitationCard(invitationView(conference, result.invitee, turn.now)), notice: 'Your answer is recorded.' };
}

/** Replaces the chair's 1:1 summary card in place (or posts it afresh when Teams lost it). */
async function refreshChairSummary(s: Services, conference: Conference): Promise<void> {
  const [ref, where, invitees] = await Promise.all([
    s.store.conversations.get(conference.chair.userId),
    s.store.cards.get(conference.id, 'rsvp-summary', conference.chair.userId),
    s.store.invitees.list(conference.id),
  ]);
  if (!ref) return;
  try {
    const activityId = await s.messenger.replace(ref, where?.activityId, rsvpSummaryFor(conference, invitees));
    if (activityId !== where?.activityId) {
      await s.store.cards.save({ conferenceId: conference.id, card: 'rsvp-summary', audience: conference.chair.userId, conversationId: String((ref as { conversation?: { id?: string } }).conversation?.id ?? ''), activityId, updatedAt: new Date().toISOString() });
    }
  } catch (e) {
    // The answer is saved; a stale summary is refreshed by the next answer.
    s.log(`chair summary update failed: ${(e as Error).message}`);
  }
}
