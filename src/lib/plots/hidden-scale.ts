/**
 * How big the hidden state gets along the sequence: one value per time step (mean |h|, or its std)
 * for each variant, e.g. a plain LSTM vs an LN-LSTM. Layer norm keeps this flat; without it the
 * scale drifts with t.
 *
 * Left out on purpose: computing the statistic (the notebook runs the cells and takes it).
 */
import { Figure, LayoutOptions, Trace, baseLayout, colorFor, integerTicks, numbers, requireNonEmpty } from './figure';

export interface StepSeries { name: string; values: ArrayLike<number>; color?: string }

/** values[t] against time step t = 1..T, one line per series. */
export function hiddenStateScale(series: readonly StepSeries[], opts: LayoutOptions = {}): Figure {
  requireNonEmpty(series, 'hiddenStateScale', 'series');
  const data: Trace[] = series.map((s, i) => {
    const y = numbers(s.values, `${s.name} values`);
    return {
      type: 'scatter', mode: 'lines+markers', name: s.name, x: y.map((_, t) => t + 1), y,
      line: { color: s.color ?? colorFor(i) }, marker: { size: 4 },
    };
  });
  const layout = baseLayout({
    ...opts, title: opts.title ?? 'Hidden-state scale across time steps',
    xTitle: opts.xTitle ?? 'time step t', yTitle: opts.yTitle ?? 'mean |h_t|',
  });
  integerTicks(layout, data.flatMap((t) => t.x as number[]));
  return { data, layout };
}
