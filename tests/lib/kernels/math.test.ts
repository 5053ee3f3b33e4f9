/**
 * The WebAssembly exp, expm1, tanh and sigmoid (scalar and f64x2) give V8's Math.exp / Math.expm1 /
 * Math.tanh bits (and the sigmoid lstm-cell.ts writes, 1 / (1 + Math.exp(-x))) on specials, on every
 * argument-reduction boundary k*ln2/2 +- 2 ulp, and on values from several distributions.
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/lib/numbers/rng';
import { homeFloats, wasmKernels } from '../../../src/lib/kernels/kernels';
import { firstDifference } from './same-bits';

function nudge(x: number, ulps: number): number {
  const b = new Float64Array([x]);
  const i = new BigInt64Array(b.buffer);
  i[0] += BigInt(ulps);
  return b[0];
}

function inputs(n: number, rng: Rng): Float64Array {
  const out: number[] = [];
  const specials = [0, Infinity, NaN, 1, 0.5 * Math.LN2, 1.5 * Math.LN2, 708, 709.78, 709.782712893384, 745.1332191019412, 22, 20, 2 ** -28, 2 ** -54,
    56 * Math.LN2, 1e-310, 5e-324, Number.MAX_VALUE];
  for (let k = -60; k <= 1100; k += 1) specials.push((k * Math.LN2) / 2);
  for (const s of specials) for (const d of [-2, -1, 0, 1, 2]) for (const sign of [1, -1]) out.push(sign * nudge(Math.abs(s), d));
  while (out.length < n) {
    const r = rng.uniform(0, 1);
    if (r < 0.4) out.push(rng.normal(0, 3));
    else if (r < 0.7) out.push((rng.uniform(0, 1) < 0.5 ? -1 : 1) * Math.exp(rng.uniform(-50, 7)));
    else if (r < 0.85) out.push(rng.uniform(-30, 30));
    else { const w = new Uint32Array([rng.nextUint32(), rng.nextUint32()]); out.push(new Float64Array(w.buffer)[0]); }
  }
  return Float64Array.from(out.slice(0, n - (n % 2)));
}

const refs: Record<string, (x: number) => number> = {
  exp: Math.exp, expm1: Math.expm1, tanh: Math.tanh, sigmoid: (x) => 1 / (1 + Math.exp(-x)),
};

// These test the WebAssembly code itself: with REGLAB_KERNEL=js there is none to test.
describe.skipIf(process.env.REGLAB_KERNEL === 'js')('wasm exp/tanh/sigmoid = V8 Math, bit for bit', () => {
  const k = wasmKernels()!;
  const xs = inputs(120_000, new Rng(7));
  const src = homeFloats(xs.length), dst = homeFloats(xs.length);
  src.set(xs);
  for (const [fn, ref] of Object.entries(refs)) {
    const want = xs.map(ref);
    it(`${fn}, scalar`, () => {
      k.x[`${fn}Map`](src.byteOffset, dst.byteOffset, xs.length);
      const i = firstDifference(dst, want);
      expect(i, `${fn}(${xs[i]}): wasm ${dst[i]}, Math ${want[i]}`).toBe(-1);
    });
    if (fn !== 'expm1') it(`${fn}, f64x2`, () => {
      dst.fill(0);
      k.x[`${fn}MapV`](src.byteOffset, dst.byteOffset, xs.length);
      const i = firstDifference(dst, want);
      expect(i, `${fn}(${xs[i]}): wasm ${dst[i]}, Math ${want[i]}`).toBe(-1);
    });
  }
  it('the comparison bites: a one-ulp change of the input changes some results', () => {
    const want = xs.map((x) => Math.exp(nudge(x, 1)));
    k.x.expMapV(src.byteOffset, dst.byteOffset, xs.length);
    expect(firstDifference(dst, want)).toBeGreaterThanOrEqual(0);
  });
});
