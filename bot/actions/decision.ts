// After the vote: the split rule of the area, dissent reasons, deferral, category of harm and the
// plan record (RULES.md, The decision / Category of harm / What a CP-plan decision must also record).
import { TurnContext } from 'botbuilder';
import { chairSplitDecision, decisionWarnings, type TallyResult } from '../../src/rules/tally.js';
import { categoryDecision } from '../../src/rules/category.js';
import { deferral, preBirthWarning } from '../../src/rules/timescales.js';
import { planRecordWindow, transition } from '../../src/rules/lifecycle.js';
import { lastWorkingDayOnOrBefore } from '../../src/rules/calendar.js';
import { policyArea, policyFor, sourceOf } from '../policy.js';
import { RuleError } from '../../src/rules/errors.js';
import { GROUP } from '../../src/store/cards.js';
import type { Conference } from '../../src/store/conferences.js';
import type { Decision } from '../../src/store/decisions.js';
import type { VoteRound } from '../../src/store/votes.js';
import { exceptionalCard, outcomeLabel, resultCard, safetyScales, safetyScalesCard, type ActionOf, type ExceptionalView } from '../../cards/index.js';
import { categoryCard } from '../../cards/category.js';
import { planRecordCard } from '../../cards/plan-record.js';
import { splitDecisionCard } from '../../cards/split-decision.js';
import { isChair, loadConference, requireChair, requireInvitee } from '../access.js';
import { auditAction, followDesk } from '../audit.js';
import { applyEvent, caseState, factsOf, heldOn, questionAt } from '../lifecycle.js';
import { once } from '../effects.js';
import type { Services } from '../services.js';
import { UserError, type ActionOutcome, type Reply, type Turn } from '../turn.js';
import { localDate } from '../time.js';
import { resultView, tallyOf } from './voting.js';
import { child, conferenceRecordView, groupRecordView } from '../views.js';
import { conferenceRecordCard } from '../../cards/conference-record.js';

/** The policy's category setting for the category card, with its source. */
function categoryRule(conference: Conference): { allowMultiple: boolean; source: string } {
  const policy = policyFor(conference);
  return { allowMultiple: policy.multipleCategories.on, source: sourceOf(policy, policy.multipleCategories.citation) };
}

const decidedBy = (turn: Turn) => ({ userId: turn.actor.aadObjectId, name: turn.actor.name });

/** Posts what the chair does next once a round has closed. */
export async function afterVote(s: Services, turn: Turn, conference: Conference, round: VoteRound, result: TallyResult, decision: Decision | undefined): Promise<void> {
  if (!decision) {
    await s.messenger.reply(turn.context, splitDecisionCard({ conferenceId: conference.id, roundId: String(round.round), child: child(conference), policy: conference.policy, policyLabel: policyArea(policyFor(conference)), source: sourceOf(policyFor(conference), policyFor(conference).splitRule.citation), question: round.question, counts: result.counts }));
    return;
  }
  await nextAfterDecision(s, turn, conference, decision);
}

/**
 * What a decision recorded by the chair (a split decided, a deferral, the chair's decision) sets
 * in motion, once: the same decision again (a redelivery, the chair's retry after "Not saved")
 * finishes what a first attempt left, and never posts the next step twice.
 */
export async function afterChairDecision(s: Services, turn: Turn, conference: Conference, decision: Decision): Promise<void> {
  await once(s, turn.now, conference.id, 'after-decision', () => nextAfterDecision(s, turn, conference, decision));
}

/** The model decides what the decision sets in motion; the chat gets the next step. */
export async function nextAfterDecision(s: Services, turn: Turn, conference: Conference, decision: Decision): Promise<void> {
  if (decision.outcome === 'stood-down') return;
  const t = await applyEvent(s, turn, conference.caseRef, decidedEvent(conference, decision), conference);
  if (t.awaiting === 'exceptional-circumstances') {
    const activityId = await s.messenger.reply(turn.context, exceptionalForm(conference, decision));
    // Where the form is: recorded by a typed command instead, it is shown recorded there too.
    await s.store.cards.save({
      conferenceId: conference.id,
      card: EXCEPTIONAL_CARD,
      audience: GROUP,
      conversationId: turn.conversation.id,
      activityId,
      reference: TurnContext.getConversationReference(turn.context.activity) as Record<string, unknown>,
      updatedAt: turn.now.toISOString(),
    });
    return;
  }
  await afterDecisionStands(s, turn, conference, decision);
}

function decidedEvent(conference: Conference, d: Decision) {
  if (d.outcome === 'stood-down') throw new Error('a stood-down conference is not decided');
  return {
    type: 'decided' as const,
    conference: factsOf(conference),
    on: heldOn(conference),
    outcome: d.outcome,
    recommendation: d.recommendation,
    splitReferral: d.split && !d.chairRationale,
  };
}

async function afterDecisionStands(s: Services, turn: Turn, conference: Conference, decision: Decision): Promise<void> {
  const policy = policyFor(conference);
  if (decision.outcome === 'cp-plan' || decision.outcome === 'continue') {
    await s.messenger.reply(turn.context, categoryCard({ conferenceId: conference.id, child: child(conference), ...categoryRule(conference) }));
    return;
  }
  // No plan record follows: where the policy records safety scales with every outcome, ask for them here.
  const agencies = scaleAgenciesOf(await s.store.invitees.list(conference.id));
  if (policy.safetyScales.on && agencies.length > 0 && (decision.outcome === 'no-cp-plan' || decision.outcome === 'discontinue')) {
    await s.messenger.reply(
      turn.context,
      safetyScalesCard({ conferenceId: conference.id, child: child(conference), outcomeText: outcomeLabel(decision.outcome, decision.recommendation), source: sourceOf(policy, policy.safetyScales.citation), agencies }),
    );
  }
}

const scaleAgenciesOf = (invitees: { role: string; agency: string }[]) => [...new Set(invitees.filter((i) => i.role === 'professional').map((i) => i.agency))].slice(0, 12);

/** The chair records the safety scales of an outcome without a plan record (Barnsley chair's guidance). */
export async function recordScales(s: Services, turn: Turn, a: ActionOf<'recordScales'>): Promise<ActionOutcome> {
  const conference = await loadConference(s, a.conferenceId);
  requireChair(conference, turn, 'record the safety scales');
  if (!policyFor(conference).safetyScales.on) throw new UserError('These procedures do not record safety scales.', 'Not used here');
  const invitees = await s.store.invitees.list(conference.id);
  const unknown = a.scaleAgencies.filter((x) => !scaleAgenciesOf(invitees).includes(x));
  if (unknown.length) throw new UserError(`Only invited agencies give a safety scale: ${unknown.join(', ')} was not invited.`);
  const scales = safetyScales(a).map(({ agency, scale }) => ({ agency, score: scale }));
  const changed = await s.store.decisions.update(conference.id, (d) => {
    if (d.outcome !== 'no-cp-plan' && d.outcome !== 'discontinue') throw new UserError('With a plan, the safety scales are recorded on the plan record.');
    return { ...d, safetyScales: scales, overallSafetyScale: a.overallScale };
  }, { audit: () => auditAction(s, turn, 'safety-scales-recorded', { conferenceId: conference.id, scales: scales.length, overall: a.overallScale }) });
  if (changed.outcome === 'not-found') throw new UserError('Record the decision before the safety scales.');
  if (changed.outcome === 'changed') await followDesk(s, turn, { conferenceId: conference.id });
  const votes = changed.stored.value.round ? await s.store.votes.list(conference.id, changed.stored.value.round) : [];
  const full = conferenceRecordView(conference, changed.stored.value, invitees, votes);
  // The chair's own answer is the full record; the chat sees the outcome and dates only.
  return { own: conferenceRecordCard(full), shared: conferenceRecordCard(groupRecordView(full)), notice: 'The safety scales are recorded.' };
}

/** Where the exceptional circumstances form was posted (src/store/cards.ts). */
const EXCEPTIONAL_CARD = 'exceptional';

/** Exceptional circumstances (Bolton procedures): the decision stands only once the chair records why. */
function exceptionalForm(conference: Conference, decision: Decision, extra: Pick<ExceptionalView, 'recorded'> = {}) {
  const c = factsOf(conference);
  const why = decision.outcome === 'stood-down' || decision.outcome === 'deferred' ? [] : decisionWarnings({ policy: c.policy, outcome: decision.outcome, lookedAfter: c.lookedAfter, firstReview: c.kind === 'first-review' });
  return exceptionalCard({
    conferenceId: conference.id,
    child: child(conference),
    why: why.filter((w) => w.requiresReason).map((w) => w.message).join(' ') || 'The procedures ask for exceptional circumstances here.',
    ...extra,
  });
}

/** `exceptional CASE REASON`: the chair records why; the decision then stands and what follows happens. */
export async function recordExceptional(s: Services, turn: Turn, caseRef: string, reason: string): Promise<Reply> {
  const conference = (await s.store.conferences.listForCase(caseRef)).filter((c) => isChair(c, turn)).at(-1);
  if (!conference) throw new UserError(`You chair no decided conference for case ${caseRef}.`, 'Nothing to record');
  const decision = await exceptionalRecorded(s, turn, conference, reason);
  // The form posted with the decision no longer asks: it says they are recorded (not why).
  const form = await s.store.cards.get(conference.id, EXCEPTIONAL_CARD);
  if (form?.reference) {
    await s.messenger.update(form.reference, form.activityId, exceptionalForm(conference, decision, { recorded: { by: turn.actor.name } })).catch((e: Error) => s.log(`exceptional circumstances form not updated: ${e.message}`));
  }
  return { text: `The exceptional circumstances are recorded for case ${caseRef}; the decision stands.` };
}

/** The same from the form posted with the decision: the chair sees the reason recorded, the chat that it was. */
export async function recordExceptionalOnCard(s: Services, turn: Turn, a: ActionOf<'recordExceptional'>): Promise<ActionOutcome> {
  const conference = await loadConference(s, a.conferenceId);
  requireChair(conference, turn, 'record the exceptional circumstances');
  const decision = await exceptionalRecorded(s, turn, conference, a.exceptionalReason);
  return {
    own: exceptionalForm(conference, decision, { recorded: { by: turn.actor.name, reason: a.exceptionalReason } }),
    shared: exceptionalForm(conference, decision, { recorded: { by: turn.actor.name } }),
    notice: `The exceptional circumstances are recorded for case ${conference.caseRef}; the decision stands.`,
  };
}

async function exceptionalRecorded(s: Services, turn: Turn, conference: Conference, reason: string): Promise<Decision> {
  const caseRef = conference.caseRef;
  const decision = await s.store.decisions.get(conference.id);
  if (!decision || decision.outcome === 'stood-down' || decision.outcome === 'deferred') {
    throw new UserError(`You chair no decided conference for case ${caseRef}.`, 'Nothing to record');
  }
  // The same reason again (the chair's retry after "Not saved") completes what the first left undone.
  if (decision.exceptionalCircumstances && decision.exceptionalCircumstances !== reason) throw new UserError('The exceptional circumstances are already recorded for this decision.', 'Already recorded');
  const event = { ...decidedEvent(conference, decision), type: 'exceptional-recorded' as const, reason };
  // The rules check first: a reason for a decision that needs none changes nothing.
  try {
    transition((await caseState(s, caseRef)).state, event);
  } catch (e) {
    if (e instanceof RuleError) throw new UserError(e.message, 'Not recorded');
    throw e;
  }
  const changed = await s.store.decisions.update(conference.id, (d) => ({ ...d, exceptionalCircumstances: reason }), {
    audit: () => auditAction(s, turn, 'exceptional-circumstances-recorded', { conferenceId: conference.id, reason }),
  });
  if (changed.outcome === 'not-found') throw new UserError(`You chair no decided conference for case ${caseRef}.`, 'Nothing to record');
  if (changed.outcome === 'changed') await followDesk(s, turn, { conferenceId: conference.id });
  // Once, under a claim: done again, it finishes what was cut short and never posts the next step twice.
  await once(s, turn.now, conference.id, 'after-exceptional', async () => {
    await applyEvent(s, turn, caseRef, event, conference);
    await afterDecisionStands(s, turn, conference, changed.stored.value);
  });
  return changed.stored.value;
}

export async function splitDecision(s: Services, turn: Turn, a: ActionOf<'splitDecision'>): Promise<ActionOutcome> {
  const conference = await loadConference(s, a.conferenceId);
  requireChair(conference, turn, 'decide a split vote');
  const round = await s.store.votes.getRound(conference.id, Number(a.roundId));
  if (!round || round.status !== 'closed') throw new UserError('That vote round is not closed, or could not be found.');
  const votes = await s.store.votes.list(conference.id, round.round);
  const result = tallyOf(conference, votes, turn);
  if (result.outcome !== 'chair-decides') throw new UserError('This vote was not split: its outcome is already decided by the majority.');
  const chair = chairSplitDecision(result, { choice: a.decision, rationale: a.rationale }, policyFor(conference));
  const decision: Decision = {
    conferenceId: conference.id,
    outcome: chair.outcome,
    recommendation: a.recommendation,
    round: round.round,
    split: true,
    chairRationale: a.rationale,
    // Who dissented, so each can add a reason after the chair's decision too.
    dissents: chair.dissents.map((d) => ({ userId: votes.find((v) => v.agency === d.agency)?.userId, name: d.name, agency: d.agency, choice: d.choice, reason: d.reason ?? undefined })),
    coreGroup: [],
    safetyScales: [],
    decidedBy: decidedBy(turn),
    decidedAt: turn.now.toISOString(),
  };
  const recorded = await s.store.decisions.record(decision, { audit: auditAction(s, turn, 'split-decided', { conferenceId: conference.id, outcome: decision.outcome, rationale: a.rationale }) });
  if (recorded.outcome === 'no-such-conference') throw new UserError('This conference could not be found.');
  if (recorded.outcome === 'recorded') await followDesk(s, turn, { conferenceId: conference.id });
  if (recorded.outcome !== 'already-decided') await afterChairDecision(s, turn, conference, recorded.decision);
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
  }, { audit: () => auditAction(s, turn, 'dissent-reason-recorded', { conferenceId: conference.id }) });
  if (changed.outcome === 'not-found') throw new UserError('There is no decision recorded for this conference yet.');
  if (changed.outcome === 'changed') await followDesk(s, turn, { conferenceId: conference.id });
  const result = tallyOf(conference, await s.store.votes.list(conference.id, round.round), turn);
  const card = resultCard(resultView(conference, round, result, changed.stored.value));
  return { own: card, shared: card, notice: 'Your reason for dissent is recorded.' };
}

export async function defer(s: Services, turn: Turn, a: ActionOf<'defer'>): Promise<ActionOutcome> {
  const conference = await loadConference(s, a.conferenceId);
  requireChair(conference, turn, 'defer the decision');
  // Counted from the day the conference was held, whoever clicks later.
  const { reconveneBy } = deferral(heldOn(conference));
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
  }, { audit: auditAction(s, turn, 'decision-deferred', { conferenceId: conference.id, reason: a.deferReason, reconveneBy }) });
  if (recorded.outcome === 'no-such-conference') throw new UserError('This conference could not be found.');
  if (recorded.outcome === 'already-decided') throw new UserError('A decision is already recorded for this conference.');
  if (recorded.outcome === 'recorded') await followDesk(s, turn, { conferenceId: conference.id });
  await afterChairDecision(s, turn, conference, recorded.decision);
  const card = resultCard({
    conferenceId: conference.id,
    roundId: a.roundId ?? '1',
    child: child(conference),
    question: await questionAt(s, conference),
    outcome: { kind: 'deferred', reason: a.deferReason, reconveneBy },
  });
  return { own: card, shared: card, notice: `Decision deferred: reconvene by ${reconveneBy}.` };
}

export async function proposeCategory(s: Services, turn: Turn, a: ActionOf<'proposeCategory'>): Promise<ActionOutcome> {
  const conference = await loadConference(s, a.conferenceId);
  const invitee = await requireInvitee(s, conference, turn, 'propose a category');
  categoryDecision({ proposed: [a.primary, ...a.others], policy: policyFor(conference), chairPrimary: a.primary, chairOthers: a.others });
  if ((await s.store.decisions.get(conference.id))?.category) throw new UserError('The category of harm is already recorded.', 'Too late');
  // Stored, with who proposed it: the chair's card lists every proposal and whether they agree.
  await s.store.proposals.put(
    { conferenceId: conference.id, userId: invitee.userId, name: invitee.name, agency: invitee.checkIn?.agency ?? invitee.agency, primary: a.primary, others: a.others, at: turn.now.toISOString() },
    { audit: auditAction(s, turn, 'category-proposed', { conferenceId: conference.id, primary: a.primary, others: a.others }) },
  );
  await followDesk(s, turn, { conferenceId: conference.id });
  // The member's own card shows their own proposal only.
  const card = categoryCard({ conferenceId: conference.id, child: child(conference), ...categoryRule(conference), proposals: [{ name: invitee.name, agency: invitee.agency, primary: a.primary, others: a.others }], viewer: 'member' });
  return { own: card, notice: 'Your proposal is recorded for the chair.' };
}

export async function refreshCategory(s: Services, turn: Turn, conferenceId: string): Promise<ActionOutcome> {
  const conference = await loadConference(s, conferenceId);
  const decision = await s.store.decisions.get(conference.id);
  const viewer = isChair(conference, turn) ? 'chair' : (await s.store.invitees.get(conference.id, turn.actor.aadObjectId)) ? 'member' : 'everyone';
  const view = { conferenceId: conference.id, child: child(conference), ...categoryRule(conference), decided: decision?.category };
  const proposals = viewer === 'chair' ? await proposalsOf(s, conference.id) : [];
  return { own: categoryCard({ ...view, viewer, proposals }), shared: categoryCard(view) };
}

async function proposalsOf(s: Services, conferenceId: string) {
  return (await s.store.proposals.list(conferenceId)).map((p) => ({ name: p.name, agency: p.agency, primary: p.primary, others: p.others }));
}

export async function decideCategory(s: Services, turn: Turn, a: ActionOf<'decideCategory'>): Promise<ActionOutcome> {
  const conference = await loadConference(s, a.conferenceId);
  requireChair(conference, turn, 'record the category of harm');
  const category = categoryDecision({ proposed: [a.primary, ...a.others], policy: policyFor(conference), chairPrimary: a.primary, chairOthers: a.others });
  const changed = await s.store.decisions.update(conference.id, (d) => {
    if (d.outcome !== 'cp-plan' && d.outcome !== 'continue') throw new UserError('A category of harm is recorded only with a child protection plan.');
    return { ...d, category: { primary: category.primary, others: category.others } };
  }, { audit: () => auditAction(s, turn, 'category-decided', { conferenceId: conference.id, primary: category.primary, others: category.others }) });
  if (changed.outcome === 'not-found') throw new UserError('Record the decision before the category.');
  if (changed.outcome === 'changed') await followDesk(s, turn, { conferenceId: conference.id });
  const invitees = await s.store.invitees.list(conference.id);
  const policy = policyFor(conference);
  const agencies = [...new Set(invitees.filter((i) => i.role === 'professional').map((i) => i.agency))].slice(0, 12);
  const held = heldOn(conference);
  const w = planRecordWindow((await caseState(s, conference.caseRef)).state, factsOf(conference), held);
  const birth = conference.expectedDeliveryDate && w.review.kind === 'first-review' ? preBirthWarning(held, conference.expectedDeliveryDate) : null;
  const plan = planRecordCard({
    conferenceId: conference.id,
    child: child(conference),
    heldOn: held,
    people: invitees.map((i) => ({ id: i.userId, name: i.name, agency: i.agency, role: i.role })),
    firstCoreGroup: { date: w.coreGroup.latest, earliest: w.coreGroup.earliest, latest: w.coreGroup.latest },
    // Proposed on a working day; the limit itself may fall on a weekend.
    firstReview: { date: lastWorkingDayOnOrBefore(w.review.latest), latest: w.review.latest },
    later: w.coreGroup.kind === 'core-group',
    safetyScales: policy.safetyScales.on && agencies.length > 0 ? { agencies } : undefined,
    problems: birth ? [birth.message] : [],
  });
  await s.messenger.reply(turn.context, plan);
  const card = categoryCard({ conferenceId: conference.id, child: child(conference), ...categoryRule(conference), decided: { primary: category.primary, others: category.others }, proposals: await proposalsOf(s, conference.id), viewer: 'chair' });
  return { own: card, shared: card, notice: 'Category of harm recorded.' };
}

export async function planRecord(s: Services, turn: Turn, a: ActionOf<'planRecord'>): Promise<ActionOutcome> {
  const conference = await loadConference(s, a.conferenceId);
  requireChair(conference, turn, 'record the plan');
  const decided = await s.store.decisions.get(conference.id);
  if (!decided || (decided.outcome !== 'cp-plan' && decided.outcome !== 'continue')) throw new UserError('A plan is recorded only after a decision for a child protection plan.');
  const invitees = await s.store.invitees.list(conference.id);
  const lead = invitees.find((i) => i.userId === a.leadProfessional);
  if (!lead) throw new UserError('The lead professional must be one of the invitees.');
  const members = a.coreGroup.map((id) => invitees.find((i) => i.userId === id));
  if (members.some((m) => !m)) throw new UserError('Core group members must be invitees; name others in "Other core group members".');
  // Parents and carers are core group members (Bolton procedures, The Core Group).
  if (invitees.some((i) => i.role === 'family') && !members.some((m) => m!.role === 'family') && !a.coreGroupOthers) {
    throw new UserError('The core group includes the parents or carers (Bolton procedures, The Core Group): choose them among the members, or name them under "Other core group members".', 'Plan not recorded');
  }
  const deputy = a.leadDeputy ? invitees.find((i) => i.userId === a.leadDeputy) : undefined;
  if (a.leadDeputy && !deputy) throw new UserError("The lead professional's deputy must be one of the invitees.");
  if (deputy && deputy.userId === lead.userId) throw new UserError('The deputy covers the lead professional\'s absence: choose someone else.');
  // The rules check the dates (and everything else the plan record sets) before anything is written.
  const event = { type: 'plan-recorded' as const, conference: factsOf(conference), on: heldOn(conference), today: localDate(turn.now), nextReviewDate: a.firstReviewDate, coreGroupDate: a.firstCoreGroupDate };
  try {
    transition((await caseState(s, conference.caseRef)).state, event);
  } catch (e) {
    if (e instanceof RuleError) throw new UserError(e.message, 'Plan not recorded');
    throw e;
  }
  const scales = safetyScales(a).map(({ agency, scale }) => ({ agency, score: scale }));
  const changed = await s.store.decisions.update(conference.id, (d) => ({
    ...d,
    leadProfessional: { userId: lead.userId, name: lead.name, agency: lead.agency },
    leadDeputy: deputy && { userId: deputy.userId, name: deputy.name, agency: deputy.agency },
    coreGroupOthers: a.coreGroupOthers,
    dangerStatements: a.dangerStatements,
    safetyGoals: a.safetyGoals,
    coreGroup: members.map((m) => ({ userId: m!.userId, name: m!.name, role: m!.role, agency: m!.agency })),
    firstCoreGroupDate: a.firstCoreGroupDate,
    firstReviewDate: a.firstReviewDate,
    outlinePlan: a.outlinePlan,
    contingencyPlan: a.contingencyPlan,
    safetyScales: scales,
    overallSafetyScale: a.overallScale,
  }), { audit: () => auditAction(s, turn, 'plan-recorded', { conferenceId: conference.id, firstReviewDate: a.firstReviewDate, firstCoreGroupDate: a.firstCoreGroupDate }) });
  if (changed.outcome === 'not-found') throw new UserError('Record the decision before the plan.');
  if (changed.outcome === 'changed') await followDesk(s, turn, { conferenceId: conference.id });
  // What the record sets in motion follows it in other partitions, so not in its transaction: the
  // same record again (the chair's retry after "Not saved", a redelivery) completes what was cut
  // short. Each step is idempotent: the plan row, the due items, the circulation (claimed once).
  // The plan record names the people the review and core group are for: record it on the plan first.
  await s.store.plans.updateCurrent(conference.caseRef, (p) => ({ ...p, category: changed.stored.value.category ?? p.category, lastReviewedBy: conference.id }));
  await applyEvent(s, turn, conference.caseRef, event, conference);
  // Seen in the conference chat: the record names the child by case reference and initials only.
  const votes = changed.stored.value.round ? await s.store.votes.list(conference.id, changed.stored.value.round) : [];
  const full = conferenceRecordView(conference, changed.stored.value, invitees, votes);
  // The chair's own answer is the full record; the chat sees the outcome and dates only.
  const record = conferenceRecordCard(full);
  const shared = conferenceRecordCard(groupRecordView(full));
  return { own: record, shared, notice: 'The plan is recorded and the decision has been sent to everyone invited.' };
}
