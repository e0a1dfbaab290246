// Starting the conference in its chat, check-in and live quoracy (RULES.md, Quoracy; Attendance).
import { agendaFor } from '../../src/rules/policies.js';
import { policyArea, policyFor, sourceOf } from '../policy.js';
import { citeIn } from '../../src/rules/policy-schema.js';
import { addWorkingDays } from '../../src/rules/calendar.js';
import type { Conference } from '../../src/store/conferences.js';
import type { Invitee } from '../../src/store/invitees.js';
import type { ActionOf } from '../../cards/index.js';
import { agendaCard } from '../../cards/agenda.js';
import { attendanceCard, type AttendanceView } from '../../cards/attendance.js';
import { loadConference, requireChair, requireInvitee, requireStatus, isChair } from '../access.js';
import { audit, auditAction, followDesk } from '../audit.js';
import { updateInvitations } from './invitations.js';
import { applyEvent, factsOf, heldOn, questionAt } from '../lifecycle.js';
import { localDate } from '../time.js';
import { conferencesOfCase } from './queries.js';
import type { Services } from '../services.js';
import { GROUP } from '../../src/store/cards.js';
import type { SharedCard } from '../shared-cards.js';
import { UserError, type ActionOutcome, type Reply, type Turn } from '../turn.js';
import { AGENCIES, child, quoracyOf, refreshIds, startsAt } from '../views.js';

/** `start CASE` in the conference's group chat or channel: binds the chat, posts agenda and attendance. */
export async function startConference(s: Services, turn: Turn, caseRef: string): Promise<Reply> {
  if (turn.conversation.type === 'personal') {
    throw new UserError('Start the conference in its group chat or channel, where everyone attending can check in: @mention me there with "start ' + caseRef + '".');
  }
  const conference = (await conferencesOfCase(s, caseRef)).find((c) => isChair(c, turn) && (c.status === 'scheduled' || c.status === 'in-progress'));
  if (!conference) {
    await audit(s, turn, 'start-refused', { caseRef });
    // Same answer whether the case exists or not: nothing is revealed to someone not chairing it.
    throw new UserError(`You have no scheduled conference to chair for case ${caseRef}.`, 'Nothing to start');
  }
  requireStatus(conference, ['scheduled', 'in-progress'], 'start this conference');
  // The day it is held: every date the conference sets counts from it (RULES.md, How the rules play out).
  const started = await s.store.conferences.update(
    conference.id,
    (c) => ({ ...c, status: 'in-progress', conversationId: turn.conversation.id, heldOn: c.heldOn ?? localDate(turn.now) }),
    { audit: () => auditAction(s, turn, 'conference-started', { conferenceId: conference.id, conversationId: turn.conversation.id }) },
  );
  if (started.outcome === 'not-found') throw new UserError('This conference could not be found.');
  if (started.outcome === 'changed') await followDesk(s, turn, { conferenceId: conference.id });
  // What starting sets in motion is in other partitions: `start` again (after "Not saved", or a
  // redelivery) completes what was cut short; each step is idempotent.
  await applyEvent(s, turn, conference.caseRef, { type: 'started', conference: factsOf(started.stored.value), on: heldOn(started.stored.value) }, started.stored.value);
  // Answers are closed: each invitation shows that the conference is being held, not live buttons.
  await updateInvitations(s, started.stored.value, turn.now);
  const question = await questionAt(s, conference);
  const invitees = await s.store.invitees.list(conference.id);
  const policy = policyFor(conference);
  return {
    cards: [
      agendaCard({ child: child(conference), kind: conference.kind, policy: conference.policy, policyLabel: policyArea(policy), source: sourceOf(policy, policy.agenda.citation), startsAt: startsAt(conference), items: agendaFor(policy, question === 'review' ? 'later-review' : 'initial').map((i) => i.title) }),
      attendanceCard(attendanceView(started.stored.value, invitees, { kind: 'everyone' }, false)),
    ],
  };
}

export async function checkIn(s: Services, turn: Turn, a: ActionOf<'checkIn'>): Promise<ActionOutcome> {
  const conference = await loadConference(s, a.conferenceId);
  requireStatus(conference, ['in-progress'], 'check in');
  const invitee = await requireInvitee(s, conference, turn, 'check in');
  if (invitee.checkIn?.present && invitee.checkIn.deputyName) {
    throw new UserError(`Your briefed deputy, ${invitee.checkIn.deputyName}, is checked in for you. Ask the chair to check them out first.`, 'Deputy checked in');
  }
  const result = await s.store.invitees.checkIn(
    conference.id,
    invitee.userId,
    { present: true, role: invitee.role, agency: invitee.agency, at: turn.now.toISOString() },
    { audit: auditAction(s, turn, 'checked-in', { conferenceId: conference.id, role: invitee.role, agency: invitee.agency }) },
  );
  if (result.outcome === 'not-invited') throw new UserError('Only people invited to this conference can check in.');
  if (result.outcome !== 'unchanged') await followDesk(s, turn, { conferenceId: conference.id });
  // An agency that checks in while a round is open is asked too (RULES.md, The decision).
  const open = invitee.role === 'professional' ? await s.store.votes.openRoundOf(conference.id) : undefined;
  if (open && !open.agencies.includes(invitee.agency)) {
    const added = await s.store.votes.addAgency(conference.id, open.round, invitee.agency, {
      audit: auditAction(s, turn, 'vote-agency-added', { conferenceId: conference.id, round: open.round, agency: invitee.agency }),
    });
    if (added.outcome === 'added') await followDesk(s, turn, { conferenceId: conference.id });
  }
  return attendanceViews(s, conference, turn, `${invitee.name} has checked in.`);
}

export async function standDown(s: Services, turn: Turn, a: ActionOf<'standDown'>): Promise<ActionOutcome> {
  const conference = await loadConference(s, a.conferenceId);
  requireChair(conference, turn, 'stand the conference down');
  requireStatus(conference, ['in-progress', 'stood-down'], 'stand the conference down');
  const { inquorate } = policyFor(conference);
  if (inquorate.interimPlan && !a.interimPlan) throw new UserError(`Record the interim plan: the procedures ask for one when a conference is stood down (${citeIn(policyFor(conference), inquorate.citation)}).`, 'Interim plan needed');
  // Counted from the day it met, as the lifecycle counts the reconvene date.
  const reconveneBy = inquorate.reconveneWithinWorkingDays ? addWorkingDays(heldOn(conference), inquorate.reconveneWithinWorkingDays) : undefined;
  const recorded = await s.store.decisions.record({
    conferenceId: conference.id,
    outcome: 'stood-down',
    split: false,
    dissents: [],
    coreGroup: [],
    safetyScales: [],
    standDownReason: a.standDownNote ?? 'Not quorate',
    interimPlan: inquorate.interimPlan ? a.interimPlan : undefined,
    reconveneBy,
    decidedBy: { userId: turn.actor.aadObjectId, name: turn.actor.name },
    decidedAt: turn.now.toISOString(),
  }, { audit: auditAction(s, turn, 'conference-stood-down', { conferenceId: conference.id, note: a.standDownNote, interimPlan: a.interimPlan, reconveneBy }) });
  if (recorded.outcome === 'already-decided') throw new UserError('A decision is already recorded for this conference.');
  if (recorded.outcome === 'recorded') await followDesk(s, turn, { conferenceId: conference.id });
  // The same stand-down again (a retry after "Not saved", a redelivery) completes what it sets due (idempotent).
  if (recorded.outcome !== 'no-such-conference') await applyEvent(s, turn, conference.caseRef, { type: 'stood-down', conference: factsOf(conference), on: heldOn(conference) }, conference);
  const by = recorded.outcome === 'no-such-conference' ? undefined : recorded.decision.reconveneBy;
  const when = by ? `by ${by}` : 'as soon as possible';
  return attendanceViews(s, { ...conference, status: 'stood-down' }, turn, `The conference is stood down; it must be reconvened ${when}.`);
}

export async function proceed(s: Services, turn: Turn, a: ActionOf<'proceed'>): Promise<ActionOutcome> {
  const conference = await loadConference(s, a.conferenceId);
  requireChair(conference, turn, 'proceed without quoracy');
  requireStatus(conference, ['in-progress'], 'proceed');
  const q = quoracyOf(await s.store.invitees.list(conference.id), 'checked-in', conference.chair);
  if (q.quorate) throw new UserError('The conference is quorate: there is no breach to record.', 'Quorate');
  if (!q.childrensSocialCare) throw new UserError("Children's Social Care must be present: the conference cannot proceed without it.", 'Cannot proceed');
  const changed = await s.store.conferences.update(conference.id, (c) => ({ ...c, quoracyBreachReason: a.proceedReason }), {
    audit: () => auditAction(s, turn, 'proceeded-without-quoracy', { conferenceId: conference.id, reason: a.proceedReason, missing: q.missing }),
  });
  if (changed.outcome === 'changed') await followDesk(s, turn, { conferenceId: conference.id });
  return attendanceViews(s, conference, turn, 'The chair proceeds without quoracy; the reason is recorded.');
}

/** May the chair open the vote: quorate, or proceeding with a recorded reason. */
export async function requireQuorateOrReason(s: Services, conference: Conference): Promise<void> {
  const q = quoracyOf(await s.store.invitees.list(conference.id), 'checked-in', conference.chair);
  if (!q.quorate && !conference.quoracyBreachReason) {
    throw new UserError(`The conference is not quorate (${q.missing.join('; ')}). Stand it down, or proceed and record why.`, 'Not quorate');
  }
}

export async function refreshAttendance(s: Services, turn: Turn, conferenceId: string): Promise<ActionOutcome> {
  const conference = await loadConference(s, conferenceId);
  // Who is present is for the chair and the invitees, not for anyone who has the conference id.
  if (!isChair(conference, turn) && !turn.isAdmin) await requireInvitee(s, conference, turn, 'see who is here');
  return attendanceViews(s, conference, turn);
}

/** The attendance card as the actor sees it; the posted card is brought in step by the shared-card writer. */
export async function attendanceViews(s: Services, conference: Conference, turn: Turn, notice?: string): Promise<ActionOutcome> {
  const { fresh, invitees, roundOpened } = await attendanceState(s, conference);
  return { own: attendanceCard(attendanceView(fresh, invitees, viewerOf(fresh, invitees, turn), roundOpened)), sharedCard: sharedAttendanceCard(s, conference), notice };
}

async function attendanceState(s: Services, conference: Conference) {
  const [invitees, stored, rounds] = await Promise.all([s.store.invitees.list(conference.id), s.store.conferences.get(conference.id), s.store.votes.listRounds(conference.id)]);
  return { fresh: stored ?? conference, invitees, roundOpened: rounds.length > 0 };
}

/** The attendance card as everyone in the chat sees it, from what is stored when it is drawn. */
function sharedAttendanceCard(s: Services, conference: Conference): SharedCard {
  return {
    key: { conferenceId: conference.id, card: 'attendance', audience: GROUP },
    async render() {
      const { fresh, invitees, roundOpened } = await attendanceState(s, conference);
      // What it shows only moves forward: people checking in, the chair's choice, the vote opened, the stand-down.
      const version =
        (fresh.status === 'stood-down' ? 8_000_000 : 0) + (roundOpened ? 4_000_000 : 0) + (fresh.quoracyBreachReason ? 2_000_000 : 0) + invitees.filter((i) => i.checkIn?.present).length;
      return { card: attendanceCard(attendanceView(fresh, invitees, { kind: 'everyone' }, roundOpened)), version };
    },
  };
}

type Viewer = NonNullable<AttendanceView['viewer']>;

function viewerOf(conference: Conference, invitees: Invitee[], turn: Turn): Viewer {
  if (isChair(conference, turn)) return { kind: 'chair' };
  const me = invitees.find((i) => i.userId === turn.actor.aadObjectId);
  if (!me) return { kind: 'everyone' };
  return { kind: 'member', name: me.name, agency: me.checkIn?.agency ?? me.agency, role: me.checkIn?.role ?? me.role, checkedIn: me.checkIn?.present === true };
}

function attendanceView(conference: Conference, invitees: Invitee[], viewer: Viewer, roundOpened: boolean): AttendanceView {
  const q = quoracyOf(invitees, 'checked-in', conference.chair);
  const policy = policyFor(conference);
  const reconvene = policy.inquorate.reconveneWithinWorkingDays;
  const person = (i: Invitee) => ({ name: i.name, agency: i.checkIn?.agency ?? i.agency, role: i.checkIn?.role ?? i.role });
  return {
    conferenceId: conference.id,
    child: child(conference),
    kind: conference.kind,
    startsAt: startsAt(conference),
    present: invitees
      .filter((i) => i.checkIn?.present)
      .map((i) => ({
        ...person(i),
        name: i.checkIn?.deputyName ?? i.name,
        deputyFor: i.checkIn?.deputyName ? i.name : undefined,
        how: i.checkIn?.how,
        byChair: i.checkIn?.recordedBy !== undefined,
        walkIn: i.walkIn === true,
      })),
    awaited: invitees.filter((i) => !i.checkIn?.present && (i.rsvp?.response === 'attending' || i.rsvp?.response === 'deputy')).map(person),
    quoracy: { quorate: q.quorate, counting: q.countingAgencies, missing: q.missing },
    decision:
      conference.status === 'stood-down'
        ? { kind: 'stood-down' }
        : conference.quoracyBreachReason
          ? { kind: 'proceeding', reason: conference.quoracyBreachReason }
          : undefined,
    // A vote round, or (where the chair decides) the decision, is under way: no button to start it.
    roundOpened: roundOpened || conference.status === 'decided',
    decisionBy: policy.decision.mode === 'chair-decides' ? 'chair' : 'vote',
    interimPlanNeeded: policy.inquorate.interimPlan,
    reconveneText: `The conference will be reconvened ${reconvene ? `within ${reconvene} working days` : 'as soon as possible'}${policy.inquorate.interimPlan ? ', with an interim plan meanwhile' : ''}. ${sourceOf(policy, policy.inquorate.citation)}`,
    viewer,
    chairTools:
      conference.status === 'in-progress' && (viewer.kind === 'chair' || viewer.kind === 'everyone')
        ? { people: invitees.slice(0, 40).map((i) => ({ id: i.userId, name: i.name, agency: i.agency, present: i.checkIn?.present === true })), agencies: AGENCIES }
        : undefined,
    refreshUserIds: refreshIds(conference, invitees),
  };
}
