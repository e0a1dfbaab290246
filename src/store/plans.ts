// Plan status per child, in the Cases table: PartitionKey = case reference, RowKey
// 'plan|<on plan since>|<cp|cin>'. A child may come off a plan and later go on another, so each
// plan is its own row and the history stays; the current one is the latest not ended.
import type { TableClient } from '@azure/data-tables';
import { z } from 'zod';
import { IsoDate, PlanEndReason } from '../rules/types.js';
import { CategorySet } from './decisions.js';
import { EntitySet, type Modified } from './entity-set.js';
import { joinKey, keyPart } from './keys.js';
import { CaseRef, ConferenceId, json } from './schema.js';

/** Child protection plan, or child in need plan (reviewed at most every 6 months). */
export const PlanKind = z.enum(['cp', 'cin']);
export type PlanKind = z.infer<typeof PlanKind>;

export const PlanEnd = z.object({
  on: IsoDate,
  /** Ended by a review conference, or without one for the reasons in RULES.md. */
  reason: z.union([z.literal('review-discontinued'), PlanEndReason]),
  conferenceId: ConferenceId.optional(),
});
export type PlanEnd = z.infer<typeof PlanEnd>;

export const Plan = z
  .object({
    caseRef: CaseRef,
    plan: PlanKind,
    onPlanSince: IsoDate,
    /** CP plans only. */
    category: json(CategorySet).optional(),
    nextReviewDate: IsoDate.optional(),
    /** The conference that made the plan, and the last one that reviewed it. */
    startedBy: ConferenceId.optional(),
    lastReviewedBy: ConferenceId.optional(),
    ended: json(PlanEnd).optional(),
    /** A permanent move was notified: the plan stays open until the receiving area's conference. */
    moveNotifiedOn: IsoDate.optional(),
    lastCoreGroupOn: IsoDate.optional(),
  })
  .refine((p) => p.plan === 'cp' || p.category === undefined, { message: 'only a CP plan has a category of harm', path: ['category'] });
export type Plan = z.infer<typeof Plan>;

const PREFIX = 'plan|';
export const planKey = (p: Pick<Plan, 'caseRef' | 'onPlanSince' | 'plan'>) => ({
  partitionKey: keyPart(p.caseRef),
  rowKey: joinKey('plan', p.onPlanSince, p.plan),
});

/** Of a case's plans, oldest first, the one in force: the latest not ended (a CIN plan may start the day a CP plan ends). */
export const inForce = (plans: readonly Plan[]): Plan | undefined => plans.filter((p) => !p.ended).at(-1);

export class Plans {
  readonly rows: EntitySet<Plan>;
  constructor(client: TableClient) {
    this.rows = new EntitySet(client, { name: 'plan', schema: Plan, key: planKey });
  }

  /** Stores the plan as given; the same plan again changes nothing. */
  async record(plan: Plan): Promise<{ outcome: 'created' | 'updated' | 'unchanged'; plan: Plan }> {
    const { outcome, stored } = await this.rows.put(plan);
    return { outcome, plan: stored.value };
  }

  /** Every plan of the case, oldest first. */
  async history(caseRef: string): Promise<Plan[]> {
    return (await this.rows.query(keyPart(caseRef), { prefix: PREFIX })).map((s) => s.value);
  }

  /** The plan in force (see `inForce`). */
  async current(caseRef: string): Promise<Plan | undefined> {
    return inForce(await this.history(caseRef));
  }

  /** ETag-guarded change of the plan in force. */
  async updateCurrent(caseRef: string, change: (p: Plan) => Plan): Promise<Modified<Plan>> {
    const current = await this.current(caseRef);
    if (!current) return { outcome: 'not-found' };
    return this.rows.modify(planKey(current), (p) => (p.ended ? p : change(p)));
  }

  async end(caseRef: string, end: PlanEnd): Promise<Modified<Plan>> {
    return this.updateCurrent(caseRef, (p) => ({ ...p, ended: end }));
  }
}
