import { describe, expect, it } from 'vitest';
import { Adam, AdamW } from '../../../src/lib/optim/adam';
import { fromArray, Params } from '../../../src/lib/numbers/tensor';
import { decayWeightsOnly } from '../../../src/lib/model/char-lm';

const one = (v: number): Params => ({ Wx: fromArray([[v]]), b: fromArray([[v]]) });

describe('Adam', () => {
  it('two steps match the formulas written out by hand (bias-corrected moments)', () => {
    const p = one(1);
    const opt = new Adam({ lr: 0.1 });
    opt.step(p, one(0.5));
    // t=1: m = 0.05, v = 0.00025, mhat = 0.5, vhat = 0.25 -> w = 1 - 0.1 * 0.5 / (0.5 + 1e-8)
    const w1 = 1 - (0.1 * 0.5) / (0.5 + 1e-8);
    expect(p.Wx.data[0]).toBeCloseTo(w1, 15);
    opt.step(p, one(-0.25));
    // t=2: m = 0.9*0.05 + 0.1*(-0.25) = 0.02; v = 0.999*0.00025 + 0.001*0.0625 = 0.00031225
    const mhat = 0.02 / (1 - 0.9 ** 2);
    const vhat = 0.00031225 / (1 - 0.999 ** 2);
    expect(p.Wx.data[0]).toBeCloseTo(w1 - (0.1 * mhat) / (Math.sqrt(vhat) + 1e-8), 14);
    expect(opt.state.step).toBe(2);
    expect(opt.state.m!.Wx.data[0]).toBeCloseTo(0.02, 15);
    expect(opt.state.v!.Wx.data[0]).toBeCloseTo(0.00031225, 15);
  });

  it('coupled weight decay goes through the moments (Adam) and decoupled decay does not (AdamW): one step', () => {
    // Adam, weightDecay 0.02: g' = 0.5 + 0.02 = 0.52, and the first step is lr * g'/|g'|: the decay vanishes
    const a = one(1);
    new Adam({ lr: 0.1, weightDecay: 0.02, decayFilter: decayWeightsOnly }).step(a, one(0.5));
    expect(a.Wx.data[0]).toBeCloseTo(1 - (0.1 * 0.52) / (0.52 + 1e-8), 15);
    // AdamW, weightDecay 0.02: w = (1 - lr * wd) w - lr * g/|g| = 0.998 - 0.1 * 0.5/(0.5 + 1e-8)
    const w = one(1);
    new AdamW({ lr: 0.1, weightDecay: 0.02, decayFilter: decayWeightsOnly }).step(w, one(0.5));
    expect(w.Wx.data[0]).toBeCloseTo(0.998 - (0.1 * 0.5) / (0.5 + 1e-8), 15);
    // the char LM's filter leaves biases alone
    expect(w.b.data[0]).toBeCloseTo(1 - (0.1 * 0.5) / (0.5 + 1e-8), 15);
    // without a filter AdamW decays every parameter, as PyTorch does
    const all = one(1);
    new AdamW({ lr: 0.1, weightDecay: 0.02 }).step(all, one(0.5));
    expect(all.b.data[0]).toBeCloseTo(0.998 - (0.1 * 0.5) / (0.5 + 1e-8), 15);
  });

  it('AdamW decays every weight by lr*wd*w whatever its gradient scale; Adam+L2 barely decays weights with large gradients', () => {
    // Two weights start at 1 and get alternating gradients +-s: s = 1e-3 for Wx, 1e3 for Wh.
    // Adam is invariant to the gradient scale, so without decay both follow the same path.
    const K = 50, lr = 0.01, wd = 0.1;
    const run = (make: () => Adam): { small: number; large: number } => {
      const p: Params = { Wx: fromArray([[1]]), Wh: fromArray([[1]]) };
      const opt = make();
      for (let t = 0; t < K; t++) {
        const sign = t % 2 === 0 ? 1 : -1;
        opt.step(p, { Wx: fromArray([[sign * 1e-3]]), Wh: fromArray([[sign * 1e3]]) });
      }
      return { small: p.Wx.data[0], large: p.Wh.data[0] };
    };
    const plain = run(() => new Adam({ lr }));
    expect(Math.abs(plain.small - plain.large)).toBeLessThan(1e-4);
    const adamw = run(() => new AdamW({ lr, weightDecay: wd }));
    const adamL2 = run(() => new Adam({ lr, weightDecay: wd }));
    const shrink = (r: { small: number; large: number }) => ({ small: plain.small - r.small, large: plain.large - r.large });
    // AdamW: same shrinkage for both, and it is the analytic one. Since w_t = (1 - lr wd) w_{t-1} - u_t,
    // the decay's total effect is (1 - (1 - lr wd)^K) w0 minus the decay of the updates; check it exactly
    // by replaying the no-decay updates u_t with the shrink factor.
    const s = shrink(adamw);
    expect(Math.abs(s.small - s.large)).toBeLessThan(1e-4);
    const replay = (() => {
      const p: Params = { Wx: fromArray([[1]]) };
      const opt = new Adam({ lr });
      let w = 1;
      for (let t = 0; t < K; t++) {
        const before = p.Wx.data[0];
        opt.step(p, { Wx: fromArray([[(t % 2 === 0 ? 1 : -1) * 1e-3]]) });
        w = (1 - lr * wd) * w + (p.Wx.data[0] - before);
      }
      return w;
    })();
    expect(adamw.small).toBeCloseTo(replay, 12);
    expect(s.small).toBeGreaterThan(0.04); // ~ 1 - 0.999^50 = 0.049
    // Adam + L2: the decay gradient wd*w is divided by sqrt(vhat) ~ s. Small gradients: the decay
    // dominates and pulls the weight ~lr per step towards 0. Large gradients: almost no decay at all.
    const c = shrink(adamL2);
    expect(c.small).toBeGreaterThan(0.4);
    expect(c.large).toBeLessThan(1e-3);
    expect(c.small / c.large).toBeGreaterThan(1000);
  });

  it('AdamW defaults to weightDecay 0.01, Adam to 0; bad options are refused', () => {
    expect(new AdamW({ lr: 1e-3 }).weightDecay).toBe(0.01);
    expect(new Adam({ lr: 1e-3 }).weightDecay).toBe(0);
    expect(new AdamW({ lr: 1e-3 }).decoupled).toBe(true);
    expect(() => new Adam({ lr: -1 })).toThrow(/Adam: lr/);
    expect(() => new AdamW({ lr: 1e-3, beta1: 1 })).toThrow(/AdamW: beta1/);
    expect(() => new Adam({ lr: 1e-3, beta2: -0.1 })).toThrow(/beta2/);
    expect(() => new Adam({ lr: 1e-3, weightDecay: NaN })).toThrow(/weightDecay/);
  });

  it('a custom decay filter decides what is decayed', () => {
    const p = one(1);
    new AdamW({ lr: 0.1, weightDecay: 0.5, decayFilter: () => true }).step(p, one(0));
    // zero gradient: only the decay moves the weights, now biases too: 1 - 0.1 * 0.5 = 0.95
    expect(p.Wx.data[0]).toBeCloseTo(0.95, 15);
    expect(p.b.data[0]).toBeCloseTo(0.95, 15);
  });
});
