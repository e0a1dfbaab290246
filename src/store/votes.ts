// Vote rounds and votes, in the conference's partition:
//   'round|0001'          the round: question, open/closed, which agencies were asked
//   'vote|0001|<agency>'  one slot per agency asked, holding that agency's ballot once cast
// The slots are created with the round (one transaction). A vote is one ETag-guarded write of
// its agency's slot, so votes of different agencies never contend. Closing writes the round and
// every slot under the ETags it read, in one transaction with the decision: a vote that lands
// first makes the close retry and be counted; a vote that comes after finds its slot closed.
import type { TableClient, TransactionAction } from '@azure/data-tables';
import { z } from 'zod';
import { Agency, InitialChoice, ReviewChoice, Vote, type Choice } from '../rules/types.js';
import { conferenceKey, conferenceRows, type Conference } from './conferences.js';
import { Decisions, decisionKey, type Decision } from './decisions.js';
import { EntitySet, retryOnStale, submit, type Stored } from './entity-set.js';
import { joinKey, pad } from './keys.js';
import { ConferenceId, Instant, Person, UserId, json } from './schema.js';

/** Agencies one round can ask: the close transaction holds the round, every slot and the decision (≤ 100). */
export const MAX_AGENCIES_PER_ROUND = 97;

export const VoteQuestion = z.enum(['initial', 'review']);
export type VoteQuestion = z.infer<typeof VoteQuestion>;
const CHOICES: Record<VoteQuestion, readonly Choice[]> = { initial: InitialChoice.options, review: ReviewChoice.options };

const RoundNumber = z.int().min(1).max(9999);

export const VoteRound = z.object({
  conferenceId: ConferenceId,
  round: RoundNumber,
  question: VoteQuestion,
  status: z.enum(['open', 'closed']),
  /** The agencies asked for a view: one view per agency (RULES.md, The decision). */
  agencies: json(z.array(Agency).min(1).max(MAX_AGENCIES_PER_ROUND)),
  openedBy: json(Person),
  openedAt: Instant,
  closedBy: json(Person).optional(),
  closedAt: Instant.optional(),
});
export type VoteRound = z.infer<typeof VoteRound>;

/** One agency's view as cast: the rules' Vote plus who (Teams id) and when. */
export const Ballot = Vote.extend({ userId: UserId, at: Instant });
export type Ballot = z.infer<typeof Ballot>;
export type StoredVote = Ballot & { conferenceId: ConferenceId; round: number };

const VoteSlot = z.object({
  conferenceId: ConferenceId,
  round: RoundNumber,
  agency: Agency,
  question: VoteQuestion,
  closed: z.boolean(),
  ballot: json(Ballot).optional(),
});
type VoteSlot = z.infer<typeof VoteSlot>;

const roundKey = (conferenceId: string, round: number) => ({ partitionKey: conferenceId, rowKey: joinKey('round', pad(round)) });
const slotKey = (conferenceId: string, round: number, agency: string) => ({ partitionKey: conferenceId, rowKey: joinKey('vote', pad(round), agency) });

export type OpenRoundResult =
  /** `already-open`: a round is open (this one repeated, or another): it is returned, nothing written. */
  | { outcome: 'opened' | 'already-open'; round: VoteRound }
  | { outcome: 'no-such-conference' };

export type VoteRefusal = 'no-such-round' | 'round-closed' | 'agency-not-in-round' | 'agency-already-voted' | 'choice-not-for-question';

export type CastVoteResult =
  /** `changed`: the same voter changed their view; `unchanged`: the same vote again (nothing written). */
  | { ok: true; outcome: 'recorded' | 'changed' | 'unchanged'; vote: StoredVote }
  /** `message` can be shown to the voter as it is; `votedBy` names who already voted for the agency. */
  | { ok: false; refusal: VoteRefusal; message: string; votedBy?: Person };

export type CloseRoundResult =
  | { outcome: 'closed' | 'already-closed'; round: VoteRound; votes: StoredVote[]; decision?: Decision }
  | { outcome: 'no-such-round' };

/** Given the final votes, the decision to record with the close — or undefined to record none yet. */
export type Decide = (votes: StoredVote[], round: VoteRound) => Decision | undefined;

export class Votes {
  readonly rounds: EntitySet<VoteRound>;
  readonly slots: EntitySet<VoteSlot>;
  private readonly conferences: EntitySet<Conference>;
  private readonly decisions: Decisions;

  constructor(private readonly client: TableClient) {
    this.rounds = new EntitySet(client, { name: 'vote round', schema: VoteRound, key: (r) => roundKey(r.conferenceId, r.round) });
    this.slots = new EntitySet(client, { name: 'vote', schema: VoteSlot, key: (s) => slotKey(s.conferenceId, s.round, s.agency) });
    this.conferences = conferenceRows(client);
    this.decisions = new Decisions(client);
  }

  /** Opens the next round, asking `agencies`; refused while another round is open. */
  async openRound(
    conferenceId: ConferenceId,
    opening: { question: VoteQuestion; agencies: readonly Agency[]; openedBy: Person; at: Instant },
  ): Promise<OpenRoundResult> {
    const agencies = [...new Set(opening.agencies)];
    if (agencies.length > MAX_AGENCIES_PER_ROUND) throw new Error(`a round can ask at most ${MAX_AGENCIES_PER_ROUND} agencies`);
    // Two openers may pick the same number: the loser's create fails (409) and it sees the winner's round.
    return retryOnStale(async () => {
      const [conference, rounds] = await Promise.all([this.conferences.get(conferenceKey(conferenceId)), this.listRounds(conferenceId)]);
      if (!conference) return { outcome: 'no-such-conference' } as const;
      const open = rounds.find((r) => r.status === 'open');
      if (open) return { outcome: 'already-open', round: open } as const;
      const round: VoteRound = {
        conferenceId,
        round: (rounds.at(-1)?.round ?? 0) + 1,
        question: opening.question,
        status: 'open',
        agencies,
        openedBy: opening.openedBy,
        openedAt: opening.at,
      };
      await submit(this.client, [
        this.rounds.createAction(round),
        ...agencies.map((agency) => this.slots.createAction({ conferenceId, round: round.round, agency, question: round.question, closed: false })),
      ]);
      return { outcome: 'opened', round } as const;
    }, true);
  }

  /** Asks one more agency in an open round (someone who joined late). */
  async addAgency(conferenceId: ConferenceId, round: number, agency: Agency): Promise<{ outcome: 'added' | 'unchanged'; round: VoteRound } | { outcome: 'no-such-round' | 'round-closed' }> {
    return retryOnStale(async () => {
      const stored = await this.rounds.get(roundKey(conferenceId, round));
      if (!stored) return { outcome: 'no-such-round' } as const;
      if (stored.value.status === 'closed') return { outcome: 'round-closed' } as const;
      if (stored.value.agencies.includes(agency)) return { outcome: 'unchanged', round: stored.value } as const;
      if (stored.value.agencies.length >= MAX_AGENCIES_PER_ROUND) throw new Error(`a round can ask at most ${MAX_AGENCIES_PER_ROUND} agencies`);
      const next = { ...stored.value, agencies: [...stored.value.agencies, agency] };
      // The round's ETag orders this against a close: one of the two transactions fails and retries.
      await submit(this.client, [
        this.rounds.replaceAction(next, stored.etag),
        this.slots.createAction({ conferenceId, round, agency, question: next.question, closed: false }),
      ]);
      return { outcome: 'added', round: next } as const;
    }, true);
  }

  /**
   * Casts (or changes) one agency's view. Refused when the round is closed, the agency was not
   * asked, or a different person has already voted for the agency. The same vote delivered
   * twice is stored once.
   */
  async cast(conferenceId: ConferenceId, round: number, cast: Ballot): Promise<CastVoteResult> {
    const checked = Ballot.safeParse(cast);
    if (!checked.success) throw new Error(`invalid ballot: ${z.prettifyError(checked.error)}`);
    const ballot = checked.data;
    return retryOnStale(async () => {
      const slot = await this.slots.get(slotKey(conferenceId, round, ballot.agency));
      if (!slot) return this.noSlot(conferenceId, round, ballot.agency);
      const { value } = slot;
      if (value.closed) return refuse('round-closed', `Voting in round ${round} has closed.`);
      if (!CHOICES[value.question].includes(ballot.choice)) {
        return refuse('choice-not-for-question', `"${ballot.choice}" is not an answer to the ${value.question} question (${CHOICES[value.question].join(' or ')}).`);
      }
      const previous = value.ballot;
      if (previous && previous.userId !== ballot.userId) {
        return {
          ...refuse('agency-already-voted', `${previous.name} has already given ${ballot.agency}'s view in this round: one view per agency.`),
          votedBy: { userId: previous.userId, name: previous.name },
        };
      }
      if (previous && previous.choice === ballot.choice && previous.reason === ballot.reason) {
        return { ok: true, outcome: 'unchanged', vote: { ...previous, conferenceId, round } } as const;
      }
      await this.slots.replace({ ...value, ballot }, slot.etag);
      return { ok: true, outcome: previous ? 'changed' : 'recorded', vote: { ...ballot, conferenceId, round } } as const;
    });
  }

  private async noSlot(conferenceId: string, round: number, agency: string): Promise<CastVoteResult> {
    const stored = await this.rounds.get(roundKey(conferenceId, round));
    if (!stored) return refuse('no-such-round', `There is no vote round ${round} for this conference.`);
    if (stored.value.status === 'closed') return refuse('round-closed', `Voting in round ${round} has closed.`);
    return refuse('agency-not-in-round', `${agency} was not asked for a view in round ${round}.`);
  }

  /**
   * Closes the round — and, when `decide` returns one, records the decision and the
   * conference's new status — in one transaction. Repeating it changes nothing and returns
   * the round, votes and decision as they were closed.
   */
  async close(conferenceId: ConferenceId, round: number, closing: { closedBy: Person; at: Instant }, decide?: Decide): Promise<CloseRoundResult> {
    return retryOnStale(async () => {
      const [stored, slots, existingDecision, conference] = await Promise.all([
        this.rounds.get(roundKey(conferenceId, round)),
        this.slotsOf(conferenceId, round),
        this.decisions.rows.get(decisionKey(conferenceId)),
        decide ? this.conferences.get(conferenceKey(conferenceId)) : undefined,
      ]);
      if (!stored) return { outcome: 'no-such-round' } as const;
      const votes = ballotsOf(slots.map((s) => s.value));
      if (stored.value.status === 'closed') {
        return { outcome: 'already-closed', round: stored.value, votes, decision: existingDecision?.value } as const;
      }
      const closed: VoteRound = { ...stored.value, status: 'closed', closedBy: closing.closedBy, closedAt: closing.at };
      const actions: TransactionAction[] = [
        this.rounds.replaceAction(closed, stored.etag),
        ...slots.map((s) => this.slots.replaceAction({ ...s.value, closed: true }, s.etag)),
      ];
      const decision = existingDecision ? undefined : decide?.(votes, closed);
      if (decision) {
        if (!conference) throw new Error(`conference ${conferenceId} has a vote round but no conference record`);
        actions.push(...this.decisions.recordActions(decision, conference));
      }
      await submit(this.client, actions);
      return { outcome: 'closed', round: closed, votes, decision: decision ?? existingDecision?.value } as const;
    }, true);
  }

  async getRound(conferenceId: ConferenceId, round: number): Promise<VoteRound | undefined> {
    return (await this.rounds.get(roundKey(conferenceId, round)))?.value;
  }

  /** All rounds of the conference, oldest first. */
  async listRounds(conferenceId: ConferenceId): Promise<VoteRound[]> {
    return (await this.rounds.query(conferenceId, { prefix: 'round|' })).map((s) => s.value);
  }

  async openRoundOf(conferenceId: ConferenceId): Promise<VoteRound | undefined> {
    return (await this.listRounds(conferenceId)).find((r) => r.status === 'open');
  }

  /** The votes cast in a round, by agency. */
  async list(conferenceId: ConferenceId, round: number): Promise<StoredVote[]> {
    return ballotsOf((await this.slotsOf(conferenceId, round)).map((s) => s.value));
  }

  private slotsOf(conferenceId: string, round: number): Promise<Stored<VoteSlot>[]> {
    return this.slots.query(conferenceId, { prefix: joinKey('vote', pad(round), '') });
  }
}

function ballotsOf(slots: VoteSlot[]): StoredVote[] {
  return slots.flatMap((s) => (s.ballot ? [{ ...s.ballot, conferenceId: s.conferenceId, round: s.round }] : []));
}

function refuse(refusal: VoteRefusal, message: string) {
  return { ok: false, refusal, message } as const;
}
