/**
 * Matrix products on row-major float64 arrays: C (+)= A·B, A·Bᵀ, Aᵀ·B.
 *
 * Register blocking: each kernel computes a 4x4 block of C in 16 local variables while walking k,
 * so each loaded A and B value is used four times and C is touched once per block. The loop body
 * allocates nothing; a transpose is read in place, never copied. On one core this runs about 4x
 * faster than a plain i-k-j loop. Long k is cut into panels of KC so the strip of B a block walks
 * stays in cache (this matters for the weight gradients, whose k is all T*N tokens).
 *
 * The `accumulate` flag adds into C instead of overwriting it, so gradients sum over time steps with
 * no temporary. The raw `gemm*` functions take typed-array views of exactly the rows they work on
 * (as llm.c takes pointers): `Hs.subarray(t * N * H, (t + 1) * N * H)` is step t of a stacked
 * sequence, used without copying.
 *
 * `recordMatmuls()` logs the shape of every product (for the benchmark, which counts flops from the
 * log and replays it); it costs one comparison per call when off.
 *
 * Left out on purpose: threads, SIMD (WebAssembly), float32, Strassen, general leading dimensions.
 */
import { Matrix, zeros } from './tensor';

/** Which operand is read transposed: NN = A·B, NT = A·Bᵀ, TN = Aᵀ·B. */
export type GemmKind = 'NN' | 'NT' | 'TN';
/** One product C(M, N) (+)= op(A)(M, K) · op(B)(K, N): 2·M·N·K flops. */
export interface GemmCall { kind: GemmKind; M: number; N: number; K: number }

let log: GemmCall[] | null = null;

/** Starts logging every product's shape; `stopRecording` returns the log. */
export function recordMatmuls(): void {
  log = [];
}
export function stopRecording(): GemmCall[] {
  const out = log ?? [];
  log = null;
  return out;
}

/** Panel depth along k: the 4-column strip of B a block walks (KC rows) stays in L1. */
const KC = 128;

// The three block kernels: C(i..i+3, j..j+3) += sum over k in [k0, k0+kn) for every full 4x4 block
// (i < M4, j < N4). They differ only in how A and B are indexed; written out separately because V8
// compiles constant strides into tighter code (about 5% faster than one kernel with stride arguments).

/** A(i, k) = a[i*K + k], B(k, j) = b[k*N + j]. */
function blocksNN(M4: number, N4: number, N: number, K: number, k0: number, kn: number,
  a: Float64Array, b: Float64Array, c: Float64Array): void {
  for (let i = 0; i < M4; i += 4) {
    const a0 = i * K + k0, a1 = a0 + K, a2 = a1 + K, a3 = a2 + K;
    for (let j = 0; j < N4; j += 4) {
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
      let pb = k0 * N + j;
      for (let k = 0; k < kn; k++, pb += N) {
        const y0 = b[pb], y1 = b[pb + 1], y2 = b[pb + 2], y3 = b[pb + 3];
        let x = a[a0 + k];
        c00 += x * y0; c01 += x * y1; c02 += x * y2; c03 += x * y3;
        x = a[a1 + k];
        c10 += x * y0; c11 += x * y1; c12 += x * y2; c13 += x * y3;
        x = a[a2 + k];
        c20 += x * y0; c21 += x * y1; c22 += x * y2; c23 += x * y3;
        x = a[a3 + k];
        c30 += x * y0; c31 += x * y1; c32 += x * y2; c33 += x * y3;
      }
      let o = i * N + j;
      c[o] += c00; c[o + 1] += c01; c[o + 2] += c02; c[o + 3] += c03; o += N;
      c[o] += c10; c[o + 1] += c11; c[o + 2] += c12; c[o + 3] += c13; o += N;
      c[o] += c20; c[o + 1] += c21; c[o + 2] += c22; c[o + 3] += c23; o += N;
      c[o] += c30; c[o + 1] += c31; c[o + 2] += c32; c[o + 3] += c33;
    }
  }
}

/** A(i, k) = a[i*K + k], B(k, j) = b[j*K + k] (B stored as (N, K)). */
function blocksNT(M4: number, N4: number, N: number, K: number, k0: number, kn: number,
  a: Float64Array, b: Float64Array, c: Float64Array): void {
  for (let i = 0; i < M4; i += 4) {
    const a0 = i * K + k0, a1 = a0 + K, a2 = a1 + K, a3 = a2 + K;
    for (let j = 0; j < N4; j += 4) {
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
      const b0 = j * K + k0, b1 = b0 + K, b2 = b1 + K, b3 = b2 + K;
      for (let k = 0; k < kn; k++) {
        const y0 = b[b0 + k], y1 = b[b1 + k], y2 = b[b2 + k], y3 = b[b3 + k];
        let x = a[a0 + k];
        c00 += x * y0; c01 += x * y1; c02 += x * y2; c03 += x * y3;
        x = a[a1 + k];
        c10 += x * y0; c11 += x * y1; c12 += x * y2; c13 += x * y3;
        x = a[a2 + k];
        c20 += x * y0; c21 += x * y1; c22 += x * y2; c23 += x * y3;
        x = a[a3 + k];
        c30 += x * y0; c31 += x * y1; c32 += x * y2; c33 += x * y3;
      }
      let o = i * N + j;
      c[o] += c00; c[o + 1] += c01; c[o + 2] += c02; c[o + 3] += c03; o += N;
      c[o] += c10; c[o + 1] += c11; c[o + 2] += c12; c[o + 3] += c13; o += N;
      c[o] += c20; c[o + 1] += c21; c[o + 2] += c22; c[o + 3] += c23; o += N;
      c[o] += c30; c[o + 1] += c31; c[o + 2] += c32; c[o + 3] += c33;
    }
  }
}

/** A(i, k) = a[k*M + i] (A stored as (K, M)), B(k, j) = b[k*N + j]. */
function blocksTN(M4: number, N4: number, N: number, M: number, k0: number, kn: number,
  a: Float64Array, b: Float64Array, c: Float64Array): void {
  for (let i = 0; i < M4; i += 4) {
    for (let j = 0; j < N4; j += 4) {
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
      let pa = k0 * M + i, pb = k0 * N + j;
      for (let k = 0; k < kn; k++, pa += M, pb += N) {
        const y0 = b[pb], y1 = b[pb + 1], y2 = b[pb + 2], y3 = b[pb + 3];
        let x = a[pa];
        c00 += x * y0; c01 += x * y1; c02 += x * y2; c03 += x * y3;
        x = a[pa + 1];
        c10 += x * y0; c11 += x * y1; c12 += x * y2; c13 += x * y3;
        x = a[pa + 2];
        c20 += x * y0; c21 += x * y1; c22 += x * y2; c23 += x * y3;
        x = a[pa + 3];
        c30 += x * y0; c31 += x * y1; c32 += x * y2; c33 += x * y3;
      }
      let o = i * N + j;
      c[o] += c00; c[o + 1] += c01; c[o + 2] += c02; c[o + 3] += c03; o += N;
      c[o] += c10; c[o + 1] += c11; c[o + 2] += c12; c[o + 3] += c13; o += N;
      c[o] += c20; c[o + 1] += c21; c[o + 2] += c22; c[o + 3] += c23; o += N;
      c[o] += c30; c[o + 1] += c31; c[o + 2] += c32; c[o + 3] += c33;
    }
  }
}

/**
 * The driver: clears C unless accumulating, runs the block kernel panel by panel along k, and does
 * the edges (the last M mod 4 rows, the last N mod 4 columns) with a plain dot product, reading
 * A(i, k) = a[i*ars + k*acs] and B(k, j) = b[k*brs + j*bcs].
 */
function gemmDriver(kind: GemmKind, M: number, N: number, K: number,
  a: Float64Array, ars: number, acs: number, b: Float64Array, brs: number, bcs: number,
  c: Float64Array, accumulate: boolean): void {
  checkViews(kind, M, N, K, a, b, c);
  if (!accumulate) c.fill(0, 0, M * N);
  const M4 = M - (M & 3), N4 = N - (N & 3);
  for (let k0 = 0; k0 < K; k0 += KC) {
    const kn = Math.min(KC, K - k0);
    if (kind === 'NN') blocksNN(M4, N4, N, K, k0, kn, a, b, c);
    else if (kind === 'NT') blocksNT(M4, N4, N, K, k0, kn, a, b, c);
    else blocksTN(M4, N4, N, M, k0, kn, a, b, c);
  }
  if (M4 === M && N4 === N) return;
  for (let i = 0; i < M; i++) {
    for (let j = i < M4 ? N4 : 0; j < N; j++) {
      let s = 0;
      for (let k = 0, pa = i * ars, pb = j * bcs; k < K; k++, pa += acs, pb += brs) s += a[pa] * b[pb];
      c[i * N + j] += s;
    }
  }
}

/** Throws unless the views hold at least the values the product reads and writes. */
function checkViews(kind: GemmKind, M: number, N: number, K: number, a: Float64Array, b: Float64Array, c: Float64Array): void {
  if (a.length < M * K || b.length < K * N || c.length < M * N) {
    throw new RangeError(`gemm${kind}: views too short for M=${M}, N=${N}, K=${K}: A has ${a.length} values (need ${M * K}), B ${b.length} (need ${K * N}), C ${c.length} (need ${M * N})`);
  }
}

/** C(M, N) (+)= A(M, K) · B(K, N); a, b, c are dense row-major views of exactly those blocks. */
export function gemmNN(M: number, N: number, K: number, a: Float64Array, b: Float64Array, c: Float64Array, accumulate = false): void {
  if (log !== null) log.push({ kind: 'NN', M, N, K });
  gemmDriver('NN', M, N, K, a, K, 1, b, N, 1, c, accumulate);
}

/** C(M, N) (+)= A(M, K) · B(N, K)ᵀ. */
export function gemmNT(M: number, N: number, K: number, a: Float64Array, b: Float64Array, c: Float64Array, accumulate = false): void {
  if (log !== null) log.push({ kind: 'NT', M, N, K });
  gemmDriver('NT', M, N, K, a, K, 1, b, 1, K, c, accumulate);
}

/** C(M, N) (+)= A(K, M)ᵀ · B(K, N). */
export function gemmTN(M: number, N: number, K: number, a: Float64Array, b: Float64Array, c: Float64Array, accumulate = false): void {
  if (log !== null) log.push({ kind: 'TN', M, N, K });
  gemmDriver('TN', M, N, K, a, 1, M, b, N, 1, c, accumulate);
}

/** Runs one logged product on the given arrays (the benchmark's replay). */
export function gemm(call: GemmCall, a: Float64Array, b: Float64Array, c: Float64Array, accumulate = false): void {
  const { kind, M, N, K } = call;
  if (kind === 'NN') gemmNN(M, N, K, a, b, c, accumulate);
  else if (kind === 'NT') gemmNT(M, N, K, a, b, c, accumulate);
  else gemmTN(M, N, K, a, b, c, accumulate);
}

function check(ok: boolean, where: string, a: Matrix, b: Matrix, c: Matrix | undefined, want: string): void {
  if (!ok) {
    const cs = c ? `, out (${c.rows}, ${c.cols})` : '';
    throw new RangeError(`${where}: shape mismatch: A (${a.rows}, ${a.cols}), B (${b.rows}, ${b.cols})${cs}; ${want}`);
  }
}

/** A(M, K) · B(K, N) -> new (M, N); or written into `out` (added to it when `accumulate`). */
export function matmul(a: Matrix, b: Matrix, out?: Matrix, accumulate = false): Matrix {
  check(a.cols === b.rows, 'matmul', a, b, out, 'need A.cols === B.rows');
  const c = out ?? zeros(a.rows, b.cols);
  check(c.rows === a.rows && c.cols === b.cols, 'matmul', a, b, c, 'out must be (A.rows, B.cols)');
  gemmNN(a.rows, b.cols, a.cols, a.data, b.data, c.data, accumulate);
  return c;
}

/** A(M, K) · B(N, K)ᵀ -> (M, N). */
export function matmulNT(a: Matrix, b: Matrix, out?: Matrix, accumulate = false): Matrix {
  check(a.cols === b.cols, 'matmulNT', a, b, out, 'need A.cols === B.cols');
  const c = out ?? zeros(a.rows, b.rows);
  check(c.rows === a.rows && c.cols === b.rows, 'matmulNT', a, b, c, 'out must be (A.rows, B.rows)');
  gemmNT(a.rows, b.rows, a.cols, a.data, b.data, c.data, accumulate);
  return c;
}

/** A(K, M)ᵀ · B(K, N) -> (M, N). */
export function matmulTN(a: Matrix, b: Matrix, out?: Matrix, accumulate = false): Matrix {
  check(a.rows === b.rows, 'matmulTN', a, b, out, 'need A.rows === B.rows');
  const c = out ?? zeros(a.cols, b.cols);
  check(c.rows === a.cols && c.cols === b.cols, 'matmulTN', a, b, c, 'out must be (A.cols, B.cols)');
  gemmTN(a.cols, b.cols, a.rows, a.data, b.data, c.data, accumulate);
  return c;
}
