// The procedure documents every rule is traced to (the seeds behind ../../docs/rules.md).
import { z } from 'zod';

export const SourceDoc = z.enum([
  'london-summary', // 000: London CP Procedures 5th ed. summary
  'cumbria-agenda', // 001: Cumbria conference agenda and decision-making guidance
  'council-process-page', // 002: a council's "What is the Child Protection Conference process?" page
  'bolton-procedures', // 003: Bolton child protection conference procedures
  'barnsley-guidance', // 004: Barnsley chair's guidance
  'project-default', // the procedures are silent; the project's documented safe default
]);
export type SourceDoc = z.infer<typeof SourceDoc>;

export const SOURCE_TITLES: Readonly<Record<SourceDoc, string>> = {
  'london-summary': 'London summary',
  'cumbria-agenda': 'Cumbria agenda',
  'council-process-page': 'council process page',
  'bolton-procedures': 'Bolton procedures',
  'barnsley-guidance': "Barnsley chair's guidance",
  'project-default': 'project default (the procedures are silent)',
};

/** Where a rule comes from: the documents, and the section within them where useful. */
export const Citation = z.object({
  docs: z.array(SourceDoc).min(1),
  section: z.string().min(1).optional(),
});
export type Citation = z.infer<typeof Citation>;

/** "Bolton procedures, Timing" — the form used in cards and test titles. */
export function cite(c: Citation): string {
  const docs = c.docs.map((d) => SOURCE_TITLES[d]).join('; ');
  return c.section ? `${docs}, ${c.section}` : docs;
}
