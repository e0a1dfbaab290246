// The agency vote (RULES.md, The decision): the chair opens a round, each eligible agency gives
// one view and may change it until the chair closes the round; the close applies the tally and
// the local split rule. Each person's card is their own view (refresh), the posted card the shared one.
import { tally, type TallyResult } from '../../src/rules/tally.js';
import { NON_MEMBER_ROLES, roleAtTable } from '../../src/rules/quoracy.js';
import { heldOn, questionAt } from '../lifecycle.js';
import type { Conference } from '../../src/store/conferences.js';
import { ConferenceId } from '../../src/store/schema.js';
import type { Invitee } from '../../src/store/invitees.js';
import type { StoredVote, VoteRound } from '../../src/store/votes.js';
import type { Decision } from '../../src/store/decisions.js';
import { agencyLabel } from '../../cards/labels.js';
import { voteCard, resultCard, type ActionOf, type ResultView, type VoteView } from '../../cards/index.js';
import { isChair, loadConference, requireChair, requireInvitee, requireStatus } from '../access.js';
import { audit, auditAction, followDesk } from '../audit.js';
import { once, sendOnce } from '../effects.js';
import { finishCirculation } from './circulation.js';
import type { Services } from '../services.js';
import { TurnContext } from 'botbuilder';
import { GROUP } from '../../src/store/cards.js';
import type { SharedCard } from '../shared-cards.js';
import { UserError, type ActionOutcome, type Turn } from '../turn.js';
import { afterVote } from './decision.js';
import { policyFor } from '../policy.js';
import { citeIn } from '../../src/rules/policy-schema.js';
import { attendanceViews, requireQuorateOrReason } from './attendance.js';
import { child, countChoices, refreshIds } from '../views.js';

type Viewer = NonNullable<VoteView['viewer']>;

export async function openRound(s: Services, turn: Turn, a: ActionOf<'openRound'>): Promise<ActionOutcome> {
  const conference = await loadConference(s, a.conferenceId);
  requireChair(conference, turn, 'open a vote');
  requireStatus(conference, ['in-progress'], 'open a vote');
  const policy = policyFor(conference);
  if (policy.decision.mode === 'chair-decides') {
    throw new UserError(`Under the ${policy.area} procedures there is no vote: the chair decides, recording each agency's view (${citeIn(policy, policy.decision.citation)}).`, 'No vote');
  }
  await requireQuorateOrReason(s, conference);
  const invitees = await s.store.invitees.list(conference.id);
  const agencies = [...new Set(invitees.filter(canVote(conference)).map((i) => i.checkIn?.agency ?? i.agency))];
  if (agencies.length === 0) throw new UserError('No agency representative has checked in yet, so there is no one to ask for a view.', 'Nobody to ask');
  const opened = await s.store.votes.openRound(conference.id, {
    // The question follows the plan status (RULES.md): a child on a plan is asked continue / discontinue.
    question: await questionAt(s, conference),
    agencies,
    openedBy: { userId: turn.actor.aadObjectId, name: turn.actor.name },
    at: turn.now.toISOString(),
  }, { audit: (round) => auditAction(s, turn, 'vote-round-opened', { conferenceId: conference.id, round: round.round, agencies }) });
  if (opened.outcome === 'no-such-conference') throw new UserError('This conference could not be found.');
  if (opened.outcome === 'opened') {
    await followDesk(s, turn, { conferenceId: conference.id });
    const activityId = await s.messenger.reply(turn.context, voteCard(voteView(conference, opened.round, invitees, [], { kind: 'everyone' })));
    // Where the shared card is, for the one writer that keeps it in step with the votes.
    await s.store.cards.save({
      conferenceId: conference.id,
      card: `vote-${opened.round.round}`,
      audience: GROUP,
      conversationId: turn.conversation.id,
      activityId,
      reference: TurnContext.getConversationReference(turn.context.activity) as Record<string, unknown>,
      version: voteCardVersion(opened.round, []),
      updatedAt: turn.now.toISOString(),
    });
  }
  // The click came from the attendance card: it stays, now without the "open the vote" button.
  return attendanceViews(s, conference, turn, opened.outcome === 'opened' ? `Round ${opened.round.round} is open.` : `Round ${opened.round.round} is already open.`);
}

export async function vote(s: Services, turn: Turn, a: ActionOf<'vote'>): Promise<ActionOutcome> {
  // One partition query for everything the vote needs: the conference, the voter's invitation, the round and its votes.
  const number = roundNumberOf(a.roundId);
  const snap = number !== undefined && ConferenceId.safeParse(a.conferenceId).success ? await s.store.votes.snapshot(a.conferenceId, number, turn.actor.aadObjectId) : undefined;
  const conference = snap?.conference;
  if (!conference) throw new UserError('This conference could not be found. The card may be out of date: ask the chair for a new one.', 'Not found');
  const round = snap.round;
  if (!round) throw new UserError('That vote round could not be found. The card may be out of date.', 'Not found');
  const invitee = snap.invitee;
  const refusal = whyNotVoter(conference, turn, invitee);
  if (refusal || !invitee) throw new UserError(refusal ?? 'Only people invited to this conference can vote.', 'You cannot vote here');
  const agency = invitee.checkIn?.agency ?? invitee.agency;
  // The vote and its audit entry are written in one transaction (same partition).
  const result = await s.store.votes.cast(
    conference.id,
    round,
    {
      userId: invitee.userId,
      name: invitee.name,
      agency,
      role: 'professional',
      choice: a.choice,
      recommendation: a.choice === 'no-cp-plan' || a.choice === 'discontinue' ? a.recommendation : undefined,
      reason: a.reason,
      at: turn.now.toISOString(),
    },
    { audit: (outcome) => auditAction(s, turn, `vote-${outcome}`, { conferenceId: conference.id, round: round.round, agency, choice: a.choice }) },
  );
  if (!result.ok) {
    await audit(s, turn, 'vote-refused', { conferenceId: conference.id, round: round.round, why: result.refusal });
    throw new UserError(result.message, 'Vote not recorded');
  }
  // A vote changes nothing the desk shows (rounds and decisions do): no desk refresh here.
  // The voter's view from what was read plus what was written: no second read.
  const votes = [...snap.votes.filter((v) => v.agency !== result.vote.agency), result.vote];
  // The own card is shown to the voter alone: its refresh list needs no other invitation.
  const own = voteCard(voteView(conference, round, [invitee], votes, viewerOf(conference, turn, invitee, votes)));
  return { own, sharedCard: sharedVoteCard(s, conference, round.round), notice: `${result.vote.agency}'s view is recorded; it can change until the round closes.` };
}

function roundNumberOf(roundId: string): number | undefined {
  const n = Number(roundId);
  return Number.isInteger(n) && n > 0 && n < 10_000 ? n : undefined;
}

/** Teams asks for each person's own view of a card (refresh.userIds), and after every click. */
export async function refreshVote(s: Services, turn: Turn, conferenceId: string, roundId: string | undefined): Promise<ActionOutcome> {
  if (!roundId) throw new UserError('This vote card has no round. Ask the chair for a new one.');
  const { conference, round } = await loadRound(s, conferenceId, roundId);
  // Teams asks for the views of the chair and invitees only; nobody else reads the round this way.
  if (!isChair(conference, turn) && !turn.isAdmin) await requireInvitee(s, conference, turn, 'see this vote');
  return roundViews(s, conference, round, turn);
}

export async function closeRound(s: Services, turn: Turn, a: ActionOf<'closeRound'>): Promise<ActionOutcome> {
  const { conference, round } = await loadRound(s, a.conferenceId, a.roundId);
  requireChair(conference, turn, 'close the vote');
  if (round.status === 'open' && !a.confirmMissing) {
    // Closing before every agency asked has given its view is the chair's choice, made knowingly.
    const missing = notHeard(round, await s.store.votes.list(conference.id, round.round));
    if (missing.length > 0) {
      throw new UserError(`Not every agency has given its view: ${missing.map(agencyLabel).join(', ')}. To close the round anyway, choose "Close without their views"; the result will list them as "no view given".`, 'Views missing');
    }
  }
  let result: TallyResult | undefined;
  const closed = await s.store.votes.close(
    conference.id,
    round.round,
    { closedBy: { userId: turn.actor.aadObjectId, name: turn.actor.name }, at: turn.now.toISOString() },
    (votes) => {
      result = tallyOf(conference, votes, turn);
      return decisionOf(conference, round, votes, result, turn);
    },
    // Stored with the close itself: a close is never without its audit entry, nor an entry without the close.
    { audit: () => auditAction(s, turn, 'vote-round-closed', { conferenceId: conference.id, round: round.round, outcome: result!.outcome, counts: result!.counts, dissents: result!.dissents.length }) },
  );
  if (closed.outcome === 'no-such-round') throw new UserError('That vote round could not be found.');
  if (closed.outcome === 'closed') await followDesk(s, turn, { conferenceId: conference.id });
  result ??= tallyOf(conference, closed.votes, turn);
  // What the close sets in motion goes out once, whichever delivery or instance gets there: each
  // step is claimed in the store first. A close whose transaction was stored but whose answer was
  // lost (the store went away, or the client retried) finds the steps undone and does them then.
  const done = result;
  const r = closed.round.round;
  const card = resultCard(resultView(conference, closed.round, done, closed.decision));
  const chat = TurnContext.getConversationReference(turn.context.activity) as Record<string, unknown>;
  await sendOnce(s, turn.now, conference.id, `result-card|${r}`, { card, to: { kind: 'conversation', reference: chat } }, turn.context);
  await once(s, turn.now, conference.id, `after-vote|${r}`, () => afterVote(s, turn, conference, closed.round, done, closed.decision));
  await finishCirculation(s, turn, conference);
  return roundViews(s, conference, closed.round, turn, 'The vote is closed.');
}

/** What the close writes, as the rules decided it; none while a chair-decides split awaits the chair. */
function decisionOf(conference: Conference, round: VoteRound, votes: StoredVote[], result: TallyResult, turn: Turn): Decision | undefined {
  if (result.outcome === 'chair-decides') return undefined;
  return {
    conferenceId: conference.id,
    outcome: result.outcome,
    recommendation: result.outcome === 'no-cp-plan' || result.outcome === 'discontinue' ? recommendationOf(votes, result.outcome) : undefined,
    round: round.round,
    split: result.split,
    dissents: result.dissents.map((d) => ({
      userId: votes.find((v) => v.agency === d.agency)?.userId,
      name: d.name,
      agency: d.agency,
      choice: d.choice,
      reason: d.reason ?? undefined,
    })),
    coreGroup: [],
    safetyScales: [],
    decidedBy: { userId: turn.actor.aadObjectId, name: turn.actor.name },
    decidedAt: turn.now.toISOString(),
  };
}

/**
 * The winning side's most common recommendation, only where voters gave one (a majority
 * "discontinue" is not a Child in Need plan by itself); a tie takes the more protective CIN plan.
 */
function recommendationOf(votes: StoredVote[], outcome: string): Decision['recommendation'] {
  const side = votes.filter((v) => v.choice === outcome);
  const nfa = side.filter((v) => v.recommendation === 'no-further-action').length;
  const cin = side.filter((v) => v.recommendation === 'child-in-need').length;
  if (nfa + cin === 0) return undefined;
  return nfa > cin ? 'no-further-action' : 'child-in-need';
}

export function tallyOf(conference: Conference, votes: StoredVote[], turn: Turn): TallyResult {
  return tally(votes.map(({ name, agency, role, choice, reason }) => ({ name, agency, role, choice, reason })), policyFor(conference), {
    // Dates count from the day the conference was held, whoever clicks later.
    decisionDate: heldOn(conference),
    firstReview: conference.kind === 'first-review',
    lookedAfter: conference.lookedAfter,
  });
}

export function resultView(conference: Conference, round: VoteRound, result: TallyResult, decision?: Decision): ResultView {
  const outcome: ResultView['outcome'] =
    result.outcome === 'chair-decides'
      ? decision && decision.outcome !== 'deferred' && decision.outcome !== 'stood-down'
        ? { kind: 'decided', choice: decision.outcome, recommendation: decision.recommendation, basis: 'chair', rationale: decision.chairRationale }
        : { kind: 'awaiting-chair' }
      : { kind: 'decided', choice: result.outcome, recommendation: decision?.recommendation, basis: result.split ? 'split-plan' : result.dissents.length ? 'majority' : 'consensus' };
  return {
    ...roundHeader(conference, round),
    outcome,
    counts: result.counts,
    // Once recorded, the decision's dissents are the record (reasons may be added after the vote).
    dissents: decision
      ? decision.dissents.map((d) => ({ name: d.name, agency: d.agency, choice: d.choice, reason: d.reason }))
      : result.dissents.map((d) => ({ name: d.name, agency: d.agency, choice: d.choice, reason: d.reason ?? undefined })),
    excluded: [
      ...result.excluded.map((e) => ({ name: e.name, role: 'professional' as const, why: e.why })),
      ...notHeard(round, result.counted).map((agency) => ({ name: agencyLabel(agency), agency, role: 'professional' as const, why: 'no view given' })),
    ],
    split: result.referral ? { rule: 'plan-and-referral', referralBy: result.referral.headOfServiceBy, panelBy: result.referral.panelBy, ...referralNames(conference) } : result.outcome === 'chair-decides' ? { rule: 'chair-decides' } : undefined,
    warnings: decision ? warningsNow(result, decision) : result.warnings,
  };
}

/** Agencies asked in the round that gave no view. */
function notHeard(round: VoteRound, views: { agency: string }[]): string[] {
  return round.agencies.filter((agency) => !views.some((v) => v.agency === agency));
}

/** A warning goes once its cause is resolved: dissent reasons added after the vote are in the decision. */
function warningsNow(result: TallyResult, decision: Decision): string[] {
  const asked = result.dissentsWithoutReason;
  const others = asked.length ? result.warnings.filter((w) => !(w.includes('Dissents are recorded with their reasons') && w.includes(asked.join(', ')))) : result.warnings;
  const still = decision.dissents.filter((d) => !d.reason).map((d) => d.name);
  return still.length ? [...others, `Dissents are recorded with their reasons: ask ${still.join(', ')} for theirs.`] : others;
}

/** The conference and round a card names, read together (the id is checked before any read). */
export async function loadRound(s: Services, conferenceId: string, roundId: string): Promise<{ conference: Conference; round: VoteRound }> {
  const number = Number(roundId);
  const validRound = Number.isInteger(number) && number > 0 && number < 10_000;
  const roundRead = validRound && ConferenceId.safeParse(conferenceId).success ? s.store.votes.getRound(conferenceId, number) : Promise.resolve(undefined);
  const [conference, round] = await Promise.all([loadConference(s, conferenceId), roundRead]);
  if (!round) throw new UserError('That vote round could not be found. The card may be out of date.', 'Not found');
  return { conference, round };
}

/** The actor's own view of the round; the posted card is brought in step by the shared-card writer. */
export async function roundViews(s: Services, conference: Conference, round: VoteRound, turn: Turn, notice?: string): Promise<ActionOutcome> {
  const [invitees, votes] = await Promise.all([s.store.invitees.list(conference.id), s.store.votes.list(conference.id, round.round)]);
  const invitee = invitees.find((i) => i.userId === turn.actor.aadObjectId);
  const own = voteCard(voteView(conference, round, invitees, votes, viewerOf(conference, turn, invitee, votes)));
  return { own, sharedCard: sharedVoteCard(s, conference, round.round), notice };
}

/** The vote card as everyone in the chat sees it, from what is stored when it is drawn. */
export function sharedVoteCard(s: Services, conference: Conference, round: number): SharedCard {
  return {
    key: { conferenceId: conference.id, card: `vote-${round}`, audience: GROUP },
    async render() {
      const [stored, invitees, votes] = await Promise.all([s.store.votes.getRound(conference.id, round), s.store.invitees.list(conference.id), s.store.votes.list(conference.id, round)]);
      if (!stored) throw new Error(`round ${round} of ${conference.id} is gone`);
      return { card: voteCard(voteView(conference, stored, invitees, votes, { kind: 'everyone' })), version: voteCardVersion(stored, votes) };
    },
  };
}

/**
 * What the shared vote card shows only ever grows: agencies asked, agencies that have voted,
 * then the close. Their count is its version (no view is older than one with a larger count).
 */
export const voteCardVersion = (round: VoteRound, votes: { agency: string }[]) =>
  (round.status === 'closed' ? 1_000_000 : 0) + round.agencies.length * 1_000 + new Set(votes.map((v) => v.agency)).size;

function viewerOf(conference: Conference, turn: Turn, invitee: Invitee | undefined, votes: StoredVote[]): Viewer {
  if (isChair(conference, turn)) return { kind: 'chair' };
  const why = whyNotVoter(conference, turn, invitee);
  if (why || !invitee) return { kind: 'observer', why: why ?? 'Only invited agency representatives vote.' };
  const agency = invitee.checkIn?.agency ?? invitee.agency;
  const mine = votes.find((v) => v.agency === agency && v.userId === invitee.userId);
  return { kind: 'voter', name: invitee.name, agency, current: mine && { choice: mine.choice, recommendation: mine.recommendation, reason: mine.reason } };
}

/** Why this person gives no view (family, supporters, support staff and the chair do not vote). */
function whyNotVoter(conference: Conference, turn: Turn, invitee: Invitee | undefined): string | undefined {
  if (isChair(conference, turn)) return 'The chair does not vote.';
  if (!invitee) return 'Only people invited to this conference can vote.';
  const role = roleAtTable({ role: invitee.checkIn?.role ?? invitee.role, agency: invitee.checkIn?.agency ?? invitee.agency, chair: invitee.userId === conference.chair.userId });
  if (role !== 'professional') return `You are here as ${NON_MEMBER_ROLES[role]}: only agency representatives give a view.`;
  if (!invitee.checkIn?.present) return 'Check in on the attendance card first: only agencies present give a view.';
  if (invitee.checkIn.deputyName) return `Your briefed deputy, ${invitee.checkIn.deputyName}, is here for your agency: the chair records their view.`;
  return undefined;
}

/** Who the conference's policy has the chair refer a split to, and which panel hears it. */
function referralNames(conference: Conference): { referTo?: string; panel?: string } {
  const rule = policyFor(conference).splitRule;
  return rule.kind === 'plan-and-refer' ? { referTo: rule.referTo, panel: rule.panel } : {};
}

/** A professional present for an agency: who gives an agency's view. */
export const canVote = (conference: Conference) => (i: Invitee) =>
  roleAtTable({ role: i.checkIn?.role ?? i.role, agency: i.checkIn?.agency ?? i.agency, chair: i.userId === conference.chair.userId }) === 'professional' && i.checkIn?.present === true;

/** What the vote and result cards say about which round of which conference. */
const roundHeader = (conference: Conference, round: VoteRound) => ({
  conferenceId: conference.id,
  roundId: String(round.round),
  child: child(conference),
  question: round.question,
  round: round.round,
});

function voteView(conference: Conference, round: VoteRound, invitees: Invitee[], votes: StoredVote[], viewer: Viewer): VoteView {
  return {
    ...roundHeader(conference, round),
    open: round.status === 'open',
    agencies: round.agencies.map((agency) => ({ agency, voted: votes.some((v) => v.agency === agency), recordedFor: votes.find((v) => v.agency === agency && v.recordedBy)?.name })),
    counts: countChoices(votes),
    viewer,
    refreshUserIds: refreshIds(conference, invitees),
  };
}
