import { describe, it, expect } from 'vitest';
import { Rng } from '../../../src/lib/numbers/rng';
import { fromArray, randn } from '../../../src/lib/numbers/tensor';
import { softmaxCrossEntropyBackward, softmaxCrossEntropyForward } from '../../../src/lib/layers/softmax-cross-entropy';
import { expectGradients } from './grad-helpers';

describe('softmax cross-entropy', () => {
  it('is the mean of -log softmax at the target', () => {
    const z = [[1, 2, 3], [0, 0, 0]];
    const want = (-Math.log(Math.exp(1) / (Math.exp(1) + Math.exp(2) + Math.exp(3))) + Math.log(3)) / 2;
    expect(softmaxCrossEntropyForward(fromArray(z), [0, 2]).loss).toBeCloseTo(want, 14);
  });

  it('uniform logits give log V', () => {
    const { loss, cache } = softmaxCrossEntropyForward(fromArray([[5, 5, 5, 5]]), [1]);
    expect(loss).toBeCloseTo(Math.log(4), 14);
    expect(Array.from(cache.probs.data)).toEqual([0.25, 0.25, 0.25, 0.25]);
  });

  it('stays finite for huge logits (log-sum-exp after subtracting the row max)', () => {
    const { loss } = softmaxCrossEntropyForward(fromArray([[1000, 0], [-1000, 1000]]), [1, 0]);
    expect(loss).toBeCloseTo((1000 + 2000) / 2, 9);
  });

  it('backward matches the numerical gradient (rel. error < 1e-7)', () => {
    const rng = new Rng(12);
    const z = randn(6, 5, rng);
    const y = Int32Array.from([0, 4, 2, 2, 1, 3]);
    const { dlogits } = softmaxCrossEntropyBackward(softmaxCrossEntropyForward(z, y).cache);
    expectGradients(() => softmaxCrossEntropyForward(z, y).loss, { z }, { z: dlogits });
  });

  it('rejects bad targets and empty batches', () => {
    expect(() => softmaxCrossEntropyForward(fromArray([[0, 0]]), [2])).toThrow(/target 2 at row 0 is outside \[0, 2\)/);
    expect(() => softmaxCrossEntropyForward(fromArray([[0, 0]]), [0, 1])).toThrow(/2 targets for 1 rows/);
    expect(() => softmaxCrossEntropyForward(fromArray([]), [])).toThrow(/empty/);
  });
});
