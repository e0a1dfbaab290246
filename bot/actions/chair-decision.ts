// Where the policy has the chair decide throughout (decision.mode "chair-decides", e.g. Sussex):
// no vote card. The chair posts the decision card once the conference may decide, and records
// the decision with each agency's stated view and the reason of any dissent (RULES.md, The decision).
import { chairDecision } from '../../src/rules/chair-decision.js';
import { questionAt } from '../lifecycle.js';
import type { Policy } from '../../src/rules/policy-schema.js';
import type { Conference } from '../../src/store/conferences.js';
import type { Decision } from '../../src/store/decisions.js';
import type { Invitee } from '../../src/store/invitees.js';
import { agencyViews, chairDecisionCard, type ActionOf, type ChairDecisionView } from '../../cards/index.js';
import { loadConference, requireChair, requireStatus } from '../access.js';
import { audit, auditAction, followDesk } from '../audit.js';
import { policyArea, policyFor, sourceOf } from '../policy.js';
import type { Services } from '../services.js';
import { UserError, type ActionOutcome, type Turn } from '../turn.js';
import { child } from '../views.js';
import { attendanceViews, requireQuorateOrReason } from './attendance.js';
import { afterChairDecision } from './decision.js';
import { canVote } from './voting.js';

/** The policy's rule, or why the chair uses the vote instead. */
function requireChairDecides(policy: Policy): void {
  if (policy.decision.mode !== 'chair-decides') {
    throw new UserError(`Under the ${policy.area} procedures the agencies give their views in a vote: open the vote instead.`, 'Decided by vote');
  }
}

/** The agencies present, each with who speaks for it, in order of arrival. */
function agenciesPresent(conference: Conference, invitees: Invitee[]): { agency: string; names: string; people: Invitee[] }[] {
  const by = new Map<string, Invitee[]>();
  for (const i of invitees.filter(canVote(conference))) {
    const agency = i.checkIn?.agency ?? i.agency;
    by.set(agency, [...(by.get(agency) ?? []), i]);
  }
  return [...by].map(([agency, people]) => ({ agency, names: people.map((p) => p.name).join(', '), people }));
}

function view(conference: Conference, policy: Policy, question: 'initial' | 'review', agencies: { agency: string; names: string }[], extra: Partial<ChairDecisionView> = {}): ChairDecisionView {
  return {
    conferenceId: conference.id,
    child: child(conference),
    // The question follows the plan status (RULES.md).
    question,
    policy: conference.policy,
    policyLabel: policyArea(policy),
    source: sourceOf(policy, policy.decision.citation),
    agencies: agencies.map(({ agency, names }) => ({ agency, names })).slice(0, 12),
    ...extra,
  };
}

export async function openChairDecision(s: Services, turn: Turn, a: ActionOf<'openChairDecision'>): Promise<ActionOutcome> {
  const conference = await loadConference(s, a.conferenceId);
  requireChair(conference, turn, "record the chair's decision");
  requireStatus(conference, ['in-progress'], "record the chair's decision");
  const policy = policyFor(conference);
  requireChairDecides(policy);
  await requireQuorateOrReason(s, conference);
  const agencies = agenciesPresent(conference, await s.store.invitees.list(conference.id));
  if (agencies.length === 0) throw new UserError('No agency representative has checked in yet, so there is no view to record.', 'Nobody to ask');
  await audit(s, turn, 'chair-decision-opened', { conferenceId: conference.id, agencies: agencies.map((x) => x.agency) });
  await s.messenger.reply(turn.context, chairDecisionCard(view(conference, policy, await questionAt(s, conference), agencies)));
  return attendanceViews(s, conference, turn, "The chair's decision card is posted.");
}

export async function recordChairDecision(s: Services, turn: Turn, a: ActionOf<'chairDecision'>): Promise<ActionOutcome> {
  const conference = await loadConference(s, a.conferenceId);
  requireChair(conference, turn, 'record the decision');
  requireStatus(conference, ['in-progress', 'decided'], 'record the decision');
  const policy = policyFor(conference);
  requireChairDecides(policy);
  const invitees = await s.store.invitees.list(conference.id);
  const present = agenciesPresent(conference, invitees);
  const given = agencyViews(a);
  const absent = given.filter((g) => !present.some((p) => p.agency === g.agency)).map((g) => g.agency);
  if (absent.length > 0) throw new UserError(`Only agencies present give a view: ${absent.join(', ')} did not check in.`, 'Not present');
  // One view per agency, spoken for by its first representative present.
  const speaker = (agency: string) => present.find((p) => p.agency === agency)!.people[0]!;
  const question = await questionAt(s, conference);
  const decided = chairDecision(
    {
      stage: question,
      views: given.map((g) => ({ name: speaker(g.agency).name, agency: g.agency, role: 'professional', choice: g.choice, reason: g.reason })),
      choice: a.decision,
      rationale: a.rationale,
      options: { firstReview: conference.kind === 'first-review', lookedAfter: conference.lookedAfter },
    },
    policy,
  );
  const decision: Decision = {
    conferenceId: conference.id,
    outcome: decided.outcome,
    recommendation: a.recommendation,
    split: false,
    chairRationale: decided.rationale,
    agencyViews: decided.views.map((v) => ({ name: v.name, agency: v.agency, choice: v.choice, reason: v.reason ?? undefined })),
    dissents: decided.dissents.map((d) => ({ userId: speaker(d.agency).userId, name: d.name, agency: d.agency, choice: d.choice, reason: d.reason ?? undefined })),
    coreGroup: [],
    safetyScales: [],
    decidedBy: { userId: turn.actor.aadObjectId, name: turn.actor.name },
    decidedAt: turn.now.toISOString(),
  };
  const entry = auditAction(s, turn, 'chair-decided', {
    conferenceId: conference.id,
    outcome: decision.outcome,
    rationale: decision.chairRationale,
    views: decision.agencyViews?.map((v) => ({ agency: v.agency, choice: v.choice })),
    dissents: decision.dissents.map((d) => d.agency),
  });
  const recorded = await s.store.decisions.record(decision, { audit: entry });
  if (recorded.outcome === 'no-such-conference') throw new UserError('This conference could not be found.');
  if (recorded.outcome === 'recorded') await followDesk(s, turn, { conferenceId: conference.id });
  if (recorded.outcome !== 'already-decided') await afterChairDecision(s, turn, conference, recorded.decision);
  const d = recorded.decision;
  const card = chairDecisionCard(
    view(conference, policy, question, present, {
      decided: {
        choice: d.outcome as Exclude<Decision['outcome'], 'deferred' | 'stood-down'>,
        recommendation: d.recommendation,
        rationale: d.chairRationale ?? decided.rationale,
        views: d.agencyViews ?? [],
        dissents: d.dissents.map(({ name, agency, choice, reason }) => ({ name, agency, choice, reason })),
      },
    }),
  );
  const notice = recorded.outcome === 'already-decided' ? 'A decision was already recorded for this conference: this is it.' : "The decision is recorded with each agency's view.";
  return { own: card, shared: card, notice };
}
