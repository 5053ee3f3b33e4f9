/**
 * One number per epoch, one line per run: the generic "column of the history over training" figure,
 * and the weight-norm figure built on it (how fast ||w|| grows for several weight-decay lambdas).
 *
 * Left out on purpose: a second y axis and smoothing. Records are structural ({ epoch, [key]: number }),
 * so the trainer's EpochRecord fits without this file importing it.
 */
import { Figure, LayoutOptions, Trace, baseLayout, colorFor, integerTicks, numbers, requireNonEmpty } from './figure';

/** A run: a name and its per-epoch records; `key` picks the field to draw. */
export interface EpochRun<K extends string> {
  name: string;
  history: readonly ({ epoch: number } & { [P in K]?: number })[];
  color?: string;
  dash?: 'solid' | 'dash' | 'dot' | 'dashdot';
}

/** `history[t][key]` against `history[t].epoch`, one solid line per run (missing values are gaps). */
export function epochCurves<K extends string>(runs: readonly EpochRun<K>[], key: K, opts: LayoutOptions = {}): Figure {
  requireNonEmpty(runs, 'epochCurves', 'runs');
  if (typeof key !== 'string' || key === '') throw new TypeError(`epochCurves: key must name a field of the records, got ${String(key)}`);
  const data: Trace[] = runs.map((run, i) => {
    if (!run || !Array.isArray(run.history as unknown)) throw new TypeError(`epochCurves: runs[${i}].history must be an array of epoch records`);
    const y = numbers(run.history.map((r) => (r[key] as number | undefined) ?? NaN), `${run.name} ${key}`);
    return {
      type: 'scatter', mode: 'lines+markers', name: run.name, x: run.history.map((r) => r.epoch), y,
      line: { color: run.color ?? colorFor(i), dash: run.dash ?? 'solid' }, marker: { size: 5 },
    };
  });
  const layout = baseLayout({ ...opts, xTitle: opts.xTitle ?? 'epoch', yTitle: opts.yTitle ?? key });
  integerTicks(layout, runs.flatMap((r) => r.history.map((h) => h.epoch)));
  return { data, layout };
}

/** Weight norm sqrt(sum w^2) per epoch, one line per run (e.g. one per weight-decay lambda). */
export function weightNormCurves(runs: readonly EpochRun<'weightNorm'>[], opts: LayoutOptions = {}): Figure {
  return epochCurves(runs, 'weightNorm', {
    ...opts, title: opts.title ?? 'Weight norm during training', yTitle: opts.yTitle ?? '||w||₂ (weights and embedding)',
  });
}
