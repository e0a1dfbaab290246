// Scheduling a conference (RULES.md, Conference kinds and when they must happen): the statutory
// due date from the rules, refusal of a later date without a reason, invitations 1:1 and the
// chair's RSVP summary.
import { conferenceDueDate, preBirthWarning } from '../../src/rules/timescales.js';
import { reportDeadline } from '../../src/rules/reports.js';
import type { Conference } from '../../src/store/conferences.js';
import { invitationCard, scheduleInvitees, type ActionOf } from '../../cards/index.js';
import { scheduleConfirmationCard } from '../../cards/schedule-confirmation.js';
import { scheduleFormCard } from '../../cards/schedule-form.js';
import { audit } from '../audit.js';
import { applyEvent, factsOf } from '../lifecycle.js';
import { findPerson, type TeamsPerson } from '../people.js';
import type { Services } from '../services.js';
import { fromLocal } from '../time.js';
import { policyVersionLabel } from '../policy.js';
import { UserError, type ActionOutcome, type Reply, type Turn } from '../turn.js';
import { AGENCIES, invitationView, namedChild, rsvpSummaryFor } from '../views.js';

export function requireScheduler(s: Services, turn: Turn): void {
  const admins = s.config.ADMIN_USER_IDS;
  if (admins.length > 0 && !turn.isAdmin) throw new UserError('Only the Child Protection Unit (configured admins) can schedule conferences.', 'Not allowed');
}

export async function openSchedule(s: Services, turn: Turn): Promise<Reply> {
  requireScheduler(s, turn);
  return { cards: [scheduleFormCard({ agencies: AGENCIES, policies: policyChoices(s) })] };
}

export async function schedule(s: Services, turn: Turn, a: ActionOf<'schedule'>): Promise<ActionOutcome> {
  requireScheduler(s, turn);
  const policy = s.policies.get(a.policy);
  if (!policy) throw new UserError(`There are no procedures "${a.policy}" here; choose one of: ${s.policies.list().map((p) => p.area).join(', ')}.`, 'Unknown procedures');
  const invitees = scheduleInvitees(a);
  const due = conferenceDueDate(a.kind, a.triggerDate);
  const problems: string[] = [];
  if (due.due && a.date > due.due && !a.lateReason) {
    problems.push(`The conference must be held by ${due.due} (${due.rule}). Choose an earlier date, or record why it is later.`);
  }
  const warnings = a.kind === 'pre-birth' && a.expectedDeliveryDate ? [preBirthWarning(a.date, a.expectedDeliveryDate)?.message].filter((w): w is string => Boolean(w)) : [];
  const [chair, ...people] = await Promise.all([a.chairContact, ...invitees.map((i) => i.contact)].map((c) => findPerson(turn, c)));
  if (!chair) problems.push(`The chair (${a.chairContact}) could not be found in Teams.`);
  people.forEach((p, i) => {
    if (!p) problems.push(`Invitee ${i + 1} (${invitees[i]!.contact}) could not be found in Teams: check the email, or ask them to install the app.`);
  });
  if (problems.length > 0) {
    const form = scheduleFormCard({ agencies: AGENCIES, policies: policyChoices(s), problems, dueDate: due.due ?? undefined, prefill: prefillOf(a) });
    return { own: form, notice: problems.join(' ') };
  }
  const conference: Conference = {
    id: conferenceIdOf(a.caseRef, a.date, a.kind),
    caseRef: a.caseRef,
    childInitials: a.childInitials.replace(/[^A-Za-z]/g, '').toUpperCase(),
    childFullName: a.childFullName,
    kind: a.kind,
    // The conference keeps the policy as it is now, and runs under it to the end.
    policy: policy.id,
    policyVersion: policy.version,
    policySnapshot: policy,
    scheduledAt: fromLocal(`${a.date}T${a.time}`).toISOString(),
    triggerDate: a.triggerDate,
    dueBy: due.due ?? a.date,
    lateReason: a.lateReason,
    chair: { userId: chair!.aadObjectId, name: a.chairName, teamsId: chair!.teamsId },
    status: 'scheduled',
    expectedDeliveryDate: a.expectedDeliveryDate,
    lookedAfter: a.lookedAfter,
    createdAt: turn.now.toISOString(),
  };
  const created = await s.store.conferences.create(conference);
  if (created.outcome === 'id-taken') {
    throw new UserError(`A different ${a.kind} conference for case ${a.caseRef} on ${a.date} is already scheduled. Change that one, or choose another date.`, 'Already scheduled');
  }
  const invited = await Promise.all(
    invitees.map((inv, i) => {
      const person = people[i] as TeamsPerson;
      return s.store.invitees.invite({
        conferenceId: conference.id,
        userId: person.aadObjectId,
        teamsId: person.teamsId,
        name: inv.name,
        agency: inv.agency,
        role: inv.role,
        directContact: inv.directContact,
        invitedAt: turn.now.toISOString(),
      });
    }),
  );
  if (created.outcome === 'created') {
    await audit(s, turn, 'conference-scheduled', { conferenceId: conference.id, kind: conference.kind, policy: conference.policy, policyVersion: policy.version, date: a.date, lateReason: a.lateReason, invitees: invited.length });
    await applyEvent(s, turn, conference.caseRef, { type: 'scheduled', conference: factsOf(conference) }, conference);
    await sendInvitations(s, turn, conference);
  }
  const own = scheduleConfirmationCard({
    conferenceId: conference.id,
    child: namedChild(conference),
    kind: conference.kind,
    startsAt: `${a.date}T${a.time}`,
    location: a.location,
    triggerDate: a.triggerDate,
    dueDate: due.due ?? undefined,
    lateReason: a.lateReason,
    expectedDeliveryDate: a.expectedDeliveryDate,
    lookedAfter: a.lookedAfter,
    policy: a.policy,
    policyLabel: policyVersionLabel(policy),
    chair: a.chairName,
    invitees: invitees.map((i) => ({ name: i.name, agency: i.agency, role: i.role, directContact: i.directContact })),
    warnings: [...warnings, ...reportDeadline(`${a.date}T${a.time}`, policy, a.kind).warnings.map((w) => w.message)],
  });
  return { own, notice: `Conference scheduled for case ${a.caseRef}; invitations sent.` };
}

/** One invitation card 1:1 to each invitee, then the chair's RSVP summary 1:1 to the chair. */
async function sendInvitations(s: Services, turn: Turn, conference: Conference): Promise<void> {
  const serviceUrl = turn.context.activity.serviceUrl;
  const invitees = await s.store.invitees.list(conference.id);
  for (const invitee of invitees) {
    if (!invitee.teamsId) continue;
    try {
      await s.messenger.toUser({ teamsId: invitee.teamsId, tenantId: turn.tenantId, serviceUrl }, invitationCard(invitationView(conference, invitee, turn.now)));
    } catch (e) {
      s.log(`invitation to ${invitee.userId} failed: ${(e as Error).message}`);
      await audit(s, turn, 'invitation-failed', { conferenceId: conference.id, invitee: invitee.userId });
    }
  }
  if (conference.chair.teamsId) {
    const sent = await s.messenger.toUser({ teamsId: conference.chair.teamsId, tenantId: turn.tenantId, serviceUrl }, rsvpSummaryFor(conference, invitees));
    await s.store.conversations.save(conference.chair.userId, sent.reference as Record<string, unknown>, turn.now.toISOString());
    await s.store.cards.save({ conferenceId: conference.id, card: 'rsvp-summary', audience: conference.chair.userId, conversationId: sent.reference.conversation?.id ?? '', activityId: sent.activityId, updatedAt: turn.now.toISOString() });
  }
}

/** The procedures offered on the form: the deployment's policies. */
function policyChoices(s: Services) {
  return s.policies.list().map((p) => ({ id: p.id, label: p.area }));
}

/** A stable id: the same form delivered twice schedules one conference. */
export function conferenceIdOf(caseRef: string, date: string, kind: string): string {
  return `${caseRef.replace(/[^A-Za-z0-9-]/g, '.')}.${date}.${kind}`.slice(0, 64);
}

function prefillOf(a: ActionOf<'schedule'>) {
  return {
    caseRef: a.caseRef,
    childInitials: a.childInitials,
    childFullName: a.childFullName,
    kind: a.kind,
    triggerDate: a.triggerDate,
    date: a.date,
    time: a.time,
    location: a.location,
    policy: a.policy,
    chairName: a.chairName,
    chairContact: a.chairContact,
    lateReason: a.lateReason,
    expectedDeliveryDate: a.expectedDeliveryDate,
    lookedAfter: a.lookedAfter,
    invitees: scheduleInvitees(a),
  };
}
