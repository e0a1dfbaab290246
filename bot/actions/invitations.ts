// RSVP to an invitation (RULES.md, Attendance): attending / apologies / written report / briefed
// deputy; changeable until the conference starts. The chair's summary card follows each answer.
import { reportDeadline, reportDeadlineNotice } from '../../src/rules/reports.js';
import type { Conference } from '../../src/store/conferences.js';
import type { Invitee } from '../../src/store/invitees.js';
import { invitationCard, type ActionOf, type InvitationView } from '../../cards/index.js';
import { loadConference, requireInvitee, requireStatus } from '../access.js';
import { createHash } from 'node:crypto';
import { audit, auditAction, followDesk } from '../audit.js';
import { sendOnce } from '../effects.js';
import type { Services } from '../services.js';
import { UserError, type ActionOutcome, type Turn } from '../turn.js';
import { policyFor } from '../policy.js';
import { localDateTime } from '../time.js';
import { invitationView, rsvpSummaryFor, startsAt } from '../views.js';

/** The scheduler is told when reports cannot reasonably be in on time (and why the policy asks for them). */
export function reportWarnings(c: Conference, now: Date): string[] {
  const deadline = reportDeadline(startsAt(c), policyFor(c), c.kind);
  const notice = reportDeadlineNotice(deadline, localDateTime(now));
  return [...deadline.warnings.map((w) => w.message), ...(notice ? [notice.message] : [])];
}

const targetOf = (turn: Turn, teamsId: string) => ({ teamsId, tenantId: turn.tenantId, serviceUrl: turn.context.activity.serviceUrl });

/** What a re-sent invitation adds: a change to notice, or an outcome (e.g. withdrawn). */
export type InvitationExtra = Pick<InvitationView, 'change' | 'outcome'>;

/**
 * Which action a message follows, for its once-only key: the activity by default; a change done
 * again (a retry after "Not saved") names the change it completes, so nobody is told twice.
 */
const causeOf = (turn: Turn, cause?: string) => cause ?? turn.context.activity.id ?? turn.now.toISOString();

/** A short, stable fingerprint of what a message says and which action caused it. */
const fingerprint = (...parts: unknown[]) => createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 16);

/**
 * The invitation 1:1 to one invitee; where it landed is kept so that it can be updated in place
 * (new date, cancelled, held). A failure is audited and does not stop the others; the sweep
 * sends it later (bot/effects.ts).
 */
export async function sendInvitation(s: Services, turn: Turn, conference: Conference, invitee: Invitee, extra: InvitationExtra = {}, cause?: string): Promise<boolean> {
  const teamsId = invitee.teamsId;
  if (!teamsId) return false;
  try {
    // Once per invitee and per action (a redelivered action sends nothing more), whatever the
    // instances: claimed in the store first. A later action (another reminder, a second move) is new.
    const given = defined(extra);
    const effect = `invited|${invitee.userId}${Object.keys(given).length ? `|${fingerprint(given, causeOf(turn, cause))}` : ''}`;
    const card = invitationCard({ ...invitationView(conference, invitee, turn.now), ...given });
    // Where it lands is kept, so that it can be updated in place (new date, cancelled, held).
    const outcome = await sendOnce(s, turn.now, conference.id, effect, { card, to: { kind: 'user', ...targetOf(turn, teamsId) }, keep: { card: 'invitation', audience: invitee.userId } });
    return outcome !== 'taken';
  } catch (e) {
    s.log(`invitation to ${invitee.userId} failed: ${(e as Error).message}`);
    await audit(s, turn, 'invitation-failed', { conferenceId: conference.id, invitee: invitee.userId });
    return false;
  }
}

/** One invitation card 1:1 to each invitee. */
export async function sendInvitations(s: Services, turn: Turn, conference: Conference, extra: InvitationExtra = {}, only?: (i: Invitee) => boolean, cause?: string): Promise<number> {
  let sent = 0;
  for (const invitee of await s.store.invitees.list(conference.id)) {
    if (only && !only(invitee)) continue;
    if (await sendInvitation(s, turn, conference, invitee, extra, cause)) sent += 1;
  }
  return sent;
}

const defined = (extra: InvitationExtra): InvitationExtra => Object.fromEntries(Object.entries(extra).filter(([, v]) => v !== undefined));

/** The chair's RSVP summary 1:1 to the chair, kept to be updated as answers come in. */
export async function sendRsvpSummary(s: Services, turn: Turn, conference: Conference, note?: string, cause?: string): Promise<void> {
  const teamsId = conference.chair.teamsId;
  if (!teamsId) return;
  // Once, whatever the deliveries and instances: claimed in the store first (a change tells the chair anew).
  const effect = note ? `rsvp-summary-posted|${fingerprint(note, causeOf(turn, cause))}` : 'rsvp-summary-posted';
  const card = rsvpSummaryFor(conference, await s.store.invitees.list(conference.id), note);
  // Kept to be updated as answers come in; the chat is where the chair's reminders go too.
  await sendOnce(s, turn.now, conference.id, effect, { card, to: { kind: 'user', ...targetOf(turn, teamsId) }, keep: { card: 'rsvp-summary', audience: conference.chair.userId }, remember: conference.chair.userId });
}

/**
 * Every invitee's invitation shown as it now stands (held, cancelled, moved), in place; an
 * invitation Teams has lost is posted afresh. Returns how many were updated.
 */
export async function updateInvitations(s: Services, conference: Conference, now: Date, extra: InvitationExtra = {}, people?: Invitee[]): Promise<number> {
  const [invitees, cards] = await Promise.all([people ?? s.store.invitees.list(conference.id), s.store.cards.list(conference.id)]);
  let done = 0;
  for (const invitee of invitees) {
    const where = cards.find((c) => c.card === 'invitation' && c.audience === invitee.userId);
    if (!where?.reference) continue;
    try {
      const card = invitationCard({ ...invitationView(conference, invitee, now), ...defined(extra) });
      const activityId = await s.messenger.replace(where.reference, where.activityId, card);
      if (activityId !== where.activityId) await s.store.cards.save({ ...where, activityId, updatedAt: now.toISOString() });
      done += 1;
    } catch (e) {
      s.log(`invitation update for ${invitee.userId} failed: ${(e as Error).message}`);
    }
  }
  return done;
}

export async function rsvp(s: Services, turn: Turn, a: ActionOf<'rsvp'>): Promise<ActionOutcome> {
  const conference = await loadConference(s, a.conferenceId);
  const invitee = await requireInvitee(s, conference, turn, 'answer this invitation');
  requireStatus(conference, ['scheduled'], 'change your answer');
  if (a.answer === 'deputy' && invitee.role !== 'professional') {
    throw new UserError('A briefed deputy attends for an agency. Please answer whether you will attend; you may bring a supporter.', 'Not for you');
  }
  if (new Date(conference.scheduledAt) <= turn.now) throw new UserError('The conference has started: answers can no longer change.', 'Too late');
  const result = await s.store.invitees.rsvp(
    conference.id,
    turn.actor.aadObjectId,
    { response: a.answer, deputyName: a.answer === 'deputy' ? a.deputyName : undefined, at: turn.now.toISOString() },
    { audit: auditAction(s, turn, 'rsvp', { conferenceId: conference.id, answer: a.answer, deputyName: a.deputyName }) },
  );
  if (result.outcome === 'not-invited') throw new UserError('Only people invited to this conference can answer.');
  if (result.outcome !== 'unchanged') {
    await followDesk(s, turn, { conferenceId: conference.id });
    await refreshChairSummary(s, conference);
  }
  return { own: invitationCard(invitationView(conference, result.invitee, turn.now)), notice: 'Your answer is recorded.' };
}

/** Replaces the chair's 1:1 summary card in place (or posts it afresh when Teams lost it). */
export async function refreshChairSummary(s: Services, conference: Conference, note?: string): Promise<void> {
  const [ref, where, invitees] = await Promise.all([
    s.store.conversations.get(conference.chair.userId),
    s.store.cards.get(conference.id, 'rsvp-summary', conference.chair.userId),
    s.store.invitees.list(conference.id),
  ]);
  if (!ref) return;
  try {
    const activityId = await s.messenger.replace(ref, where?.activityId, rsvpSummaryFor(conference, invitees, note));
    if (activityId !== where?.activityId) {
      await s.store.cards.save({ conferenceId: conference.id, card: 'rsvp-summary', audience: conference.chair.userId, conversationId: String((ref as { conversation?: { id?: string } }).conversation?.id ?? ''), activityId, updatedAt: new Date().toISOString() });
    }
  } catch (e) {
    // The answer is saved; a stale summary is refreshed by the next answer.
    s.log(`chair summary update failed: ${(e as Error).message}`);
  }
}
