// After the vote: the split rule of the area, dissent reasons, deferral, category of harm and the
// plan record (RULES.md, The decision / Category of harm / What a CP-plan decision must also record).
import { chairSplitDecision, type TallyResult } from '../../src/rules/tally.js';
import { categoryDecision } from '../../src/rules/category.js';
import { deferral, nextReviewDue, planRecordLimits } from '../../src/rules/timescales.js';
import { lastWorkingDayOnOrBefore } from '../../src/rules/calendar.js';
import { policyArea, policyFor } from '../policy.js';
import { isReviewKind } from '../../src/rules/kinds.js';
import type { Conference } from '../../src/store/conferences.js';
import type { Decision } from '../../src/store/decisions.js';
import type { VoteRound } from '../../src/store/votes.js';
import { resultCard, safetyScales, type ActionOf } from '../../cards/index.js';
import { categoryCard } from '../../cards/category.js';
import { planRecordCard } from '../../cards/plan-record.js';
import { splitDecisionCard } from '../../cards/split-decision.js';
import { isChair, loadConference, requireChair, requireInvitee } from '../access.js';
import { audit } from '../audit.js';
import * as dueItems from '../due.js';
import type { Services } from '../services.js';
import { UserError, type ActionOutcome, type Turn } from '../turn.js';
import { localDate } from '../time.js';
import { circulate } from './circulation.js';
import { resultView, tallyOf } from './voting.js';
import { child, conferenceRecordView } from '../views.js';
import { conferenceRecordCard } from '../../cards/conference-record.js';

const decidedBy = (turn: Turn) => ({ userId: turn.actor.aadObjectId, name: turn.actor.name });

/** Posts what the chair does next once a round has closed. */
export async function afterVote(s: Services, turn: Turn, conference: Conference, round: VoteRound, result: TallyResult, decision: Decision | undefined): Promise<void> {
  if (!decision) {
    await s.messenger.reply(turn.context, splitDecisionCard({ conferenceId: conference.id, roundId: String(round.round), child: child(conference), policy: conference.policy, policyLabel: policyArea(policyFor(conference)), question: round.question, counts: result.counts }));
    return;
  }
  await nextAfterDecision(s, turn, conference, decision);
}

async function nextAfterDecision(s: Services, turn: Turn, conference: Conference, decision: Decision): Promise<void> {
  await dueItems.decisionMade(s, conference, decision, await s.store.invitees.list(conference.id), localDate(turn.now));
  if (decision.outcome === 'cp-plan' || decision.outcome === 'continue') {
    const policy = policyFor(conference);
    await s.messenger.reply(turn.context, categoryCard({ conferenceId: conference.id, child: child(conference), allowMultiple: policy.multipleCategories.on }));
  } else {
    await circulate(s, turn, conference);
  }
}

export async function splitDecision(s: Services, turn: Turn, a: ActionOf<'splitDecision'>): Promise<ActionOutcome> {
  const conference = await loadConference(s, a.conferenceId);
  requireChair(conference, turn, 'decide a split vote');
  const round = await s.store.votes.getRound(conference.id, Number(a.roundId));
  if (!round || round.status !== 'closed') throw new UserError('That vote round is not closed, or could not be found.');
  const result = tallyOf(conference, await s.store.votes.list(conference.id, round.round), turn);
  if (result.outcome !== 'chair-decides') throw new UserError('This vote was not split: its outcome is already decided by the majority.');
  const chair = chairSplitDecision(result, { choice: a.decision, rationale: a.rationale }, policyFor(conference));
  const decision: Decision = {
    conferenceId: conference.id,
    outcome: chair.outcome,
    recommendation: a.recommendation,
    round: round.round,
    split: true,
    chairRationale: a.rationale,
    dissents: chair.dissents.map((d) => ({ name: d.name, agency: d.agency, choice: d.choice, reason: d.reason ?? undefined })),
    coreGroup: [],
    safetyScales: [],
    decidedBy: decidedBy(turn),
    decidedAt: turn.now.toISOString(),
  };
  const recorded = await s.store.decisions.record(decision);
  if (recorded.outcome === 'no-such-conference') throw new UserError('This conference could not be found.');
  if (recorded.outcome === 'recorded') {
    await audit(s, turn, 'split-decided', { conferenceId: conference.id, outcome: decision.outcome, rationale: a.rationale });
    await nextAfterDecision(s, turn, conference, recorded.decision);
  }
  const card = resultCard(resultView(conference, round, result, recorded.decision));
  return { own: card, shared: card, notice: 'The chair has decided the split vote.' };
}

export async function dissentReason(s: Services, turn: Turn, a: ActionOf<'dissentReason'>): Promise<ActionOutcome> {
  const conference = await loadConference(s, a.conferenceId);
  await requireInvitee(s, conference, turn, 'record a dissent');
  // The round first: a stale card must be refused before anything is written, not after.
  const round = await s.store.votes.getRound(conference.id, Number(a.roundId));
  if (!round) throw new UserError('That vote round could not be found.');
  const changed = await s.store.decisions.update(conference.id, (d) => {
    const mine = d.dissents.findIndex((x) => x.userId === turn.actor.aadObjectId);
    if (mine < 0) throw new UserError('Only someone whose view differs from the decision records a dissent here.', 'No dissent to record');
    return { ...d, dissents: d.dissents.map((x, i) => (i === mine ? { ...x, reason: a.dissentReason } : x)) };
  });
  if (changed.outcome === 'not-found') throw new UserError('There is no decision recorded for this conference yet.');
  if (changed.outcome === 'changed') await audit(s, turn, 'dissent-reason-recorded', { conferenceId: conference.id });
  const result = tallyOf(conference, await s.store.votes.list(conference.id, round.round), turn);
  const card = resultCard(resultView(conference, round, result, changed.stored.value));
  return { own: card, shared: card, notice: 'Your reason for dissent is recorded.' };
}

export async function defer(s: Services, turn: Turn, a: ActionOf<'defer'>): Promise<ActionOutcome> {
  const conference = await loadConference(s, a.conferenceId);
  requireChair(conference, turn, 'defer the decision');
  const { reconveneBy } = deferral(localDate(turn.now));
  const recorded = await s.store.decisions.record({
    conferenceId: conference.id,
    outcome: 'deferred',
    split: false,
    dissents: [],
    coreGroup: [],
    safetyScales: [],
    deferralReason: a.deferReason,
    reconveneBy,
    decidedBy: decidedBy(turn),
    decidedAt: turn.now.toISOString(),
  });
  if (recorded.outcome === 'no-such-conference') throw new UserError('This conference could not be found.');
  if (recorded.outcome === 'already-decided') throw new UserError('A decision is already recorded for this conference.');
  if (recorded.outcome === 'recorded') {
    await audit(s, turn, 'decision-deferred', { conferenceId: conference.id, reason: a.deferReason, reconveneBy });
    await dueItems.decisionMade(s, conference, recorded.decision, await s.store.invitees.list(conference.id), localDate(turn.now));
  }
  const card = resultCard({
    conferenceId: conference.id,
    roundId: a.roundId ?? '1',
    child: child(conference),
    question: conference.kind.endsWith('review') ? 'review' : 'initial',
    outcome: { kind: 'deferred', reason: a.deferReason, reconveneBy },
  });
  return { own: card, shared: card, notice: `Decision deferred: reconvene by ${reconveneBy}.` };
}

export async function proposeCategory(s: Services, turn: Turn, a: ActionOf<'proposeCategory'>): Promise<ActionOutcome> {
  const conference = await loadConference(s, a.conferenceId);
  const invitee = await requireInvitee(s, conference, turn, 'propose a category');
  categoryDecision({ proposed: [a.primary, ...a.others], policy: policyFor(conference), chairPrimary: a.primary, chairOthers: a.others });
  await audit(s, turn, 'category-proposed', { conferenceId: conference.id, primary: a.primary, others: a.others });
  const card = categoryCard({ conferenceId: conference.id, child: child(conference), allowMultiple: policyFor(conference).multipleCategories.on, proposals: [{ name: invitee.name, agency: invitee.agency, primary: a.primary, others: a.others }], viewer: 'member' });
  return { own: card, notice: 'Your proposal is noted for the chair.' };
}

export async function refreshCategory(s: Services, turn: Turn, conferenceId: string): Promise<ActionOutcome> {
  const conference = await loadConference(s, conferenceId);
  const decision = await s.store.decisions.get(conference.id);
  const viewer = isChair(conference, turn) ? 'chair' : (await s.store.invitees.get(conference.id, turn.actor.aadObjectId)) ? 'member' : 'everyone';
  const view = { conferenceId: conference.id, child: child(conference), allowMultiple: policyFor(conference).multipleCategories.on, decided: decision?.category };
  return { own: categoryCard({ ...view, viewer }), shared: categoryCard(view) };
}

export async function decideCategory(s: Services, turn: Turn, a: ActionOf<'decideCategory'>): Promise<ActionOutcome> {
  const conference = await loadConference(s, a.conferenceId);
  requireChair(conference, turn, 'record the category of harm');
  const category = categoryDecision({ proposed: [a.primary, ...a.others], policy: policyFor(conference), chairPrimary: a.primary, chairOthers: a.others });
  const changed = await s.store.decisions.update(conference.id, (d) => {
    if (d.outcome !== 'cp-plan' && d.outcome !== 'continue') throw new UserError('A category of harm is recorded only with a child protection plan.');
    return { ...d, category: { primary: category.primary, others: category.others } };
  });
  if (changed.outcome === 'not-found') throw new UserError('Record the decision before the category.');
  await audit(s, turn, 'category-decided', { conferenceId: conference.id, primary: category.primary, others: category.others });
  const limits = planLimits(conference, localDate(turn.now));
  const invitees = await s.store.invitees.list(conference.id);
  const policy = policyFor(conference);
  const agencies = [...new Set(invitees.filter((i) => i.role === 'professional').map((i) => i.agency))].slice(0, 12);
  const plan = planRecordCard({
    conferenceId: conference.id,
    child: child(conference),
    heldOn: localDate(turn.now),
    people: invitees.map((i) => ({ id: i.userId, name: i.name, agency: i.agency, role: i.role })),
    firstCoreGroup: { date: limits.firstCoreGroupBy, latest: limits.firstCoreGroupBy },
    // Proposed on a working day; the limit itself may fall on a weekend.
    firstReview: { date: lastWorkingDayOnOrBefore(limits.firstReviewBy), latest: limits.firstReviewBy },
    safetyScales: policy.safetyScales.on && agencies.length > 0 ? { agencies } : undefined,
    problems: limits.warnings.map((w) => w.message),
  });
  await s.messenger.reply(turn.context, plan);
  const card = categoryCard({ conferenceId: conference.id, child: child(conference), allowMultiple: policy.multipleCategories.on, decided: { primary: category.primary, others: category.others }, viewer: 'chair' });
  return { own: card, shared: card, notice: 'Category of harm recorded.' };
}

/** The plan record's dates: after an initial-type conference the first review is within 3 months; after a review, the next within 6. */
function planLimits(conference: Conference, heldOn: string) {
  const limits = planRecordLimits(heldOn, { expectedDeliveryDate: conference.expectedDeliveryDate });
  const review = isReviewKind(conference.kind);
  return { ...limits, firstReviewBy: nextReviewDue(conference.kind, heldOn), reviewRule: review ? 'within 6 months of this review' : 'within 3 months of the conference' };
}

export async function planRecord(s: Services, turn: Turn, a: ActionOf<'planRecord'>): Promise<ActionOutcome> {
  const conference = await loadConference(s, a.conferenceId);
  requireChair(conference, turn, 'record the plan');
  const decided = await s.store.decisions.get(conference.id);
  if (!decided || (decided.outcome !== 'cp-plan' && decided.outcome !== 'continue')) throw new UserError('A plan is recorded only after a decision for a child protection plan.');
  const today = localDate(turn.now);
  const limits = planLimits(conference, localDate(new Date(decided.decidedAt)));
  const problems: string[] = [];
  if (a.firstCoreGroupDate > limits.firstCoreGroupBy) problems.push(`the first core group must meet by ${limits.firstCoreGroupBy} (within 10 working days of the conference)`);
  if (a.firstReviewDate > limits.firstReviewBy) problems.push(`the next review must be held by ${limits.firstReviewBy} (${limits.reviewRule})`);
  if (a.firstCoreGroupDate < today || a.firstReviewDate < today) problems.push('dates cannot be in the past');
  if (problems.length) throw new UserError(`Please check: ${problems.join('; ')}.`, 'Plan not recorded');
  const invitees = await s.store.invitees.list(conference.id);
  const lead = invitees.find((i) => i.userId === a.leadProfessional);
  if (!lead) throw new UserError('The lead professional must be one of the invitees.');
  const members = a.coreGroup.map((id) => invitees.find((i) => i.userId === id));
  if (members.some((m) => !m)) throw new UserError('Core group members must be invitees; name others in "Other core group members".');
  const scales = safetyScales(a).map(({ agency, scale }) => ({ agency, score: scale }));
  const changed = await s.store.decisions.update(conference.id, (d) => ({
    ...d,
    leadProfessional: { userId: lead.userId, name: lead.name, agency: lead.agency },
    coreGroup: members.map((m) => ({ userId: m!.userId, name: m!.name, role: m!.role, agency: m!.agency })),
    firstCoreGroupDate: a.firstCoreGroupDate,
    firstReviewDate: a.firstReviewDate,
    outlinePlan: a.outlinePlan,
    contingencyPlan: a.contingencyPlan,
    safetyScales: scales,
  }));
  if (changed.outcome === 'not-found') throw new UserError('Record the decision before the plan.');
  if (changed.outcome === 'changed') {
    await audit(s, turn, 'plan-recorded', { conferenceId: conference.id, firstReviewDate: a.firstReviewDate, firstCoreGroupDate: a.firstCoreGroupDate });
    await dueItems.planRecorded(s, conference, changed.stored.value, invitees, today);
    await circulate(s, turn, conference);
  }
  // Seen in the conference chat: the record names the child by case reference and initials only.
  const votes = changed.stored.value.round ? await s.store.votes.list(conference.id, changed.stored.value.round) : [];
  const record = conferenceRecordCard(conferenceRecordView(conference, changed.stored.value, invitees, votes));
  return { own: record, shared: record, notice: 'The plan is recorded and the decision has been sent to everyone invited.' };
}
