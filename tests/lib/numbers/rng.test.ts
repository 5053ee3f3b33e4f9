import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/lib/numbers/rng';

describe('Rng', () => {
  it('gives the same stream for the same seed and a different one for another seed', () => {
    const a = new Rng(42), b = new Rng(42), c = new Rng(43);
    const xs = Array.from({ length: 5 }, () => a.random());
    expect(Array.from({ length: 5 }, () => b.random())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.random())).not.toEqual(xs);
  });

  it('draws uniforms in [0, 1) with mean 1/2 and variance 1/12', () => {
    const rng = new Rng(1);
    const n = 200_000;
    let s = 0, s2 = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.random();
      expect(u >= 0 && u < 1).toBe(true);
      s += u; s2 += u * u;
    }
    const mean = s / n;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.005);
    expect(Math.abs(s2 / n - mean * mean - 1 / 12)).toBeLessThan(0.002);
  });

  it('draws normals with the requested mean and std', () => {
    const rng = new Rng(2);
    const n = 200_000;
    let s = 0, s2 = 0;
    for (let i = 0; i < n; i++) { const z = rng.normal(3, 2); s += z; s2 += z * z; }
    const mean = s / n;
    expect(Math.abs(mean - 3)).toBeLessThan(0.02);
    expect(Math.abs(Math.sqrt(s2 / n - mean * mean) - 2)).toBeLessThan(0.02);
  });

  it('bernoulli(p) hits 1 about p of the time and rejects p outside [0, 1]', () => {
    const rng = new Rng(3);
    let ones = 0;
    for (let i = 0; i < 100_000; i++) ones += rng.bernoulli(0.3);
    expect(Math.abs(ones / 100_000 - 0.3)).toBeLessThan(0.01);
    expect(() => rng.bernoulli(1.5)).toThrow(/p must be in \[0, 1\]/);
  });

  it('shuffles into a permutation and restores its state exactly', () => {
    const rng = new Rng(4);
    const p = rng.permutation(50);
    expect([...p].sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    const saved = rng.getState();
    const next = [rng.random(), rng.normal(), rng.int(10)];
    rng.setState(saved);
    expect([rng.random(), rng.normal(), rng.int(10)]).toEqual(next);
  });

  it('rejects a non-finite seed', () => {
    expect(() => new Rng(NaN)).toThrow(/seed must be a finite number/);
  });
});
