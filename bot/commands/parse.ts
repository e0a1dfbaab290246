// Typed commands: one grammar, parsed once, so every handler receives validated arguments.
import { z } from 'zod';
import { PlanEndReason } from '../../src/rules/types.js';
import { CaseRef } from '../../cards/common.js';

const END_REASONS: Record<string, z.infer<typeof PlanEndReason>> = {
  '18': 'turned-18',
  'turned-18': 'turned-18',
  died: 'died',
  'left-uk': 'left-uk',
  'left-the-uk': 'left-uk',
  married: 'married',
  moved: 'moved-permanently',
  'moved-permanently': 'moved-permanently',
};

export type Command =
  | { name: 'help' }
  | { name: 'schedule' }
  | { name: 'my-reviews' }
  | { name: 'overdue' }
  | { name: 'next-review'; caseRef: string }
  | { name: 'start'; caseRef: string }
  | { name: 'record'; caseRef: string }
  | { name: 'end-plan'; caseRef: string; reason: z.infer<typeof PlanEndReason> }
  | { name: 'unknown'; text: string; problem?: string };

const withCase = (name: 'next-review' | 'start' | 'record', arg: string, usage: string): Command => {
  const parsed = CaseRef.safeParse(arg);
  if (!parsed.success) return { name: 'unknown', text: arg, problem: `${usage}: ${parsed.error.issues[0]!.message}.` };
  return { name, caseRef: parsed.data };
};

export function parseCommand(raw: string): Command {
  const text = raw.replace(/\s+/g, ' ').trim();
  const lower = text.toLowerCase();
  if (lower === '' || lower === 'help' || lower === '?') return { name: 'help' };
  if (lower === 'schedule' || lower === 'schedule conference') return { name: 'schedule' };
  if (lower === 'my reviews' || lower === 'my upcoming reviews') return { name: 'my-reviews' };
  if (lower === 'overdue') return { name: 'overdue' };
  const rest = (prefix: string) => text.slice(prefix.length).trim();
  if (lower.startsWith('next review')) return withCase('next-review', rest('next review'), 'Usage: next review CASE-REF');
  if (lower.startsWith('start')) return withCase('start', rest('start'), 'Usage: start CASE-REF');
  if (lower.startsWith('record')) return withCase('record', rest('record'), 'Usage: record CASE-REF');
  if (lower.startsWith('end plan')) {
    const [ref = '', ...why] = rest('end plan').split(' ');
    const usage = `Usage: end plan CASE-REF REASON, where REASON is one of ${Object.keys(END_REASONS).join(', ')}`;
    const caseRef = CaseRef.safeParse(ref);
    const reason = END_REASONS[why.join('-').toLowerCase()];
    if (!caseRef.success) return { name: 'unknown', text, problem: `${usage}. ${caseRef.error.issues[0]!.message}.` };
    if (!reason) return { name: 'unknown', text, problem: `${usage}.` };
    return { name: 'end-plan', caseRef: caseRef.data, reason };
  }
  return { name: 'unknown', text };
}
