import { describe, expect, it } from 'vitest';
import { epochCurves, weightNormCurves } from '../../../src/lib/plots/epoch-curves';
import { PALETTE } from '../../../src/lib/plots/figure';

describe('weightNormCurves', () => {
  it('draws one line per lambda over the epochs with the weight norm on y', () => {
    const runs = [1e-4, 1e-3].map((l, j) => ({ name: `λ = ${l}`, history: [1, 2, 3].map((e) => ({ epoch: e, weightNorm: 10 + e / (j + 1) })) }));
    const fig = weightNormCurves(runs);
    expect(fig.data.map((t) => t.name)).toEqual(['λ = 0.0001', 'λ = 0.001']);
    expect(fig.data[1].y).toEqual([10.5, 11, 11.5]);
    expect(fig.data[1].x).toEqual([1, 2, 3]);
    expect(fig.data[1].line?.color).toBe(PALETTE[1]);
    expect(fig.layout.title?.text).toBe('Weight norm during training');
    expect(fig.layout.yaxis?.title?.text).toMatch(/\|\|w\|\|/);
  });
});

describe('epochCurves', () => {
  it('reads any numeric field; a missing value is a gap; options set the log axis', () => {
    const fig = epochCurves([{ name: 'r', history: [{ epoch: 1, gradNorm: 3 }, { epoch: 2 }] }], 'gradNorm', { logY: true });
    expect(fig.data[0].y).toEqual([3, null]);
    expect(fig.layout.yaxis?.type).toBe('log');
    expect(fig.layout.yaxis?.title?.text).toBe('gradNorm');
    expect(() => epochCurves([], 'x')).toThrow(/runs is empty/);
  });
});
