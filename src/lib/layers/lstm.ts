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
 * state goes out, so a caller can carry it to the next batch (truncated BPTT).
 *
 * Left out on purpose: peepholes, projections, multiple layers, bidirectionality.
 */
import { Matrix, assertShape, zeros } from '../numbers/tensor';
import { gemmNN, gemmNT, gemmTN, matmul } from '../numbers/matmul';
import { addRowVector, sumRows } from './linear';

/** Wx: (D, 4H), Wh: (H, 4H), b: (1, 4H). */
export interface LSTMParams { Wx: Matrix; Wh: Matrix; b: Matrix }

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/**
 * Pointwise part of one step for N rows. On entry G holds the pre-activations a (N, 4H); on exit the
 * activations i, f, o, g (kept for the backward pass). Writes c, tc = tanh(c) and h.
 */
function lstmCellForward(N: number, H: number, G: Float64Array, gOff: number,
  cPrev: Float64Array, cpOff: number, c: Float64Array, cOff: number,
  tc: Float64Array, tcOff: number, h: Float64Array, hOff: number): void {
  for (let n = 0; n < N; n++) {
    const go = gOff + n * 4 * H, so = n * H;
    for (let j = 0; j < H; j++) {
      const i = sigmoid(G[go + j]), f = sigmoid(G[go + H + j]), o = sigmoid(G[go + 2 * H + j]), g = Math.tanh(G[go + 3 * H + j]);
      G[go + j] = i; G[go + H + j] = f; G[go + 2 * H + j] = o; G[go + 3 * H + j] = g;
      const cn = f * cPrev[cpOff + so + j] + i * g;
      const t = Math.tanh(cn);
      c[cOff + so + j] = cn;
      tc[tcOff + so + j] = t;
      h[hOff + so + j] = o * t;
    }
  }
}

/**
 * Pointwise backward of one step. dh: total gradient on h (N, H); dc: on entry the gradient on c
 * from the next step, on exit the gradient on c_prev. Writes dA, the gradient on a (N, 4H):
 *   dc += dh ⊙ o ⊙ (1 - tc²);  do = dh ⊙ tc;  di = dc ⊙ g;  df = dc ⊙ c_prev;  dg = dc ⊙ i
 *   da_i = di i(1-i), da_f = df f(1-f), da_o = do o(1-o), da_g = dg (1-g²);  dc_prev = dc ⊙ f
 */
function lstmCellBackward(N: number, H: number, G: Float64Array, gOff: number,
  cPrev: Float64Array, cpOff: number, tc: Float64Array, tcOff: number,
  dh: Float64Array, dhOff: number, dc: Float64Array, dA: Float64Array, daOff: number): void {
  for (let n = 0; n < N; n++) {
    const go = gOff + n * 4 * H, ao = daOff + n * 4 * H, so = n * H;
    for (let j = 0; j < H; j++) {
      const i = G[go + j], f = G[go + H + j], o = G[go + 2 * H + j], g = G[go + 3 * H + j];
      const t = tc[tcOff + so + j], d = dh[dhOff + so + j];
      const dct = dc[so + j] + d * o * (1 - t * t);
      dA[ao + j] = dct * g * i * (1 - i);
      dA[ao + H + j] = dct * cPrev[cpOff + so + j] * f * (1 - f);
      dA[ao + 2 * H + j] = d * t * o * (1 - o);
      dA[ao + 3 * H + j] = dct * i * (1 - g * g);
      dc[so + j] = dct * f;
    }
  }
}

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
  const Hs = new Float64Array((T + 1) * NH), Cs = new Float64Array((T + 1) * NH), TC = new Float64Array(T * NH);
  if (h0) { assertShape(h0, N, H, 'lstmForward: h0'); Hs.set(h0.data); }
  if (c0) { assertShape(c0, N, H, 'lstmForward: c0'); Cs.set(c0.data); }
  for (let t = 0; t < T; t++) {
    gemmNN(N, 4 * H, H, Hs, t * NH, p.Wh.data, 0, G.data, t * N4H, true); // a_t += h_{t-1}·Wh
    lstmCellForward(N, H, G.data, t * N4H, Cs, t * NH, Cs, (t + 1) * NH, TC, t * NH, Hs, (t + 1) * NH);
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
  for (let t = T - 1; t >= 0; t--) {
    const o = t * NH;
    for (let k = 0; k < NH; k++) dh.data[k] += dhs.data[o + k]; // from the layer above + from step t+1
    lstmCellBackward(N, H, G, t * N4H, Cs, t * NH, TC, t * NH, dh.data, 0, dc.data, dA.data, t * N4H);
    gemmNT(N, H, 4 * H, dA.data, t * N4H, p.Wh.data, 0, dh.data, 0, false); // dh_{t-1} = da_t·Whᵀ
  }
  const dWx = zeros(D, 4 * H), dWh = zeros(H, 4 * H), dx = zeros(T * N, D);
  gemmTN(D, 4 * H, T * N, x.data, 0, dA.data, 0, dWx.data, 0); // sum_t x_tᵀ·da_t
  gemmTN(H, 4 * H, T * N, Hs, 0, dA.data, 0, dWh.data, 0); // sum_t h_{t-1}ᵀ·da_t
  gemmNT(T * N, D, 4 * H, dA.data, 0, p.Wx.data, 0, dx.data, 0); // da·Wxᵀ
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
