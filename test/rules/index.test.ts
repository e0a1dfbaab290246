// The entry point's promised names and signatures (issue: other code and outside checks call them).
import { expect } from 'chai';
import * as rules from '../../src/rules/index.js';
import type { Attendee, Choice, Vote } from '../../src/rules/index.js';

// Compile-time checks: these assignments fail `npm test`'s typecheck if a signature drifts.
const signatures: {
  addWorkingDays: (from: string, days: number) => string;
  isWorkingDay: (date: string) => boolean;
  dueDate: (timescale: string, from: string, policy?: string) => string;
  quoracy: (attendees: Attendee[]) => { quorate: boolean; countingAgencies: string[] };
  tally: (
    votes: Vote[],
    policy: string,
  ) => {
    outcome: Choice | 'chair-decides';
    split: boolean;
    counts: Record<string, number>;
    dissents: { name: string; agency: string; choice: Choice; reason: string | null }[];
    excluded: { name: string; why: string }[];
  };
} = rules;

describe('rules entry point', () => {
  it('exports the promised functions', () => {
    const promised: (keyof typeof signatures)[] = ['addWorkingDays', 'isWorkingDay', 'dueDate', 'quoracy', 'tally'];
    for (const name of promised) expect(typeof signatures[name], name).to.equal('function');
  });

  it('is pure: no clock reads or I/O in src/rules', async () => {
    const { readdir, readFile } = await import('node:fs/promises');
    const dir = new URL('../../src/rules/', import.meta.url);
    for (const f of await readdir(dir)) {
      const text = await readFile(new URL(f, dir), 'utf8');
      expect(text, f).not.to.match(/Date\.now\(|new Date\(\)|performance\.now|process\.|from 'node:|from "node:/);
    }
  });
});
