import { describe, it, expect } from 'vitest';
import { fromArray, fromFlat } from '../../../src/lib/numbers/tensor';
import { numericalGradient, numericalGradients, relError, relErrors } from '../../../src/lib/numbers/gradcheck';

describe('numericalGradient', () => {
  it('measures the slope of sum(x^3) as 3x^2 and leaves x as it was', () => {
    const x = fromArray([[0.5, -1.25], [2, 0.1]]);
    const before = x.data.slice();
    const f = () => x.data.reduce((s, v) => s + v * v * v, 0);
    const want = Array.from(before, (v) => 3 * v * v);
    const g3 = numericalGradient(f, x);
    expect(relError(g3, want)).toBeLessThan(1e-8); // truncation h² f'''/6 = 1e-10 against 3x² = 0.03
    const g5 = numericalGradient(f, x, { stencil: 5 });
    expect(relError(g5, want)).toBeLessThan(1e-10); // exact for a cubic up to rounding
    expect(Array.from(x.data)).toEqual(Array.from(before));
  });

  it('the five-point stencil is exact to rounding for a quartic, the central difference is not', () => {
    const x = fromArray([[1.5]]);
    const f = () => x.data[0] ** 4;
    const want = 4 * 1.5 ** 3;
    expect(Math.abs(numericalGradient(f, x, { h: 1e-2 }).data[0] - want)).toBeGreaterThan(1e-5);
    expect(Math.abs(numericalGradient(f, x, { h: 1e-2, stencil: 5 }).data[0] - want)).toBeLessThan(1e-10);
  });

  it('covers every named parameter and rejects unknown names and bad options', () => {
    const params = { a: fromArray([[1, 2]]), b: fromArray([[3]]) };
    const f = () => params.a.data[0] * params.b.data[0] + params.a.data[1];
    const g = numericalGradients(f, params);
    expect(relErrors({ a: fromArray([[3, 1]]), b: fromArray([[1]]) }, g)).toEqual({ a: expect.any(Number), b: expect.any(Number) });
    expect(relError(g.a, [3, 1])).toBeLessThan(1e-9);
    expect(() => numericalGradients(f, params, { names: ['c'] })).toThrow(/no parameter named 'c'/);
    expect(() => numericalGradient(f, params.a, { h: 0 })).toThrow(RangeError);
  });
});

describe('relError', () => {
  it('is the worst elementwise |a-b| / max(1e-8, |a|+|b|)', () => {
    // entries: |1-1.1|/2.1, |0-0|/1e-8 = 0, |-2 - -2|/4 = 0, |1e-9 - 0| / 1e-8 = 0.1
    expect(relError([1, 0, -2, 1e-9], [1.1, 0, -2, 0])).toBeCloseTo(0.1, 12);
    expect(relError([1, 0], [1.1, 0])).toBeCloseTo(0.1 / 2.1, 12);
    expect(relError([3], [3])).toBe(0);
    expect(relError([NaN], [1])).toBeNaN();
    expect(relError([NaN, 1], [1, 1])).toBeNaN(); // a NaN is not overwritten by a later entry
    expect(relError([1, 2, NaN], [1.5, 2, 3])).toBeNaN();
  });

  it('refuses different lengths or shapes', () => {
    expect(() => relError([1, 2], [1])).toThrow(/length mismatch/);
    expect(() => relError(fromFlat(1, 2, [1, 2]), fromFlat(2, 1, [1, 2]))).toThrow(/shape mismatch/);
  });
});
