/**
 * The two-thread step (threads: 2): the same numbers on every run for a seed, close to the one-thread
 * numbers (the same model and data, only the sums split in two and dropout drawn from two generators),
 * and clear errors.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { namesDataset } from '../../../src/lib/data/dataset';
import { CharLMConfig } from '../../../src/lib/model/char-lm';
import { train, TrainOptions } from '../../../src/lib/train/trainer';
import { kernelKind } from '../../../src/lib/kernels/kernels';
import { batchAt } from '../../../src/lib/data/batches';
import { streams } from '../../../src/lib/train/two-threads';

const data = namesDataset({ seed: 0, maxTrainNames: 300, maxValNames: 60 });

function run(threads: 1 | 2, layerNorm: boolean, keepProb: number) {
  const model: CharLMConfig = { vocabSize: data.vocab.size, embedDim: 8, hiddenSize: 16, layerNorm, keepProb };
  const opts: TrainOptions = { model, data: { train: data.tokens.train, val: data.tokens.val }, epochs: 2, batchSize: 9, unroll: 8, clip: 5, seed: 3, threads,
    optimizer: { kind: 'adamw', lr: 3e-3, weightDecay: 0.1 }, l2: 1e-4 };
  const r = train(opts);
  const h = createHash('sha256');
  h.update(JSON.stringify(r.history.map(({ seconds, ...rest }) => rest)));
  for (const k of Object.keys(r.params).sort()) h.update(Buffer.from(r.params[k as keyof typeof r.params].data.slice().buffer));
  return { hash: h.digest('hex'), history: r.history };
}

describe.runIf(kernelKind() === 'wasm')('threads: 2', () => {
  it('is deterministic for a seed (plain and LN-LSTM, with dropout), and close to one thread', () => {
    for (const [ln, keep] of [[false, 1], [true, 0.8]] as const) {
      const a = run(2, ln, keep), b = run(2, ln, keep), one = run(1, ln, keep);
      expect(a.hash).toBe(b.hash);
      expect(a.hash).not.toBe(one.hash);
      // without dropout only the summation order differs: the losses agree to rounding
      if (keep === 1) a.history.forEach((r, i) => expect(Math.abs(r.trainLoss - one.history[i].trainLoss)).toBeLessThan(1e-9));
      else a.history.forEach((r, i) => expect(Math.abs(r.valLoss - one.history[i].valLoss)).toBeLessThan(0.1));
    }
  }, 120_000);

  it('splits a time-major batch by streams', () => {
    const b = batchAt(data.tokens.train, 5, 4, 0);
    const s = streams(b, 3, 5);
    expect(s.N).toBe(2);
    for (let t = 0; t < 4; t++) for (let n = 0; n < 2; n++) expect(s.x[t * 2 + n]).toBe(b.x[t * 5 + 3 + n]);
  });

  it('says what is wrong', () => {
    const model: CharLMConfig = { vocabSize: data.vocab.size, embedDim: 4, hiddenSize: 4, layerNorm: false, keepProb: 1 };
    const base = { model, data: { train: data.tokens.train, val: data.tokens.val }, epochs: 1 };
    expect(() => train({ ...base, threads: 3 as 2 })).toThrow(/threads must be 1 or 2/);
    expect(() => train({ ...base, threads: 2, batchSize: 1 })).toThrow(/at least 2 streams/);
    // a learner's own layer is a function of this thread: the worker cannot call it, so it is refused, not dropped
    const own = { forward: (x: { rows: number; cols: number; data: Float64Array }) => ({ out: x, cache: null }), backward: (d: { rows: number; cols: number; data: Float64Array }) => ({ dx: d }) };
    expect(() => train({ ...base, threads: 2, layers: { dropout: own } })).toThrow(/threads: 2 cannot run your own layers.*threads: 1/);
    expect(() => train({ ...base, threads: 1, layers: { dropout: own } })).not.toThrow();
  });
});
