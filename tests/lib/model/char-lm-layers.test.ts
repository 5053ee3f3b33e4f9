/**
 * The char LM with the learner's own layers (CharLMLayers): the library's dropout passed in as a
 * pluggable layer gives the same numbers bit for bit as none, the library's layer norm the same to
 * rounding (it sums dgamma per call, the row kernels per row: another order); a layer norm written
 * the notebook-02 way (its own loops and cache) gives the same loss and gradients to rounding (the
 * row-kernel path's gradients are checked numerically in char-lm.test.ts); the layers passed in are the ones
 * that run (counted calls); the trainer and the evaluation carry them through.
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/lib/numbers/rng';
import { Matrix, Params, zeros } from '../../../src/lib/numbers/tensor';
import { relError } from '../../../src/lib/numbers/gradcheck';
import { namesDataset } from '../../../src/lib/data/dataset';
import { batchAt } from '../../../src/lib/data/batches';
import { CharLMConfig, CharLMLayers, LMState, charLMBackward, charLMForward, charLMStep, initCharLM } from '../../../src/lib/model/char-lm';
import { DropoutLayer, LayerNormLayer, libraryDropout, libraryLayerNorm } from '../../../src/lib/layers/pluggable';
import { train } from '../../../src/lib/train/trainer';
import { evaluateLoss } from '../../../src/lib/train/evaluate';

const data = namesDataset({ seed: 0, maxTrainNames: 60, maxValNames: 30 });
const cfg = (layerNorm: boolean, keepProb: number): CharLMConfig => ({ vocabSize: data.vocab.size, embedDim: 6, hiddenSize: 5, layerNorm, keepProb });

/** Notebook 02's solution: its own loops, a cache of { xhat, rstd, gamma }. */
interface NotebookLNCache { xhat: Matrix; rstd: Float64Array; gamma: Matrix }
const notebookLayerNorm: LayerNormLayer<NotebookLNCache> = {
  forward(x, gamma, beta, eps) {
    const N = x.rows, H = x.cols, out = zeros(N, H), xhat = zeros(N, H), rstd = new Float64Array(N);
    for (let n = 0; n < N; n++) {
      let mean = 0;
      for (let k = 0; k < H; k++) mean += x.data[n * H + k];
      mean /= H;
      let variance = 0;
      for (let k = 0; k < H; k++) variance += (x.data[n * H + k] - mean) ** 2;
      variance /= H;
      rstd[n] = 1 / Math.sqrt(variance + eps);
      for (let k = 0; k < H; k++) {
        const a = (x.data[n * H + k] - mean) * rstd[n];
        xhat.data[n * H + k] = a;
        out.data[n * H + k] = gamma.data[k] * a + beta.data[k];
      }
    }
    return { out, cache: { xhat, rstd, gamma } };
  },
  backward(dout, { xhat, rstd, gamma }) {
    const N = dout.rows, H = dout.cols, dx = zeros(N, H), dgamma = zeros(1, H), dbeta = zeros(1, H);
    for (let n = 0; n < N; n++) {
      let mg = 0, mga = 0;
      for (let k = 0; k < H; k++) {
        const g = dout.data[n * H + k], a = xhat.data[n * H + k];
        dbeta.data[k] += g;
        dgamma.data[k] += g * a;
        mg += gamma.data[k] * g;
        mga += gamma.data[k] * g * a;
      }
      mg /= H; mga /= H;
      for (let k = 0; k < H; k++) dx.data[n * H + k] = rstd[n] * (gamma.data[k] * dout.data[n * H + k] - mg - xhat.data[n * H + k] * mga);
    }
    return { dx, dgamma, dbeta };
  },
};

/** Three train-mode steps with the state carried: losses and gradients. */
function steps(config: CharLMConfig, layers?: CharLMLayers, params = initCharLM(config, new Rng(3))): { losses: number[]; grads: Params[] } {
  const rng = new Rng(5);
  let state: LMState | null = null;
  const losses: number[] = [], grads: Params[] = [];
  for (let k = 0; k < 3; k++) {
    const f = charLMForward(params, config, batchAt(data.tokens.train, 4, 7, k), state, 'train', rng, layers);
    losses.push(f.loss);
    grads.push(charLMBackward(f.cache));
    state = f.state;
  }
  return { losses, grads };
}

describe('char LM with pluggable layers', () => {
  it.each([[false, 0.7], [true, 0.7]])('the library dropout passed in changes nothing, bit for bit (layerNorm %s, keep %s)', (layerNorm, keepProb) => {
    const config = cfg(layerNorm, keepProb);
    expect(steps(config, { dropout: libraryDropout })).toEqual(steps(config));
  });

  it.each([[1], [0.7]])('the library layer norm passed in changes nothing beyond rounding (keep %s)', (keepProb) => {
    const config = cfg(true, keepProb);
    const mine = steps(config, { dropout: libraryDropout, layerNorm: libraryLayerNorm }), lib = steps(config);
    mine.losses.forEach((l, k) => expect(Math.abs(l - lib.losses[k])).toBeLessThan(1e-14));
    for (let k = 0; k < 3; k++) for (const name of Object.keys(lib.grads[k])) expect(relError(mine.grads[k][name], lib.grads[k][name]), name).toBeLessThan(1e-12);
  });

  it('a notebook-style layer norm gives the library\'s loss and gradients to rounding', () => {
    const config = cfg(true, 0.7);
    const mine = steps(config, { layerNorm: notebookLayerNorm }), lib = steps(config);
    mine.losses.forEach((l, k) => expect(Math.abs(l - lib.losses[k])).toBeLessThan(1e-12));
    for (let k = 0; k < 3; k++) for (const name of Object.keys(lib.grads[k])) expect(relError(mine.grads[k][name], lib.grads[k][name])).toBeLessThan(1e-9);
  });

  it('the layers given are the ones that run: dropout twice forward and twice backward per step, layer norm 1 + 2T times', () => {
    const calls = { df: 0, db: 0, nf: 0, nb: 0, evalDropout: 0 };
    const dropout: DropoutLayer = {
      forward(x, p, rng, mode) { calls.df++; if (mode === 'eval') calls.evalDropout++; return libraryDropout.forward(x, p, rng, mode); },
      backward(d, c) { calls.db++; return libraryDropout.backward(d, c as never); },
    };
    const layerNorm: LayerNormLayer = {
      forward(x, g, b, e) { calls.nf++; return libraryLayerNorm.forward(x, g, b, e); },
      backward(d, c) { calls.nb++; return libraryLayerNorm.backward(d, c as never); },
    };
    const config = cfg(true, 0.7);
    const T = 7;
    const f = charLMForward(initCharLM(config, new Rng(3)), config, batchAt(data.tokens.train, 4, T, 0), null, 'train', new Rng(5), { dropout, layerNorm });
    charLMBackward(f.cache);
    expect(calls).toEqual({ df: 2, db: 2, nf: 1 + 2 * T, nb: 1 + 2 * T, evalDropout: 0 });
    charLMStep(initCharLM(config, new Rng(3)), config, new Int32Array([1, 2]), null, { layerNorm });
    expect(calls.nf).toBe(1 + 2 * T + 3); // one step: x·Wx, h·Wh, c
  });

  it('the trainer and the evaluation carry the layers: same history as the library, layers that ran in both', () => {
    let evalCalls = 0;
    const dropout: DropoutLayer = { ...libraryDropout, forward(x, p, rng, mode) { if (mode === 'eval') evalCalls++; return libraryDropout.forward(x, p, rng, mode); } };
    const config = cfg(true, 0.8);
    const opts = { model: config, data: { train: data.tokens.train, val: data.tokens.val }, epochs: 2, batchSize: 4, unroll: 8, seed: 1, evalTrain: true, maxBatchesPerEpoch: 3 };
    const plain = train(opts), mine = train({ ...opts, layers: { dropout, layerNorm: libraryLayerNorm } });
    mine.history.forEach((r, i) => {
      const p = plain.history[i];
      for (const k of ['trainLoss', 'valLoss', 'trainEvalLoss', 'weightNorm', 'gradNorm'] as const) expect(Math.abs(r[k]! - p[k]!) / Math.abs(p[k]!), k).toBeLessThan(1e-11);
    });
    expect(evalCalls).toBeGreaterThan(0);
    expect(evaluateLoss(mine.params, config, data.tokens.val, { layers: { layerNorm: notebookLayerNorm } })).toBeCloseTo(evaluateLoss(mine.params, config, data.tokens.val), 10);
  });

  it('refuses a dropout of one\'s own with variational dropout', () => {
    const config = { ...cfg(false, 0.7), variational: true };
    expect(() => charLMForward(initCharLM(config, new Rng(3)), config, batchAt(data.tokens.train, 4, 7, 0), null, 'train', new Rng(5), { dropout: libraryDropout }))
      .toThrow(/variational/);
  });
});
