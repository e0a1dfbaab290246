// The four local policy profiles as validated data. Where the areas differ, the difference
// lives here and nowhere else; every setting names the document it comes from.
import { z } from 'zod';
import { PolicyId } from './types.js';
import { AgendaItem, BARNSLEY_AGENDA, CUMBRIA_AGENDA, DEFAULT_AGENDA } from './agendas.js';
import { parseId } from './errors.js';
import { isReviewKind, parseKind } from './kinds.js';
import { Citation } from './sources.js';

export const SplitRule = z.discriminatedUnion('kind', [
  /** Equal split: the child becomes (or stays) subject to a plan; the chair refers the matter to
   * the Head of Service (timescale `split-referral`), whose panel hears it (`split-panel`). */
  z.object({ kind: z.literal('plan-and-refer'), citation: Citation }),
  /** Equal split: no outcome until the chair decides and records a clear rationale. */
  z.object({ kind: z.literal('chair-decides'), citation: Citation }),
]);
export type SplitRule = z.infer<typeof SplitRule>;

export const ReportDeadlineRule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('hours-before'), hours: z.number().int().positive(), sendTo: z.string().min(1), citation: Citation }),
  z.object({ kind: z.literal('working-days-before'), days: z.number().int().positive(), sendTo: z.string().min(1), citation: Citation }),
]);
export type ReportDeadlineRule = z.infer<typeof ReportDeadlineRule>;

const flag = z.object({ on: z.boolean(), citation: Citation });

export const Policy = z.object({
  id: PolicyId,
  area: z.string().min(1),
  splitRule: SplitRule,
  reportDeadline: ReportDeadlineRule,
  agenda: z.object({ items: z.array(AgendaItem).min(1), citation: Citation }),
  /** More than one category of harm may be recorded beside the primary one. */
  multipleCategories: flag,
  /** Each professional gives a safety scale 0–10, with danger statements and safety goals. */
  safetyScales: flag,
  /** Warn, and require a recorded reason, when a looked-after child is made or kept subject to a plan. */
  lookedAfterChildWarning: flag,
  /** Warn, and require a recorded reason, when a first review votes to discontinue the plan. */
  firstReviewDiscontinueWarning: flag,
});
export type Policy = z.infer<typeof Policy>;

const BOLTON = (section: string): Citation => ({ docs: ['bolton-procedures'], section });
const DEFAULT = (why: string): Citation => ({ docs: ['project-default'], section: why });
const SAFE_SPLIT = DEFAULT("not stated: the chair decides with a clear rationale, as Barnsley's guidance sets out");
const SAFE_REPORTS = DEFAULT('not stated: 2 working days before, which meets both the Bolton and the Barnsley rule');
const BOLTON_ONLY = DEFAULT('Bolton Safeguarding Board policy; not in this area\'s documents');
const CHAIR_AND_FAMILY = 'the chair, and shared with the parents or carers (and the child where appropriate)';

export const POLICIES: Readonly<Record<PolicyId, Policy>> = z
  .record(PolicyId, Policy)
  .refine((all) => Object.entries(all).every(([key, p]) => key === p.id), 'each policy is filed under its own id')
  .parse({
    bolton: {
      id: 'bolton',
      area: 'Bolton',
      splitRule: { kind: 'plan-and-refer', citation: BOLTON('Disagreement and dissent') },
      reportDeadline: {
        kind: 'hours-before',
        hours: 24,
        sendTo: 'the chair and the Child Protection Unit, already shared with the parents or carers',
        citation: BOLTON('Information for the Conference'),
      },
      agenda: { items: DEFAULT_AGENDA, citation: BOLTON('Actions & decisions for the conference (no agenda given)') },
      multipleCategories: { on: false, citation: BOLTON('the chair determines which category') },
      safetyScales: { on: false, citation: DEFAULT('not used in the Bolton procedures') },
      lookedAfterChildWarning: { on: true, citation: BOLTON('Actions & decisions: Safeguarding Board Policy on Looked After Children') },
      firstReviewDiscontinueWarning: { on: true, citation: BOLTON('Actions & decisions: the child remains on the plan at the first review') },
    },
    barnsley: {
      id: 'barnsley',
      area: 'Barnsley',
      splitRule: { kind: 'chair-decides', citation: { docs: ['barnsley-guidance'], section: 'What happens if all the professionals do not agree?' } },
      reportDeadline: {
        kind: 'working-days-before',
        days: 2,
        sendTo: 'the professionals and the family',
        citation: { docs: ['barnsley-guidance'], section: 'Preparing for a Conference ("at least 2 days", read as working days)' },
      },
      agenda: { items: BARNSLEY_AGENDA, citation: { docs: ['barnsley-guidance'], section: 'Conference Agenda' } },
      multipleCategories: { on: false, citation: { docs: ['barnsley-guidance'], section: 'the primary category of harm' } },
      safetyScales: { on: true, citation: { docs: ['barnsley-guidance'], section: 'Conference Agenda: Scaling from 0-10' } },
      lookedAfterChildWarning: { on: false, citation: BOLTON_ONLY },
      firstReviewDiscontinueWarning: { on: false, citation: BOLTON_ONLY },
    },
    cumbria: {
      id: 'cumbria',
      area: 'Cumbria',
      splitRule: { kind: 'chair-decides', citation: SAFE_SPLIT },
      reportDeadline: { kind: 'working-days-before', days: 2, sendTo: CHAIR_AND_FAMILY, citation: SAFE_REPORTS },
      agenda: { items: CUMBRIA_AGENDA, citation: { docs: ['cumbria-agenda'], section: 'Child Protection Conference Agenda' } },
      multipleCategories: { on: false, citation: DEFAULT('not stated: one primary category') },
      safetyScales: { on: true, citation: { docs: ['cumbria-agenda'], section: '7. Analysis and judgment: Safety Scales' } },
      lookedAfterChildWarning: { on: false, citation: BOLTON_ONLY },
      firstReviewDiscontinueWarning: { on: false, citation: BOLTON_ONLY },
    },
    london: {
      id: 'london',
      area: 'London',
      splitRule: { kind: 'chair-decides', citation: SAFE_SPLIT },
      reportDeadline: { kind: 'working-days-before', days: 2, sendTo: CHAIR_AND_FAMILY, citation: SAFE_REPORTS },
      agenda: { items: DEFAULT_AGENDA, citation: DEFAULT('no agenda in the London summary: the default agenda') },
      multipleCategories: { on: true, citation: { docs: ['london-summary'], section: 'Categories: "category or categories"' } },
      safetyScales: { on: false, citation: DEFAULT('not in the London summary') },
      lookedAfterChildWarning: { on: false, citation: BOLTON_ONLY },
      firstReviewDiscontinueWarning: { on: false, citation: BOLTON_ONLY },
    },
  });

export function getPolicy(id: string): Policy {
  return POLICIES[parseId(PolicyId, id, 'policy id')];
}

/** The policy's agenda for a conference of `kind`; review-only items are left out elsewhere. */
export function agendaFor(policy: string, kind: string): AgendaItem[] {
  const p = getPolicy(policy);
  const review = isReviewKind(parseKind(kind));
  return p.agenda.items.filter((i) => review || !i.reviewOnly);
}
