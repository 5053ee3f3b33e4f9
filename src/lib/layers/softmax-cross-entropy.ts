/**
 * Softmax cross-entropy: the loss of a language model, mean negative log-likelihood in nats.
 *
 *   p = softmax(z) row-wise;  loss = -(1/M) sum_m log p(m, y_m)
 *   log p(m, y) = z(m, y) - logsumexp(z(m, :)),  logsumexp computed after subtracting the row max
 *   dz = (p - onehot(y)) / M
 *
 * Left out on purpose: label smoothing, class weights, ignore-index.
 */
import { Matrix, zeros } from '../numbers/tensor';
import { floats, wasmCall } from '../kernels/kernels';

export interface SoftmaxCECache { probs: Matrix; targets: Int32Array }

/** logits: (M, V), targets: M ids in [0, V) -> mean loss over the M rows, and the softmax in the cache. */
export function softmaxCrossEntropyForward(logits: Matrix, targets: ArrayLike<number>): { loss: number; cache: SoftmaxCECache } {
  const M = logits.rows, V = logits.cols;
  if (targets.length !== M) throw new RangeError(`softmaxCrossEntropyForward: ${targets.length} targets for ${M} rows of logits`);
  if (M === 0) throw new RangeError('softmaxCrossEntropyForward: no rows (empty batch)');
  const y = Int32Array.from(targets);
  const probs = zeros(M, V);
  const z = logits.data, p = probs.data;
  for (let m = 0; m < M; m++) {
    if (!(y[m] >= 0 && y[m] < V && Number.isInteger(targets[m]))) {
      throw new RangeError(`softmaxCrossEntropyForward: target ${targets[m]} at row ${m} is outside [0, ${V})`);
    }
  }
  // The loops below in WebAssembly (same bits) when the arrays are in the kernels' memory: it leaves each
  // row's max and sum in `stats`, and the loss is summed here in the same order.
  const stats = floats(2 * M);
  if (z.length >= M * V && wasmCall('softmaxRows', [M, V], [z, p, stats])) {
    let nll = 0;
    for (let m = 0; m < M; m++) nll += stats[2 * m] + Math.log(stats[2 * m + 1]) - z[m * V + y[m]];
    return { loss: nll / M, cache: { probs, targets: y } };
  }
  let nll = 0;
  for (let m = 0, o = 0; m < M; m++, o += V) {
    let max = -Infinity;
    for (let v = 0; v < V; v++) if (z[o + v] > max) max = z[o + v];
    let sum = 0;
    for (let v = 0; v < V; v++) {
      const e = Math.exp(z[o + v] - max);
      p[o + v] = e;
      sum += e;
    }
    for (let v = 0; v < V; v++) p[o + v] /= sum;
    nll += max + Math.log(sum) - z[o + y[m]];
  }
  return { loss: nll / M, cache: { probs, targets: y } };
}

/** -> dlogits: (M, V) = dloss * (probs - onehot(targets)) / M. */
export function softmaxCrossEntropyBackward(cache: SoftmaxCECache, dloss = 1): { dlogits: Matrix } {
  const { probs, targets } = cache;
  const M = probs.rows, V = probs.cols;
  const dlogits = zeros(M, V);
  const d = dlogits.data, p = probs.data, s = dloss / M;
  for (let m = 0, o = 0; m < M; m++, o += V) {
    for (let v = 0; v < V; v++) d[o + v] = s * p[o + v];
    d[o + targets[m]] -= s;
  }
  return { dlogits };
}
