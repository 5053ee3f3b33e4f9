import { describe, expect, it } from 'vitest';
import { aggregate, meanCurves, spread } from '../../../src/tools/study/aggregate';
import { defaultConditions } from '../../../src/tools/study/plans';
import { syntheticRun } from './synthetic';

describe('spread', () => {
  it('gives mean, sample std (n - 1), min and max', () => {
    const s = spread([1, 2, 3, 4]);
    expect(s.n).toBe(4);
    expect(s.mean).toBe(2.5);
    // sum of squared deviations = 2.25 + 0.25 + 0.25 + 2.25 = 5; / (4 - 1)
    expect(s.std).toBeCloseTo(Math.sqrt(5 / 3), 14);
    expect([s.min, s.max, s.nonFinite]).toEqual([1, 4, 0]);
  });

  it('leaves out non-finite values and counts them', () => {
    const s = spread([2, NaN, 4, Infinity]);
    expect(s).toEqual({ n: 2, mean: 3, std: Math.SQRT2, min: 2, max: 4, nonFinite: 2 });
  });

  it('has std 0 for one value and NaN statistics for none', () => {
    expect(spread([7])).toEqual({ n: 1, mean: 7, std: 0, min: 7, max: 7, nonFinite: 0 });
    const none = spread([NaN]);
    expect(none.n).toBe(0);
    expect(Number.isNaN(none.mean) && Number.isNaN(none.std)).toBe(true);
  });
});

describe('aggregate', () => {
  const conditions = defaultConditions().filter((c) => c.name === 'none' || c.name === 'early-stop');
  const runs = [
    syntheticRun('none', 1, [2.0, 1.8, 1.9, 2.1]),
    syntheticRun('none', 2, [2.1, 1.7, 1.75, 2.0]),
    syntheticRun('none', 3, [2.2, 1.9, 1.6, 1.8]),
    syntheticRun('early-stop', 1, [2.0, 1.8, 1.9], { stoppedEpoch: 3 }),
    syntheticRun('unknown', 1, [9, 9]),
  ];

  it('makes one row per condition, in plan order, over that condition only', () => {
    const rows = aggregate(conditions, runs);
    expect(rows.map((r) => r.condition)).toEqual(['none', 'early-stop']);
    expect(rows[0].seeds).toEqual([1, 2, 3]);
    const best = rows[0].metrics.bestValLoss;
    expect(best.mean).toBeCloseTo((1.8 + 1.7 + 1.6) / 3, 14);
    expect(best.std).toBeCloseTo(0.1, 14); // deviations 0.1, 0, -0.1: sqrt(0.02 / 2)
    expect([best.min, best.max]).toEqual([1.6, 1.8]);
    expect(rows[0].metrics.bestEpoch).toMatchObject({ mean: 7 / 3, min: 2, max: 3 });
    expect(rows[0].metrics.finalValLoss.mean).toBeCloseTo((2.1 + 2.0 + 1.8) / 3, 14);
    expect(rows[1].metrics.epochsRun).toMatchObject({ n: 1, mean: 3, std: 0 });
  });

  it('gives a condition without runs n = 0 rather than failing', () => {
    const rows = aggregate(defaultConditions().filter((c) => c.name === 'layernorm'), runs);
    expect(rows[0].seeds).toEqual([]);
    expect(rows[0].metrics.gap.n).toBe(0);
  });
});

describe('meanCurves', () => {
  it('averages each epoch over the runs that reached it', () => {
    const conditions = defaultConditions().filter((c) => c.name === 'early-stop');
    const curves = meanCurves(conditions, [
      syntheticRun('early-stop', 1, [3, 2, 1]),
      syntheticRun('early-stop', 2, [5, 4]),
      syntheticRun('early-stop', 3, [4, NaN]),
    ]);
    expect(curves[0].epochs).toEqual([1, 2, 3]);
    expect(curves[0].mean).toEqual([4, 3, 1]);
    expect(curves[0].n).toEqual([3, 2, 1]);
    expect(curves[0].min).toEqual([3, 2, 1]);
    expect(curves[0].max).toEqual([5, 4, 1]);
  });
});
