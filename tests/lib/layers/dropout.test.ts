import { describe, it, expect } from 'vitest';
import { Rng } from '../../../src/lib/numbers/rng';
import { filled, randn, zeros } from '../../../src/lib/numbers/tensor';
import { dropoutBackward, dropoutForward } from '../../../src/lib/layers/dropout';
import { expectGradients, probe, upstream } from './grad-helpers';

describe('dropout', () => {
  it('keeps the mean and zeros about 1 - keepProb of the units (seeded)', () => {
    for (const keepProb of [0.2, 0.5, 0.9]) {
      const x = filled(500, 200, 3); // 100 000 units
      const { out } = dropoutForward(x, keepProb, new Rng(7));
      let sum = 0, zerosSeen = 0, other = 0;
      for (const v of out.data) {
        sum += v;
        if (v === 0) zerosSeen++;
        else if (Math.abs(v - 3 / keepProb) > 1e-12) other++; // a kept unit is scaled by 1/keepProb
      }
      const n = out.data.length;
      // standard errors: zero share sqrt(p(1-p)/n) <= 0.0016; mean 3 sqrt((1-p)/(p n)) <= 0.019
      expect(Math.abs(zerosSeen / n - (1 - keepProb))).toBeLessThan(0.01);
      expect(Math.abs(sum / n - 3)).toBeLessThan(0.1);
      expect(other).toBe(0);
    }
  });

  it('eval mode and keepProb 1 are the identity and draw no random numbers', () => {
    const x = randn(4, 3, new Rng(1));
    const rng = new Rng(2);
    const before = rng.getState();
    expect(dropoutForward(x, 0.5, rng, { mode: 'eval' }).out).toBe(x);
    expect(dropoutForward(x, 1, rng).out).toBe(x);
    expect(rng.getState()).toEqual(before);
    const { dx } = dropoutBackward(x, dropoutForward(x, 0.5, rng, { mode: 'eval' }).cache);
    expect(dx).toBe(x);
  });

  it('backward reuses the forward mask and matches the numerical gradient (rel. error < 1e-7)', () => {
    const rng = new Rng(3);
    const x = randn(6, 5, rng), R = upstream(x, rng);
    const { out, cache } = dropoutForward(x, 0.6, new Rng(99));
    const { dx } = dropoutBackward(R, cache);
    const mask = cache.mask!.data;
    for (let i = 0; i < x.data.length; i++) {
      expect(out.data[i]).toBe((x.data[i] * mask[i]) / 0.6); // the formula as written: x * mask / keepProb
      expect(dx.data[i]).toBe((R.data[i] * mask[i]) / 0.6);
    }
    // same seed each call = same mask, as cs231n's dropout check does
    expectGradients(() => probe(dropoutForward(x, 0.6, new Rng(99)).out, R), { x }, { x: dx });
  });

  it('variational: one (N, D) mask reused at every step of a (T*N, D) sequence', () => {
    const T = 5, N = 3, D = 4;
    const x = filled(T * N, D, 1);
    const { out, cache } = dropoutForward(x, 0.5, new Rng(4), { steps: T });
    expect([cache.mask!.rows, cache.mask!.cols]).toEqual([N, D]);
    for (let t = 1; t < T; t++) {
      expect(Array.from(out.data.subarray(t * N * D, (t + 1) * N * D))).toEqual(Array.from(out.data.subarray(0, N * D)));
    }
    const { dx } = dropoutBackward(filled(T * N, D, 1), cache);
    expect(Array.from(dx.data)).toEqual(Array.from(out.data));
  });

  it('rejects keepProb outside (0, 1] and a bad mode or step count', () => {
    const x = zeros(2, 2), rng = new Rng(0);
    for (const bad of [0, -0.1, 1.5, NaN]) expect(() => dropoutForward(x, bad, rng)).toThrow(/keepProb must be in \(0, 1\]/);
    expect(() => dropoutForward(x, 0, rng, { mode: 'eval' })).toThrow(RangeError);
    expect(() => dropoutForward(x, 0.5, rng, { mode: 'test' as 'eval' })).toThrow(/mode/);
    expect(() => dropoutForward(zeros(3, 2), 0.5, rng, { steps: 2 })).toThrow(/steps/);
  });
});
