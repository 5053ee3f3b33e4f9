import { describe, expect, it } from 'vitest';
import { lossCurves, LossRecord } from '../../../src/lib/plots/loss-curves';
import { PALETTE } from '../../../src/lib/plots/figure';

const hist = (n: number, start = 3): LossRecord[] =>
  Array.from({ length: n }, (_, i) => ({ epoch: i + 1, trainLoss: start - 0.2 * i, valLoss: start - 0.1 * i + (i > 4 ? 0.05 * (i - 4) : 0) }));

describe('lossCurves', () => {
  it('draws a dashed train and a solid val curve per run, one color per run', () => {
    const fig = lossCurves([{ name: 'A', history: hist(4) }, { name: 'B', history: hist(4, 2.5) }]);
    expect(fig.data.map((t) => t.name)).toEqual(['A train', 'A val', 'B train', 'B val']);
    const [aTrain, aVal, bTrain, bVal] = fig.data;
    expect(aTrain.line).toEqual({ color: PALETTE[0], dash: 'dash' });
    expect(aVal.line).toEqual({ color: PALETTE[0] });
    expect(bTrain.line?.color).toBe(PALETTE[1]);
    expect(bVal.line?.color).toBe(PALETTE[1]);
    expect(aVal.x).toEqual([1, 2, 3, 4]);
    expect(aVal.y).toEqual([3, 2.9, 2.8, 2.7]);
    expect(aTrain.y[3]).toBeCloseTo(2.4, 12);
    expect(fig.layout.xaxis?.title?.text).toBe('epoch');
    expect(fig.layout.yaxis?.title?.text).toBe('loss (nats per character)');
    expect(JSON.parse(JSON.stringify(fig))).toEqual(fig); // plain JSON, nothing lost
  });

  it('marks the best epoch with a star on the val curve and the stop with a vertical line', () => {
    const h = hist(9);
    const fig = lossCurves([{ name: 'ES', history: h, bestEpoch: 5, stoppedEpoch: 8 }]);
    const star = fig.data.find((t) => t.marker?.symbol === 'star');
    expect(star?.x).toEqual([5]);
    expect(star?.y).toEqual([h[4].valLoss]);
    expect(star?.name).toBe('ES best (epoch 5)');
    expect(fig.layout.shapes).toEqual([expect.objectContaining({ type: 'line', x0: 8, x1: 8, xref: 'x', yref: 'paper', y0: 0, y1: 1 })]);
    expect(fig.layout.annotations?.[0].text).toBe('ES stopped (epoch 8)');
  });

  it('adds baselines as dotted horizontal traces across the epoch range', () => {
    const fig = lossCurves([{ name: 'A', history: hist(6) }], { baselines: { bigram: 2.45, uniform: Math.log(28) } });
    const base = fig.data.slice(2);
    expect(base.map((t) => t.name)).toEqual(['bigram (2.45)', 'uniform (3.332)']);
    expect(base[0].x).toEqual([1, 6]);
    expect(base[0].y).toEqual([2.45, 2.45]);
    expect(base[0].line?.dash).toBe('dot');
    expect(() => lossCurves([], { baselines: [{ name: 'bad', value: NaN }] })).toThrow(/baseline 'bad' must be a finite number/);
  });

  it('shows only what is asked, turns NaN into gaps and fixes the x range for live plots', () => {
    const h = hist(3);
    h[1].valLoss = NaN;
    const fig = lossCurves([{ name: '', history: h }], { show: 'val', epochs: 10 });
    expect(fig.data.map((t) => t.name)).toEqual(['val']);
    expect(fig.data[0].y).toEqual([3, null, 2.8]);
    expect(fig.layout.xaxis?.range).toEqual([0.5, 10.5]);
    const empty = lossCurves([], { baselines: { uniform: 3.3 }, epochs: 5 });
    expect(empty.data).toHaveLength(1);
    expect(empty.data[0].x).toEqual([1, 5]);
  });

  it('can draw the eval-mode training loss instead, and rejects bad input clearly', () => {
    const h = hist(2).map((r, i) => ({ ...r, trainEvalLoss: 2 - i / 4 }));
    expect(lossCurves([{ name: 'A', history: h }], { trainKey: 'trainEvalLoss' }).data[0].y).toEqual([2, 1.75]);
    expect(() => lossCurves('x' as never)).toThrow(TypeError);
    expect(() => lossCurves([{ name: 'A' } as never])).toThrow(/runs\[0\]\.history must be an array/);
  });
});
