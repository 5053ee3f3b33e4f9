/**
 * Generic figures for anything the named builders do not cover: lines (x against y per series) and
 * grouped bars (a value per label per series).
 *
 * Left out on purpose: subplots, error bars, histograms. Add an attribute to the returned JSON by
 * hand when a notebook needs one (a Figure is plain data).
 */
import { Figure, LayoutOptions, Trace, baseLayout, colorFor, numbers, requireNonEmpty } from './figure';

export interface LineSeries {
  name: string;
  /** Defaults to 1..n. */
  x?: ArrayLike<number>;
  y: ArrayLike<number>;
  color?: string;
  dash?: 'solid' | 'dash' | 'dot' | 'dashdot';
  /** Draw points as well as the line (default false). */
  markers?: boolean;
}

/** One line per series. */
export function lineChart(series: readonly LineSeries[], opts: LayoutOptions = {}): Figure {
  requireNonEmpty(series, 'lineChart', 'series');
  const data: Trace[] = series.map((s, i) => {
    const y = numbers(s.y, `${s.name} y`);
    const x = s.x === undefined ? y.map((_, k) => k + 1) : numbers(s.x, `${s.name} x`);
    if (x.length !== y.length) throw new RangeError(`lineChart: series '${s.name}' has ${x.length} x values and ${y.length} y values`);
    return {
      type: 'scatter', mode: s.markers ? 'lines+markers' : 'lines', name: s.name, x, y,
      line: { color: s.color ?? colorFor(i), dash: s.dash ?? 'solid' },
    };
  });
  return { data, layout: baseLayout(opts) };
}

export interface BarSeries { name: string; values: ArrayLike<number>; color?: string }

/** Grouped bars: one group per label, one bar per series in each group. */
export function barChart(labels: readonly string[], series: readonly BarSeries[], opts: LayoutOptions = {}): Figure {
  requireNonEmpty(labels, 'barChart', 'labels');
  requireNonEmpty(series, 'barChart', 'series');
  const data: Trace[] = series.map((s, i) => {
    const y = numbers(s.values, `${s.name} values`);
    if (y.length !== labels.length) throw new RangeError(`barChart: series '${s.name}' has ${y.length} values for ${labels.length} labels`);
    return { type: 'bar', name: s.name, x: [...labels], y, marker: { color: s.color ?? colorFor(i) } };
  });
  const layout = baseLayout(opts);
  layout.barmode = 'group';
  return { data, layout };
}
