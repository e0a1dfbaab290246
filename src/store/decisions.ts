// The conference's decision: RowKey 'decision' in the conference's partition, written in the
// same transaction as the conference's new status (and, from a vote, as the round's close).
import type { TableClient, TransactionAction } from '@azure/data-tables';
import { z } from 'zod';
import { Agency, Category, Choice, IsoDate, NoPlanRecommendation, PersonName, Role } from '../rules/types.js';
import { conferenceKey, conferenceRows, type Conference, type ConferenceStatus } from './conferences.js';
import { EntitySet, retryOnStale, submit, type Modified, type Stored } from './entity-set.js';
import { ConferenceId, FreeText, Instant, Person, UserId, json } from './schema.js';

export const Outcome = z.enum([...Choice.options, 'deferred', 'stood-down']);
export type Outcome = z.infer<typeof Outcome>;

export const CategorySet = z
  .object({ primary: Category, others: z.array(Category).max(3) })
  .refine((c) => new Set([c.primary, ...c.others]).size === c.others.length + 1, { message: 'each category at most once' });
export type CategorySet = z.infer<typeof CategorySet>;

/** A recorded disagreement with the majority: who, which agency, and why. */
export const Dissent = z.object({ userId: UserId.optional(), name: PersonName, agency: Agency, choice: Choice, reason: FreeText.optional() });
export type Dissent = z.infer<typeof Dissent>;

export const LeadProfessional = z.object({ userId: UserId.optional(), name: PersonName, agency: Agency });
export const CoreGroupMember = z.object({ userId: UserId.optional(), name: PersonName, role: Role, agency: Agency.optional() });
/** Barnsley: each professional's view on a 0–10 scale. */
export const SafetyScale = z.object({ agency: Agency, name: PersonName.optional(), score: z.int().min(0).max(10) });

export const Decision = z.object({
  conferenceId: ConferenceId,
  outcome: Outcome,
  /** After "no CP plan" / "discontinue": child in need or no further action. */
  recommendation: NoPlanRecommendation.optional(),
  /** The vote round that decided it; absent when the conference agreed without a vote. */
  round: z.int().min(1).max(9999).optional(),
  split: z.boolean(),
  /** Barnsley's chair-decides rule (and any chair decision) needs a clear rationale. */
  chairRationale: FreeText.optional(),
  /** Where the chair decides throughout (no vote): each agency's stated view, as the chair recorded it. */
  agencyViews: json(z.array(z.object({ name: PersonName, agency: Agency, choice: Choice, reason: FreeText.optional() }))).optional(),
  category: json(CategorySet).optional(),
  dissents: json(z.array(Dissent)),
  leadProfessional: json(LeadProfessional).optional(),
  /** Covers the lead professional's absence (Bolton procedures, The Core Group). */
  leadDeputy: json(LeadProfessional).optional(),
  coreGroup: json(z.array(CoreGroupMember)),
  /** Core group members not invited on Teams (family without Teams, others), as the chair typed them. */
  coreGroupOthers: FreeText.optional(),
  dangerStatements: FreeText.optional(),
  safetyGoals: FreeText.optional(),
  firstCoreGroupDate: IsoDate.optional(),
  firstReviewDate: IsoDate.optional(),
  outlinePlan: FreeText.optional(),
  contingencyPlan: FreeText.optional(),
  safetyScales: json(z.array(SafetyScale)),
  /** The chair's overall progress and safety scale (Cumbria agenda, item 7). */
  overallSafetyScale: z.int().min(0).max(10).optional(),
  /** Proceeded without quoracy: why (RULES.md, Quoracy). */
  quoracyBreachReason: FreeText.optional(),
  /** A looked-after child made subject to a plan, or a first review ending one: why. */
  exceptionalCircumstances: FreeText.optional(),
  deferralReason: FreeText.optional(),
  reconveneBy: IsoDate.optional(),
  standDownReason: FreeText.optional(),
  /** Stood down where the policy asks for one: the interim plan until the conference reconvenes. */
  interimPlan: FreeText.optional(),
  decidedBy: json(Person),
  decidedAt: Instant,
});
export type Decision = z.infer<typeof Decision>;

const DECISION_ROW = 'decision';
export const decisionKey = (conferenceId: string) => ({ partitionKey: conferenceId, rowKey: DECISION_ROW });

export function statusAfter(outcome: Outcome): ConferenceStatus {
  return outcome === 'deferred' ? 'deferred' : outcome === 'stood-down' ? 'stood-down' : 'decided';
}

export type RecordDecisionResult =
  | { outcome: 'recorded' | 'unchanged'; decision: Decision }
  /** A different decision is already recorded; it is returned and nothing was written. */
  | { outcome: 'already-decided'; decision: Decision }
  | { outcome: 'no-such-conference' };

export class Decisions {
  readonly rows: EntitySet<Decision>;
  private readonly conferences: EntitySet<Conference>;
  constructor(private readonly client: TableClient) {
    this.rows = new EntitySet(client, { name: 'decision', schema: Decision, key: (d) => decisionKey(d.conferenceId) });
    this.conferences = conferenceRows(client);
  }

  async get(conferenceId: ConferenceId): Promise<Decision | undefined> {
    return (await this.rows.get(decisionKey(conferenceId)))?.value;
  }

  /** Records the decision and the conference's resulting status together; repeating it changes nothing. */
  /** `audit`: the entry stored in the same transaction as the decision. */
  async record(decision: Decision, options: { audit?: TransactionAction } = {}): Promise<RecordDecisionResult> {
    return retryOnStale(async () => {
      const [conference, existing] = await Promise.all([
        this.conferences.get(conferenceKey(decision.conferenceId)),
        this.rows.get(decisionKey(decision.conferenceId)),
      ]);
      if (!conference) return { outcome: 'no-such-conference' } as const;
      // The same decision again (a redelivery, the chair's retry) is not another decision, whenever it comes.
      if (existing) return { outcome: this.rows.same({ ...existing.value, decidedAt: decision.decidedAt }, decision) ? 'unchanged' : 'already-decided', decision: existing.value } as const;
      await submit(this.client, [...this.recordActions(decision, conference), ...(options.audit ? [options.audit] : [])]);
      return { outcome: 'recorded', decision } as const;
    }, true);
  }

  /** Later additions (category, core group, dates…), ETag-guarded; `audit`'s entry is stored with the change. */
  async update(conferenceId: ConferenceId, change: (d: Decision) => Decision, options: { audit?: (next: Decision) => TransactionAction } = {}): Promise<Modified<Decision>> {
    const audit = options.audit;
    return this.rows.modify(decisionKey(conferenceId), change, { alongside: audit && ((next) => [audit(next)]) });
  }

  /** The writes that record a decision, for a transaction that may carry more (a round's close). */
  recordActions(decision: Decision, conference: Stored<Conference>): TransactionAction[] {
    if (decision.conferenceId !== conference.value.id) throw new Error('decision and conference differ');
    return [
      this.rows.createAction(decision),
      this.conferences.replaceAction({ ...conference.value, status: statusAfter(decision.outcome) }, conference.etag),
    ];
  }
}
