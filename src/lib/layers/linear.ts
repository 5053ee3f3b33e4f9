/**
 * Affine layer: out = x·W + b, the LSTM's input projection and the decoder to vocabulary logits.
 *
 * Rows are independent examples (or the T*N stacked steps of a sequence), so one product covers
 * them all. Left out on purpose: a bias-free variant, weight tying.
 */
import { Matrix, assertShape, zeros } from '../numbers/tensor';
import { matmul, matmulNT, matmulTN } from '../numbers/matmul';
import { wasmCall } from '../kernels/kernels';

export interface LinearCache { x: Matrix; W: Matrix }

/** x: (M, D), W: (D, K), b: (1, K) -> out: (M, K) = x·W + b (b added to every row). */
export function linearForward(x: Matrix, W: Matrix, b: Matrix): { out: Matrix; cache: LinearCache } {
  if (x.cols !== W.rows) throw new RangeError(`linearForward: x (${x.rows}, ${x.cols}) does not fit W (${W.rows}, ${W.cols}): need x.cols === W.rows`);
  assertShape(b, 1, W.cols, 'linearForward: b');
  const out = matmul(x, W);
  addRowVector(out, b);
  return { out, cache: { x, W } };
}

/** dout: (M, K) -> dx = dout·Wᵀ (M, D), dW = xᵀ·dout (D, K), db = column sums of dout (1, K). */
export function linearBackward(dout: Matrix, cache: LinearCache): { dx: Matrix; dW: Matrix; db: Matrix } {
  const { x, W } = cache;
  assertShape(dout, x.rows, W.cols, 'linearBackward: dout');
  return { dx: matmulNT(dout, W), dW: matmulTN(x, dout), db: sumRows(dout) };
}

/** m(i, j) += v(0, j) for every row i, in place. */
export function addRowVector(m: Matrix, v: Matrix): void {
  const { rows, cols } = m;
  const d = m.data, b = v.data;
  if (b.length >= cols && d.length >= rows * cols && wasmCall('addRows', [rows, cols], [d, b])) return; // same bits (kernels/)
  for (let i = 0, o = 0; i < rows; i++, o += cols) for (let j = 0; j < cols; j++) d[o + j] += b[j];
}

/** dst += src, elementwise (src at least as long as dst). */
export function addInto(dst: Float64Array, src: Float64Array): void {
  if (src.length >= dst.length && wasmCall('addTo', [dst.length], [dst, src])) return; // same bits (kernels/)
  for (let k = 0; k < dst.length; k++) dst[k] += src[k];
}

/** Column sums of m as a (1, cols) row: the gradient of a bias added to every row. */
export function sumRows(m: Matrix, out: Matrix = zeros(1, m.cols), accumulate = false): Matrix {
  const { rows, cols } = m;
  const d = m.data, s = out.data;
  if (s.length === cols && d.length >= rows * cols && wasmCall('sumRows', [rows, cols], [d, s], [accumulate ? 1 : 0])) return out; // same bits
  if (!accumulate) s.fill(0);
  for (let i = 0, o = 0; i < rows; i++, o += cols) for (let j = 0; j < cols; j++) s[j] += d[o + j];
  return out;
}
