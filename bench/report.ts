// One format for every benchmark figure: a readable line, then `BENCH {json}` for run-to-run comparison.
export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
  goal: string;
  /** The same quantity measured for the baseline in the same run, where the goal is a ratio to it. */
  baseline?: number;
  met?: boolean;
}

export function report(figure: BenchFigure): void {
  const base = figure.baseline === undefined ? '' : `  baseline ${round(figure.baseline)} ${figure.unit}`;
  const met = figure.met === undefined ? '' : figure.met ? '  goal met' : '  GOAL MISSED';
  console.log(`${figure.name.padEnd(48)} ${String(round(figure.value)).padStart(10)} ${figure.unit}  (goal ${figure.goal})${base}${met}`);
  console.log(`BENCH ${JSON.stringify({ ...figure, value: round(figure.value), baseline: figure.baseline === undefined ? undefined : round(figure.baseline) })}`);
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) throw new Error('percentile of no samples');
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)]!;
}

const round = (n: number) => Math.round(n * 1000) / 1000;
