/**
 * Why inverted dropout divides by keepProb: the mean activation in train mode, with and without the
 * 1/keepProb scaling, for several keep probabilities, beside the eval-mode mean every value should
 * match. Grouped bars per keep probability and a dotted reference line.
 *
 * Left out on purpose: computing the activations (the notebook does that with its own dropout code);
 * this file only draws the numbers it is given.
 */
import { Figure, LayoutOptions, Trace, REFERENCE_COLORS, baseLayout, colorFor, numbers } from './figure';
import { formatNumber } from '../text/format';

export interface ScalingComparison {
  /** The keep probabilities p on the x axis. */
  keepProbs: readonly number[];
  /** Mean train-mode activation with inverted scaling (mask * x / p), one per keep probability. */
  withScaling: ArrayLike<number>;
  /** Mean train-mode activation without scaling (mask * x), one per keep probability. */
  withoutScaling: ArrayLike<number>;
  /** Mean activation in eval mode (dropout off): what both should be compared with. */
  reference?: number;
}

/** Grouped bars: `with 1/p` and `without` per keep probability, plus the eval-mode reference line. */
export function expectedActivation(c: ScalingComparison, opts: LayoutOptions = {}): Figure {
  if (!c || !Array.isArray(c.keepProbs as unknown) || c.keepProbs.length === 0) throw new RangeError('expectedActivation: keepProbs must be a non-empty array');
  const n = c.keepProbs.length;
  for (const [what, arr] of [['withScaling', c.withScaling], ['withoutScaling', c.withoutScaling]] as const) {
    if (!arr || arr.length !== n) throw new RangeError(`expectedActivation: ${what} has ${arr?.length} values for ${n} keep probabilities`);
  }
  const labels = c.keepProbs.map((p) => `keep ${formatNumber(p)}`);
  const data: Trace[] = [
    { type: 'bar', name: 'with 1/keepProb scaling', x: labels, y: numbers(c.withScaling, 'withScaling'), marker: { color: colorFor(0) } },
    { type: 'bar', name: 'without scaling', x: labels, y: numbers(c.withoutScaling, 'withoutScaling'), marker: { color: colorFor(1) } },
  ];
  if (c.reference !== undefined) {
    data.push({
      type: 'scatter', mode: 'lines+markers', name: `eval mode (${formatNumber(c.reference)})`, x: labels, y: labels.map(() => c.reference as number),
      line: { color: REFERENCE_COLORS[0], dash: 'dot' }, marker: { size: 4 },
    });
  }
  const layout = baseLayout({
    ...opts, title: opts.title ?? 'Mean activation in train mode vs eval mode',
    xTitle: opts.xTitle ?? 'keep probability', yTitle: opts.yTitle ?? 'mean activation',
  });
  layout.barmode = 'group';
  return { data, layout };
}
