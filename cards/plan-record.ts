import { z } from 'zod';
import { Agency, IsoDate, PersonName, Role } from '../src/rules/types.js';
import { SCALE_ROWS } from './actions.js';
import { Child, FormProblems, Id } from './common.js';
import { defineCard } from './define.js';
import { agencyLabel, formatDate } from './labels.js';
import { childLine } from './present.js';
import template from './templates/plan-record.json' with { type: 'json' };

/** A prefilled date and the latest the rules allow (the date picker stops there too). */
const BoundedDate = z.object({ date: IsoDate, latest: IsoDate });

/** The chair records what a plan decision must also record (RULES.md). */
export const PlanRecordView = z.object({
  conferenceId: Id,
  child: Child,
  /** The conference date: nothing can be earlier. */
  heldOn: IsoDate,
  /** Invitees the chair can choose from: professionals may lead; anyone may be in the core group. */
  people: z.array(z.object({ id: Id, name: PersonName, agency: Agency, role: Role })).min(1),
  firstCoreGroup: BoundedDate.extend({ earliest: IsoDate.optional() }),
  firstReview: BoundedDate,
  /** After a review (the plan continues): the next core group and review, not the first. */
  later: z.boolean().default(false),
  /** Present when the policy uses safety scales (Barnsley): one 0–10 scale per agency. */
  safetyScales: z
    .object({
      agencies: z.array(Agency).min(1).max(SCALE_ROWS),
      values: z.partialRecord(Agency, z.number().int().min(0).max(10)).default({}),
      dangerStatements: z.string().max(4000).optional(),
      safetyGoals: z.string().max(4000).optional(),
    })
    .optional(),
  /** Prefill when the card is sent again after a refusal. */
  prefill: z
    .object({ leadProfessional: Id, leadDeputy: Id, coreGroup: z.array(Id), coreGroupOthers: z.string().max(1000), outlinePlan: z.string().max(4000), contingencyPlan: z.string().max(4000) })
    .partial()
    .default({}),
  problems: FormProblems,
});
export type PlanRecordView = z.input<typeof PlanRecordView>;

export const planRecordCard = defineCard(PlanRecordView, template, (v) => {
  const s = v.safetyScales;
  const label = (p: { name: string; agency: string }) => `${p.name} (${agencyLabel(p.agency)})`;
  return {
    conferenceId: v.conferenceId,
    childText: childLine(v.child),
    problems: v.problems,
    leadProfessional: v.prefill.leadProfessional ?? '',
    leadDeputy: v.prefill.leadDeputy ?? '',
    leadChoices: v.people.filter((p) => p.role === 'professional').map((p) => ({ title: label(p), value: p.id })),
    coreGroup: (v.prefill.coreGroup ?? []).join(','),
    coreChoices: v.people.filter((p) => p.role !== 'chair').map((p) => ({ title: label(p), value: p.id })),
    coreGroupOthers: v.prefill.coreGroupOthers ?? '',
    minDate: v.heldOn,
    firstCoreGroupDate: v.firstCoreGroup.date,
    coreEarliest: v.firstCoreGroup.earliest ?? v.heldOn,
    coreGroupLabel: v.later ? 'Next core group meeting' : 'First core group meeting',
    reviewLabel: v.later ? 'Next review conference' : 'First review conference',
    coreLatest: v.firstCoreGroup.latest,
    coreLatestText: formatDate(v.firstCoreGroup.latest),
    firstReviewDate: v.firstReview.date,
    reviewLatest: v.firstReview.latest,
    reviewLatestText: formatDate(v.firstReview.latest),
    outlinePlan: v.prefill.outlinePlan ?? '',
    contingencyPlan: v.prefill.contingencyPlan ?? '',
    usesSafetyScales: s !== undefined,
    scaleAgencies: s?.agencies ?? [],
    scales: (s?.agencies ?? []).map((agency, i) => ({ n: i + 1, agencyLabel: agencyLabel(agency), value: s?.values[agency] ?? '' })),
    dangerStatements: s?.dangerStatements ?? '',
    safetyGoals: s?.safetyGoals ?? '',
  };
});
