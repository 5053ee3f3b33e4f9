/**
 * Layer-normalized LSTM (Ba, Kiros & Hinton 2016, section 3.1 / eq. 20-22): the input and recurrent
 * pre-activations are normalized separately, and the cell state is normalized before the output
 * tanh. Gate order i, f, o, g as in lstm.ts.
 *
 *   a = LN(x·Wx; gx, bx) + LN(h_prev·Wh; gh, bh) + b           LN over all 4H features of a row
 *   i = σ(a_i)  f = σ(a_f)  o = σ(a_o)  g = tanh(a_g)
 *   c = f ⊙ c_prev + i ⊙ g                                     carried to the next step un-normalized
 *   h = o ⊙ tanh(LN(c; gc, bc))
 *
 * Normalizing the two pre-activations separately keeps a large input from drowning the recurrent
 * signal (and vice versa) and makes the gates' operating point independent of the weights' scale.
 * As in lstm.ts, x·Wx and its normalization run for all T steps at once.
 *
 * Left out on purpose: normalizing each gate's H features separately (the paper normalizes the 4H
 * pre-activation as a whole, and so do we), recurrent dropout.
 */
import { Matrix, assertShape, zeros } from '../numbers/tensor';
import { gemmNN, gemmNT, gemmTN, matmul } from '../numbers/matmul';
import { addRowVector, sumRows } from './linear';
import { LAYER_NORM_EPS, layerNormRowsBackward, layerNormRowsForward } from './layer-norm';
import { LSTMParams, lstmSizes, sigmoid } from './lstm';

/** LSTMParams plus LN gains and biases gx, bx, gh, bh: (1, 4H) and gc, bc: (1, H). */
export interface LNLSTMParams extends LSTMParams { gx: Matrix; bx: Matrix; gh: Matrix; bh: Matrix; gc: Matrix; bc: Matrix }

export interface LNLSTMCache {
  x: Matrix; T: number; N: number; p: LNLSTMParams;
  /** x·Wx and h_prev·Wh before normalization, with their row means and 1/std: (T*N, 4H), (T*N). */
  XW: Float64Array; mx: Float64Array; rx: Float64Array;
  HW: Float64Array; mh: Float64Array; rh: Float64Array;
  /** Gate activations i, f, o, g: (T*N, 4H). */
  G: Float64Array;
  /** h_0..h_T and c_0..c_T: ((T+1)*N, H); tanh(LN(c_t)) and LN(c)'s row statistics: (T*N, H), (T*N). */
  Hs: Float64Array; Cs: Float64Array; TC: Float64Array; mc: Float64Array; rc: Float64Array;
}

function checkLN(p: LNLSTMParams, H: number, where: string): void {
  for (const k of ['gx', 'bx', 'gh', 'bh'] as const) assertShape(p[k], 1, 4 * H, `${where}: ${k}`);
  for (const k of ['gc', 'bc'] as const) assertShape(p[k], 1, H, `${where}: ${k}`);
}

/** x: (T*N, D) time-major, h0, c0: (N, H) or null -> hs: (T*N, H), final h, c: (N, H). */
export function lnLstmForward(x: Matrix, T: number, h0: Matrix | null, c0: Matrix | null, p: LNLSTMParams)
  : { hs: Matrix; h: Matrix; c: Matrix; cache: LNLSTMCache } {
  const { N, H } = lstmSizes(x, T, p, 'lnLstmForward');
  checkLN(p, H, 'lnLstmForward');
  const NH = N * H, N4H = 4 * NH, H4 = 4 * H, eps = LAYER_NORM_EPS;
  const XW = matmul(x, p.Wx).data, mx = new Float64Array(T * N), rx = new Float64Array(T * N);
  const G = new Float64Array(T * N4H);
  layerNormRowsForward(T * N, H4, XW, 0, p.gx.data, p.bx.data, G, 0, mx, rx, 0, eps); // all steps at once
  addRowVector({ rows: T * N, cols: H4, data: G }, p.b);
  const HW = new Float64Array(T * N4H), mh = new Float64Array(T * N), rh = new Float64Array(T * N);
  const Hs = new Float64Array((T + 1) * NH), Cs = new Float64Array((T + 1) * NH), TC = new Float64Array(T * NH);
  const mc = new Float64Array(T * N), rc = new Float64Array(T * N);
  if (h0) { assertShape(h0, N, H, 'lnLstmForward: h0'); Hs.set(h0.data); }
  if (c0) { assertShape(c0, N, H, 'lnLstmForward: c0'); Cs.set(c0.data); }
  for (let t = 0; t < T; t++) {
    const g0 = t * N4H, s0 = t * NH;
    gemmNN(N, H4, H, Hs, s0, p.Wh.data, 0, HW, g0); // h_{t-1}·Wh
    layerNormRowsForward(N, H4, HW, g0, p.gh.data, p.bh.data, G, g0, mh, rh, t * N, eps, true); // G += LN(h·Wh)
    for (let n = 0; n < N; n++) {
      const go = g0 + n * H4, so = s0 + n * H;
      for (let j = 0; j < H; j++) {
        const i = sigmoid(G[go + j]), f = sigmoid(G[go + H + j]), g = Math.tanh(G[go + 3 * H + j]);
        G[go + j] = i; G[go + H + j] = f; G[go + 2 * H + j] = sigmoid(G[go + 2 * H + j]); G[go + 3 * H + j] = g;
        Cs[NH + so + j] = f * Cs[so + j] + i * g;
      }
    }
    layerNormRowsForward(N, H, Cs, s0 + NH, p.gc.data, p.bc.data, TC, s0, mc, rc, t * N, eps);
    for (let n = 0; n < N; n++) {
      const go = g0 + n * H4, so = s0 + n * H;
      for (let j = 0; j < H; j++) {
        const tc = Math.tanh(TC[so + j]);
        TC[so + j] = tc;
        Hs[NH + so + j] = G[go + 2 * H + j] * tc;
      }
    }
  }
  const hs = { rows: T * N, cols: H, data: Hs.subarray(NH) };
  const h = { rows: N, cols: H, data: Hs.slice(T * NH) };
  const c = { rows: N, cols: H, data: Cs.slice(T * NH) };
  return { hs, h, c, cache: { x, T, N, p, XW, mx, rx, HW, mh, rh, G, Hs, Cs, TC, mc, rc } };
}

/**
 * dhs: (T*N, H), dhT, dcT: (N, H) or null -> dx, dh0, dc0 and gradients for every parameter.
 * Per step, from h back to a:
 *   dtc = dh ⊙ o;  do = dh ⊙ tanh(LN(c));  dc += LN_c backward of dtc ⊙ (1 - tc²)
 *   then the gates as in lstm.ts;  dHW_t = LN_h backward of da_t;  dh_prev = dHW_t·Whᵀ
 */
export function lnLstmBackward(dhs: Matrix, cache: LNLSTMCache, dhT: Matrix | null = null, dcT: Matrix | null = null)
  : { dx: Matrix; dh0: Matrix; dc0: Matrix; dWx: Matrix; dWh: Matrix; db: Matrix;
      dgx: Matrix; dbx: Matrix; dgh: Matrix; dbh: Matrix; dgc: Matrix; dbc: Matrix } {
  const { x, T, N, p, XW, mx, rx, HW, mh, rh, G, Hs, Cs, TC, mc, rc } = cache;
  const D = x.cols, H = p.Wh.rows, H4 = 4 * H, NH = N * H, N4H = 4 * NH;
  assertShape(dhs, T * N, H, 'lnLstmBackward: dhs');
  const dh = zeros(N, H), dc = zeros(N, H);
  if (dhT) { assertShape(dhT, N, H, 'lnLstmBackward: dhT'); dh.data.set(dhT.data); }
  if (dcT) { assertShape(dcT, N, H, 'lnLstmBackward: dcT'); dc.data.set(dcT.data); }
  const dgx = zeros(1, H4), dbx = zeros(1, H4), dgh = zeros(1, H4), dbh = zeros(1, H4), dgc = zeros(1, H), dbc = zeros(1, H);
  const dA = zeros(T * N, H4), dHW = new Float64Array(T * N4H), dcn = new Float64Array(NH);
  const dhd = dh.data, dcd = dc.data, dAd = dA.data;
  for (let t = T - 1; t >= 0; t--) {
    const g0 = t * N4H, s0 = t * NH;
    for (let n = 0; n < N; n++) {
      const go = g0 + n * H4 + 2 * H, so = n * H;
      for (let j = 0; j < H; j++) {
        const k = so + j, tc = TC[s0 + k];
        dhd[k] += dhs.data[s0 + k];
        dcn[k] = dhd[k] * G[go + j] * (1 - tc * tc); // through tanh, onto LN(c)
      }
    }
    layerNormRowsBackward(N, H, dcn, 0, Cs, s0 + NH, mc, rc, t * N, p.gc.data, dcd, 0, dgc.data, dbc.data, true);
    for (let n = 0; n < N; n++) {
      const go = g0 + n * H4, so = n * H;
      for (let j = 0; j < H; j++) {
        const i = G[go + j], f = G[go + H + j], o = G[go + 2 * H + j], g = G[go + 3 * H + j];
        const dct = dcd[so + j];
        dAd[go + j] = dct * g * i * (1 - i);
        dAd[go + H + j] = dct * Cs[s0 + so + j] * f * (1 - f);
        dAd[go + 2 * H + j] = dhd[so + j] * TC[s0 + so + j] * o * (1 - o);
        dAd[go + 3 * H + j] = dct * i * (1 - g * g);
        dcd[so + j] = dct * f;
      }
    }
    layerNormRowsBackward(N, H4, dAd, g0, HW, g0, mh, rh, t * N, p.gh.data, dHW, g0, dgh.data, dbh.data);
    gemmNT(N, H, H4, dHW, g0, p.Wh.data, 0, dhd, 0, false); // dh_{t-1}
  }
  const dXW = new Float64Array(T * N4H);
  layerNormRowsBackward(T * N, H4, dAd, 0, XW, 0, mx, rx, 0, p.gx.data, dXW, 0, dgx.data, dbx.data);
  const dWx = zeros(D, H4), dWh = zeros(H, H4), dx = zeros(T * N, D);
  gemmTN(D, H4, T * N, x.data, 0, dXW, 0, dWx.data, 0);
  gemmTN(H, H4, T * N, Hs, 0, dHW, 0, dWh.data, 0);
  gemmNT(T * N, D, H4, dXW, 0, p.Wx.data, 0, dx.data, 0);
  return { dx, dh0: dh, dc0: dc, dWx, dWh, db: sumRows(dA), dgx, dbx, dgh, dbh, dgc, dbc };
}

/** One step: x: (N, D), prevH, prevC: (N, H) -> h, c: (N, H). A sequence of length 1. */
export function lnLstmStepForward(x: Matrix, prevH: Matrix | null, prevC: Matrix | null, p: LNLSTMParams)
  : { h: Matrix; c: Matrix; cache: LNLSTMCache } {
  const { h, c, cache } = lnLstmForward(x, 1, prevH, prevC, p);
  return { h, c, cache };
}

/** dh, dc: (N, H) -> dx, dPrevH, dPrevC and the parameter gradients of one step. */
export function lnLstmStepBackward(dh: Matrix, dc: Matrix | null, cache: LNLSTMCache) {
  const { dh0, dc0, ...rest } = lnLstmBackward(dh, cache, null, dc);
  return { dPrevH: dh0, dPrevC: dc0, ...rest };
}
