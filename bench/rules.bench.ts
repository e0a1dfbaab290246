// 100,000 dueDate calls across every timescale and a spread of dates. Goal: under 1 s.
import { performance } from 'node:perf_hooks';
import { addCalendarDays, dueDate, TimescaleId } from '../src/rules/index.js';
import { report } from './report.js';

const CALLS = 100_000;

export async function run(): Promise<void> {
  const ids = TimescaleId.options;
  // Dates spread over 2018–2030 so that holiday years load as they would in real use.
  const inputs = Array.from({ length: CALLS }, (_, i) => ({
    id: ids[i % ids.length]!,
    from: addCalendarDays('2018-01-01', (i * 7919) % (365 * 13)),
  }));
  const start = performance.now();
  let sink = 0;
  for (const { id, from } of inputs) sink += dueDate(id, from).length;
  const ms = performance.now() - start;
  if (sink !== CALLS * 10) throw new Error('dueDate returned a malformed date');
  report({ name: 'rules: 100k dueDate calls, mixed timescales', value: ms, unit: 'ms', goal: '< 1000 ms', met: ms < 1000 });
}
