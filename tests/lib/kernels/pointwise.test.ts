/**
 * The WebAssembly twins of the pointwise loops give the JS loops' bits: the four LSTM cell functions
 * (lstm-cell.ts), layer-norm rows forward and backward (in place and accumulating), addRowVector,
 * sumRows, addInto and the Adam/AdamW update, at odd and even sizes (f64x2 pairs plus a scalar tail).
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/lib/numbers/rng';
import { lstmGatesBackward, lstmGatesForward, lstmOutputBackward, lstmOutputForward } from '../../../src/lib/layers/lstm-cell';
import { layerNormRowsBackward, layerNormRowsForward } from '../../../src/lib/layers/layer-norm';
import { addInto, addRowVector, sumRows } from '../../../src/lib/layers/linear';
import { Adam, AdamW } from '../../../src/lib/optim/adam';
import { inArena, isHome, wasmCall } from '../../../src/lib/kernels/kernels';
import { softmaxCrossEntropyForward } from '../../../src/lib/layers/softmax-cross-entropy';
import { bothWays, expectSameBits, place, values } from './same-bits';

const NH: [number, number][] = [[1, 1], [2, 3], [3, 5], [4, 8], [5, 12], [32, 64], [3, 129]];

describe('wasm pointwise kernels = JS loops, bit for bit', () => {
  it('LSTM gates and output, forward and backward', () => {
    NH.forEach(([N, H], s) => {
      for (const accumulate of [false, true]) {
        const r = bothWays(() => {
          const rng = new Rng(s);
          const G = place(values(N * 4 * H, rng, s % 2 === 0, 2), true), cPrev = place(values(N * H, rng), true), c = place(new Float64Array(N * H), true);
          lstmGatesForward(N, H, G, cPrev, c);
          const tc = place(new Float64Array(N * H), true), h = place(new Float64Array(N * H), true);
          lstmOutputForward(N, H, G, c, tc, h);
          const dh = place(values(N * H, rng), true), dz = place(values(N * H, rng), true), dA = place(values(N * 4 * H, rng), true);
          lstmOutputBackward(N, H, G, tc, dh, dz, dA, accumulate);
          const dc = place(dz, true);
          lstmGatesBackward(N, H, G, cPrev, dc, dA);
          return { G, c, tc, h, dz, dA, dc };
        });
        expectSameBits(r.js, r.wasm, `cell N=${N} H=${H} accumulate=${accumulate}`);
      }
    });
  });

  it('layer-norm rows, forward (also in place) and backward (also into dout)', () => {
    for (const [R, D] of [[1, 1], [1, 5], [2, 3], [3, 8], [5, 9], [32, 48], [7, 512]]) {
      for (const mode of ['plain', 'accumulate', 'inPlace']) {
        const r = bothWays(() => {
          const rng = new Rng(R * 1000 + D);
          const x = place(values(R * D, rng, false, 3), true), gamma = place(values(D, rng), true), beta = place(values(D, rng), true);
          const out = mode === 'inPlace' ? x : place(values(R * D, rng), true);
          const mean = place(new Float64Array(R), true), rstd = place(new Float64Array(R), true);
          const x0 = place(x, true);
          layerNormRowsForward(D, x, gamma, beta, out, mean, rstd, 1e-5, mode === 'accumulate');
          const dout = place(values(R * D, rng), true), dgamma = place(values(D, rng), true), dbeta = place(values(D, rng), true);
          const dx = mode === 'inPlace' ? dout : place(values(R * D, rng), true);
          layerNormRowsBackward(D, dout, x0, mean, rstd, gamma, dx, dgamma, dbeta, mode === 'accumulate');
          return { out, mean, rstd, dx, dgamma, dbeta };
        });
        expectSameBits(r.js, r.wasm, `layer norm R=${R} D=${D} ${mode}`);
      }
    }
  });

  it('bias add, column sums, addInto', () => {
    for (const [rows, cols] of [[1, 1], [3, 5], [4, 8], [33, 29], [1024, 28]]) {
      const r = bothWays(() => {
        const rng = new Rng(rows + cols);
        const m = { rows, cols, data: place(values(rows * cols, rng, true), true) };
        addRowVector(m, { rows: 1, cols, data: place(values(cols, rng), true) });
        const s = { rows: 1, cols, data: place(values(cols, rng), true) }, s2 = { rows: 1, cols, data: place(values(cols, rng), true) };
        sumRows(m, s);
        sumRows(m, s2, true);
        const d = place(values(rows * cols, rng), true);
        addInto(d, m.data);
        return { m: m.data, s: s.data, s2: s2.data, d };
      });
      expectSameBits(r.js, r.wasm, `rows=${rows} cols=${cols}`);
    }
  });

  it('Adam and AdamW updates over several steps', () => {
    for (const make of [() => new Adam({ lr: 3e-3, weightDecay: 0.01 }), () => new AdamW({ lr: 3e-3, weightDecay: 0.1 }), () => new Adam({ lr: 1e-2 })]) {
      const r = bothWays(() => {
        const rng = new Rng(4);
        const params = { W: { rows: 7, cols: 5, data: place(values(35, rng), true) }, b: { rows: 1, cols: 3, data: place(values(3, rng), true) } };
        const opt = make();
        for (let step = 0; step < 4; step++) {
          const grads = { W: { rows: 7, cols: 5, data: place(values(35, rng, true), true) }, b: { rows: 1, cols: 3, data: place(values(3, rng), true) } };
          opt.step(params, grads);
        }
        return { W: params.W.data, b: params.b.data, mW: opt.state.m!.W.data, vW: opt.state.v!.W.data };
      });
      expectSameBits(r.js, r.wasm, 'adam');
    }
  });

  it('softmax cross-entropy forward (inside a step, where its buffers are in the kernels memory)', () => {
    for (const [M, V] of [[1, 1], [3, 5], [7, 28], [33, 29], [1024, 28]]) {
      const r = bothWays((kind) => inArena(() => {
        const rng = new Rng(M + V);
        const logits = { rows: M, cols: V, data: place(values(M * V, rng, false, 4), true) };
        logits.data[0] = NaN; // the max skips NaN in both
        const targets = Array.from({ length: M }, (_, m) => m % V);
        const { loss, cache } = softmaxCrossEntropyForward(logits, targets);
        if (kind === 'wasm') expect(isHome(cache.probs.data)).toBe(true);
        return { loss: new Float64Array([loss]), probs: cache.probs.data.slice() };
      }));
      expectSameBits(r.js, r.wasm, `softmax M=${M} V=${V}`);
    }
  });

  it('the comparisons are not vacuous: on home arrays the kernel runs, on an ordinary array the JS loop does', () => {
    const home = () => place(new Float64Array(8), true);
    expect(wasmCall('lstmGatesForward', [1, 2], [home(), home(), home()])).toBe(true);
    expect(wasmCall('lstmGatesForward', [1, 2], [home(), new Float64Array(2), home()])).toBe(false);
  });
});
