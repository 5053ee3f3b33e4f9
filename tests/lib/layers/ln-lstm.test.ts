import { describe, it, expect } from 'vitest';
import { Rng } from '../../../src/lib/numbers/rng';
import { Matrix, randn, rowsView, zeros } from '../../../src/lib/numbers/tensor';
import { LNLSTMParams, lnLstmBackward, lnLstmForward, lnLstmStepBackward, lnLstmStepForward } from '../../../src/lib/layers/ln-lstm';
import { relError } from '../../../src/lib/numbers/gradcheck';
import { expectSequenceGradients, expectStepGradients } from './grad-helpers';
import { loadTorchFixtures, maxAbsDiff, toMatrices, toMatrix } from '../../fixtures/torch/load';

function smallLNLSTM(rng: Rng, D: number, H: number): LNLSTMParams {
  const gain = (n: number) => { const g = randn(1, n, rng, 0.2); g.data.forEach((v, i) => (g.data[i] = 1 + v)); return g; };
  return {
    Wx: randn(D, 4 * H, rng, 0.5), Wh: randn(H, 4 * H, rng, 0.5), b: randn(1, 4 * H, rng, 0.5),
    gx: gain(4 * H), bx: randn(1, 4 * H, rng, 0.2), gh: gain(4 * H), bh: randn(1, 4 * H, rng, 0.2), gc: gain(H), bc: randn(1, H, rng, 0.2),
  };
}

const names = ['Wx', 'Wh', 'b', 'gx', 'bx', 'gh', 'bh', 'gc', 'bc'] as const;

describe('LN-LSTM', () => {
  it('forward matches a PyTorch implementation of Ba et al. 2016 (float64)', () => {
    const fx = loadTorchFixtures().ln_lstm;
    const m = toMatrices(fx.inputs);
    const { hs, h, c } = lnLstmForward(m.x, fx.T, m.h0, m.c0, m as unknown as LNLSTMParams);
    expect(maxAbsDiff(hs, toMatrix(fx.hs))).toBeLessThan(1e-13);
    expect(maxAbsDiff(h, toMatrix(fx.hT))).toBeLessThan(1e-13);
    expect(maxAbsDiff(c, toMatrix(fx.cT))).toBeLessThan(1e-13);
  });

  it('backward matches PyTorch autograd on the fixture', () => {
    const fx = loadTorchFixtures().ln_lstm;
    const m = toMatrices(fx.inputs);
    const { cache } = lnLstmForward(m.x, fx.T, m.h0, m.c0, m as unknown as LNLSTMParams);
    const g = lnLstmBackward(toMatrix(fx.R), cache, toMatrix(fx.RH), toMatrix(fx.RC));
    const ours: Record<string, Matrix> = { x: g.dx, h0: g.dh0, c0: g.dc0, Wx: g.dWx, Wh: g.dWh, b: g.db,
      gx: g.dgx, bx: g.dbx, gh: g.dgh, bh: g.dbh, gc: g.dgc, bc: g.dbc };
    for (const [k, v] of Object.entries(ours)) expect(relError(v, toMatrix(fx.grads[k])), k).toBeLessThan(1e-9);
  });

  it('sequence backward matches the numerical gradient of every input and parameter (rel. error < 1e-7)', () => {
    const rng = new Rng(30);
    const p = smallLNLSTM(rng, 3, 5);
    expectSequenceGradients({ forward: lnLstmForward, backward: lnLstmBackward }, p, names, { N: 3, T: 3, D: 3, H: 5 }, rng);
  });

  it('step backward matches the numerical gradient', () => {
    const rng = new Rng(31);
    const p = smallLNLSTM(rng, 2, 3);
    expectStepGradients({ forward: lnLstmStepForward, backward: lnLstmStepBackward }, p, ['Wh', 'gc'], { N: 2, D: 2, H: 3 }, rng);
  });

  it('carries the un-normalized cell state: c = f c_prev + i g, h uses LN(c)', () => {
    const rng = new Rng(32);
    const N = 2, T = 4, D = 3, H = 4;
    const p = smallLNLSTM(rng, D, H);
    const x = randn(T * N, D, rng);
    const seq = lnLstmForward(x, T, null, null, p);
    const first = lnLstmForward(rowsView(x, 0, N), 1, null, null, p);
    // with zero state: c_1 = i ⊙ g, which is bounded by 1 but not normalized (row mean not 0)
    const row = first.c.data.subarray(0, H);
    expect(Math.abs(row.reduce((s, v) => s + v, 0) / H)).toBeGreaterThan(1e-3);
    const rest = lnLstmForward(rowsView(x, N, (T - 1) * N), T - 1, first.h, first.c, p);
    expect(maxAbsDiff(rest.h, seq.h)).toBe(0);
    expect(maxAbsDiff(rest.c, seq.c)).toBe(0);
  });

  it('names a missing or mis-shaped gain', () => {
    const p = smallLNLSTM(new Rng(33), 3, 4);
    expect(() => lnLstmForward(zeros(2, 3), 1, null, null, { ...p, gc: zeros(1, 5) })).toThrow(/gc: expected shape \(1, 4\), got \(1, 5\)/);
  });
});
