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
 * `norm` (optional) is a layer norm of the learner's (notebook 02, pluggable.ts) used for all three
 * normalizations instead of the row kernels, on the same rows and with the same gains; its caches are
 * kept per call. Without it nothing changes.
 *
 * Left out on purpose: normalizing each gate's H features separately (the paper normalizes the 4H
 * pre-activation as a whole, and so do we), recurrent dropout.
 */
import { Matrix, assertShape, zeros } from '../numbers/tensor';
import { gemmB, gemmNT, gemmTN, matmul, prepareB } from '../numbers/matmul';
import { addInto, addRowVector, sumRows } from './linear';
import { floats } from '../kernels/kernels';
import { LAYER_NORM_EPS, layerNormRowsBackward, layerNormRowsForward } from './layer-norm';
import { LSTMParams, lstmSizes } from './lstm';
import { lstmGatesBackward, lstmGatesForward, lstmOutputBackward, lstmOutputForward } from './lstm-cell';
import type { LayerNormLayer } from './pluggable';

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
  /** With a learner's layer norm: it, and its caches for x·Wx, each step's h·Wh and each step's c. */
  norm?: { layer: LayerNormLayer; x: unknown; h: unknown[]; c: unknown[] };
}

/** A layer norm of the learner's over the R rows of the view x (R, D): writes (or adds) out, returns its cache. */
function ownNormForward(layer: LayerNormLayer, D: number, x: Float64Array, gamma: Matrix, beta: Matrix, out: Float64Array, eps: number, accumulate: boolean): unknown {
  const R = x.length / D;
  const r = layer.forward({ rows: R, cols: D, data: x }, gamma, beta, eps);
  assertShape(r.out, R, D, 'lnLstmForward: your layer norm\'s output');
  if (accumulate) for (let i = 0; i < out.length; i++) out[i] += r.out.data[i];
  else out.set(r.out.data);
  return r.cache;
}

/** Its backward over the view dout (R, D): writes (or adds) dx, adds into dgamma and dbeta. */
function ownNormBackward(layer: LayerNormLayer, cache: unknown, D: number, dout: Float64Array, dx: Float64Array,
  dgamma: Float64Array, dbeta: Float64Array, accumulate: boolean): void {
  const R = dout.length / D;
  const r = layer.backward({ rows: R, cols: D, data: dout }, cache);
  assertShape(r.dx, R, D, 'lnLstmBackward: your layer norm\'s dx');
  assertShape(r.dgamma, 1, D, 'lnLstmBackward: your layer norm\'s dgamma');
  assertShape(r.dbeta, 1, D, 'lnLstmBackward: your layer norm\'s dbeta');
  if (accumulate) for (let i = 0; i < dx.length; i++) dx[i] += r.dx.data[i];
  else dx.set(r.dx.data);
  for (let j = 0; j < D; j++) { dgamma[j] += r.dgamma.data[j]; dbeta[j] += r.dbeta.data[j]; }
}

function checkLN(p: LNLSTMParams, H: number, where: string): void {
  for (const k of ['gx', 'bx', 'gh', 'bh'] as const) assertShape(p[k], 1, 4 * H, `${where}: ${k}`);
  for (const k of ['gc', 'bc'] as const) assertShape(p[k], 1, H, `${where}: ${k}`);
}

/** x: (T*N, D) time-major, h0, c0: (N, H) or null -> hs: (T*N, H), final h, c: (N, H). */
export function lnLstmForward(x: Matrix, T: number, h0: Matrix | null, c0: Matrix | null, p: LNLSTMParams, norm?: LayerNormLayer)
  : { hs: Matrix; h: Matrix; c: Matrix; cache: LNLSTMCache } {
  const { N, H } = lstmSizes(x, T, p, 'lnLstmForward');
  checkLN(p, H, 'lnLstmForward');
  const NH = N * H, N4H = 4 * NH, H4 = 4 * H, eps = LAYER_NORM_EPS;
  const XW = matmul(x, p.Wx).data, mx = floats(T * N), rx = floats(T * N); // floats: zeros, in the kernels' memory during a step
  const G = floats(T * N4H);
  const own = norm ? { layer: norm, x: null as unknown, h: [] as unknown[], c: [] as unknown[] } : undefined;
  if (own) own.x = ownNormForward(own.layer, H4, XW, p.gx, p.bx, G, eps, false);
  else layerNormRowsForward(H4, XW, p.gx.data, p.bx.data, G, mx, rx, eps); // LN(x·Wx) of all steps at once
  addRowVector({ rows: T * N, cols: H4, data: G }, p.b);
  const HW = floats(T * N4H), mh = floats(T * N), rh = floats(T * N);
  const Hs = floats((T + 1) * NH), Cs = floats((T + 1) * NH), TC = floats(T * NH);
  const mc = floats(T * N), rc = floats(T * N);
  if (h0) { assertShape(h0, N, H, 'lnLstmForward: h0'); Hs.set(h0.data); }
  if (c0) { assertShape(c0, N, H, 'lnLstmForward: c0'); Cs.set(c0.data); }
  const Wh = prepareB('NN', H, H4, p.Wh.data); // read by every step's product
  for (let t = 0; t < T; t++) {
    const rows = (m: Float64Array, width: number) => m.subarray(t * N * width, (t + 1) * N * width); // step t's rows
    const a = rows(G, H4), hw = rows(HW, H4), tc = rows(TC, H);
    const hPrev = rows(Hs, H), cPrev = rows(Cs, H), c = Cs.subarray((t + 1) * NH, (t + 2) * NH);
    gemmB(N, hPrev, Wh, hw); // h_{t-1}·Wh
    if (own) own.h.push(ownNormForward(own.layer, H4, hw, p.gh, p.bh, a, eps, true));
    else layerNormRowsForward(H4, hw, p.gh.data, p.bh.data, a, rows(mh, 1), rows(rh, 1), eps, true); // a += LN(h·Wh)
    lstmGatesForward(N, H, a, cPrev, c);
    if (own) own.c.push(ownNormForward(own.layer, H, c, p.gc, p.bc, tc, eps, false));
    else layerNormRowsForward(H, c, p.gc.data, p.bc.data, tc, rows(mc, 1), rows(rc, 1), eps); // tc = LN(c), for now
    lstmOutputForward(N, H, a, tc, tc, Hs.subarray((t + 1) * NH, (t + 2) * NH)); // tc = tanh(LN(c)), h = o ⊙ tc
  }
  const hs = { rows: T * N, cols: H, data: Hs.subarray(NH) };
  const h = { rows: N, cols: H, data: Hs.slice(T * NH) };
  const c = { rows: N, cols: H, data: Cs.slice(T * NH) };
  return { hs, h, c, cache: { x, T, N, p, XW, mx, rx, HW, mh, rh, G, Hs, Cs, TC, mc, rc, ...(own ? { norm: own } : {}) } };
}

/**
 * dhs: (T*N, H), dhT, dcT: (N, H) or null -> dx, dh0, dc0 and gradients for every parameter.
 * Per step, from h back to a (the gate math is lstm-cell.ts, as in lstm.ts):
 *   dLN(c) = dh ⊙ o ⊙ (1 - tc²);  da_o = dh ⊙ tc ⊙ o(1-o);  dc += LN_c backward of dLN(c)
 *   then the gates;  dHW_t = LN_h backward of da_t;  dh_prev = dHW_t·Whᵀ
 */
export function lnLstmBackward(dhs: Matrix, cache: LNLSTMCache, dhT: Matrix | null = null, dcT: Matrix | null = null)
  : { dx: Matrix; dh0: Matrix; dc0: Matrix; dWx: Matrix; dWh: Matrix; db: Matrix;
      dgx: Matrix; dbx: Matrix; dgh: Matrix; dbh: Matrix; dgc: Matrix; dbc: Matrix } {
  const { x, T, N, p, XW, mx, rx, HW, mh, rh, G, Hs, Cs, TC, mc, rc, norm: own } = cache;
  const D = x.cols, H = p.Wh.rows, H4 = 4 * H, NH = N * H, N4H = 4 * NH;
  assertShape(dhs, T * N, H, 'lnLstmBackward: dhs');
  const dh = zeros(N, H), dc = zeros(N, H);
  if (dhT) { assertShape(dhT, N, H, 'lnLstmBackward: dhT'); dh.data.set(dhT.data); }
  if (dcT) { assertShape(dcT, N, H, 'lnLstmBackward: dcT'); dc.data.set(dcT.data); }
  const dgx = zeros(1, H4), dbx = zeros(1, H4), dgh = zeros(1, H4), dbh = zeros(1, H4), dgc = zeros(1, H), dbc = zeros(1, H);
  const dA = zeros(T * N, H4), dHW = floats(T * N4H), dLNc = floats(NH);
  const WhT = prepareB('NT', H4, H, p.Wh.data); // Whᵀ, read by every step's product
  for (let t = T - 1; t >= 0; t--) {
    const rows = (m: Float64Array, width: number) => m.subarray(t * N * width, (t + 1) * N * width); // step t's rows
    const a = rows(G, H4), da = rows(dA.data, H4), mcT = rows(mc, 1), rcT = rows(rc, 1);
    const o = t * NH;
    addInto(dh.data, dhs.data.subarray(o, o + NH)); // from the layer above + from step t+1
    lstmOutputBackward(N, H, a, rows(TC, H), dh.data, dLNc, da, false); // onto LN(c)
    if (own) ownNormBackward(own.layer, own.c[t], H, dLNc, dc.data, dgc.data, dbc.data, true);
    else layerNormRowsBackward(H, dLNc, Cs.subarray(o + NH, o + 2 * NH), mcT, rcT, p.gc.data, dc.data, dgc.data, dbc.data, true); // dc += through LN
    lstmGatesBackward(N, H, a, rows(Cs, H), dc.data, da); // dc becomes dc_{t-1}
    if (own) ownNormBackward(own.layer, own.h[t], H4, da, rows(dHW, H4), dgh.data, dbh.data, false);
    else layerNormRowsBackward(H4, da, rows(HW, H4), rows(mh, 1), rows(rh, 1), p.gh.data, rows(dHW, H4), dgh.data, dbh.data);
    gemmB(N, rows(dHW, H4), WhT, dh.data); // dh_{t-1}
  }
  const dXW = floats(T * N4H);
  if (own) ownNormBackward(own.layer, own.x, H4, dA.data, dXW, dgx.data, dbx.data, false);
  else layerNormRowsBackward(H4, dA.data, XW, mx, rx, p.gx.data, dXW, dgx.data, dbx.data);
  const dWx = zeros(D, H4), dWh = zeros(H, H4), dx = zeros(T * N, D);
  gemmTN(D, H4, T * N, x.data, dXW, dWx.data);
  gemmTN(H, H4, T * N, Hs.subarray(0, T * NH), dHW, dWh.data);
  gemmNT(T * N, D, H4, dXW, p.Wx.data, dx.data);
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
