import { describe, expect, it } from 'vitest';
import { bigramCounts, bigramLoss, uniformLoss } from '../../../src/lib/train/baselines';

describe('baselines', () => {
  it('uniform loss is ln V', () => {
    expect(uniformLoss(28)).toBeCloseTo(Math.log(28), 15);
    expect(() => uniformLoss(0)).toThrow(/vocabSize/);
  });

  it('counts bigrams and scores a stream with add-alpha smoothing (hand-computed)', () => {
    // V = 3, train stream 0 1 0 1 0 2: pairs 01, 10, 01, 10, 02
    const train = [0, 1, 0, 1, 0, 2];
    expect(Array.from(bigramCounts(train, 3))).toEqual([0, 2, 1, 2, 0, 0, 0, 0, 0]);
    // eval 0 1 0 with alpha = 1: P(1|0) = (2+1)/(3+3) = 1/2, P(0|1) = (2+1)/(2+3) = 3/5
    const expected = -(Math.log(1 / 2) + Math.log(3 / 5)) / 2;
    expect(bigramLoss(train, [0, 1, 0], 3)).toBeCloseTo(expected, 14);
    // a row never seen (token 2) falls back to uniform: P(x|2) = 1/3
    expect(bigramLoss(train, [2, 0], 3)).toBeCloseTo(Math.log(3), 14);
  });

  it('gives clear errors on empty data and out-of-range tokens', () => {
    expect(() => bigramCounts([0], 3)).toThrow(/empty data/);
    expect(() => bigramLoss([0, 1], [0], 3)).toThrow(/empty data/);
    expect(() => bigramCounts([0, 5], 3)).toThrow(/outside/);
    expect(() => bigramLoss([0, 1], [0, 1], 3, 0)).toThrow(/alpha/);
  });
});
