import { describe, it, expect } from 'vitest';
import { Rng } from '../../../src/lib/numbers/rng';
import { assertSameShape, assertShape, clone, filled, fromArray, fromFlat, randn, randu, rowsView, shapeOf, toArray, zeros } from '../../../src/lib/numbers/tensor';

describe('tensor', () => {
  it('builds matrices row-major and reads them back', () => {
    const m = fromArray([[1, 2, 3], [4, 5, 6]]);
    expect([m.rows, m.cols]).toEqual([2, 3]);
    expect(m.data[1 * 3 + 2]).toBe(6);
    expect(toArray(fromFlat(2, 3, [1, 2, 3, 4, 5, 6]))).toEqual(toArray(m));
    expect(Array.from(filled(2, 2, 7).data)).toEqual([7, 7, 7, 7]);
    expect(shapeOf(zeros(0, 4))).toBe('(0, 4)');
    const c = clone(m);
    c.data[0] = 100;
    expect(m.data[0]).toBe(1);
  });

  it('rejects ragged rows, wrong lengths and bad shapes', () => {
    expect(() => fromArray([[1, 2], [3]])).toThrow(/row 1 has 1 values, row 0 has 2/);
    expect(() => fromFlat(2, 2, [1, 2, 3])).toThrow(/expected 4 values/);
    expect(() => zeros(-1, 2)).toThrow(RangeError);
    expect(() => zeros(1.5, 2)).toThrow(RangeError);
    expect(() => assertSameShape(zeros(1, 2), zeros(2, 1), 'here')).toThrow(/here: shape mismatch \(1, 2\) vs \(2, 1\)/);
  });

  it('random fills are seeded', () => {
    expect(randn(3, 3, new Rng(1)).data).toEqual(randn(3, 3, new Rng(1)).data);
    const u = randu(50, 50, new Rng(2), -0.5, 0.25);
    expect(u.data.every((v) => v >= -0.5 && v < 0.25)).toBe(true);
  });

  it('rowsView is a step of a time-major sequence, sharing memory', () => {
    const seq = fromArray([[0, 1], [2, 3], [4, 5], [6, 7], [8, 9], [10, 11]]); // T=3 steps of N=2 rows
    const step1 = rowsView(seq, 1 * 2, 2);
    expect(toArray(step1)).toEqual([[4, 5], [6, 7]]);
    step1.data[0] = -1;
    expect(seq.data[4]).toBe(-1);
    expect(rowsView(seq, 6, 0).rows).toBe(0);
    expect(() => rowsView(seq, 5, 2)).toThrow(/rows 5..6 are outside \(6, 2\)/);
    expect(() => rowsView(seq, -1, 1)).toThrow(RangeError);
  });

  it('assertShape names the argument, the expected and the actual shape', () => {
    expect(() => assertShape(zeros(2, 3), 2, 3, 'W')).not.toThrow();
    expect(() => assertShape(zeros(2, 3), 3, 2, 'lstm: Wh')).toThrow(/lstm: Wh: expected shape \(3, 2\), got \(2, 3\)/);
  });
});
