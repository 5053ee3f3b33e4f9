/**
 * Embedding lookup: token ids -> rows of E. Equivalent to a one-hot vector times E, without the
 * one-hot: the backward pass adds each output row's gradient into the row of E it came from.
 *
 * Left out on purpose: padding ids, max-norm renormalization, sparse gradients.
 */
import { Matrix, zeros } from '../numbers/tensor';

export interface EmbeddingCache { tokens: Int32Array; V: number; D: number }

/** E: (V, D), tokens: M ids in [0, V) -> out: (M, D), out(m, :) = E(tokens[m], :). */
export function embeddingForward(E: Matrix, tokens: ArrayLike<number>): { out: Matrix; cache: EmbeddingCache } {
  const V = E.rows, D = E.cols, M = tokens.length;
  const ids = Int32Array.from(tokens);
  const out = zeros(M, D);
  for (let m = 0; m < M; m++) {
    const id = ids[m];
    if (!(id >= 0 && id < V && Number.isInteger(tokens[m]))) {
      throw new RangeError(`embeddingForward: token ${tokens[m]} at position ${m} is outside the vocabulary [0, ${V})`);
    }
    out.data.set(E.data.subarray(id * D, id * D + D), m * D);
  }
  return { out, cache: { tokens: ids, V, D } };
}

/** dout: (M, D) -> dE: (V, D), dE(v, :) = sum of dout(m, :) over positions m with tokens[m] = v. */
export function embeddingBackward(dout: Matrix, cache: EmbeddingCache): { dE: Matrix } {
  const { tokens, V, D } = cache;
  if (dout.rows !== tokens.length || dout.cols !== D) {
    throw new RangeError(`embeddingBackward: dout must be (${tokens.length}, ${D}), got (${dout.rows}, ${dout.cols})`);
  }
  const dE = zeros(V, D);
  const g = dE.data, d = dout.data;
  for (let m = 0; m < tokens.length; m++) {
    const o = tokens[m] * D, p = m * D;
    for (let j = 0; j < D; j++) g[o + j] += d[p + j];
  }
  return { dE };
}
