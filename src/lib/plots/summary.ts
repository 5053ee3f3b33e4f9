/**
 * A figure as a few lines of text: the title, then per trace its name, number of points and last
 * value (bars: every label's value), then the annotations. This is the `text/plain` part of a figure
 * output, what a terminal, a grader log or a screen reader gets instead of the picture.
 *
 * Left out on purpose: statistics beyond the last value (min, mean): the notebook prints those.
 */
import { Figure, Trace } from './figure';
import { formatNumber } from '../text/format';

const MAX_BARS = 8;

/** E.g. `Loss curves: 3 traces\n  keep 0.5 val: 10 points, last 2.104 at x=10`. */
export function figureSummary(fig: Figure): string {
  const title = fig.layout?.title?.text || 'Figure';
  const traces = Array.isArray(fig.data) ? fig.data : [];
  const lines = [`${title}: ${traces.length} trace${traces.length === 1 ? '' : 's'}`];
  traces.forEach((t, i) => lines.push(`  ${t.name || `trace ${i + 1}`}: ${describeTrace(t)}`));
  for (const a of fig.layout?.annotations ?? []) lines.push(`  note: ${a.text}`);
  return lines.join('\n');
}

function describeTrace(t: Trace): string {
  const xs = Array.isArray(t.x) ? t.x : [];
  const ys = Array.isArray(t.y) ? t.y : [];
  if (t.type === 'bar') {
    const parts = ys.slice(0, MAX_BARS).map((y, k) => `${xs[k]}=${fmt(y)}`);
    return parts.join(', ') + (ys.length > MAX_BARS ? `, ... (${ys.length} bars)` : '');
  }
  if (ys.length === 0) return 'no points yet';
  let last = ys.length - 1;
  while (last > 0 && ys[last] === null) last--;
  const where = typeof xs[last] === 'number' ? ` at x=${formatNumber(xs[last] as number)}` : xs[last] !== undefined ? ` at ${xs[last]}` : '';
  if (ys.length === 1) return `${fmt(ys[0])}${where}`;
  if (ys.length === 2 && ys[0] === ys[1]) return `${fmt(ys[0])} (constant)`;
  return `${ys.length} points, last ${fmt(ys[last])}${where}`;
}

const fmt = (y: number | null | undefined): string => (typeof y === 'number' ? formatNumber(y) : 'missing');
