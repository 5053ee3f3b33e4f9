/**
 * Truncated-BPTT batches from one token stream.
 *
 * The stream (length S) is cut into N contiguous streams of L = floor((S - 1) / N) steps each
 * (stream n starts at token n*L; the last (S - 1) mod N tokens are dropped). Batch k holds steps
 * k*T .. k*T+T-1 of every stream, so the LSTM state at the end of batch k is the right initial state
 * for batch k+1 (Zaremba et al. 2014). The last batch is shorter when T does not divide L, unless
 * `dropLast` is set.
 *
 * A batch is time-major, the order the LSTM reads a sequence in: x[t*N + n] is stream n at step t,
 * so step t is the contiguous block t*N .. t*N+N-1 (rows of the (T*N, D) embedded sequence), and the
 * model, the layers and the loss all use this one layout end to end.
 *
 * Left out on purpose: shuffling (it would break the state carry-over), padding.
 */

/** One truncated-BPTT batch: N parallel streams, T steps, time-major. x[t*N+n] is the input token, y[t*N+n] the target (next token). */
export interface Batch {
  N: number;
  T: number;
  x: Int32Array;
  y: Int32Array;
}

export interface BatchOptions {
  /** Skip a last batch shorter than T (default false: every step of every stream is used). */
  dropLast?: boolean;
}

function checkSizes(length: number, N: number, T: number, where: string): number {
  if (!(Number.isInteger(N) && N >= 1)) throw new RangeError(`${where}: N (streams) must be a positive integer, got ${N}`);
  if (!(Number.isInteger(T) && T >= 1)) throw new RangeError(`${where}: T (unroll) must be a positive integer, got ${T}`);
  if (length < 2) throw new RangeError(`${where}: the token stream has ${length} tokens; need at least 2 (empty data)`);
  const L = Math.floor((length - 1) / N);
  if (L < 1) throw new RangeError(`${where}: a stream of ${length} tokens is too short for N=${N} streams`);
  return L;
}

/** Steps per stream L = floor((S - 1) / N). */
export function stepsPerStream(length: number, N: number): number {
  return checkSizes(length, N, 1, 'stepsPerStream');
}

/** How many batches `batches(tokens, N, T, opts)` yields. */
export function batchCount(length: number, N: number, T: number, opts: BatchOptions = {}): number {
  const L = checkSizes(length, N, T, 'batchCount');
  return opts.dropLast ? Math.floor(L / T) : Math.ceil(L / T);
}

/** Batch k of `tokens` (0-based); its T is shorter for the last batch when T does not divide L. */
export function batchAt(tokens: Int32Array, N: number, T: number, k: number): Batch {
  const L = checkSizes(tokens.length, N, T, 'batchAt');
  const t0 = k * T;
  if (!(Number.isInteger(k) && k >= 0 && t0 < L)) {
    throw new RangeError(`batchAt: batch ${k} is out of range 0..${Math.ceil(L / T) - 1}`);
  }
  const Tk = Math.min(T, L - t0);
  const x = new Int32Array(N * Tk);
  const y = new Int32Array(N * Tk);
  for (let n = 0; n < N; n++) {
    const start = n * L + t0;
    for (let t = 0; t < Tk; t++) {
      x[t * N + n] = tokens[start + t];
      y[t * N + n] = tokens[start + t + 1];
    }
  }
  return { N, T: Tk, x, y };
}

/** The batches of one epoch, in order (state carries from each batch to the next). */
export function* batches(tokens: Int32Array, N: number, T: number, opts: BatchOptions = {}): Generator<Batch> {
  const count = batchCount(tokens.length, N, T, opts);
  for (let k = 0; k < count; k++) yield batchAt(tokens, N, T, k);
}
