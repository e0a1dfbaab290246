import { z } from 'zod';
import { Agency } from '../src/rules/types.js';
import { SCALE_ROWS } from './actions.js';
import { Child, FormProblems, Id } from './common.js';
import { defineCard } from './define.js';
import { agencyLabel } from './labels.js';
import { childLine } from './present.js';
import template from './templates/safety-scales.json' with { type: 'json' };

/** Where the policy records safety scales on every outcome (Barnsley): the chair records them when no plan record follows. */
export const SafetyScalesView = z.object({
  conferenceId: Id,
  child: Child,
  /** "No child protection plan: Child in Need plan", as the result card words it. */
  outcomeText: z.string().trim().min(1).max(200),
  /** The policy's document for the setting. */
  source: z.string().trim().min(1).max(300),
  agencies: z.array(Agency).min(1).max(SCALE_ROWS),
  problems: FormProblems,
});
export type SafetyScalesView = z.input<typeof SafetyScalesView>;

export const safetyScalesCard = defineCard(SafetyScalesView, template, (v) => ({
  conferenceId: v.conferenceId,
  childText: childLine(v.child),
  outcomeText: v.outcomeText,
  sourceText: v.source,
  problems: v.problems,
  scaleAgencies: v.agencies,
  scales: v.agencies.map((agency, i) => ({ n: i + 1, agencyLabel: agencyLabel(agency), value: '' })),
  overallScale: '',
}));
