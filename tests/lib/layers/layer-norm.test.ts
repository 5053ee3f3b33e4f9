import { describe, it, expect } from 'vitest';
import { Rng } from '../../../src/lib/numbers/rng';
import { filled, fromArray, randn, zeros } from '../../../src/lib/numbers/tensor';
import { layerNormBackward, layerNormForward } from '../../../src/lib/layers/layer-norm';
import { expectGradients, probe, upstream } from './grad-helpers';

describe('layer norm', () => {
  it('rows have mean 0 and variance 1 before gamma and beta', () => {
    const rng = new Rng(5);
    const x = randn(7, 12, rng, 3);
    for (let i = 0; i < x.data.length; i++) x.data[i] += 5; // an offset LN must remove
    const { out } = layerNormForward(x, filled(1, 12, 1), zeros(1, 12), 0);
    for (let r = 0; r < 7; r++) {
      const row = out.data.subarray(r * 12, r * 12 + 12);
      const mean = row.reduce((s, v) => s + v, 0) / 12;
      const variance = row.reduce((s, v) => s + (v - mean) ** 2, 0) / 12;
      expect(Math.abs(mean)).toBeLessThan(1e-14);
      expect(variance).toBeCloseTo(1, 12);
    }
  });

  it('applies gamma and beta per feature, with eps inside the square root', () => {
    const x = fromArray([[1, 3]]); // mean 2, var 1
    const { out } = layerNormForward(x, fromArray([[2, 3]]), fromArray([[0.5, -1]]), 1e-5);
    const r = 1 / Math.sqrt(1 + 1e-5);
    expect(out.data[0]).toBeCloseTo(2 * -r + 0.5, 14);
    expect(out.data[1]).toBeCloseTo(3 * r - 1, 14);
  });

  it('backward matches the numerical gradient for x, gamma and beta (rel. error < 1e-7)', () => {
    const rng = new Rng(6);
    const x = randn(4, 6, rng), gamma = randn(1, 6, rng), beta = randn(1, 6, rng);
    const R = upstream(x, rng);
    const { dx, dgamma, dbeta } = layerNormBackward(R, layerNormForward(x, gamma, beta).cache);
    expectGradients(() => probe(layerNormForward(x, gamma, beta).out, R), { x, gamma, beta }, { x: dx, gamma: dgamma, beta: dbeta });
  });

  it('names the parameter whose shape is wrong', () => {
    expect(() => layerNormForward(zeros(2, 3), zeros(1, 4), zeros(1, 3))).toThrow(/gamma: expected shape \(1, 3\), got \(1, 4\)/);
    expect(() => layerNormForward(zeros(2, 3), zeros(1, 3), zeros(3, 1))).toThrow(/beta/);
  });
});
