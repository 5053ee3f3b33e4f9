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
 * The row kernels work on typed-array views of the rows (llm.c passes pointers), so the LN-LSTM
 * normalizes one time step's rows of a stacked sequence without copying.
 * Left out on purpose: normalizing over more than the last axis, RMSNorm, batch norm.
 */
import { Matrix, assertShape, zeros } from '../numbers/tensor';
import { wasmCall } from '../kernels/kernels';

/** PyTorch's default. */
export const LAYER_NORM_EPS = 1e-5;

/**
 * Normalizes each of the R = mean.length rows of x (R, D) into out (R, D), or adds into out when
 * `accumulate`; writes each row's mean and rstd. The arguments are views of exactly the rows to work
 * on (`subarray`). Without `accumulate`, out may be x itself (in place).
 */
export function layerNormRowsForward(D: number, x: Float64Array, gamma: Float64Array, beta: Float64Array,
  out: Float64Array, mean: Float64Array, rstd: Float64Array, eps: number, accumulate = false): void {
  const R = mean.length;
  if (wasmCall('layerNormForward', [R, D], [x, gamma, beta, out, mean, rstd], [eps, accumulate ? 1 : 0])) return; // same bits (kernels/)
  for (let r = 0; r < R; r++) {
    const o = r * D;
    let s = 0;
    for (let j = 0; j < D; j++) s += x[o + j];
    const mu = s / D;
    let v = 0;
    for (let j = 0; j < D; j++) {
      const c = x[o + j] - mu;
      v += c * c;
    }
    const rs = 1 / Math.sqrt(v / D + eps);
    mean[r] = mu;
    rstd[r] = rs;
    for (let j = 0; j < D; j++) {
      const y = gamma[j] * (x[o + j] - mu) * rs + beta[j];
      out[o + j] = accumulate ? out[o + j] + y : y;
    }
  }
}

/**
 * Backward of layerNormRowsForward over the same R rows: dout (R, D) -> dx (R, D), written (or added,
 * when `accumulate`); always adds into dgamma and dbeta (length D). dx may be dout itself.
 */
export function layerNormRowsBackward(D: number, dout: Float64Array, x: Float64Array, mean: Float64Array, rstd: Float64Array,
  gamma: Float64Array, dx: Float64Array, dgamma: Float64Array, dbeta: Float64Array, accumulate = false): void {
  const R = mean.length;
  if (wasmCall('layerNormBackward', [R, D], [dout, x, mean, rstd, gamma, dx, dgamma, dbeta], [accumulate ? 1 : 0])) return; // same bits (kernels/)
  for (let r = 0; r < R; r++) {
    const o = r * D;
    const mu = mean[r], rs = rstd[r];
    let sumD = 0, sumDX = 0;
    for (let j = 0; j < D; j++) {
      const g = dout[o + j];
      const xh = (x[o + j] - mu) * rs;
      const dxh = g * gamma[j];
      sumD += dxh;
      sumDX += dxh * xh;
      dgamma[j] += g * xh;
      dbeta[j] += g;
    }
    const mD = sumD / D, mDX = sumDX / D;
    for (let j = 0; j < D; j++) {
      const xh = (x[o + j] - mu) * rs;
      const v = rs * (dout[o + j] * gamma[j] - mD - xh * mDX);
      dx[o + j] = accumulate ? dx[o + j] + v : v;
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
  layerNormRowsForward(x.cols, x.data, gamma.data, beta.data, out.data, mean, rstd, eps);
  return { out, cache: { x, gamma, mean, rstd } };
}

/** dout: (M, D) -> dx: (M, D), dgamma: (1, D), dbeta: (1, D). */
export function layerNormBackward(dout: Matrix, cache: LayerNormCache): { dx: Matrix; dgamma: Matrix; dbeta: Matrix } {
  const { x, gamma, mean, rstd } = cache;
  assertShape(dout, x.rows, x.cols, 'layerNormBackward: dout');
  const dx = zeros(x.rows, x.cols), dgamma = zeros(1, x.cols), dbeta = zeros(1, x.cols);
  layerNormRowsBackward(x.cols, dout.data, x.data, mean, rstd, gamma.data, dx.data, dgamma.data, dbeta.data);
  return { dx, dgamma, dbeta };
}
