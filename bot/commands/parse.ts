// Typed commands: one grammar, parsed once, so every handler receives validated arguments.
import { z } from 'zod';
import { IsoDate, PlanEndReason } from '../../src/rules/types.js';
import { parsePlanEndReason } from '../../src/rules/lifecycle.js';
import { RuleError } from '../../src/rules/errors.js';
import type { Duty } from '../actions/duties.js';
import { CaseRef } from '../../cards/common.js';

export type Command =
  | { name: 'help' }
  | { name: 'schedule' }
  | { name: 'my-reviews' }
  | { name: 'overdue' }
  | { name: 'next-review'; caseRef: string }
  | { name: 'start'; caseRef: string }
  | { name: 'record'; caseRef: string }
  | { name: 'change'; caseRef: string }
  | { name: 'cancel'; caseRef: string }
  | { name: 'who-has-not-answered'; caseRef: string }
  | { name: 'book-review'; caseRef: string }
  | { name: 'end-plan'; caseRef: string; reason: z.infer<typeof PlanEndReason> }
  | { name: 'receiving-conference'; caseRef: string; on?: string }
  | { name: 'exceptional'; caseRef: string; reason: string }
  | { name: 'duty'; caseRef: string; duty: Duty; on?: string; next?: string }
  | { name: 'unknown'; text: string; problem?: string };

/** Typed duties: "minutes sent CASE [DATE]", "core group held CASE DATE next DATE"… */
const DUTIES: [string, Duty][] = [
  ['minutes sent', 'minutes-sent'],
  ['amendments closed', 'amendment-window-closed'],
  ['split referred', 'split-referred'],
  ['panel held', 'panel-held'],
  ['core group held', 'core-group-held'],
];

const withCase = (name: 'next-review' | 'start' | 'record' | 'change' | 'cancel' | 'who-has-not-answered' | 'book-review', arg: string, usage: string): Command => {
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
  if (lower.startsWith('who has not answered')) return withCase('who-has-not-answered', rest('who has not answered'), 'Usage: who has not answered CASE-REF');
  if (lower.startsWith('book review')) return withCase('book-review', rest('book review'), 'Usage: book review CASE-REF');
  if (lower.startsWith('reschedule')) return withCase('change', rest('reschedule'), 'Usage: reschedule CASE-REF');
  if (lower.startsWith('change')) return withCase('change', rest('change'), 'Usage: change CASE-REF');
  if (lower.startsWith('cancel')) return withCase('cancel', rest('cancel'), 'Usage: cancel CASE-REF');
  if (lower.startsWith('next review')) return withCase('next-review', rest('next review'), 'Usage: next review CASE-REF');
  if (lower.startsWith('start')) return withCase('start', rest('start'), 'Usage: start CASE-REF');
  if (lower.startsWith('record')) return withCase('record', rest('record'), 'Usage: record CASE-REF');
  if (lower.startsWith('end plan')) {
    const [ref = '', ...why] = rest('end plan').split(' ');
    const usage = 'Usage: end plan CASE-REF REASON, e.g. "end plan CP/2026/0042 died" or "end plan CP/2026/0042 moved to Leeds"';
    const caseRef = CaseRef.safeParse(ref);
    if (!caseRef.success) return { name: 'unknown', text, problem: `${usage}. ${caseRef.error.issues[0]!.message}.` };
    try {
      return { name: 'end-plan', caseRef: caseRef.data, reason: parsePlanEndReason(why.join(' ')) };
    } catch (e) {
      if (e instanceof RuleError) return { name: 'unknown', text, problem: e.message };
      throw e;
    }
  }
  if (lower.startsWith('receiving conference')) {
    const [ref = '', on = ''] = rest('receiving conference').split(' ');
    const usage = 'Usage: receiving conference CASE-REF YYYY-MM-DD (the day the receiving area held it)';
    const caseRef = CaseRef.safeParse(ref);
    if (!caseRef.success || (on !== '' && !IsoDate.safeParse(on).success)) return { name: 'unknown', text, problem: `${usage}.` };
    // Without the date, the form asks for it.
    return { name: 'receiving-conference', caseRef: caseRef.data, ...(on ? { on } : {}) };
  }
  if (lower.startsWith('exceptional')) {
    const [ref = '', ...why] = rest('exceptional').replace(/^circumstances\s+/i, '').split(' ');
    const caseRef = CaseRef.safeParse(ref);
    const reason = why.join(' ').trim();
    if (!caseRef.success || reason.length < 3 || reason.length > 2000) return { name: 'unknown', text, problem: 'Usage: exceptional CASE-REF REASON (the exceptional circumstances, in words).' };
    return { name: 'exceptional', caseRef: caseRef.data, reason };
  }
  for (const [words, duty] of DUTIES) {
    if (!lower.startsWith(words)) continue;
    const [ref = '', on, nextWord, next] = rest(words).split(' ');
    const usage = duty === 'core-group-held' ? `Usage: ${words} CASE-REF YYYY-MM-DD next YYYY-MM-DD` : `Usage: ${words} CASE-REF [YYYY-MM-DD]`;
    const caseRef = CaseRef.safeParse(ref);
    const badDate = (d: string | undefined) => d !== undefined && !IsoDate.safeParse(d).success;
    if (!caseRef.success || badDate(on) || badDate(next) || (nextWord !== undefined && nextWord.toLowerCase() !== 'next')) return { name: 'unknown', text, problem: `${usage}.` };
    return { name: 'duty', caseRef: caseRef.data, duty, on, next };
  }
  return { name: 'unknown', text };
}
