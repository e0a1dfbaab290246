// What a policy file may say: an area's own procedures as data (docs/rules.md, "Policy settings").
// Every setting carries the citation of the document and section it comes from, and every
// object is strict, so a misspelt field is a problem named by its path, not a setting ignored.
import { z } from 'zod';
import { ConferenceKind } from './types.js';

const SLUG = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** Any policy's id: lower-case words joined by hyphens, e.g. `bolton`, `west-sussex`. */
export const PolicyKey = z.string().regex(SLUG, 'policy id: lower-case letters and digits, words joined by hyphens (e.g. "west-sussex")').max(40);
export type PolicyKey = z.infer<typeof PolicyKey>;

const DocId = z.string().regex(SLUG, 'document id: lower-case letters and digits, words joined by hyphens').max(60);

/** A procedure document the policy cites, declared once under its id in `documents`. */
export const PolicyDocument = z.strictObject({
  /** How cards and rules name it, e.g. "Bolton procedures". */
  title: z.string().trim().min(1, 'a document needs a title'),
  url: z.url().optional(),
  /** Edition or date of the version the policy follows. */
  edition: z.string().trim().min(1).optional(),
});
export type PolicyDocument = z.infer<typeof PolicyDocument>;

/** Where a setting comes from: documents declared in the policy's `documents`, and the section. */
export const PolicyCitation = z.strictObject({
  docs: z.array(DocId).min(1, 'cite at least one document'),
  section: z.string().trim().min(1).optional(),
});
export type PolicyCitation = z.infer<typeof PolicyCitation>;

const citation = PolicyCitation;
const days = () => z.number({ error: 'expected a whole number of days, 1 or more' }).int('expected a whole number of days, 1 or more').positive('expected a whole number of days, 1 or more');
const text = () => z.string({ error: 'expected text' }).trim().min(1, 'expected text, not empty');

/** How the decision is made (RULES.md, The decision). */
export const DecisionMode = z.discriminatedUnion(
  'mode',
  [
    /** The agencies' views are asked for: majority wins, dissents recorded, an equal split settled by `splitRule`. */
    z.strictObject({ mode: z.literal('majority-vote'), citation }),
    /** No vote: the chair decides, recording each agency's stated view and every dissent. */
    z.strictObject({ mode: z.literal('chair-decides'), citation }),
  ],
  { error: 'expected "majority-vote" or "chair-decides"' },
);
export type DecisionMode = z.infer<typeof DecisionMode>;

export const SplitRule = z.discriminatedUnion(
  'kind',
  [
    /** Equal split: the child becomes (or stays) subject to a plan; the chair refers the matter
     * within `referralWithinWorkingDays`, and the panel hears it within `panelWithinDays` of that. */
    z.strictObject({
      kind: z.literal('plan-and-refer'),
      referTo: text(),
      referralWithinWorkingDays: days(),
      panel: text(),
      panelWithinDays: days(),
      citation,
    }),
    /** Equal split: no outcome until the chair decides and records a clear rationale. */
    z.strictObject({ kind: z.literal('chair-decides'), citation }),
  ],
  { error: 'expected "plan-and-refer" or "chair-decides"' },
);
export type SplitRule = z.infer<typeof SplitRule>;

const sendTo = text();
export const ReportDeadlineRule = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('hours-before'), hours: z.number({ error: 'expected a whole number of hours, 1 or more' }).int('expected a whole number of hours, 1 or more').positive('expected a whole number of hours, 1 or more'), sendTo, citation }),
    z.strictObject({ kind: z.literal('working-days-before'), days: days(), sendTo, citation }),
    z.strictObject({ kind: z.literal('calendar-days-before'), days: days(), sendTo, citation }),
  ],
  { error: 'expected "hours-before", "working-days-before" or "calendar-days-before"' },
);
export type ReportDeadlineRule = z.infer<typeof ReportDeadlineRule>;

/** A different report deadline for some kinds of conference; the others use `reportDeadline`. */
export const ReportDeadlinesByKind = z.strictObject(
  Object.fromEntries(ConferenceKind.options.map((k) => [k, ReportDeadlineRule.optional()])) as Record<ConferenceKind, z.ZodOptional<typeof ReportDeadlineRule>>,
);

/** What follows when the chair stands an inquorate conference down (RULES.md, Quoracy). */
export const InquorateRule = z.strictObject({
  /** The last working day for the reconvened conference; left out: "as soon as possible". */
  reconveneWithinWorkingDays: days().optional(),
  /** The chair records an interim plan for the child when standing the conference down. */
  interimPlan: z.boolean({ error: 'expected true or false' }),
  citation,
});
export type InquorateRule = z.infer<typeof InquorateRule>;

export const AgendaItem = z.strictObject({
  title: z.string({ error: 'an agenda item needs a title' }).trim().min(1, 'an agenda item needs a title'),
  details: z.array(z.string().trim().min(1)).default([]),
  /** Only at review conferences (Barnsley: "Review plan actions (RCPC only)"). */
  reviewOnly: z.boolean().default(false),
});
export type AgendaItem = z.infer<typeof AgendaItem>;

const flag = z.strictObject({ on: z.boolean({ error: 'expected true or false' }), citation });

const PolicyShape = z.strictObject({
  /** Editors' JSON schema hint; ignored. */
  $schema: z.string().optional(),
  id: PolicyKey,
  /** Raised whenever a setting changes: conferences keep the version they were scheduled under. */
  version: z.number({ error: 'expected a whole number, 1 or more' }).int('expected a whole number, 1 or more').positive('expected a whole number, 1 or more'),
  /** The area's name as cards show it. */
  area: text(),
  documents: z.record(DocId, PolicyDocument).refine((d) => Object.keys(d).length > 0, 'declare at least one document'),
  decision: DecisionMode,
  /** What an equal split means: required with `decision.mode` "majority-vote"; under "chair-decides"
   * the chair settles every disagreement, so it may be left out (read as "chair-decides"). */
  splitRule: SplitRule.optional(),
  /** When reports are due before a conference (every kind, unless `reportDeadlineFor` says otherwise). */
  reportDeadline: ReportDeadlineRule,
  reportDeadlineFor: ReportDeadlinesByKind.optional(),
  inquorate: InquorateRule,
  agenda: z.strictObject({ items: z.array(AgendaItem).min(1, 'the agenda needs at least one item'), citation }),
  /** More than one category of harm may be recorded beside the primary one. */
  multipleCategories: flag,
  /** Each professional gives a safety scale 0–10, with danger statements and safety goals. */
  safetyScales: flag,
  /** Warn, and require a recorded reason, when a looked-after child is made or kept subject to a plan. */
  lookedAfterChildWarning: flag,
  /** Warn, and require a recorded reason, when a first review votes to discontinue the plan. */
  firstReviewDiscontinueWarning: flag,
});

/** Every citation in a policy, with its path, wherever the setting is. */
function citationsIn(value: unknown, path: (string | number)[] = []): { path: (string | number)[]; citation: PolicyCitation }[] {
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, v]) => {
    const at = [...path, Array.isArray(value) ? Number(key) : key];
    return key === 'citation' ? [{ path: at, citation: v as PolicyCitation }] : citationsIn(v, at);
  });
}

export const Policy = PolicyShape.superRefine((p, ctx) => {
  for (const { path, citation: c } of citationsIn(p)) {
    c.docs.forEach((doc, i) => {
      if (!(doc in p.documents)) {
        ctx.addIssue({ code: 'custom', path: [...path, 'docs', i], message: `"${doc}" is not declared in documents (declared: ${Object.keys(p.documents).join(', ')})` });
      }
    });
  }
  if (p.decision.mode === 'majority-vote' && !p.splitRule) {
    ctx.addIssue({ code: 'custom', path: ['splitRule'], message: 'required when decision.mode is "majority-vote": what an equal split means' });
  }
  if (p.decision.mode === 'chair-decides' && p.splitRule && p.splitRule.kind !== 'chair-decides') {
    ctx.addIssue({ code: 'custom', path: ['splitRule', 'kind'], message: 'with decision.mode "chair-decides" there is no vote to split: leave splitRule out' });
  }
}).transform((p) => ({ ...p, splitRule: p.splitRule ?? { kind: 'chair-decides' as const, citation: p.decision.citation } }));
export type Policy = z.infer<typeof Policy>;

/** "Bolton procedures, Disagreement and dissent": a policy citation in the words cards use. */
export function citeIn(policy: Pick<Policy, 'documents'>, c: PolicyCitation): string {
  const docs = c.docs.map((d) => policy.documents[d]?.title ?? d).join('; ');
  return c.section ? `${docs}, ${c.section}` : docs;
}

/** One line per problem: the field's path and what is expected. */
export function policyProblems(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(the file)'}: ${i.message}`);
}
