/**
 * Timing helpers for the benchmark: run a step a few times to warm the JIT up, then time it until
 * both a minimum count and a minimum duration are reached, and report the median (robust to a
 * noisy, shared machine). Two things whose ratio matters are timed in alternation.
 *
 * Left out on purpose: statistics beyond the median (min and mean are returned for the curious).
 */

export interface TimingOptions {
  /** Untimed runs first (default 2). */
  warmup?: number;
  /** At least this many timed runs (default 5)... */
  minRuns?: number;
  /** ...and keep going until this many milliseconds have passed (default 1500)... */
  minMs?: number;
  /** ...but never more than this many runs (default 1000). */
  maxRuns?: number;
}

export interface Timing { medianMs: number; minMs: number; meanMs: number; runs: number }

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Times one function (see timeInterleaved). */
export function timeIt(run: () => void, opts: TimingOptions = {}): Timing {
  return timeInterleaved([run], opts)[0];
}

/**
 * Times several functions in alternation (a, b, a, b, ...), so that a machine that gets busier or
 * quieter during the measurement affects all of them alike; a ratio of their medians is then fair.
 */
export function timeInterleaved(runs: (() => void)[], opts: TimingOptions = {}): Timing[] {
  const { warmup = 2, minRuns = 5, minMs = 1500, maxRuns = 1000 } = opts;
  for (let i = 0; i < warmup; i++) for (const run of runs) run();
  const times: number[][] = runs.map(() => []);
  const start = performance.now();
  let n = 0;
  while (n < maxRuns && (n < minRuns || performance.now() - start < minMs)) {
    runs.forEach((run, k) => {
      const t0 = performance.now();
      run();
      times[k].push(performance.now() - t0);
    });
    n++;
  }
  return times.map((ts) => ({ medianMs: median(ts), minMs: Math.min(...ts), meanMs: ts.reduce((a, b) => a + b, 0) / ts.length, runs: ts.length }));
}
