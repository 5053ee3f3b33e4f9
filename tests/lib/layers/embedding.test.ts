import { describe, it, expect } from 'vitest';
import { Rng } from '../../../src/lib/numbers/rng';
import { fromArray, randn, toArray, zeros } from '../../../src/lib/numbers/tensor';
import { embeddingBackward, embeddingForward } from '../../../src/lib/layers/embedding';
import { expectGradients, probe, upstream } from './grad-helpers';

describe('embedding', () => {
  it('looks up rows of E', () => {
    const E = fromArray([[0, 1], [2, 3], [4, 5]]);
    const { out } = embeddingForward(E, [2, 0, 2]);
    expect(toArray(out)).toEqual([[4, 5], [0, 1], [4, 5]]);
  });

  it('backward adds each row gradient into the row it came from', () => {
    const E = zeros(3, 2);
    const { cache } = embeddingForward(E, [2, 0, 2]);
    const { dE } = embeddingBackward(fromArray([[1, 2], [3, 4], [5, 6]]), cache);
    expect(toArray(dE)).toEqual([[3, 4], [0, 0], [6, 8]]);
  });

  it('backward matches the numerical gradient (rel. error < 1e-7)', () => {
    const rng = new Rng(11);
    const E = randn(5, 3, rng);
    const tokens = Int32Array.from([4, 1, 1, 0, 4, 4]);
    const R = upstream(zeros(6, 3), rng);
    const { dE } = embeddingBackward(R, embeddingForward(E, tokens).cache);
    expectGradients(() => probe(embeddingForward(E, tokens).out, R), { E }, { E: dE });
  });

  it('rejects tokens outside the vocabulary', () => {
    const E = zeros(3, 2);
    expect(() => embeddingForward(E, [0, 3])).toThrow(/token 3 at position 1 is outside the vocabulary \[0, 3\)/);
    expect(() => embeddingForward(E, [-1])).toThrow(RangeError);
    expect(() => embeddingForward(E, [0.5])).toThrow(RangeError);
  });
});
