/** Shared by the kernel tests: run a function with the JS kernels and with WebAssembly, compare every bit. */
import { expect } from 'vitest';
import { Rng } from '../../../src/lib/numbers/rng';
import { homeFloats, kernelKind, useKernels } from '../../../src/lib/kernels/kernels';

/** The index of the first double whose bits differ (two NaNs count as equal: wasm does not keep NaN payloads), or -1. */
export function firstDifference(a: Float64Array, b: Float64Array): number {
  if (a.length !== b.length) return 0;
  const x = new BigInt64Array(a.buffer, a.byteOffset, a.length), y = new BigInt64Array(b.buffer, b.byteOffset, b.length);
  for (let i = 0; i < a.length; i++) if (x[i] !== y[i] && !(Number.isNaN(a[i]) && Number.isNaN(b[i]))) return i;
  return -1;
}

/** Runs fn once under each kernel (fn makes its own arrays from the same seed) and returns both results. */
export function bothWays<T>(fn: (kind: 'js' | 'wasm') => T): { js: T; wasm: T } {
  useKernels('js');
  try {
    expect(kernelKind()).toBe('js');
    const js = fn('js');
    useKernels('wasm');
    expect(kernelKind(), 'WebAssembly SIMD kernels must be available on Node 20').toBe('wasm');
    return { js, wasm: fn('wasm') };
  } finally {
    useKernels('wasm');
  }
}

/** Expects every named array of `wasm` to have the same bits as in `js`. */
export function expectSameBits(js: Record<string, Float64Array>, wasm: Record<string, Float64Array>, what: string): void {
  for (const k of Object.keys(js)) {
    const i = firstDifference(js[k], wasm[k]);
    expect(i, `${what}: ${k}[${i}]: js ${js[k][i]} vs wasm ${wasm[k]?.[i]}`).toBe(-1);
  }
}

/** n values: mostly normal with magnitudes over many decades, and some specials (±0, subnormals, ±1, huge) when `special`. */
export function values(n: number, rng: Rng, special = false, scale = 1): Float64Array {
  const sp = [0, -0, 1e-310, -1e-310, 1, -1, 1e300, -1e300];
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = special && rng.uniform(0, 1) < 0.15 ? sp[Math.floor(rng.uniform(0, sp.length))] : scale * rng.normal(0, 1) * Math.exp(rng.uniform(-3, 3));
  }
  return out;
}

/** A copy of `v` in the kernels' memory (home) or an ordinary array. */
export function place(v: Float64Array, home: boolean): Float64Array {
  const out = home ? homeFloats(v.length) : new Float64Array(v.length);
  out.set(v);
  return out;
}
