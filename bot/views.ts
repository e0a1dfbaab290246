// Store records → card view models. Cards for a group chat get case reference and initials only;
// the child's full name goes only into 1:1 cards to invitees.
import { reportDeadline } from '../src/rules/reports.js';
import { quoracyAtTable, type QuoracyResult } from '../src/rules/quoracy.js';
import type { Conference } from '../src/store/conferences.js';
import type { Decision } from '../src/store/decisions.js';
import type { Invitee } from '../src/store/invitees.js';
import type { InvitationView } from '../cards/index.js';
import type { Outcome, PlanSummary } from '../cards/decision.js';
import type { DecisionSummaryView } from '../cards/decision-summary.js';
import type { ConferenceRecordView } from '../cards/conference-record.js';
import { isReviewKind } from '../src/rules/kinds.js';
import type { Choice } from '../src/rules/types.js';
import { rsvpSummaryCard } from '../cards/rsvp-summary.js';
import { FORM_AGENCIES } from '../cards/invitee-lines.js';
import { localDateTime } from './time.js';
import { policyArea, policyFor, policyVersionLabel } from './policy.js';

/** The agencies offered on the scheduling form, Children's Social Care first. */
export const AGENCIES = [...FORM_AGENCIES];

export const child = (c: Conference) => ({ caseRef: c.caseRef, initials: c.childInitials });
export const namedChild = (c: Conference) => ({ ...child(c), fullName: c.childFullName });
export const startsAt = (c: Conference) => localDateTime(new Date(c.scheduledAt));

export function invitationView(c: Conference, invitee: Invitee, now: Date): InvitationView {
  const policy = policyFor(c);
  const deadline = reportDeadline(startsAt(c), policy, c.kind);
  return {
    conferenceId: c.id,
    child: namedChild(c),
    kind: c.kind,
    startsAt: startsAt(c),
    location: c.location,
    chair: c.chair.name,
    policy: c.policy,
    policyLabel: policyArea(policy),
    invitedAs: { name: invitee.name, agency: invitee.agency, role: invitee.role },
    reportDeadline: { what: `Send your report to ${deadline.sendTo}`, by: deadline.sendBy, passed: deadline.sendBy <= localDateTime(now) },
    answer: invitee.rsvp && { rsvp: invitee.rsvp.response, deputyName: invitee.rsvp.deputyName },
    open: c.status === 'scheduled' && new Date(c.scheduledAt) > now,
    outcome: invitationOutcome(c),
  };
}

/** What became of a conference, as its invitations show it once the answers are closed. */
function invitationOutcome(c: Conference): InvitationView['outcome'] {
  if (c.status === 'cancelled') return { kind: 'cancelled', reason: c.cancelReason ?? 'No reason was given.' };
  if (c.status === 'scheduled') return undefined;
  return { kind: 'held', on: c.heldOn ?? localDateTime(new Date(c.scheduledAt)).slice(0, 10) };
}

/**
 * Quoracy of the people checked in (as they confirmed their role and agency), or, before the
 * conference, as forecast from the answers (attending, or sending a briefed deputy). Roles are
 * read as the rules read them: the chair, family, advocates and support staff never count.
 */
export function quoracyOf(invitees: Invitee[], basis: 'checked-in' | 'forecast' = 'checked-in', chair?: { userId: string }): QuoracyResult {
  return quoracyAtTable(
    invitees.map((i) => ({
      name: i.checkIn?.deputyName ?? i.name,
      agency: i.checkIn?.agency ?? i.agency,
      role: i.checkIn?.role ?? i.role,
      directContact: i.directContact,
      present: basis === 'forecast' ? i.rsvp?.response === 'attending' || i.rsvp?.response === 'deputy' : i.checkIn?.present === true,
      chair: i.userId === chair?.userId,
    })),
  );
}

/** The chair's live view of the answers, with the quoracy they forecast. */
export function rsvpSummaryFor(c: Conference, invitees: Invitee[], note?: string) {
  const expected = quoracyOf(invitees, 'forecast', c.chair);
  return rsvpSummaryCard({
    note: note ?? (c.status === 'cancelled' ? `Cancelled. Reason: ${c.cancelReason ?? 'not given'}` : undefined),
    open: c.status === 'scheduled',
    conferenceId: c.id,
    child: child(c),
    kind: c.kind,
    startsAt: startsAt(c),
    reportDeadline: reportDeadline(startsAt(c), policyFor(c), c.kind).sendBy,
    invitees: invitees.map((i) => ({ name: i.name, agency: i.agency, role: i.role, directContact: i.directContact, answer: i.rsvp?.response, deputyName: i.rsvp?.deputyName })),
    forecast: { quorate: expected.quorate, counting: expected.countingAgencies, missing: expected.missing },
  });
}

/** How a stored decision reads on a card. */
export function outcomeOf(d: Decision): Outcome {
  if (d.outcome === 'deferred') return { kind: 'deferred', reason: d.deferralReason ?? 'critical information is missing', reconveneBy: d.reconveneBy ?? d.decidedAt.slice(0, 10) };
  if (d.outcome === 'stood-down') return { kind: 'stood-down', reason: d.standDownReason ?? 'Not quorate', reconveneBy: d.reconveneBy };
  const basis = d.chairRationale ? 'chair' : d.split ? 'split-plan' : d.dissents.length ? 'majority' : 'consensus';
  return { kind: 'decided', choice: d.outcome, recommendation: d.recommendation, basis, rationale: d.chairRationale, exceptionalCircumstances: d.exceptionalCircumstances };
}

function planOf(d: Decision): PlanSummary | undefined {
  if (!d.leadProfessional || !d.firstCoreGroupDate || !d.firstReviewDate || !d.outlinePlan || !d.contingencyPlan) return undefined;
  return {
    leadProfessional: { name: d.leadProfessional.name, agency: d.leadProfessional.agency },
    leadDeputy: d.leadDeputy && { name: d.leadDeputy.name, agency: d.leadDeputy.agency },
    coreGroup: d.coreGroup.map((m) => ({ name: m.name, agency: m.agency, role: m.role })),
    coreGroupOthers: d.coreGroupOthers,
    // A plan continued: the record sets the next core group and review, not the first.
    later: d.outcome === 'continue',
    dangerStatements: d.dangerStatements,
    safetyGoals: d.safetyGoals,
    firstCoreGroup: d.firstCoreGroupDate,
    firstReview: d.firstReviewDate,
    outlinePlan: d.outlinePlan,
    contingencyPlan: d.contingencyPlan,
    safetyScales: d.safetyScales.map((x) => ({ agency: x.agency, scale: x.score })),
    overallSafetyScale: d.overallSafetyScale,
  };
}

/** The 1:1 circulation to everyone invited: may name the child in full. */
export function decisionSummaryView(c: Conference, d: Decision): DecisionSummaryView {
  return {
    conferenceId: c.id,
    child: namedChild(c),
    kind: c.kind,
    heldAt: startsAt(c),
    chair: c.chair.name,
    outcome: outcomeOf(d),
    category: d.category,
    plan: planOf(d),
    nextReview: d.firstReviewDate,
  };
}

/** The stored record of a conference, shown on request. */
export function conferenceRecordView(c: Conference, d: Decision | undefined, invitees: Invitee[], votes: { choice: Choice }[] = []): ConferenceRecordView {
  const q = quoracyOf(invitees, 'checked-in', c.chair);
  return {
    conferenceId: c.id,
    child: child(c),
    kind: c.kind,
    policy: c.policy,
    policyLabel: policyVersionLabel(policyFor(c)),
    startsAt: startsAt(c),
    chair: c.chair.name,
    attendance: invitees.map((i) => ({ name: i.name, agency: i.agency, role: i.role, attended: i.checkIn?.present === true, rsvp: i.rsvp?.response })),
    quoracy: { quorate: q.quorate, breachReason: c.quoracyBreachReason, stoodDown: d?.outcome === 'stood-down' },
    // The question asked follows the plan status; the decision shows which it was.
    question: d?.outcome === 'continue' || d?.outcome === 'discontinue' ? 'review' : d?.outcome === 'cp-plan' || d?.outcome === 'no-cp-plan' ? 'initial' : isReviewKind(c.kind) ? 'review' : 'initial',
    outcome: d && d.outcome !== 'stood-down' ? outcomeOf(d) : undefined,
    counts: countChoices(votes),
    dissents: (d?.dissents ?? []).map((x) => ({ name: x.name, agency: x.agency, choice: x.choice, reason: x.reason })),
    agencyViews: (d?.agencyViews ?? []).map((x) => ({ name: x.name, agency: x.agency, choice: x.choice, reason: x.reason })),
    category: d?.category,
    plan: d && planOf(d),
    safetyScales: (d?.safetyScales ?? []).map((x) => ({ agency: x.agency, scale: x.score })),
    overallSafetyScale: d?.overallSafetyScale,
    nextReview: d?.firstReviewDate ?? d?.reconveneBy,
  };
}

/**
 * What a shared chat may see of the record: the outcome, the count and the dates. People's names
 * (family members among them), the chair's free text and the plan come 1:1.
 */
export function groupRecordView(v: ConferenceRecordView): ConferenceRecordView {
  const o = v.outcome;
  const outcome =
    o?.kind === 'decided'
      ? { ...o, rationale: undefined, exceptionalCircumstances: undefined }
      : o?.kind === 'deferred' || o?.kind === 'stood-down'
        ? { ...o, reason: 'recorded in the full record (sent 1:1)' }
        : o;
  return { ...v, attendance: [], dissents: [], excluded: [], quoracy: { ...v.quoracy, breachReason: undefined }, outcome, plan: undefined, nextReview: v.nextReview ?? v.plan?.firstReview, warnings: [] };
}

/** How many views were given for each choice. */
export function countChoices(votes: { choice: Choice }[]): Partial<Record<Choice, number>> {
  const counts: Partial<Record<Choice, number>> = {};
  for (const v of votes) counts[v.choice] = (counts[v.choice] ?? 0) + 1;
  return counts;
}

/** Per-user views reach at most 60 people: the chair and those present first. */
export function refreshIds(c: Conference, invitees: Invitee[]): string[] {
  const present = invitees.filter((i) => i.checkIn?.present).map((i) => i.teamsId);
  const ids = [c.chair.teamsId, ...present, ...invitees.map((i) => i.teamsId)];
  return [...new Set(ids.filter((x): x is string => Boolean(x)))].slice(0, 60);
}
