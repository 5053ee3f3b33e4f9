/**
 * From runs to the table: each metric of a condition as mean and spread over its seeds, and the
 * mean validation curve per condition.
 *   mean = sum(x) / n,   std = sqrt(sum((x - mean)^2) / (n - 1))   (sample std; 0 when n = 1)
 * over the finite values only; `nonFinite` counts the rest (a diverged run), so one NaN does not
 * hide the other seeds, and the table can say that a run diverged.
 *
 * Left out on purpose: confidence intervals and significance tests (three seeds do not support them;
 * the min-max range is shown instead).
 */
import { Condition } from './plan';
import { RunResult } from './run-one';

export interface Spread {
  /** Finite values the statistics are over. */
  n: number;
  mean: number;
  std: number;
  min: number;
  max: number;
  /** Values left out because they were NaN or infinite. */
  nonFinite: number;
}

export function spread(values: readonly number[]): Spread {
  const xs = values.filter((v) => typeof v === 'number' && Number.isFinite(v));
  const n = xs.length;
  const nonFinite = values.length - n;
  if (n === 0) return { n, mean: NaN, std: NaN, min: NaN, max: NaN, nonFinite };
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const ss = xs.reduce((a, x) => a + (x - mean) * (x - mean), 0);
  return { n, mean, std: n > 1 ? Math.sqrt(ss / (n - 1)) : 0, min: Math.min(...xs), max: Math.max(...xs), nonFinite };
}

/** The metrics of RunResult that the table aggregates. */
export const METRICS = [
  'bestValLoss',
  'bestEpoch',
  'finalValLoss',
  'testLossAtBest',
  'perplexity',
  'gap',
  'memorized',
  'epochsRun',
  'seconds',
] as const;
export type Metric = (typeof METRICS)[number];

export interface ConditionRow {
  condition: string;
  description: string;
  /** Seeds of the runs aggregated (finished runs only). */
  seeds: number[];
  metrics: Record<Metric, Spread>;
}

/** One row per condition, in the plan's order, over the results of that condition. */
export function aggregate(conditions: readonly Condition[], results: readonly RunResult[]): ConditionRow[] {
  return conditions.map((c) => {
    const runs = results.filter((r) => r.condition === c.name);
    const metrics = {} as Record<Metric, Spread>;
    for (const m of METRICS) metrics[m] = spread(runs.map((r) => r[m]));
    return { condition: c.name, description: c.description, seeds: runs.map((r) => r.seed), metrics };
  });
}

/** A condition's curve: at each epoch, the mean (and range) over the runs that reached that epoch. */
export interface MeanCurve {
  condition: string;
  epochs: number[];
  mean: number[];
  min: number[];
  max: number[];
  /** Runs that reached each epoch (fewer once early stopping has ended some). */
  n: number[];
}

export function meanCurves(conditions: readonly Condition[], results: readonly RunResult[], key: 'valLoss' | 'trainLoss' = 'valLoss'): MeanCurve[] {
  return conditions.map((c) => {
    const runs = results.filter((r) => r.condition === c.name);
    const longest = Math.max(0, ...runs.map((r) => r.history.length));
    const curve: MeanCurve = { condition: c.name, epochs: [], mean: [], min: [], max: [], n: [] };
    for (let e = 1; e <= longest; e++) {
      const s = spread(runs.filter((r) => r.history.length >= e).map((r) => r.history[e - 1][key])); // history[i] is epoch i + 1
      curve.epochs.push(e);
      curve.mean.push(s.mean);
      curve.min.push(s.min);
      curve.max.push(s.max);
      curve.n.push(s.n);
    }
    return curve;
  });
}
