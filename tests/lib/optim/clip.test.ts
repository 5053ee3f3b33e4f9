import { describe, expect, it } from 'vitest';
import { clipGradNorm, globalNorm } from '../../../src/lib/optim/clip';
import { fromArray, Params } from '../../../src/lib/numbers/tensor';

const g = (): Params => ({ a: fromArray([[3]]), b: fromArray([[0, 4]]) });

describe('clipGradNorm', () => {
  it('scales all gradients together to maxNorm and returns the norm before clipping', () => {
    const grads = g();
    expect(clipGradNorm(grads, 1)).toBe(5);
    expect(grads.a.data[0]).toBeCloseTo(0.6, 15);
    expect(grads.b.data[1]).toBeCloseTo(0.8, 15);
    expect(globalNorm(grads)).toBeCloseTo(1, 15);
  });

  it('leaves gradients below the limit alone', () => {
    const grads = g();
    expect(clipGradNorm(grads, 10)).toBe(5);
    expect(grads.a.data[0]).toBe(3);
  });

  it('reports a NaN norm without touching the gradients, and refuses maxNorm <= 0', () => {
    const grads: Params = { a: fromArray([[NaN, 1]]) };
    expect(clipGradNorm(grads, 1)).toBeNaN();
    expect(grads.a.data[1]).toBe(1);
    expect(() => clipGradNorm(g(), 0)).toThrow(/maxNorm/);
  });

  it('globalNorm can cover a subset of parameters by name', () => {
    expect(globalNorm(g(), (name) => name === 'b')).toBe(4);
  });
});
