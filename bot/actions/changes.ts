// Changing a scheduled conference, by the Child Protection Unit or its chair: move it, cancel it,
// invite or remove someone, remind those who have not answered. Each change is audited, goes
// through the lifecycle model so that due items follow (docs/rules.md, The lifecycle), and is
// told 1:1 to those it affects. Bad input comes back on the change card, values kept, the
// message beside its field, and nothing is changed.
import { changeConferenceCard, addedInvitee, formatDate, formatDateTime, type ActionOf } from '../../cards/index.js';
import type { Conference } from '../../src/store/conferences.js';
import { Invitee } from '../../src/store/invitees.js';
import { isChair, loadConference } from '../access.js';
import { actionId, audit, auditAction, followDesk } from '../audit.js';
import { applyEvent, factsOf } from '../lifecycle.js';
import { findPerson } from '../people.js';
import type { Services } from '../services.js';
import { fromLocal } from '../time.js';
import { UserError, type ActionOutcome, type Reply, type Turn } from '../turn.js';
import { child, rsvpSummaryFor, startsAt } from '../views.js';
import { conferencesOfCase } from './queries.js';
import { refreshChairSummary, sendInvitation, sendInvitations, sendRsvpSummary, updateInvitations } from './invitations.js';

type Errors = Record<string, string>;

/** Only the Unit or the chair, and only 1:1: the card lists the invitees. */
function mayChange(s: Services, turn: Turn, c: Conference): void {
  const unit = turn.isAdmin || s.config.ADMIN_USER_IDS.length === 0;
  if (!unit && !isChair(c, turn)) throw new UserError(`Only the Child Protection Unit or the chair, ${c.chair.name}, can change this conference.`, 'Not allowed');
  if (turn.conversation.type !== 'personal') throw new UserError('Conferences are changed in your 1:1 chat with me: the change card lists who is invited.', 'Private');
}

const statusOf = (c: Conference) => (c.status === 'scheduled' ? 'scheduled' : c.status === 'cancelled' ? 'cancelled' : 'held');

async function changeCard(s: Services, c: Conference, o: { done?: string; note?: string; errors?: Errors; values?: Record<string, string> } = {}) {
  const invitees = await s.store.invitees.list(c.id);
  return changeConferenceCard({
    conferenceId: c.id,
    child: child(c),
    kind: c.kind,
    startsAt: startsAt(c),
    location: c.location,
    dueBy: c.dueBy,
    status: statusOf(c),
    chair: c.chair.name,
    invitees: invitees.filter((i) => i.userId !== c.chair.userId).map((i) => ({ userId: i.userId, name: i.name, agency: i.agency, role: i.role, answered: Boolean(i.rsvp) })),
    ...o,
  });
}

/** The values a person typed on the change card, to send back with a refusal. */
function typed(raw: unknown): Record<string, string> {
  const o = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  return Object.fromEntries(['newDate', 'newTime', 'newLocation', 'newLateReason', 'addLine', 'removeWho', 'cancelReason'].flatMap((k) => (typeof o[k] === 'string' ? [[k, (o[k] as string).slice(0, 2000)]] : [])));
}

/** A refusal: the card again, nothing changed, and the refusal in the audit trail. */
async function refused(s: Services, turn: Turn, c: Conference, verb: string, errors: Errors, raw: unknown): Promise<ActionOutcome> {
  await audit(s, turn, 'change-refused', { conferenceId: c.id, verb, why: Object.values(errors).join(' ').slice(0, 500) });
  // A conference no longer open shows no fields: the reason goes at the top.
  const note = c.status === 'scheduled' ? 'Nothing was changed. Please check the field marked below.' : `Nothing was changed. ${Object.values(errors).join(' ')}`;
  return { own: await changeCard(s, c, { errors, values: typed(raw), note }), notice: `Nothing was changed. ${Object.values(errors).join(' ')}`.slice(0, 1000) };
}

const notOpen = (c: Conference, what: string): string | undefined =>
  c.status === 'cancelled' ? `This conference was cancelled: it cannot ${what}.` : c.status !== 'scheduled' ? `This conference was already held${c.heldOn ? ` on ${formatDate(c.heldOn)}` : ''}: it cannot ${what}.` : undefined;

/** The conference of a case that a typed command is about: the next one scheduled, else the latest. */
async function conferenceOfCase(s: Services, turn: Turn, caseRef: string): Promise<Conference> {
  const all = await conferencesOfCase(s, caseRef);
  const mine = all.filter((c) => turn.isAdmin || s.config.ADMIN_USER_IDS.length === 0 || isChair(c, turn));
  const found = mine.filter((c) => c.status === 'scheduled').at(-1) ?? mine[0];
  if (!found) {
    await audit(s, turn, 'change-refused', { caseRef });
    throw new UserError(`No conference for case ${caseRef} was found among those you may change.`, 'Not found');
  }
  return found;
}

/** "change CASE", "cancel CASE", "reschedule CASE": the change card of the case's conference. */
export async function openChangeOfCase(s: Services, turn: Turn, caseRef: string, focus?: 'cancel'): Promise<Reply> {
  const c = await conferenceOfCase(s, turn, caseRef);
  mayChange(s, turn, c);
  const note = notOpen(c, focus === 'cancel' ? 'be cancelled' : 'change') ?? (focus === 'cancel' ? 'To cancel, give the reason at the end of this card: everyone invited is told 1:1.' : undefined);
  return { cards: [await changeCard(s, c, { note })] };
}

export async function openChange(s: Services, turn: Turn, a: ActionOf<'openChange'>): Promise<ActionOutcome> {
  const c = await loadConference(s, a.conferenceId);
  mayChange(s, turn, c);
  return { own: await changeCard(s, c, { note: notOpen(c, 'change') }) };
}

/** A card payload refused by its schema: the change card again, values kept, messages beside the fields. */
export async function changeRefused(s: Services, turn: Turn, raw: unknown, fields: Record<string, string>): Promise<ActionOutcome> {
  const id = (raw as { conferenceId?: unknown } | null)?.conferenceId;
  const c = await loadConference(s, typeof id === 'string' ? id : '');
  mayChange(s, turn, c);
  return refused(s, turn, c, String((raw as { verb?: unknown }).verb), fields, raw);
}

/**
 * Move it: the statutory due date and the kind stay; a date after the due date needs its reason
 * again; the lifecycle model moves the conference and report items; everyone is sent the new
 * date and report deadline 1:1.
 */
export async function reschedule(s: Services, turn: Turn, a: ActionOf<'reschedule'>): Promise<ActionOutcome> {
  const c = await loadConference(s, a.conferenceId);
  mayChange(s, turn, c);
  const errors: Errors = {};
  const closed = notOpen(c, 'be moved');
  const start = fromLocal(`${a.newDate}T${a.newTime}`);
  if (!closed && start.getTime() === new Date(c.scheduledAt).getTime() && (a.newLocation ?? c.location) === c.location) {
    // The same move again (the retry after "Not saved", a redelivery): what it sets in motion is completed.
    const done = await lastChange(s, c, 'conference-rescheduled', (d) => d.to === startsAt(c) && d.location === c.location);
    if (done) return afterMove(s, turn, c, String(done.details.from), done.id);
  }
  if (closed) errors.newDate = closed;
  else if (start <= turn.now) errors.newDate = `${formatDate(a.newDate)} ${a.newTime} is in the past: choose a later date.`;
  else if (start.getTime() === new Date(c.scheduledAt).getTime() && (a.newLocation ?? c.location) === c.location) errors.newDate = 'This is the date and time it already has.';
  else if (a.newDate > c.dueBy && !a.newLateReason) {
    errors.newDate = `The conference must be held by ${formatDate(c.dueBy)}. Choose an earlier date, or record why it is later.`;
    errors.newLateReason = 'Needed: the new date is after the statutory due date.';
  }
  if (Object.keys(errors).length) return refused(s, turn, c, a.verb, errors, a);
  const previous = startsAt(c);
  const moved = await s.store.conferences.update(
    c.id,
    (cur) =>
      cur.status !== 'scheduled'
        ? cur
        : { ...cur, scheduledAt: start.toISOString(), location: a.newLocation ?? cur.location, lateReason: a.newDate > cur.dueBy ? a.newLateReason : undefined },
    { audit: (next) => auditAction(s, turn, 'conference-rescheduled', { conferenceId: c.id, from: previous, to: startsAt(next), location: next.location, lateReason: next.lateReason }) },
  );
  if (moved.outcome !== 'changed') return refused(s, turn, c, a.verb, { newDate: notOpen(moved.outcome === 'not-found' ? c : moved.stored.value, 'be moved') ?? 'Nothing to change.' }, a);
  await followDesk(s, turn, { conferenceId: c.id });
  return afterMove(s, turn, moved.stored.value, previous, actionId(turn, 'conference-rescheduled'));
}

/**
 * What a move sets in motion — its due items moved, every invitation shown and sent again with the
 * change, the chair's summary — each step idempotent, each message once for the move (`cause`: the
 * move's audit entry), so that the same move done again completes it and tells nobody twice.
 */
async function afterMove(s: Services, turn: Turn, now: Conference, previous: string, cause: string | undefined): Promise<ActionOutcome> {
  await applyEvent(s, turn, now.caseRef, { type: 'rescheduled', conference: factsOf(now), previousStart: previous }, now);
  const change = `The conference has moved: it was ${formatDateTime(previous)}. The report deadline moves with it. Please check your answer still holds.`;
  await updateInvitations(s, now, turn.now, { change });
  const told = await sendInvitations(s, turn, now, { change }, undefined, cause);
  await refreshChairSummary(s, now, `Moved from ${formatDateTime(previous)}.`);
  if (!isChair(now, turn)) await sendRsvpSummary(s, turn, now, `Moved from ${formatDateTime(previous)} by ${turn.actor.name}.`, cause);
  return { own: await changeCard(s, now, { done: `Moved to ${formatDateTime(startsAt(now))}: ${told} ${told === 1 ? 'person' : 'people'} told 1:1.` }), notice: `Moved to ${formatDateTime(startsAt(now))}.` };
}

/** The latest recorded change of this kind that matches: the conference already shows it, so this is that change done again. */
async function lastChange(s: Services, c: Conference, action: string, matches: (details: Record<string, unknown>) => boolean) {
  return (await s.store.audit.forConference(c.id)).filter((e) => e.action === action && matches(e.details)).at(-1);
}

/** Cancel it, with a reason: what it set due is cancelled, and everyone invited is told. */
export async function cancelConference(s: Services, turn: Turn, a: ActionOf<'cancelConference'>): Promise<ActionOutcome> {
  const c = await loadConference(s, a.conferenceId);
  mayChange(s, turn, c);
  if (c.status === 'cancelled' && c.cancelReason === a.cancelReason) {
    // The same cancellation again (the retry after "Not saved", a redelivery): what it sets in motion is completed.
    const done = await lastChange(s, c, 'conference-cancelled', (d) => d.reason === a.cancelReason);
    if (done) return afterCancel(s, turn, c, done.id);
  }
  const closed = notOpen(c, 'be cancelled');
  if (closed) return refused(s, turn, c, a.verb, { cancelReason: closed }, a);
  const cancelled = await s.store.conferences.update(c.id, (cur) => (cur.status !== 'scheduled' ? cur : { ...cur, status: 'cancelled', cancelReason: a.cancelReason }), {
    audit: () => auditAction(s, turn, 'conference-cancelled', { conferenceId: c.id, reason: a.cancelReason }),
  });
  if (cancelled.outcome !== 'changed') return refused(s, turn, c, a.verb, { cancelReason: notOpen(cancelled.outcome === 'not-found' ? c : cancelled.stored.value, 'be cancelled') ?? 'Nothing to change.' }, a);
  await followDesk(s, turn, { conferenceId: c.id });
  return afterCancel(s, turn, cancelled.stored.value, actionId(turn, 'conference-cancelled'));
}

/** What a cancellation sets in motion, as `afterMove` does for a move: done again, it completes and tells nobody twice. */
async function afterCancel(s: Services, turn: Turn, now: Conference, cause: string | undefined): Promise<ActionOutcome> {
  await applyEvent(s, turn, now.caseRef, { type: 'cancelled', conference: factsOf(now) }, now);
  await updateInvitations(s, now, turn.now);
  // A message of its own, not only the old invitation changed in place: Teams tells nobody of an update.
  const told = await sendInvitations(s, turn, now, { outcome: { kind: 'cancelled', reason: now.cancelReason ?? 'No reason recorded.' } }, undefined, cause);
  await refreshChairSummary(s, now);
  if (!isChair(now, turn)) await sendRsvpSummary(s, turn, now, `Cancelled by ${turn.actor.name}. Reason: ${now.cancelReason}`, cause);
  return { own: await changeCard(s, now, { done: `Cancelled: ${told} ${told === 1 ? 'person' : 'people'} told 1:1.` }), notice: 'The conference is cancelled.' };
}

/** Invite someone late: invited at once, and due items follow. */
export async function addInvitee(s: Services, turn: Turn, a: ActionOf<'addInvitee'>): Promise<ActionOutcome> {
  const c = await loadConference(s, a.conferenceId);
  mayChange(s, turn, c);
  const closed = notOpen(c, 'take more invitees');
  if (closed) return refused(s, turn, c, a.verb, { addLine: closed }, a);
  const who = addedInvitee(a);
  const found = await findPerson(turn, who.contact, s.directory);
  if (found.kind !== 'found') return refused(s, turn, c, a.verb, { addLine: `${who.name}: ${found.why}` }, a);
  const person = found.person;
  if (person.aadObjectId === c.chair.userId) return refused(s, turn, c, a.verb, { addLine: `${who.name} is the chair of this conference.` }, a);
  const already = await s.store.invitees.get(c.id, person.aadObjectId);
  if (already) {
    // Added by this change card before (the retry after "Not saved", a redelivery): what adding sets in motion is completed.
    if (await lastChange(s, c, 'invitee-added', (d) => d.invitee === person.aadObjectId)) return afterAdd(s, turn, c, already);
    return refused(s, turn, c, a.verb, { addLine: `${who.name} is already invited.` }, a);
  }
  const invited = await s.store.invitees.invite(
    { conferenceId: c.id, userId: person.aadObjectId, teamsId: person.teamsId, name: who.name, agency: who.agency, role: who.role, directContact: who.directContact, invitedAt: turn.now.toISOString() },
    { audit: auditAction(s, turn, 'invitee-added', { conferenceId: c.id, invitee: person.aadObjectId, agency: who.agency, role: who.role }) },
  );
  await followDesk(s, turn, { conferenceId: c.id });
  return afterAdd(s, turn, c, invited.invitee);
}

/** What inviting someone late sets in motion: due items restated for them, their invitation (once), the chair's summary. */
async function afterAdd(s: Services, turn: Turn, c: Conference, invitee: Invitee): Promise<ActionOutcome> {
  await applyEvent(s, turn, c.caseRef, { type: 'invitees-changed', conference: factsOf(c) }, c);
  const sent = await sendInvitation(s, turn, c, invitee);
  await refreshChairSummary(s, c, `${invitee.name} was invited.`);
  return { own: await changeCard(s, c, { done: `${invitee.name} is invited${sent ? ' and has the invitation 1:1' : ', but the invitation could not be sent: check they have the app'}.` }), notice: `${invitee.name} is invited.` };
}

/** Remove someone: off the list and out of the due items, with a withdrawal notice 1:1. */
export async function removeInvitee(s: Services, turn: Turn, a: ActionOf<'removeInvitee'>): Promise<ActionOutcome> {
  const c = await loadConference(s, a.conferenceId);
  mayChange(s, turn, c);
  const closed = notOpen(c, 'lose invitees');
  if (closed) return refused(s, turn, c, a.verb, { removeWho: closed }, a);
  if (a.removeWho === c.chair.userId) return refused(s, turn, c, a.verb, { removeWho: `${c.chair.name} chairs this conference and cannot be removed. To change the chair, cancel and schedule again.` }, a);
  const invitee: Invitee | undefined = await s.store.invitees.get(c.id, a.removeWho);
  if (!invitee) {
    // Removed before (the retry after "Not saved", a redelivery): the entry keeps who it was, so what removing sets in motion is completed.
    const done = await lastChange(s, c, 'invitee-removed', (d) => d.invitee === a.removeWho);
    const removed = Invitee.safeParse(done?.details.removed);
    if (done && removed.success) return afterRemove(s, turn, c, removed.data, done.id);
    return refused(s, turn, c, a.verb, { removeWho: 'This person is not invited (perhaps already removed).' }, a);
  }
  // The entry keeps the invitation as it was (not the answers): enough to finish telling them if this is cut short.
  const { rsvp: _r, checkIn: _c, contactLine: _l, ...removed } = invitee;
  await s.store.invitees.remove(c.id, invitee.userId, { audit: auditAction(s, turn, 'invitee-removed', { conferenceId: c.id, invitee: invitee.userId, agency: invitee.agency, role: invitee.role, removed }) });
  await followDesk(s, turn, { conferenceId: c.id });
  return afterRemove(s, turn, c, invitee, actionId(turn, 'invitee-removed'));
}

/** What removing someone sets in motion: due items restated without them, their invitation withdrawn and a notice (once), the summary. */
async function afterRemove(s: Services, turn: Turn, c: Conference, invitee: Invitee, cause: string | undefined): Promise<ActionOutcome> {
  await applyEvent(s, turn, c.caseRef, { type: 'invitees-changed', conference: factsOf(c) }, c);
  await updateInvitations(s, c, turn.now, { outcome: { kind: 'withdrawn' } }, [invitee]);
  const told = await sendInvitation(s, turn, c, invitee, { outcome: { kind: 'withdrawn' } }, cause);
  await refreshChairSummary(s, c, `${invitee.name} is no longer invited.`);
  return { own: await changeCard(s, c, { done: `${invitee.name} is no longer invited${told ? ' and has been told 1:1' : ''}.` }), notice: `${invitee.name} is no longer invited.` };
}

/** Remind those who have not answered: their invitation again, 1:1. */
export async function remindNonResponders(s: Services, turn: Turn, a: ActionOf<'remindNonResponders'>): Promise<ActionOutcome> {
  const c = await loadConference(s, a.conferenceId);
  mayChange(s, turn, c);
  const closed = notOpen(c, 'send reminders');
  if (closed) throw new UserError(closed, 'Too late');
  const reminded = await sendInvitations(s, turn, c, { change: 'Reminder: please answer this invitation.' }, (i) => !i.rsvp && i.userId !== c.chair.userId);
  await audit(s, turn, 'non-responders-reminded', { conferenceId: c.id, reminded });
  const done = reminded === 0 ? 'Everyone has answered: no reminder sent.' : `${reminded} ${reminded === 1 ? 'person' : 'people'} reminded 1:1.`;
  if (a.back === 'change') return { own: await changeCard(s, c, { done }), notice: done };
  return { own: rsvpSummaryFor(c, await s.store.invitees.list(c.id), done), notice: done };
}

/** "who has not answered CASE": the answers so far, with the button to remind. */
export async function whoHasNotAnswered(s: Services, turn: Turn, caseRef: string): Promise<Reply> {
  const c = await conferenceOfCase(s, turn, caseRef);
  mayChange(s, turn, c);
  const invitees = await s.store.invitees.list(c.id);
  const missing = invitees.filter((i) => !i.rsvp && i.userId !== c.chair.userId);
  return { cards: [rsvpSummaryFor(c, invitees, missing.length ? `Not answered: ${missing.map((i) => i.name).join(', ')}.` : 'Everyone has answered.')] };
}

