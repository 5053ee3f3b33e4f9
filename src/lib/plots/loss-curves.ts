/**
 * The learning-curve figure: train (dashed) and validation (solid) loss per epoch for one or more
 * runs, one color per run, with optional horizontal baselines (bigram, uniform), the best epoch
 * marked with a star and the early-stopping epoch with a dotted vertical line.
 *
 * Left out on purpose: smoothing and per-batch curves. Input records are structural (anything with
 * epoch, trainLoss, valLoss, like the trainer's EpochRecord), so this file does not import the trainer;
 * a TrainResult spreads straight into a run: `{ name: 'baseline', ...result }`.
 */
import { Annotation, Figure, LayoutOptions, Shape, Trace, REFERENCE_COLORS, baseLayout, colorFor, integerTicks, numbers } from './figure';
import { formatNumber } from '../text/format';

/** The fields of one epoch record this figure reads. */
export interface LossRecord { epoch: number; trainLoss: number; valLoss: number; trainEvalLoss?: number }

export interface LossRun {
  name: string;
  history: readonly LossRecord[];
  /** Star on the validation curve at this epoch. */
  bestEpoch?: number;
  /** Dotted vertical line: training stopped after this epoch (null or undefined: ran to the end). */
  stoppedEpoch?: number | null;
  color?: string;
}

export interface Baseline { name: string; value: number }

export interface LossCurvesOptions extends LayoutOptions {
  /** Horizontal reference lines, e.g. { bigram: 2.45, uniform: Math.log(28) }. */
  baselines?: Record<string, number> | readonly Baseline[];
  /** Which curves to draw (default 'both'). */
  show?: 'both' | 'train' | 'val';
  /** Which training loss to draw: in train mode (default) or the eval-mode pass (`evalTrain` option of the trainer). */
  trainKey?: 'trainLoss' | 'trainEvalLoss';
  /** Fix the x axis to epochs 1..epochs (handy for live plots, so the axis does not jump). */
  epochs?: number;
}

/**
 * Loss per epoch: `(runs, options) -> Figure`. Traces per run: train, val, then the best-epoch marker;
 * the baselines last. No runs yet (a live plot before its first epoch) gives just the baselines.
 */
export function lossCurves(runs: readonly LossRun[], opts: LossCurvesOptions = {}): Figure {
  if (!Array.isArray(runs as unknown)) throw new TypeError(`lossCurves: runs must be an array of { name, history }, got ${String(runs)}`);
  const show = opts.show ?? 'both';
  const trainKey = opts.trainKey ?? 'trainLoss';
  const data: Trace[] = [];
  const shapes: Shape[] = [];
  const annotations: Annotation[] = [];
  runs.forEach((run, i) => {
    if (!run || !Array.isArray(run.history as unknown)) throw new TypeError(`lossCurves: runs[${i}].history must be an array of epoch records`);
    const color = run.color ?? colorFor(i);
    const group = run.name || `run ${i + 1}`;
    const label = (part: string): string => (run.name ? `${run.name} ${part}` : part);
    const x = run.history.map((r) => r.epoch);
    if (show !== 'val') {
      const y = numbers(run.history.map((r) => r[trainKey] ?? NaN), `${group} ${trainKey}`);
      data.push({ type: 'scatter', mode: 'lines', name: label('train'), x, y, line: { color, dash: 'dash' }, legendgroup: group });
    }
    if (show !== 'train') {
      const y = numbers(run.history.map((r) => r.valLoss), `${group} valLoss`);
      data.push({ type: 'scatter', mode: 'lines', name: label('val'), x, y, line: { color }, legendgroup: group });
    }
    const best = run.bestEpoch === undefined ? undefined : run.history.find((r) => r.epoch === run.bestEpoch);
    if (best && show !== 'train') {
      data.push({
        type: 'scatter', mode: 'markers', name: label(`best (epoch ${best.epoch})`), x: [best.epoch], y: numbers([best.valLoss]),
        marker: { color, size: 13, symbol: 'star' }, legendgroup: group,
      });
    }
    if (run.stoppedEpoch !== undefined && run.stoppedEpoch !== null) {
      const e = run.stoppedEpoch;
      shapes.push({ type: 'line', xref: 'x', yref: 'paper', x0: e, x1: e, y0: 0, y1: 1, line: { color, dash: 'dot', width: 2 } });
      annotations.push({ x: e, y: 1, xref: 'x', yref: 'paper', text: `${run.name ? run.name + ' ' : ''}stopped (epoch ${e})`, showarrow: false, yanchor: 'bottom', font: { color } });
    }
  });
  data.push(...baselineTraces(toBaselines(opts.baselines), epochRange(runs, opts.epochs)));
  const layout = baseLayout({ ...opts, xTitle: opts.xTitle ?? 'epoch', yTitle: opts.yTitle ?? 'loss (nats per character)' });
  if (opts.epochs !== undefined) layout.xaxis = { ...layout.xaxis, range: [0.5, opts.epochs + 0.5] };
  integerTicks(layout, opts.epochs !== undefined ? [1, opts.epochs] : runs.flatMap((r) => r.history.map((h) => h.epoch)));
  if (shapes.length) layout.shapes = shapes;
  if (annotations.length) layout.annotations = annotations;
  return { data, layout };
}

function toBaselines(b: LossCurvesOptions['baselines']): Baseline[] {
  if (b === undefined) return [];
  const list = Array.isArray(b) ? [...(b as readonly Baseline[])] : Object.entries(b).map(([name, value]) => ({ name, value }));
  for (const { name, value } of list) {
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new RangeError(`lossCurves: baseline '${name}' must be a finite number, got ${value}`);
  }
  return list;
}

/** [first, last] epoch over all runs, or [1, epochs] when fixed; [0, 1] when there is nothing yet. */
function epochRange(runs: readonly LossRun[], epochs?: number): [number, number] {
  if (epochs !== undefined) {
    if (!(Number.isInteger(epochs) && epochs >= 1)) throw new RangeError(`lossCurves: epochs must be a positive integer, got ${epochs}`);
    return [1, epochs];
  }
  const all = runs.flatMap((r) => r.history.map((h) => h.epoch));
  return all.length ? [Math.min(...all), Math.max(...all)] : [0, 1];
}

/** Dotted grey horizontal lines across the epoch range, one trace each (so they sit in the legend). */
export function baselineTraces(baselines: readonly Baseline[], [x0, x1]: [number, number]): Trace[] {
  return baselines.map((b, j) => ({
    type: 'scatter', mode: 'lines', name: `${b.name} (${formatNumber(b.value)})`, x: [x0, x1], y: [b.value, b.value],
    line: { color: REFERENCE_COLORS[j % REFERENCE_COLORS.length], dash: 'dot', width: 1.5 }, hovertemplate: `${b.name}: %{y:.4f}<extra></extra>`,
  }));
}
