import { describe, it, expect } from 'vitest';
import { Rng } from '../../../src/lib/numbers/rng';
import { fromFlat, zeros } from '../../../src/lib/numbers/tensor';
import type { Batch } from '../../../src/lib/data/batches';
import { numericalGradients, relError, relErrors } from '../../../src/lib/numbers/gradcheck';
import { CharLMConfig, CharLMParams, LMState, charLMBackward, charLMForward, charLMStep, initCharLM, paramKind } from '../../../src/lib/model/char-lm';
import { softmaxCrossEntropyForward } from '../../../src/lib/layers/softmax-cross-entropy';
import { loadTorchFixtures, maxAbsDiff, toMatrices, toMatrix } from '../../fixtures/torch/load';

function randomBatch(rng: Rng, N: number, T: number, V: number): Batch {
  const x = new Int32Array(N * T), y = new Int32Array(N * T);
  for (let i = 0; i < N * T; i++) { x[i] = rng.int(V); y[i] = rng.int(V); }
  return { N, T, x, y };
}

const small = (over: Partial<CharLMConfig> = {}): CharLMConfig =>
  ({ vocabSize: 6, embedDim: 3, hiddenSize: 4, layerNorm: false, keepProb: 1, ...over });

describe('char LM against PyTorch', () => {
  for (const [key, layerNorm] of [['char_lm', false], ['char_lm_ln', true]] as const) {
    it(`${layerNorm ? 'LN-LSTM' : 'LSTM'}: loss, final state and every gradient match autograd`, () => {
      const fx = loadTorchFixtures()[key];
      const params = toMatrices(fx.params) as CharLMParams;
      const config: CharLMConfig = { vocabSize: fx.V, embedDim: fx.D, hiddenSize: fx.H, layerNorm, keepProb: 1 };
      // The fixture's tokens are batch-major (x[n, t], as PyTorch's (N, T) tensor); reglab's batches are time-major.
      const timeMajor = (v: number[]) => Int32Array.from({ length: fx.N * fx.T }, (_, k) => v[(k % fx.N) * fx.T + Math.floor(k / fx.N)]);
      const batch: Batch = { N: fx.N, T: fx.T, x: timeMajor(fx.x), y: timeMajor(fx.y) };
      const prev: LMState = { h: toMatrix(fx.h0), c: toMatrix(fx.c0) };
      const { loss, state, cache } = charLMForward(params, config, batch, prev, 'train', new Rng(0));
      expect(Math.abs(loss - fx.loss)).toBeLessThan(1e-13);
      expect(maxAbsDiff(state.h, toMatrix(fx.hT))).toBeLessThan(1e-13);
      expect(maxAbsDiff(state.c, toMatrix(fx.cT))).toBeLessThan(1e-13);
      const grads = charLMBackward(cache);
      expect(Object.keys(grads)).toEqual(Object.keys(params));
      for (const k of Object.keys(params)) expect(relError(grads[k], toMatrix(fx.grads[k])), k).toBeLessThan(1e-9);
    });
  }
});

describe('char LM gradient check (float64, rel. error < 1e-7)', () => {
  const cases: [string, Partial<CharLMConfig>][] = [
    ['LSTM', {}],
    ['LN-LSTM', { layerNorm: true }],
    ['LSTM with dropout', { keepProb: 0.7 }],
    ['LN-LSTM with variational dropout', { layerNorm: true, keepProb: 0.6, variational: true }],
  ];
  for (const [name, over] of cases) {
    it(name, () => {
      const config = small(over);
      const rng = new Rng(40);
      const params = initCharLM(config, rng);
      const batch = randomBatch(rng, 3, 4, config.vocabSize);
      const state = () => fromFlat(3, 4, Array.from({ length: 12 }, () => rng.normal(0, 0.5)));
      const prev: LMState = { h: state(), c: state() }; // a carried-over state, so dh0/dc0 paths are live
      // the same dropout seed on every call gives the same masks, so the loss is a smooth function of the params
      const loss = () => charLMForward(params, config, batch, prev, 'train', new Rng(7)).loss;
      const analytic = charLMBackward(charLMForward(params, config, batch, prev, 'train', new Rng(7)).cache);
      // the five-point stencil: the mean loss has small gradients that the 2-point difference would blur
      const numeric = numericalGradients(loss, params, { stencil: 5 });
      const errors = relErrors(analytic, numeric);
      for (const [k, e] of Object.entries(errors)) expect(e, `${k}: ${JSON.stringify(errors)}`).toBeLessThan(1e-7);
    });
  }
});

describe('char LM behaviour', () => {
  it('initializes as documented: shapes, forget bias 1, zero biases, unit gains, seeded', () => {
    const config = small({ layerNorm: true });
    const p = initCharLM(config, new Rng(1));
    const H = 4;
    expect(Object.fromEntries(Object.entries(p).map(([k, m]) => [k, [m.rows, m.cols]]))).toEqual({
      E: [6, 3], Wx: [3, 16], Wh: [4, 16], b: [1, 16], gx: [1, 16], bx: [1, 16], gh: [1, 16], bh: [1, 16], gc: [1, 4], bc: [1, 4], Wy: [4, 6], by: [1, 6],
    });
    expect(Array.from(p.b.data)).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0].map((v, i) => (i >= H && i < 2 * H ? 1 : v)));
    for (const k of ['gx', 'gh', 'gc']) expect(p[k].data.every((v) => v === 1)).toBe(true);
    for (const k of ['bx', 'bh', 'bc', 'by']) expect(p[k].data.every((v) => v === 0)).toBe(true);
    expect(p.Wh.data.every((v) => Math.abs(v) <= 1 / Math.sqrt(H))).toBe(true);
    expect(p.Wx.data.every((v) => Math.abs(v) <= 1 / Math.sqrt(3))).toBe(true);
    expect(initCharLM(config, new Rng(1)).Wh.data).toEqual(p.Wh.data);
    expect(initCharLM(config, new Rng(2)).Wh.data).not.toEqual(p.Wh.data);
  });

  it('paramKind sorts the parameters for weight decay', () => {
    expect(['E', 'Wx', 'Wh', 'b', 'gx', 'bx', 'gh', 'bh', 'gc', 'bc', 'Wy', 'by'].map(paramKind)).toEqual(
      ['embedding', 'weight', 'weight', 'bias', 'norm', 'norm', 'norm', 'norm', 'norm', 'norm', 'weight', 'bias']);
    expect(() => paramKind('W')).toThrow(/unknown parameter 'W'/);
  });

  it('starts near log V, and the state carries across batches exactly (truncated BPTT)', () => {
    for (const layerNorm of [false, true]) {
      const config = small({ layerNorm, vocabSize: 9 });
      const rng = new Rng(50);
      const p = initCharLM(config, rng);
      const N = 2, T = 6;
      const whole = randomBatch(rng, N, T, 9);
      const full = charLMForward(p, config, whole, null, 'eval', rng);
      expect(Math.abs(full.loss - Math.log(9))).toBeLessThan(0.5);
      const half = (k: number): Batch => {
        const x = new Int32Array(N * 3), y = new Int32Array(N * 3);
        for (let n = 0; n < N; n++) for (let t = 0; t < 3; t++) { x[t * N + n] = whole.x[(k * 3 + t) * N + n]; y[t * N + n] = whole.y[(k * 3 + t) * N + n]; }
        return { N, T: 3, x, y };
      };
      const a = charLMForward(p, config, half(0), null, 'eval', rng);
      const b = charLMForward(p, config, half(1), a.state, 'eval', rng);
      expect(Math.abs((a.loss + b.loss) / 2 - full.loss)).toBeLessThan(1e-14);
      expect(maxAbsDiff(b.state.h, full.state.h)).toBe(0);
    }
  });

  it('charLMStep gives the same logits, one step at a time, as the eval forward pass', () => {
    const config = small({ layerNorm: true, keepProb: 0.5 });
    const rng = new Rng(60);
    const p = initCharLM(config, rng);
    const N = 3, T = 4;
    const batch = randomBatch(rng, N, T, config.vocabSize);
    const ref = charLMForward(p, config, batch, null, 'eval', rng);
    let state: LMState | null = null, sum = 0;
    for (let t = 0; t < T; t++) {
      const tokens = batch.x.slice(t * N, (t + 1) * N); // time-major: step t is one block
      const out = charLMStep(p, config, tokens, state);
      expect([out.logits.rows, out.logits.cols]).toEqual([N, config.vocabSize]);
      sum += softmaxCrossEntropyForward(out.logits, batch.y.slice(t * N, (t + 1) * N)).loss;
      state = out.state;
    }
    expect(Math.abs(sum / T - ref.loss)).toBeLessThan(1e-14);
    expect(maxAbsDiff(state!.c, ref.state.c)).toBe(0);
  });

  it('eval mode draws no random numbers; train mode with dropout does and changes the loss', () => {
    const config = small({ keepProb: 0.5 });
    const rng = new Rng(70);
    const p = initCharLM(config, rng);
    const batch = randomBatch(rng, 2, 3, config.vocabSize);
    const before = rng.getState();
    const evalLoss = charLMForward(p, config, batch, null, 'eval', rng).loss;
    expect(rng.getState()).toEqual(before);
    const trainLoss = charLMForward(p, config, batch, null, 'train', rng).loss;
    expect(rng.getState()).not.toEqual(before);
    expect(trainLoss).not.toBe(evalLoss);
    // keepProb 1: train equals eval
    const off = small();
    const q = initCharLM(off, new Rng(3));
    expect(charLMForward(q, off, batch, null, 'train', new Rng(4)).loss).toBe(charLMForward(q, off, batch, null, 'eval', new Rng(5)).loss);
  });

  it('bad arguments give clear errors', () => {
    const config = small();
    const p = initCharLM(config, new Rng(1));
    const batch = randomBatch(new Rng(2), 2, 3, 6);
    const rng = new Rng(3);
    const wrong: CharLMParams = { ...p, Wh: zeros(4, 12) };
    expect(() => charLMForward(wrong, config, batch, null, 'train', rng)).toThrow(/parameter 'Wh' must be \(4, 16\) for this config, got \(4, 12\)/);
    expect(() => charLMForward(p, { ...config, layerNorm: true }, batch, null, 'train', rng)).toThrow(/missing parameter 'gx'.*layerNorm/);
    expect(() => charLMForward(p, { ...config, keepProb: 0 }, batch, null, 'train', rng)).toThrow(/keepProb must be in \(0, 1\]/);
    expect(() => charLMForward(p, { ...config, keepProb: 1.2 }, batch, null, 'train', rng)).toThrow(RangeError);
    expect(() => charLMForward(p, config, { ...batch, T: 4 }, null, 'train', rng)).toThrow(/N\*T = 8 tokens, got 6 and 6/);
    expect(() => charLMForward(p, config, { ...batch, x: Int32Array.from([0, 1, 2, 3, 4, 6]) }, null, 'train', rng)).toThrow(/token 6 .* outside the vocabulary/);
    expect(() => charLMForward(p, config, batch, { h: zeros(3, 4), c: zeros(3, 4) }, 'train', rng)).toThrow(/h0: expected shape \(2, 4\), got \(3, 4\)/);
    expect(() => initCharLM({ ...config, hiddenSize: 0 }, rng)).toThrow(/hiddenSize must be a positive integer/);
    expect(() => charLMStep(p, config, new Int32Array(0), null)).toThrow(/no tokens/);
  });
});
