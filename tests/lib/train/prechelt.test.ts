import { describe, expect, it } from 'vitest';
import { generalizationLoss, precheltCheck, trainingProgress } from '../../../src/lib/train/prechelt';

describe("Prechelt's criteria", () => {
  it('GL is the percent excess of the last validation error over the best so far', () => {
    expect(generalizationLoss([2, 1, 1.1])).toBeCloseTo(10, 12);
    expect(generalizationLoss([2, 1])).toBe(0);
  });

  it('P_k is the per-mille excess of the strip mean over the strip minimum', () => {
    // strip [1.2, 1.1, 1.0]: mean 1.1, min 1.0 -> 1000 * 0.1 = 100
    expect(trainingProgress([5, 1.2, 1.1, 1.0], 3)).toBeCloseTo(100, 10);
    expect(() => trainingProgress([1], 3)).toThrow(/need 3/);
  });

  it('PQ fires at a strip end when GL / P exceeds alpha', () => {
    const val = [1.0, 0.9, 0.8, 0.85];
    const train = [1.0, 0.9, 0.81, 0.8];
    // at t = 4 (k = 2): GL = 6.25, P = 1000 * ((0.81 + 0.8) / 1.6 - 1) = 6.25, PQ = 1
    const c = precheltCheck(val, train, { PQ: 0.5, stripLength: 2 });
    expect(c.GL).toBeCloseTo(6.25, 10);
    expect(c.P!).toBeCloseTo(6.25, 10);
    expect(c.stop?.criterion).toBe('PQ');
    expect(precheltCheck(val, train, { PQ: 2, stripLength: 2 }).stop).toBe(null);
    expect(precheltCheck(val.slice(0, 3), train.slice(0, 3), { PQ: 0, stripLength: 2 }).P).toBe(null); // not a strip end
  });

  it('UP_s fires after s successive strips ending higher than the strip before', () => {
    const val = [1.0, 0.8, 0.9, 0.85, 0.95, 0.9, 1.0]; // strip ends (k = 2): 0.8, 0.85, 0.9
    expect(precheltCheck(val.slice(0, 4), val.slice(0, 4), { UP: 1, stripLength: 2 }).upStrips).toBe(1);
    expect(precheltCheck(val.slice(0, 6), val.slice(0, 6), { UP: 2, stripLength: 2 }).stop?.criterion).toBe('UP');
    expect(precheltCheck(val.slice(0, 6), val.slice(0, 6), { UP: 3, stripLength: 2 }).stop).toBe(null);
  });
});
