import { z } from 'zod';
import { ConferenceKind, IsoDate, PersonName, Rsvp } from '../src/rules/types.js';
import { Child, Id, LocalDateTime, Person, Procedures } from './common.js';
import {
  Categories,
  Counts,
  Dissent,
  Excluded,
  Outcome,
  PlanSummary,
  Question,
  SplitRule,
  categoriesText,
  dissentRows,
  excludedRows,
  outcomeTexts,
  planTexts,
  splitText,
  tallyRows,
} from './decision.js';
import { defineCard } from './define.js';
import { CHOICE_LABEL, KIND_LABEL, agencyLabel, policyLabelOf, RSVP_LABEL, formatDate, formatDateTime } from './labels.js';
import { childLine, labelled } from './present.js';
import template from './templates/conference-record.json' with { type: 'json' };

/** The stored record, shown on request (possibly in a group chat: initials only). */
export const ConferenceRecordView = z.object({
  conferenceId: Id,
  child: Child,
  kind: ConferenceKind,
  ...Procedures,
  startsAt: LocalDateTime,
  chair: PersonName,
  attendance: z.array(Person.extend({ attended: z.boolean(), rsvp: Rsvp.optional() })),
  quoracy: z.object({
    quorate: z.boolean(),
    /** Recorded when the chair proceeded without quoracy. */
    breachReason: z.string().trim().min(1).max(2000).optional(),
    stoodDown: z.boolean().default(false),
  }),
  question: Question,
  /** Absent when the conference was stood down before a decision. */
  outcome: Outcome.optional(),
  counts: Counts.default({}),
  dissents: z.array(Dissent).default([]),
  /** Where the chair decided with no vote: each agency's stated view as the chair recorded it. */
  agencyViews: z.array(Dissent).default([]),
  excluded: z.array(Excluded).default([]),
  split: SplitRule.optional(),
  category: Categories.optional(),
  plan: PlanSummary.optional(),
  /** Safety scales recorded with an outcome that has no plan (Barnsley); with a plan they are in `plan`. */
  safetyScales: z.array(z.object({ agency: z.string().min(1).max(40), scale: z.number().int().min(0).max(10) })).default([]),
  overallSafetyScale: z.number().int().min(0).max(10).optional(),
  nextReview: IsoDate.optional(),
  minutesDue: IsoDate.optional(),
  warnings: z.array(z.string().trim().min(1).max(500)).default([]),
});
export type ConferenceRecordView = z.input<typeof ConferenceRecordView>;

export const conferenceRecordCard = defineCard(ConferenceRecordView, template, (v) => {
  const plan = v.plan && planTexts(v.plan);
  const q = v.quoracy;
  return {
    childText: childLine(v.child),
    kindLabel: KIND_LABEL[v.kind],
    whenText: formatDateTime(v.startsAt),
    chair: v.chair,
    policyLabel: policyLabelOf(v),
    quoracyText: q.stoodDown
      ? 'Not quorate: stood down, to be reconvened as soon as possible'
      : q.quorate
        ? 'Quorate'
        : `Not quorate; proceeded. Reason: ${q.breachReason ?? 'not recorded'}`,
    minutesText: v.minutesDue && formatDate(v.minutesDue),
    nextReviewText: v.nextReview && formatDate(v.nextReview),
    ...(v.outcome ? outcomeTexts(v.outcome) : {}),
    splitText: splitText(v.split),
    warnings: v.warnings,
    tally: !v.outcome || v.outcome.kind === 'deferred' || v.outcome.kind === 'stood-down' ? [] : tallyRows(v.question, v.counts),
    dissents: dissentRows(v.dissents),
    agencyViews: v.agencyViews.map((x) => ({ name: x.name, agencyLabel: agencyLabel(x.agency), choiceText: CHOICE_LABEL[x.choice], reasonText: x.reason ? `Reason: ${x.reason}` : '' })),
    excluded: v.excluded,
    excludedText: excludedRows(v.excluded).map((e) => `${e.name} (${e.who}): ${e.why}`).join('; '),
    categoryText: v.category && categoriesText(v.category),
    planFacts: plan?.facts ?? [
      ...(v.safetyScales.length > 0 ? [{ title: 'Safety scales', value: v.safetyScales.map((s) => `${agencyLabel(s.agency)} ${s.scale}`).join(', ') }] : []),
      ...(v.overallSafetyScale !== undefined ? [{ title: "Chair's overall safety scale", value: String(v.overallSafetyScale) }] : []),
    ],
    outlinePlan: plan?.outlinePlan,
    contingencyPlan: plan?.contingencyPlan,
    attendance: v.attendance.map((a) => ({
      ...labelled(a),
      mark: a.attended ? '✓' : '–',
      rsvpText: !a.attended && a.rsvp ? ` (${RSVP_LABEL[a.rsvp].toLowerCase()})` : '',
    })),
  };
});
