// Vote rounds and votes, in the conference's partition:
//   'round|0001'          the round: question, open/closed, which agencies were asked
//   'vote|0001|<agency>'  that agency's vote; written by closing as a sealed empty row if it has none
// A first vote is one insert: one round trip, and votes of different agencies never contend.
// The insert fails (409) when the agency's row exists — an earlier vote, or the seal of a closed
// round — and only then is the row read and, for the same voter, changed under its ETag.
// Closing is one transaction with the decision: the round and every vote row under the ETags
// it read, plus an insert of the seal for each agency that has not voted. A vote that lands
// before it makes the transaction fail (412/409) and retry, so the vote is counted; a vote
// that comes after meets the sealed row and is refused.
import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import { Invitee, inviteeKey } from './invitees.js';
import { z } from 'zod';
import { Agency, InitialChoice, ReviewChoice, Vote, type Choice } from '../rules/types.js';
import { conferenceKey, conferenceRows, type Conference } from './conferences.js';
import { Decisions, decisionKey, type Decision } from './decisions.js';
import { EntitySet, retryOnStale, submit, type Stored } from './entity-set.js';
import { joinKey, pad, prefixEnd } from './keys.js';
import { ConferenceId, Instant, Person, UserId, json } from './schema.js';

/** Agencies one round can ask: the close transaction holds the round, a row per agency and the decision (≤ 100). */
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
export const Ballot = Vote.extend({
  userId: UserId,
  at: Instant,
  /** The chair recorded this view for a representative in the room or on the phone. */
  recordedBy: Person.optional(),
});
export type Ballot = z.infer<typeof Ballot>;
export type StoredVote = Ballot & { conferenceId: ConferenceId; round: number };

/** An agency's row in a round: its ballot, sealed (`closed`) when the round closes. */
const VoteRow = z.object({
  conferenceId: ConferenceId,
  round: RoundNumber,
  agency: Agency,
  closed: z.boolean(),
  ballot: json(Ballot).optional(),
});
type VoteRow = z.infer<typeof VoteRow>;

const roundKey = (conferenceId: string, round: number) => ({ partitionKey: conferenceId, rowKey: joinKey('round', pad(round)) });
const voteKey = (conferenceId: string, round: number, agency: string) => ({ partitionKey: conferenceId, rowKey: joinKey('vote', pad(round), agency) });

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
  readonly rows: EntitySet<VoteRow>;
  private readonly conferences: EntitySet<Conference>;
  private readonly invitees: EntitySet<Invitee>;
  private readonly decisions: Decisions;

  constructor(private readonly client: TableClient) {
    this.rounds = new EntitySet(client, { name: 'vote round', schema: VoteRound, key: (r) => roundKey(r.conferenceId, r.round) });
    this.rows = new EntitySet(client, { name: 'vote', schema: VoteRow, key: (v) => voteKey(v.conferenceId, v.round, v.agency) });
    this.conferences = conferenceRows(client);
    this.invitees = new EntitySet(client, { name: 'invitee', schema: Invitee, key: (i) => inviteeKey(i.conferenceId, i.userId) });
    this.decisions = new Decisions(client);
  }

  /** Opens the next round, asking `agencies`; while another round is open, returns that one. */
  async openRound(
    conferenceId: ConferenceId,
    opening: { question: VoteQuestion; agencies: readonly Agency[]; openedBy: Person; at: Instant },
    options: { audit?: (round: VoteRound) => TransactionAction } = {},
  ): Promise<OpenRoundResult> {
    const agencies = [...new Set(opening.agencies)];
    // Two openers may pick the same number: the loser's insert fails (409) and it sees the winner's round.
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
      // With its audit entry, one transaction; the number taken meanwhile (409) reads again.
      if (!(await this.rounds.create(round, { alongside: options.audit ? [options.audit(round)] : [] })).created) throw conflict();
      return { outcome: 'opened', round } as const;
    }, true);
  }

  /** Asks one more agency in an open round (someone who joined late). */
  async addAgency(
    conferenceId: ConferenceId,
    round: number,
    agency: Agency,
    options: { audit?: TransactionAction } = {},
  ): Promise<{ outcome: 'added' | 'unchanged'; round: VoteRound } | { outcome: 'no-such-round' | 'round-closed' }> {
    const result = await this.rounds.modify(
      roundKey(conferenceId, round),
      (r) => (r.status === 'closed' || r.agencies.includes(agency) ? r : { ...r, agencies: [...r.agencies, agency] }),
      { alongside: () => (options.audit ? [options.audit] : []) },
    );
    if (result.outcome === 'not-found') return { outcome: 'no-such-round' };
    // The round's ETag orders this against a close: whichever writes second re-reads.
    if (result.stored.value.status === 'closed') return { outcome: 'round-closed' };
    return { outcome: result.outcome === 'changed' ? 'added' : 'unchanged', round: result.stored.value };
  }

  /**
   * Casts (or changes) one agency's view. Refused when the round is closed, the agency was not
   * asked, or a different person has already voted for the agency. The same vote delivered
   * twice is stored once. `round` is the round as the caller read it (saves a read; a stale
   * copy is safe, closing is enforced by the rows) or its number.
   */
  async cast(conferenceId: ConferenceId, round: number | VoteRound, cast: Ballot, options: { audit?: AuditOf } = {}): Promise<CastVoteResult> {
    const checked = Ballot.safeParse(cast);
    if (!checked.success) throw new Error(`invalid ballot: ${z.prettifyError(checked.error)}`);
    const ballot = checked.data;
    const known = typeof round === 'number' ? await this.getRound(conferenceId, round) : round;
    const number = typeof round === 'number' ? round : round.round;
    if (!known || known.conferenceId !== conferenceId) return refuse('no-such-round', `There is no vote round ${number} for this conference.`);
    if (known.status === 'closed') return roundClosed(number);
    if (!CHOICES[known.question].includes(ballot.choice)) {
      return refuse('choice-not-for-question', `"${ballot.choice}" is not an answer to the ${known.question} question (${CHOICES[known.question].join(' or ')}).`);
    }
    if (!known.agencies.includes(ballot.agency)) {
      // Perhaps added since the caller read the round.
      const fresh = await this.getRound(conferenceId, number);
      if (fresh?.status === 'closed') return roundClosed(number);
      if (!fresh?.agencies.includes(ballot.agency)) return refuse('agency-not-in-round', `${ballot.agency} was not asked for a view in round ${number}.`);
    }
    const row: VoteRow = { conferenceId, round: number, agency: ballot.agency, closed: false, ballot };
    const audit = options.audit;
    return retryOnStale(async () => {
      // The vote and its audit entry are one transaction: both stored, or neither.
      // A 409 whose row is not there is this action's entry, written with a vote since removed: the vote alone.
      const created = await this.rows.create(row, { alongside: audit ? [audit('recorded')] : [] });
      if (created.created) return { ok: true, outcome: 'recorded', vote: { ...ballot, conferenceId, round: number } } as const;
      const { value, etag } = created.existing;
      if (value.closed) return roundClosed(number);
      const previous = value.ballot;
      if (previous && sameView(previous, ballot)) return { ok: true, outcome: 'unchanged', vote: { ...previous, conferenceId, round: number } } as const;
      // A view the chair records is the agency's answer given once: it never replaces one.
      if (previous && (previous.userId !== ballot.userId || ballot.recordedBy || previous.recordedBy)) {
        return {
          ...refuse(
            'agency-already-voted',
            `${previous.name} has already given ${ballot.agency}'s view in this round${previous.recordedBy ? ` (recorded by the chair, ${previous.recordedBy.name})` : ''}: one view per agency.`,
          ),
          votedBy: { userId: previous.userId, name: previous.name },
        };
      }
      // 412 if it changed (or was sealed) since; 409 if this very change was stored with its audit entry: read again.
      if (audit) await submit(this.client, [this.rows.replaceAction(row, etag), audit('changed')]);
      else await this.rows.replace(row, etag);
      return { ok: true, outcome: 'changed', vote: { ...ballot, conferenceId, round: number } } as const;
    }, true);
  }

  /**
   * Closes the round — and, when `decide` returns one, records the decision and the
   * conference's new status, and `audit`'s entry — in one transaction. Repeating it changes nothing and returns
   * the round, votes and decision as they were closed.
   */
  async close(conferenceId: ConferenceId, round: number, closing: { closedBy: Person; at: Instant }, decide?: Decide, options: { audit?: () => TransactionAction } = {}): Promise<CloseRoundResult> {
    return retryOnStale(async () => {
      const [stored, rows, existingDecision, conference] = await Promise.all([
        this.rounds.get(roundKey(conferenceId, round)),
        this.rowsOf(conferenceId, round),
        this.decisions.rows.get(decisionKey(conferenceId)),
        decide ? this.conferences.get(conferenceKey(conferenceId)) : undefined,
      ]);
      if (!stored) return { outcome: 'no-such-round' } as const;
      const votes = ballotsOf(rows.map((s) => s.value));
      if (stored.value.status === 'closed') {
        return { outcome: 'already-closed', round: stored.value, votes, decision: existingDecision?.value } as const;
      }
      const closed: VoteRound = { ...stored.value, status: 'closed', closedBy: closing.closedBy, closedAt: closing.at };
      const voted = new Set(rows.map((r) => r.value.agency));
      const actions: TransactionAction[] = [
        this.rounds.replaceAction(closed, stored.etag),
        ...rows.map((r) => this.rows.replaceAction({ ...r.value, closed: true }, r.etag)),
        ...closed.agencies.filter((a) => !voted.has(a)).map((agency) => this.rows.createAction({ conferenceId, round, agency, closed: true })),
      ];
      const decision = existingDecision ? undefined : decide?.(votes, closed);
      if (decision) {
        if (!conference) throw new Error(`conference ${conferenceId} has a vote round but no conference record`);
        actions.push(...this.decisions.recordActions(decision, conference));
      }
      // The close's audit entry (made after `decide`, so it can say what was decided) goes with it.
      if (options.audit) actions.push(options.audit());
      await submit(this.client, actions);
      return { outcome: 'closed', round: closed, votes, decision: decision ?? existingDecision?.value } as const;
    }, true);
  }

  /**
   * Everything a vote needs, in one partition query: the conference, the voter's invitation, the
   * round and the round's votes (RowKeys 'conference', 'invitee|<voter>', 'round|n', 'vote|n|…').
   */
  async snapshot(conferenceId: ConferenceId, round: number, userId: UserId): Promise<VoteSnapshot> {
    const r = pad(round);
    const inRange = (from: string) => odata`(RowKey ge ${from} and RowKey lt ${prefixEnd(from)})`;
    const voter = inviteeKey(conferenceId, userId).rowKey;
    const filter = `${odata`PartitionKey eq ${conferenceId}`} and (${odata`RowKey eq ${'conference'}`} or ${odata`RowKey eq ${voter}`} or ${odata`RowKey eq ${joinKey('round', r)}`} or ${inRange(joinKey('vote', r, ''))})`;
    const snap: VoteSnapshot = { votes: [] };
    const voteRows: VoteRow[] = [];
    for await (const entity of this.client.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) {
      const rowKey = String(entity.rowKey);
      if (rowKey === 'conference') snap.conference = this.conferences.fromEntity(entity).value;
      else if (rowKey === voter) snap.invitee = this.invitees.fromEntity(entity).value;
      else if (rowKey.startsWith('round|')) snap.round = this.rounds.fromEntity(entity).value;
      else voteRows.push(this.rows.fromEntity(entity).value);
    }
    snap.votes = ballotsOf(voteRows);
    return snap;
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
    return ballotsOf((await this.rowsOf(conferenceId, round)).map((s) => s.value));
  }

  private rowsOf(conferenceId: string, round: number): Promise<Stored<VoteRow>[]> {
    return this.rows.query(conferenceId, { prefix: joinKey('vote', pad(round), '') });
  }
}

/**
 * What a vote reads, in one query: the conference, the voter's own invitation, the round and its
 * votes. Not the other invitees: their rows are most of a conference's partition, and a vote
 * needs none of them (the shared card's writer reads them when it draws the card).
 */
export interface VoteSnapshot {
  conference?: Conference;
  /** The voter's invitation, if they are invited. */
  invitee?: Invitee;
  round?: VoteRound;
  votes: StoredVote[];
}

/** The audit entry to write with a vote, by what the vote turned out to be. */
export type AuditOf = (outcome: 'recorded' | 'changed') => TransactionAction;

function ballotsOf(rows: VoteRow[]): StoredVote[] {
  return rows.flatMap((r) => (r.ballot ? [{ ...r.ballot, conferenceId: r.conferenceId, round: r.round }] : []));
}

const roundClosed = (round: number) => refuse('round-closed', `Voting in round ${round} has closed.`);

/** Makes retryOnStale read again, as a lost insert race would. */
function conflict(): Error {
  return Object.assign(new Error('inserted by someone else meanwhile'), { statusCode: 409 });
}

/** The same view again: everything but the time it was sent. */
function sameView(a: Ballot, b: Ballot): boolean {
  return JSON.stringify({ ...a, at: '' }) === JSON.stringify({ ...b, at: '' });
}

function refuse(refusal: VoteRefusal, message: string) {
  return { ok: false, refusal, message } as const;
}
