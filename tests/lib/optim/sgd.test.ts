import { describe, expect, it } from 'vitest';
import { SGD } from '../../../src/lib/optim/sgd';
import { addL2Grad } from '../../../src/lib/regularize/l2';
import { fromArray, Params, toArray } from '../../../src/lib/numbers/tensor';
import { decayWeightsOnly } from '../../../src/lib/model/char-lm';

const params = (): Params => ({ Wx: fromArray([[1, -2]]), b: fromArray([[0.5]]) });
const grads = (): Params => ({ Wx: fromArray([[0.5, 0.5]]), b: fromArray([[0.1]]) });

describe('SGD', () => {
  it('one step with weight decay moves the weights exactly as predicted (bias not decayed by the char LM filter)', () => {
    const p = params();
    new SGD({ lr: 0.1, weightDecay: 0.02, decayFilter: decayWeightsOnly }).step(p, grads());
    // Wx: w - lr * (g + wd * w) = 1 - 0.1 * (0.5 + 0.02) = 0.948;  -2 - 0.1 * (0.5 - 0.04) = -2.046
    // b:  0.5 - 0.1 * 0.1 = 0.49 (biases are excluded from decay)
    expect(p.Wx.data[0]).toBeCloseTo(0.948, 15);
    expect(p.Wx.data[1]).toBeCloseTo(-2.046, 15);
    expect(p.b.data[0]).toBeCloseTo(0.49, 15);
    // without a filter every parameter is decayed, as PyTorch does: b = 0.5 - 0.1 * (0.1 + 0.02 * 0.5) = 0.489
    const all = params();
    new SGD({ lr: 0.1, weightDecay: 0.02 }).step(all, grads());
    expect(all.b.data[0]).toBeCloseTo(0.489, 15);
  });

  it('coupled weightDecay wd is the L2 penalty with lambda = wd / 2', () => {
    const a = params();
    new SGD({ lr: 0.1, weightDecay: 0.02 }).step(a, grads());
    const b = params();
    const g = grads();
    addL2Grad(b, g, 0.01);
    new SGD({ lr: 0.1 }).step(b, g);
    expect(toArray(b.Wx)).toEqual(toArray(a.Wx));
    expect(toArray(b.b)).toEqual(toArray(a.b));
  });

  it('momentum accumulates velocity: v = mu v + g, w = w - lr v', () => {
    const p: Params = { Wx: fromArray([[1]]) };
    const opt = new SGD({ lr: 0.1, momentum: 0.9 });
    opt.step(p, { Wx: fromArray([[1]]) }); // v = 1, w = 0.9
    opt.step(p, { Wx: fromArray([[0.5]]) }); // v = 0.9 + 0.5 = 1.4, w = 0.9 - 0.14 = 0.76
    expect(p.Wx.data[0]).toBeCloseTo(0.76, 15);
    expect(opt.state.step).toBe(2);
    expect(opt.state.velocity!.Wx.data[0]).toBeCloseTo(1.4, 15);
  });

  it('does not change the gradients and refuses bad options and mismatched gradients', () => {
    const g = grads();
    new SGD({ lr: 0.1, weightDecay: 0.5 }).step(params(), g);
    expect(toArray(g.Wx)).toEqual([[0.5, 0.5]]);
    expect(() => new SGD({ lr: 0 })).toThrow(/lr/);
    expect(() => new SGD({ lr: 0.1, momentum: 1 })).toThrow(/momentum/);
    expect(() => new SGD({ lr: 0.1, weightDecay: -1 })).toThrow(/weightDecay/);
    expect(() => new SGD({ lr: 0.1 }).step(params(), { Wx: fromArray([[1, 1]]) })).toThrow(/no gradient for parameter 'b'/);
    expect(() => new SGD({ lr: 0.1 }).step(params(), { ...grads(), Wx: fromArray([[1]]) })).toThrow(/shape mismatch/);
  });
});
