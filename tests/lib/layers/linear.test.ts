import { describe, it, expect } from 'vitest';
import { Rng } from '../../../src/lib/numbers/rng';
import { fromArray, randn, toArray, zeros } from '../../../src/lib/numbers/tensor';
import { linearBackward, linearForward } from '../../../src/lib/layers/linear';
import { expectGradients, probe, upstream } from './grad-helpers';

describe('linear', () => {
  it('computes x·W + b', () => {
    const x = fromArray([[1, 2], [3, 4], [-1, 0.5]]);
    const W = fromArray([[1, 0, -1], [2, 1, 0]]);
    const b = fromArray([[0.5, -0.5, 1]]);
    const { out } = linearForward(x, W, b);
    // row 0: [1+4, 2, -1] + b
    expect(toArray(out)).toEqual([[5.5, 1.5, 0], [11.5, 3.5, -2], [0.5, 0, 2]]);
  });

  it('backward matches the numerical gradient for x, W and b (rel. error < 1e-7)', () => {
    const rng = new Rng(10);
    const x = randn(5, 4, rng), W = randn(4, 3, rng), b = randn(1, 3, rng);
    const R = upstream(zeros(5, 3), rng);
    const { cache } = linearForward(x, W, b);
    const { dx, dW, db } = linearBackward(R, cache);
    const f = () => probe(linearForward(x, W, b).out, R);
    expectGradients(f, { x, W, b }, { x: dx, W: dW, b: db });
  });

  it('names the shapes when they do not fit', () => {
    expect(() => linearForward(zeros(2, 3), zeros(4, 5), zeros(1, 5))).toThrow(/x \(2, 3\) does not fit W \(4, 5\)/);
    expect(() => linearForward(zeros(2, 4), zeros(4, 5), zeros(1, 4))).toThrow(/b: expected shape \(1, 5\), got \(1, 4\)/);
    const { cache } = linearForward(zeros(2, 4), zeros(4, 5), zeros(1, 5));
    expect(() => linearBackward(zeros(2, 4), cache)).toThrow(RangeError);
  });
});
