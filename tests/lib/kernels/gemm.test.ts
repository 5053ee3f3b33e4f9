/**
 * The WebAssembly GEMMs give the JS kernels' bits (src/lib/numbers/matmul.ts) on every shape: all
 * M, N in 1..9 and K in 0..9 (every edge of the 4x4 blocks), around the k-panel (KC = 128), and the
 * char LM's real products at hidden 64/128/256; overwrite and accumulate; operands in the kernels'
 * memory or in ordinary arrays (then copied in and out).
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/lib/numbers/rng';
import { gemmB, gemmNN, gemmNT, gemmTN, prepareB } from '../../../src/lib/numbers/matmul';
import { inArena, wasmGemm, useKernels } from '../../../src/lib/kernels/kernels';
import { bothWays, expectSameBits, place, values } from './same-bits';

const gemm = { NN: gemmNN, NT: gemmNT, TN: gemmTN };
type Kind = keyof typeof gemm;

function check(kind: Kind, M: number, N: number, K: number, seed: number, special: boolean, home: boolean): void {
  for (const accumulate of [false, true]) {
    const r = bothWays(() => {
      const rng = new Rng(seed);
      const a = place(values(M * K, rng, special), home), b = place(values(K * N, rng, special), home), c = place(values(M * N, rng, special), home);
      gemm[kind](M, N, K, a, b, c, accumulate);
      return { c };
    });
    expectSameBits(r.js, r.wasm, `gemm${kind} M=${M} N=${N} K=${K} accumulate=${accumulate} home=${home}`);
  }
}

describe('wasm GEMM = JS GEMM, bit for bit', () => {
  for (const kind of ['NN', 'NT', 'TN'] as Kind[]) {
    it(`${kind}: every M, N in 1..9 and K in 0..9, with specials (±0, subnormals, ±1e300)`, () => {
      let seed = 0;
      for (let M = 1; M <= 9; M++) for (let N = 1; N <= 9; N++) for (let K = 0; K <= 9; K++) check(kind, M, N, K, seed++, seed % 3 === 0, seed % 2 === 0);
    });
    it(`${kind}: around the k-panel and the column chunk, and the char LM's products`, () => {
      const shapes: [number, number, number][] = [[5, 6, 127], [5, 6, 128], [7, 5, 129], [9, 9, 257], [13, 17, 260], [8, 516, 12], [4, 1030, 3]];
      for (const H of [64, 128, 256]) shapes.push([32, 4 * H, H], [32, H, 4 * H], [16, 4 * H, H], [1024, 29, H]);
      shapes.push([128, 512, 1024], [1024, 512, 32], [32, 512, 1024], [1024, 32, 512], [1024, 128, 28], [128, 28, 1024]);
      shapes.forEach(([M, N, K], s) => check(kind, M, N, K, 1000 + s, false, s % 2 === 0));
    });
  }
  it('a prepared B (packed once in a step, then read by several products) gives the plain products\' bits', () => {
    const shapes: [number, number, number][] = [[1, 1, 1], [5, 6, 7], [4, 8, 0], [8, 516, 12], [13, 17, 260], [3, 1030, 131], [32, 512, 128], [32, 128, 512], [9, 1024, 256]];
    for (const kind of ['NN', 'NT'] as const) {
      shapes.forEach(([M, N, K], s) => {
        for (const accumulate of [false, true]) {
          const r = bothWays((k) => inArena(() => {
            const rng = new Rng(2000 + s);
            const b = place(values(K * N, rng, s % 2 === 0), true), B = prepareB(kind, K, N, b);
            expect(B.packed !== null, `packed in ${k}`).toBe(k === 'wasm'); // packed only with the WebAssembly kernels
            const out: Record<string, Float64Array> = {};
            for (const step of [0, 1]) { // two products with the same prepared B
              const a = place(values(M * K, rng, s % 3 === 0), true), c = place(values(M * N, rng), true);
              gemmB(M, a, B, c, accumulate);
              out[`c${step}`] = c.slice();
            }
            return out;
          }));
          expectSameBits(r.js, r.wasm, `gemmB (JS: the plain product; wasm: packed B) ${kind} M=${M} N=${N} K=${K} accumulate=${accumulate}`);
        }
      });
    }
    expect(prepareB('NN', 4, 4, new Float64Array(16)).packed).toBe(null); // outside a step: nothing packed
    expect(() => prepareB('NN', 4, 4, new Float64Array(15))).toThrow(/too short/);
  });

  it('the comparison is not vacuous: the products above ran in WebAssembly, on home and on ordinary arrays', () => {
    const rng = new Rng(9);
    const a = values(64, rng), b = values(64, rng);
    expect(wasmGemm('NN', 8, 8, 8, place(a, true), place(b, true), place(new Float64Array(64), true), false)).toBe(true);
    expect(wasmGemm('NN', 8, 8, 8, a, b, new Float64Array(64), false)).toBe(true);
    useKernels('js');
    expect(wasmGemm('NN', 8, 8, 8, a, b, new Float64Array(64), false)).toBe(false);
    useKernels('wasm');
  });
});
