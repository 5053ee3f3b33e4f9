/**
 * LSTM (Hochreiter & Schmidhuber 1997, with a forget gate as in Gers et al. 2000): one step and a
 * whole sequence (backpropagation through time), forward directly above backward.
 *
 * Gate order along the 4H axis of Wx, Wh, b: i (input), f (forget), o (output), g (candidate),
 * columns [0, H), [H, 2H), [2H, 3H), [3H, 4H). (PyTorch orders them i, f, g, o.)
 *
 *   a = x·Wx + h_prev·Wh + b                                   (N, 4H)
 *   i = σ(a_i)  f = σ(a_f)  o = σ(a_o)  g = tanh(a_g)
 *   c = f ⊙ c_prev + i ⊙ g          h = o ⊙ tanh(c)
 *
 * A sequence is time-major (T*N, D): step t is rows t*N .. t*N+N-1. The input projection x·Wx of all
 * T steps is one matrix product, and so are dWx, dWh and dx in the backward pass; only h_prev·Wh
 * and its gradient dh_prev = da·Whᵀ run step by step. The initial state comes in and the final
 * state goes out, so a caller can carry it to the next batch (truncated BPTT). The pointwise gate
 * math of a step (and its backward) is in lstm-cell.ts, shared with the LN-LSTM.
 *
 * Left out on purpose: peepholes, projections, multiple layers, bidirectionality.
 */
import { Matrix, assertShape, zeros } from '../numbers/tensor';
import { gemmB, gemmNT, gemmTN, matmul, prepareB } from '../numbers/matmul';
import { addInto, addRowVector, sumRows } from './linear';
import { lstmGatesBackward, lstmGatesForward, lstmOutputBackward, lstmOutputForward } from './lstm-cell';
import { floats } from '../kernels/kernels';

/** Wx: (D, 4H), Wh: (H, 4H), b: (1, 4H). */
export interface LSTMParams { Wx: Matrix; Wh: Matrix; b: Matrix }

/** N, D, H of a sequence x: (T*N, D) for parameters p, with a RangeError naming any shape that does not fit. */
export function lstmSizes(x: Matrix, T: number, p: LSTMParams, where: string): { N: number; D: number; H: number } {
  if (!(Number.isInteger(T) && T >= 1 && x.rows % T === 0)) {
    throw new RangeError(`${where}: T must be a positive integer dividing x.rows = ${x.rows}, got ${T}`);
  }
  const D = x.cols, H = p.Wh.rows, N = x.rows / T;
  assertShape(p.Wx, D, 4 * H, `${where}: Wx (x has ${D} features, Wh has H = ${H})`);
  assertShape(p.Wh, H, 4 * H, `${where}: Wh`);
  assertShape(p.b, 1, 4 * H, `${where}: b`);
  return { N, D, H };
}

export interface LSTMCache {
  x: Matrix; T: number; N: number; p: LSTMParams;
  /** Activations i, f, o, g of every step: (T*N, 4H). */
  G: Float64Array;
  /** h_0 .. h_T and c_0 .. c_T stacked: ((T+1)*N, H); rows 0..N-1 are the initial state. */
  Hs: Float64Array; Cs: Float64Array;
  /** tanh(c_1) .. tanh(c_T): (T*N, H). */
  TC: Float64Array;
}

/**
 * x: (T*N, D) time-major, h0, c0: (N, H) or null for zeros -> hs: (T*N, H) (the h of every step),
 * h, c: (N, H) the final state (fresh copies, safe to carry to the next batch).
 */
export function lstmForward(x: Matrix, T: number, h0: Matrix | null, c0: Matrix | null, p: LSTMParams)
  : { hs: Matrix; h: Matrix; c: Matrix; cache: LSTMCache } {
  const { N, H } = lstmSizes(x, T, p, 'lstmForward');
  const NH = N * H, N4H = 4 * NH;
  const G = matmul(x, p.Wx); // input projection of all steps at once
  addRowVector(G, p.b);
  const Hs = floats((T + 1) * NH), Cs = floats((T + 1) * NH), TC = floats(T * NH); // zeros (in the kernels' memory during a training step)
  if (h0) { assertShape(h0, N, H, 'lstmForward: h0'); Hs.set(h0.data); }
  if (c0) { assertShape(c0, N, H, 'lstmForward: c0'); Cs.set(c0.data); }
  const Wh = prepareB('NN', H, 4 * H, p.Wh.data); // read by every step's product
  for (let t = 0; t < T; t++) {
    const a = G.data.subarray(t * N4H, (t + 1) * N4H); // step t's gate rows (N, 4H)
    const hPrev = Hs.subarray(t * NH, (t + 1) * NH), h = Hs.subarray((t + 1) * NH, (t + 2) * NH);
    const cPrev = Cs.subarray(t * NH, (t + 1) * NH), c = Cs.subarray((t + 1) * NH, (t + 2) * NH);
    gemmB(N, hPrev, Wh, a, true); // a_t += h_{t-1}·Wh
    lstmGatesForward(N, H, a, cPrev, c);
    lstmOutputForward(N, H, a, c, TC.subarray(t * NH, (t + 1) * NH), h);
  }
  const hs = { rows: T * N, cols: H, data: Hs.subarray(NH) };
  const h = { rows: N, cols: H, data: Hs.slice(T * NH) };
  const c = { rows: N, cols: H, data: Cs.slice(T * NH) };
  return { hs, h, c, cache: { x, T, N, p, G: G.data, Hs, Cs, TC } };
}

/**
 * dhs: (T*N, H) gradient on every step's h; dhT, dcT: (N, H) gradient on the final state or null
 * -> dx: (T*N, D), dh0, dc0: (N, H), dWx, dWh, db. Walks t = T-1 .. 0 carrying dh and dc back.
 */
export function lstmBackward(dhs: Matrix, cache: LSTMCache, dhT: Matrix | null = null, dcT: Matrix | null = null)
  : { dx: Matrix; dh0: Matrix; dc0: Matrix; dWx: Matrix; dWh: Matrix; db: Matrix } {
  const { x, T, N, p, G, Hs, Cs, TC } = cache;
  const D = x.cols, H = p.Wh.rows, NH = N * H, N4H = 4 * NH;
  assertShape(dhs, T * N, H, 'lstmBackward: dhs');
  const dh = zeros(N, H), dc = zeros(N, H);
  if (dhT) { assertShape(dhT, N, H, 'lstmBackward: dhT'); dh.data.set(dhT.data); }
  if (dcT) { assertShape(dcT, N, H, 'lstmBackward: dcT'); dc.data.set(dcT.data); }
  const dA = zeros(T * N, 4 * H);
  const WhT = prepareB('NT', 4 * H, H, p.Wh.data); // Whᵀ, read by every step's product
  for (let t = T - 1; t >= 0; t--) {
    const o = t * NH;
    addInto(dh.data, dhs.data.subarray(o, o + NH)); // from the layer above + from step t+1
    const a = G.subarray(t * N4H, (t + 1) * N4H), da = dA.data.subarray(t * N4H, (t + 1) * N4H);
    lstmOutputBackward(N, H, a, TC.subarray(o, o + NH), dh.data, dc.data, da, true); // dc += through h
    lstmGatesBackward(N, H, a, Cs.subarray(o, o + NH), dc.data, da); // dc becomes dc_{t-1}
    gemmB(N, da, WhT, dh.data, false); // dh_{t-1} = da_t·Whᵀ
  }
  const dWx = zeros(D, 4 * H), dWh = zeros(H, 4 * H), dx = zeros(T * N, D);
  gemmTN(D, 4 * H, T * N, x.data, dA.data, dWx.data); // sum_t x_tᵀ·da_t
  gemmTN(H, 4 * H, T * N, Hs.subarray(0, T * NH), dA.data, dWh.data); // sum_t h_{t-1}ᵀ·da_t
  gemmNT(T * N, D, 4 * H, dA.data, p.Wx.data, dx.data); // da·Wxᵀ
  return { dx, dh0: dh, dc0: dc, dWx, dWh, db: sumRows(dA) };
}

/** One step: x: (N, D), prevH, prevC: (N, H) -> h, c: (N, H). A sequence of length 1. */
export function lstmStepForward(x: Matrix, prevH: Matrix | null, prevC: Matrix | null, p: LSTMParams)
  : { h: Matrix; c: Matrix; cache: LSTMCache } {
  const { h, c, cache } = lstmForward(x, 1, prevH, prevC, p);
  return { h, c, cache };
}

/** dh, dc: (N, H) gradients on the step's h and c -> dx, dPrevH, dPrevC and the parameter gradients. */
export function lstmStepBackward(dh: Matrix, dc: Matrix | null, cache: LSTMCache)
  : { dx: Matrix; dPrevH: Matrix; dPrevC: Matrix; dWx: Matrix; dWh: Matrix; db: Matrix } {
  const r = lstmBackward(dh, cache, null, dc);
  return { dx: r.dx, dPrevH: r.dh0, dPrevC: r.dc0, dWx: r.dWx, dWh: r.dWh, db: r.db };
}

/**
 * The gate activations i, f, o, g of step t (0-based), each (N, H), from the cache of lstmForward or
 * lnLstmForward (copies: what a plot or a check looks at, without the cache's memory layout).
 */
export function lstmGates(cache: Pick<LSTMCache, 'G' | 'T' | 'N' | 'p'>, t: number): { i: Matrix; f: Matrix; o: Matrix; g: Matrix } {
  const { G, T, N } = cache, H = cache.p.Wh.rows;
  if (!(Number.isInteger(t) && t >= 0 && t < T)) throw new RangeError(`lstmGates: step t must be an integer in 0..${T - 1}, got ${t}`);
  const [i, f, o, g] = [zeros(N, H), zeros(N, H), zeros(N, H), zeros(N, H)];
  for (let n = 0; n < N; n++) {
    const row = (t * N + n) * 4 * H;
    i.data.set(G.subarray(row, row + H), n * H);
    f.data.set(G.subarray(row + H, row + 2 * H), n * H);
    o.data.set(G.subarray(row + 2 * H, row + 3 * H), n * H);
    g.data.set(G.subarray(row + 3 * H, row + 4 * H), n * H);
  }
  return { i, f, o, g };
}
