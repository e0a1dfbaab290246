import { z } from 'zod';
import { Child, Id } from './common.js';
import { Counts, Dissent, Excluded, Outcome, Question, SplitRule, dissentRows, excludedRows, outcomeTexts, splitText, tallyRows } from './decision.js';
import { defineCard } from './define.js';
import { childLine } from './present.js';
import template from './templates/result.json' with { type: 'json' };

/** Posted in the conference chat when the chair closes a round (or defers). */
export const ResultView = z.object({
  conferenceId: Id,
  roundId: Id,
  child: Child,
  question: Question,
  round: z.number().int().min(1).default(1),
  outcome: Outcome,
  counts: Counts.default({}),
  dissents: z.array(Dissent).default([]),
  excluded: z.array(Excluded).default([]),
  split: SplitRule.optional(),
  warnings: z.array(z.string().trim().min(1).max(500)).default([]),
});
export type ResultView = z.input<typeof ResultView>;

export const resultCard = defineCard(ResultView, template, (v) => ({
  ...v,
  ...outcomeTexts(v.outcome),
  childText: childLine(v.child),
  splitText: splitText(v.split),
  tally: v.outcome.kind === 'deferred' || v.outcome.kind === 'stood-down' ? [] : tallyRows(v.question, v.counts),
  dissents: dissentRows(v.dissents),
  excluded: excludedRows(v.excluded),
  reasonsMissing: v.dissents.some((d) => !d.reason),
}));
