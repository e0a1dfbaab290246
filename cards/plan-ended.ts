import { z } from 'zod';
import { IsoDate, PersonName, PlanEndReason } from '../src/rules/types.js';
import { NamedChild } from './common.js';
import { defineCard } from './define.js';
import { PLAN_END_LABEL, formatDate } from './labels.js';
import { namedChildLine } from './present.js';
import template from './templates/plan-ended.json' with { type: 'json' };

/** 1:1 to everyone invited to the initial conference; to the person who ended it with `notified`. */
export const PlanEndedView = z.object({
  child: NamedChild,
  reason: PlanEndReason,
  endedOn: IsoDate,
  recordedBy: PersonName,
  note: z.string().trim().min(1).max(2000).optional(),
  /** For the confirmation to whoever ended the plan: how many were told. */
  notified: z.number().int().min(0).optional(),
});
export type PlanEndedView = z.input<typeof PlanEndedView>;

export const planEndedCard = defineCard(PlanEndedView, template, (v) => ({
  childText: namedChildLine(v.child),
  reasonText: PLAN_END_LABEL[v.reason],
  endedText: formatDate(v.endedOn),
  recordedBy: v.recordedBy,
  note: v.note,
  notifiedText: v.notified === undefined ? undefined : `${v.notified} ${v.notified === 1 ? 'person was' : 'people were'} notified.`,
}));
