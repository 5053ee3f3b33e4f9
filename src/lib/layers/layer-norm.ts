/**
 * Layer normalization (Ba et al. 2016) over the feature axis: each row is shifted to mean 0 and
 * scaled to variance 1, then given a learned gain and bias.
 *
 *   mean = (1/D) sum_j x_j;  var = (1/D) sum_j (x_j - mean)²  (biased, as PyTorch);  rstd = 1/sqrt(var + eps)
 *   xhat = (x - mean) * rstd;  out = gamma * xhat + beta
 *   backward: dxhat = dout * gamma;  dx = rstd * (dxhat - mean_j(dxhat) - xhat * mean_j(dxhat * xhat))
 *             dgamma = sum over rows of dout * xhat;  dbeta = sum over rows of dout
 *
 * The forward saves mean and rstd per row (as llm.c does) and the backward rebuilds xhat from x.
 * The row kernels work on raw arrays at offsets so the LN-LSTM normalizes a time step in place.
 * Left out on purpose: normalizing over more than the last axis, RMSNorm, batch norm.
 */
import { Matrix, assertShape, zeros } from '../numbers/tensor';

/** PyTorch's default. */
export const LAYER_NORM_EPS = 1e-5;

/**
 * Normalizes `rows` rows of length D: x[xOff ..] -> out[oOff ..] (or adds into out, when `accumulate`);
 * writes mean[sOff + r], rstd[sOff + r]. Without `accumulate`, out may be x itself (in place).
 */
export function layerNormRowsForward(rows: number, D: number, x: Float64Array, xOff: number,
  gamma: Float64Array, beta: Float64Array, out: Float64Array, oOff: number,
  mean: Float64Array, rstd: Float64Array, sOff: number, eps: number, accumulate = false): void {
  for (let r = 0; r < rows; r++) {
    const xo = xOff + r * D, oo = oOff + r * D;
    let s = 0;
    for (let j = 0; j < D; j++) s += x[xo + j];
    const mu = s / D;
    let v = 0;
    for (let j = 0; j < D; j++) {
      const c = x[xo + j] - mu;
      v += c * c;
    }
    const rs = 1 / Math.sqrt(v / D + eps);
    mean[sOff + r] = mu;
    rstd[sOff + r] = rs;
    for (let j = 0; j < D; j++) {
      const v = gamma[j] * (x[xo + j] - mu) * rs + beta[j];
      out[oo + j] = accumulate ? out[oo + j] + v : v;
    }
  }
}

/**
 * Backward of layerNormRowsForward: writes (or adds, when `accumulate`) dx[dxOff ..]; always adds
 * into dgamma and dbeta (length D). dx may alias dout.
 */
export function layerNormRowsBackward(rows: number, D: number, dout: Float64Array, dOff: number,
  x: Float64Array, xOff: number, mean: Float64Array, rstd: Float64Array, sOff: number,
  gamma: Float64Array, dx: Float64Array, dxOff: number, dgamma: Float64Array, dbeta: Float64Array,
  accumulate = false): void {
  for (let r = 0; r < rows; r++) {
    const xo = xOff + r * D, go = dOff + r * D, dxo = dxOff + r * D;
    const mu = mean[sOff + r], rs = rstd[sOff + r];
    let sumD = 0, sumDX = 0;
    for (let j = 0; j < D; j++) {
      const g = dout[go + j];
      const xh = (x[xo + j] - mu) * rs;
      const dxh = g * gamma[j];
      sumD += dxh;
      sumDX += dxh * xh;
      dgamma[j] += g * xh;
      dbeta[j] += g;
    }
    const mD = sumD / D, mDX = sumDX / D;
    for (let j = 0; j < D; j++) {
      const xh = (x[xo + j] - mu) * rs;
      const v = rs * (dout[go + j] * gamma[j] - mD - xh * mDX);
      dx[dxo + j] = accumulate ? dx[dxo + j] + v : v;
    }
  }
}

export interface LayerNormCache { x: Matrix; gamma: Matrix; mean: Float64Array; rstd: Float64Array }

/** x: (M, D), gamma: (1, D), beta: (1, D) -> out: (M, D) = gamma * (x - mean) / sqrt(var + eps) + beta per row. */
export function layerNormForward(x: Matrix, gamma: Matrix, beta: Matrix, eps = LAYER_NORM_EPS): { out: Matrix; cache: LayerNormCache } {
  assertShape(gamma, 1, x.cols, 'layerNormForward: gamma');
  assertShape(beta, 1, x.cols, 'layerNormForward: beta');
  if (!(eps >= 0)) throw new RangeError(`layerNormForward: eps must be >= 0, got ${eps}`);
  const out = zeros(x.rows, x.cols);
  const mean = new Float64Array(x.rows), rstd = new Float64Array(x.rows);
  layerNormRowsForward(x.rows, x.cols, x.data, 0, gamma.data, beta.data, out.data, 0, mean, rstd, 0, eps);
  return { out, cache: { x, gamma, mean, rstd } };
}

/** dout: (M, D) -> dx: (M, D), dgamma: (1, D), dbeta: (1, D). */
export function layerNormBackward(dout: Matrix, cache: LayerNormCache): { dx: Matrix; dgamma: Matrix; dbeta: Matrix } {
  const { x, gamma, mean, rstd } = cache;
  assertShape(dout, x.rows, x.cols, 'layerNormBackward: dout');
  const dx = zeros(x.rows, x.cols), dgamma = zeros(1, x.cols), dbeta = zeros(1, x.cols);
  layerNormRowsBackward(x.rows, x.cols, dout.data, 0, x.data, 0, mean, rstd, 0, gamma.data, dx.data, 0, dgamma.data, dbeta.data);
  return { dx, dgamma, dbeta };
}
