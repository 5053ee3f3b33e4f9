import { describe, it, expect } from 'vitest';
import { Rng } from '../../../src/lib/numbers/rng';
import { Matrix, randn, rowsView, zeros } from '../../../src/lib/numbers/tensor';
import { LSTMParams, lstmBackward, lstmForward, lstmStepBackward, lstmStepForward } from '../../../src/lib/layers/lstm';
import { relError } from '../../../src/lib/numbers/gradcheck';
import { expectSequenceGradients, expectStepGradients } from './grad-helpers';
import { loadTorchFixtures, maxAbsDiff, toMatrices, toMatrix } from '../../fixtures/torch/load';

function smallLSTM(rng: Rng, D: number, H: number): LSTMParams {
  return { Wx: randn(D, 4 * H, rng, 0.5), Wh: randn(H, 4 * H, rng, 0.5), b: randn(1, 4 * H, rng, 0.5) };
}

describe('LSTM', () => {
  it('forward matches PyTorch (torch._VF.lstm, float64) on the fixture weights', () => {
    const fx = loadTorchFixtures().lstm;
    const m = toMatrices(fx.inputs);
    const { hs, h, c } = lstmForward(m.x, fx.T, m.h0, m.c0, { Wx: m.Wx, Wh: m.Wh, b: m.b });
    expect(maxAbsDiff(hs, toMatrix(fx.hs))).toBeLessThan(1e-13);
    expect(maxAbsDiff(h, toMatrix(fx.hT))).toBeLessThan(1e-13);
    expect(maxAbsDiff(c, toMatrix(fx.cT))).toBeLessThan(1e-13);
  });

  it('backward (BPTT) matches PyTorch autograd on the fixture', () => {
    const fx = loadTorchFixtures().lstm;
    const m = toMatrices(fx.inputs);
    const { cache } = lstmForward(m.x, fx.T, m.h0, m.c0, { Wx: m.Wx, Wh: m.Wh, b: m.b });
    const g = lstmBackward(toMatrix(fx.R), cache, toMatrix(fx.RH), toMatrix(fx.RC));
    const ours: Record<string, Matrix> = { x: g.dx, h0: g.dh0, c0: g.dc0, Wx: g.dWx, Wh: g.dWh, b: g.db };
    for (const [k, v] of Object.entries(ours)) expect(relError(v, toMatrix(fx.grads[k])), k).toBeLessThan(1e-10);
  });

  it('sequence backward matches the numerical gradient of every input and parameter (rel. error < 1e-7)', () => {
    const rng = new Rng(20);
    const p = smallLSTM(rng, 3, 5);
    expectSequenceGradients({ forward: lstmForward, backward: lstmBackward }, p, ['Wx', 'Wh', 'b'], { N: 3, T: 4, D: 3, H: 5 }, rng);
  });

  it('step forward/backward match the numerical gradient (dh and dc both flowing in)', () => {
    const rng = new Rng(21);
    const p = smallLSTM(rng, 4, 3);
    expectStepGradients({ forward: lstmStepForward, backward: lstmStepBackward }, p, ['Wx', 'Wh', 'b'], { N: 2, D: 4, H: 3 }, rng);
  });

  it('the sequence is its steps in a row, and the final state carries over (truncated BPTT)', () => {
    const rng = new Rng(22);
    const N = 2, T = 5, D = 3, H = 4;
    const p = smallLSTM(rng, D, H);
    const x = randn(T * N, D, rng);
    const seq = lstmForward(x, T, null, null, p);
    let h: Matrix | null = null, c: Matrix | null = null;
    for (let t = 0; t < T; t++) {
      const s = lstmStepForward(rowsView(x, t * N, N), h, c, p);
      expect(maxAbsDiff(s.h, rowsView(seq.hs, t * N, N))).toBeLessThan(1e-15);
      ({ h, c } = s);
    }
    // two halves with the state carried equal the whole
    const first = lstmForward(rowsView(x, 0, 2 * N), 2, null, null, p);
    const second = lstmForward(rowsView(x, 2 * N, 3 * N), 3, first.h, first.c, p);
    expect(maxAbsDiff(second.h, seq.h)).toBe(0);
    expect(maxAbsDiff(second.c, seq.c)).toBe(0);
  });

  it('gate order is i, f, o, g: a large forget bias with closed input gate keeps c', () => {
    const N = 1, D = 1, H = 2;
    const p: LSTMParams = { Wx: zeros(D, 4 * H), Wh: zeros(H, 4 * H), b: zeros(1, 4 * H) };
    p.b.data.fill(-50, 0, H); // i closed
    p.b.data.fill(50, H, 2 * H); // f open
    p.b.data.fill(50, 2 * H, 3 * H); // o open
    p.b.data.fill(50, 3 * H, 4 * H); // g = 1 (ignored: i closed)
    const c0 = { rows: 1, cols: H, data: Float64Array.from([0.3, -0.7]) };
    const { h, c } = lstmForward(zeros(3 * N, D), 3, null, c0, p);
    expect(Array.from(c.data)).toEqual([0.3, -0.7]);
    expect(h.data[0]).toBeCloseTo(Math.tanh(0.3), 15);
  });

  it('names mismatched shapes', () => {
    const rng = new Rng(23);
    const p = smallLSTM(rng, 3, 4);
    expect(() => lstmForward(zeros(6, 2), 2, null, null, p)).toThrow(/Wx .*expected shape \(2, 16\), got \(3, 16\)/);
    expect(() => lstmForward(zeros(6, 3), 4, null, null, p)).toThrow(/T must be a positive integer dividing x.rows = 6/);
    expect(() => lstmForward(zeros(6, 3), 2, zeros(2, 4), null, p)).toThrow(/h0: expected shape \(3, 4\), got \(2, 4\)/);
    const { cache } = lstmForward(zeros(6, 3), 2, null, null, p);
    expect(() => lstmBackward(zeros(6, 3), cache)).toThrow(/dhs/);
  });
});
