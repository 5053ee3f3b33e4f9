import { describe, it, expect } from 'vitest';
import { Rng } from '../../../src/lib/numbers/rng';
import { Matrix, randn, zeros, fromArray, toArray } from '../../../src/lib/numbers/tensor';
import { matmul, matmulNT, matmulTN, gemmNN, recordMatmuls, stopRecording } from '../../../src/lib/numbers/matmul';
import { maxAbsDiff } from '../../fixtures/torch/load';

/** The definition, as a triple loop: C(i, j) = sum_k A(i, k) B(k, j). */
function naive(a: Matrix, b: Matrix): Matrix {
  const c = zeros(a.rows, b.cols);
  for (let i = 0; i < a.rows; i++)
    for (let j = 0; j < b.cols; j++) {
      let s = 0;
      for (let k = 0; k < a.cols; k++) s += a.data[i * a.cols + k] * b.data[k * b.cols + j];
      c.data[i * b.cols + j] = s;
    }
  return c;
}

function transpose(m: Matrix): Matrix {
  const t = zeros(m.cols, m.rows);
  for (let i = 0; i < m.rows; i++) for (let j = 0; j < m.cols; j++) t.data[j * m.rows + i] = m.data[i * m.cols + j];
  return t;
}

// sizes around the 4x4 block and the k-panel (KC = 128 in matmul.ts): remainders in M, N and K all exercised
const shapes: [number, number, number][] = [[1, 1, 1], [3, 5, 2], [4, 4, 4], [7, 9, 13], [8, 12, 300], [33, 30, 64], [0, 3, 2], [2, 3, 0]];

describe('matmul', () => {
  it('matches the triple loop for A·B, A·Bᵀ and Aᵀ·B at odd sizes', () => {
    const rng = new Rng(1);
    for (const [M, N, K] of shapes) {
      const a = randn(M, K, rng);
      const b = randn(K, N, rng);
      const want = naive(a, b);
      expect(maxAbsDiff(matmul(a, b), want)).toBeLessThan(1e-12);
      expect(maxAbsDiff(matmulNT(a, transpose(b)), want)).toBeLessThan(1e-12);
      expect(maxAbsDiff(matmulTN(transpose(a), b), want)).toBeLessThan(1e-12);
    }
  });

  it('a small product by hand', () => {
    const c = matmul(fromArray([[1, 2], [3, 4]]), fromArray([[5, 6], [7, 8]]));
    expect(toArray(c)).toEqual([[19, 22], [43, 50]]);
  });

  it('accumulate adds into the output, otherwise it is overwritten', () => {
    const rng = new Rng(2);
    const a = randn(6, 5, rng), b = randn(5, 7, rng);
    const ab = naive(a, b);
    const out = randn(6, 7, rng);
    const before = out.data.slice();
    matmul(a, b, out, true);
    for (let i = 0; i < before.length; i++) expect(out.data[i]).toBeCloseTo(before[i] + ab.data[i], 12);
    matmul(a, b, out, false);
    expect(maxAbsDiff(out, ab)).toBeLessThan(1e-12);
    matmulTN(transpose(a), b, out, true);
    for (let i = 0; i < out.data.length; i++) expect(out.data[i]).toBeCloseTo(2 * ab.data[i], 12);
  });

  it('raw gemm reads and writes views of the rows it works on without touching the rest', () => {
    const rng = new Rng(3);
    const a = randn(10, 4, rng), b = randn(4, 6, rng);
    const c = new Float64Array(3 * 6 + 12).fill(7);
    gemmNN(3, 6, 4, a.data.subarray(5 * 4, 8 * 4), b.data, c.subarray(6, 24), false); // rows 5..7 of a, into c[6..23]
    const want = naive(fromArray(toArray(a).slice(5, 8)), b);
    for (let i = 0; i < 18; i++) expect(c[6 + i]).toBeCloseTo(want.data[i], 12);
    expect(Array.from(c.subarray(0, 6))).toEqual([7, 7, 7, 7, 7, 7]);
    expect(Array.from(c.subarray(24))).toEqual([7, 7, 7, 7, 7, 7]);
    expect(() => gemmNN(3, 6, 4, a.data.subarray(0, 11), b.data, c)).toThrow(/views too short.*A has 11 values \(need 12\)/);
  });

  it('shape mismatches throw a RangeError naming the shapes', () => {
    const a = zeros(2, 3), b = zeros(4, 5);
    expect(() => matmul(a, b)).toThrow(/matmul: shape mismatch: A \(2, 3\), B \(4, 5\)/);
    expect(() => matmulNT(a, b)).toThrow(RangeError);
    expect(() => matmulTN(a, b)).toThrow(RangeError);
    expect(() => matmul(a, zeros(3, 5), zeros(2, 4))).toThrow(/out must be/);
  });

  it('records the shape of every product while asked to', () => {
    recordMatmuls();
    matmul(zeros(2, 3), zeros(3, 4));
    matmulNT(zeros(2, 3), zeros(5, 3));
    const calls = stopRecording();
    expect(calls).toEqual([{ kind: 'NN', M: 2, N: 4, K: 3 }, { kind: 'NT', M: 2, N: 5, K: 3 }]);
    matmul(zeros(1, 1), zeros(1, 1));
    expect(stopRecording()).toEqual([]);
  });
});
