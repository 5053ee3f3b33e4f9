/**
 * The Plotly figure as plain data: the types every builder in src/lib/plots returns, one color palette so
 * a run keeps its color across figures, and the small helpers the builders share (a base layout,
 * number arrays that survive JSON).
 *
 * Left out on purpose: anything that draws. A Figure is `{ data, layout }` JSON in Plotly's schema;
 * src/lib/display turns it into a notebook output. Only the Plotly attributes we use are typed; the index
 * signatures let a caller add any other attribute by hand.
 */

export interface Line { color?: string; dash?: 'solid' | 'dash' | 'dot' | 'dashdot' | 'longdash'; width?: number }
export interface Marker { color?: string | string[]; size?: number; symbol?: string; line?: Line }

/** One Plotly trace (scatter or bar). Missing values are null (Plotly leaves a gap). */
export interface Trace {
  type: 'scatter' | 'bar';
  name?: string;
  x: (number | string | null)[];
  y: (number | null)[];
  mode?: 'lines' | 'markers' | 'lines+markers' | 'text' | 'markers+text';
  line?: Line;
  marker?: Marker;
  legendgroup?: string;
  showlegend?: boolean;
  hovertemplate?: string;
  text?: string[];
  [attribute: string]: unknown;
}

export interface Axis { title?: { text: string }; type?: 'linear' | 'log' | 'category'; rangemode?: 'normal' | 'tozero'; [attribute: string]: unknown }

export interface Shape {
  type: 'line' | 'rect';
  xref: 'x' | 'paper'; yref: 'y' | 'paper';
  x0: number | string; x1: number | string; y0: number; y1: number;
  line?: Line;
  [attribute: string]: unknown;
}

export interface Annotation { x: number | string; y: number; xref: 'x' | 'paper'; yref: 'y' | 'paper'; text: string; showarrow?: boolean; [attribute: string]: unknown }

export interface Layout {
  title?: { text: string };
  xaxis?: Axis;
  yaxis?: Axis;
  height?: number;
  shapes?: Shape[];
  annotations?: Annotation[];
  [attribute: string]: unknown;
}

/** Plotly figure JSON: `{ data: object[]; layout: object }`, what plotly.js and the notebook MIME renderers take. */
export interface Figure { data: Trace[]; layout: Layout }

/** Plotly's default qualitative colors (D3 category10): run i of a figure gets PALETTE[i % 10]. */
export const PALETTE: readonly string[] = [
  '#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd',
  '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf',
];

/** Greys and black for reference lines (baselines), so they never look like a run. */
export const REFERENCE_COLORS: readonly string[] = ['#555555', '#999999', '#222222', '#bbbbbb'];

/** The color of the i-th series (0-based), cycling through PALETTE. */
export function colorFor(index: number): string {
  if (!Number.isInteger(index) || index < 0) throw new RangeError(`colorFor: index must be an integer >= 0, got ${index}`);
  return PALETTE[index % PALETTE.length];
}

/** Copies numbers into a plain array (Float64Array would serialize as an object); NaN and ±Infinity become null. */
export function numbers(values: ArrayLike<number>, what = 'values'): (number | null)[] {
  if (values == null || typeof values.length !== 'number') throw new TypeError(`${what} must be an array of numbers, got ${String(values)}`);
  const out: (number | null)[] = new Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'number') throw new TypeError(`${what}[${i}] must be a number, got ${typeof v}`);
    out[i] = Number.isFinite(v) ? v : null;
  }
  return out;
}

export interface LayoutOptions { title?: string; xTitle?: string; yTitle?: string; logY?: boolean; logX?: boolean; height?: number }

/** The layout every builder starts from: titles, a legend that does not cover the curves, a fixed height. */
export function baseLayout(o: LayoutOptions): Layout {
  const layout: Layout = {
    xaxis: { title: { text: o.xTitle ?? '' }, ...(o.logX ? { type: 'log' as const } : {}) },
    yaxis: { title: { text: o.yTitle ?? '' }, ...(o.logY ? { type: 'log' as const } : {}) },
    height: o.height ?? 400,
    margin: { l: 60, r: 20, t: o.title ? 50 : 20, b: 50 },
    legend: { orientation: 'v' },
    hovermode: 'closest',
  };
  if (o.title) layout.title = { text: o.title };
  return layout;
}

/** Whole-number ticks on an epoch axis spanning at most 10 epochs (Plotly would label 1.5, 2.5, ...). */
export function integerTicks(layout: Layout, epochs: readonly number[]): void {
  const finite = epochs.filter((e) => Number.isFinite(e));
  if (finite.length > 0 && Math.max(...finite) - Math.min(...finite) <= 10) layout.xaxis = { ...layout.xaxis, dtick: 1 };
}

/** Throws a TypeError naming the builder when `items` is not a non-empty array. */
export function requireNonEmpty<T>(items: readonly T[] | undefined, builder: string, what: string): readonly T[] {
  if (!Array.isArray(items)) throw new TypeError(`${builder}: ${what} must be an array, got ${String(items)}`);
  if (items.length === 0) throw new RangeError(`${builder}: ${what} is empty; give at least one`);
  return items;
}
