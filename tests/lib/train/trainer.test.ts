import { describe, expect, it } from 'vitest';
import { train, TrainOptions } from '../../../src/lib/train/trainer';
import { EarlyStopping } from '../../../src/lib/train/early-stopping';
import { namesDataset } from '../../../src/lib/data/dataset';
import { diagnose } from '../../../src/lib/train/diagnose';
import { CharLMConfig, initCharLM } from '../../../src/lib/model/char-lm';
import { Rng } from '../../../src/lib/numbers/rng';
import { toArray } from '../../../src/lib/numbers/tensor';

const data = namesDataset({ seed: 1, maxTrainNames: 400 });
const model: CharLMConfig = { vocabSize: data.vocab.size, embedDim: 8, hiddenSize: 16, layerNorm: false, keepProb: 1 };
const base = (extra: Partial<TrainOptions> = {}): TrainOptions => ({
  model, data: { train: data.tokens.train, val: data.tokens.val }, epochs: 3, batchSize: 8, unroll: 16, seed: 5, ...extra,
});
const strip = (h: { seconds: number }[]) => h.map(({ seconds, ...rest }) => rest);

describe('train', () => {
  it('records every field per epoch, learns, and is deterministic for a seed', () => {
    const a = train(base());
    const b = train(base());
    expect(strip(a.history)).toEqual(strip(b.history));
    expect(toArray(a.params.Wy)).toEqual(toArray(b.params.Wy));
    expect(a.history.map((r) => r.epoch)).toEqual([1, 2, 3]);
    for (const r of a.history) {
      for (const key of ['trainLoss', 'valLoss', 'weightNorm', 'gradNorm', 'lr', 'seconds'] as const) expect(Number.isFinite(r[key])).toBe(true);
      expect(r.lr).toBe(0.002);
      expect(r.penalty).toBe(0);
    }
    expect(a.history[2].trainLoss).toBeLessThan(a.history[0].trainLoss);
    expect(a.history[2].valLoss).toBeLessThan(a.history[0].valLoss);
    expect(a.bestValLoss).toBe(Math.min(...a.history.map((r) => r.valLoss)));
    expect(a.stoppedEpoch).toBe(null);
    expect(train(base({ seed: 6 })).history[0].trainLoss).not.toBe(a.history[0].trainLoss);
  });

  it('does not change the initial params it is given', () => {
    const init = initCharLM(model, new Rng(3));
    const before = toArray(init.Wy);
    const r = train(base({ params: init, epochs: 1 }));
    expect(toArray(init.Wy)).toEqual(before);
    expect(toArray(r.params.Wy)).not.toEqual(before);
  });

  it('early stopping stops the run and hands back the best epoch weights', () => {
    // minDelta 10: only the first epoch can count as an improvement, so patience 1 stops after epoch 2
    const es = new EarlyStopping({ patience: 1, minDelta: 10, restoreBestWeights: true });
    const r = train(base({ epochs: 5, earlyStopping: es }));
    expect(r.history.length).toBe(2);
    expect(r.stoppedEpoch).toBe(2);
    expect(r.stopReason).toMatch(/early stopping \(patience\)/);
    expect(r.paramsEpoch).toBe(1);
    expect(toArray(r.params.Wh)).toEqual(toArray(train(base({ epochs: 1 })).params.Wh));
    expect(toArray(r.finalParams.Wh)).toEqual(toArray(train(base({ epochs: 2 })).params.Wh)); // the stop epoch's weights
    expect(r.earlyStopping!.log.length).toBe(2);
  });

  it('L2 adds a penalty and shrinks the weights; clipping is counted and the pre-clip norm recorded', () => {
    const plain = train(base({ epochs: 2 }));
    const l2 = train(base({ epochs: 2, l2: 0.01 }));
    expect(l2.history[1].penalty).toBeGreaterThan(0);
    expect(l2.history[1].weightNorm).toBeLessThan(plain.history[1].weightNorm);
    const first: number[] = [];
    const clipped = train(base({ epochs: 1, clip: 1e-3, callbacks: { onBatch: (i) => i.batch === 0 && first.push(i.gradNorm) } }));
    train(base({ epochs: 1, callbacks: { onBatch: (i) => i.batch === 0 && first.push(i.gradNorm) } }));
    expect(first[0]).toBe(first[1]);
    expect(clipped.history[0].clippedShare).toBe(1);
  });

  it('maxBatchesPerEpoch, lrSchedule, evalTrain, optimizer specs and onEpochEnd returning true', () => {
    const seen: number[] = [];
    const r = train(base({
      epochs: 4, maxBatchesPerEpoch: 2, evalTrain: true, optimizer: { kind: 'sgd', lr: 0.5, momentum: 0.9 },
      lrSchedule: (epoch, lr0) => lr0 / epoch,
      callbacks: { onBatch: (i) => seen.push(i.batches), onEpochEnd: (rec) => rec.epoch === 3 },
    }));
    expect(seen.every((n) => n === 2)).toBe(true);
    expect(r.history.map((h) => h.lr)).toEqual([0.5, 0.25, 0.5 / 3]);
    expect(r.history.every((h) => Number.isFinite(h.trainEvalLoss))).toBe(true);
    expect(r.stoppedEpoch).toBe(3);
    expect(r.stopReason).toMatch(/onEpochEnd/);
  });

  it('stops on a NaN loss without updating, and diagnose calls it unstable', () => {
    const init = initCharLM(model, new Rng(3));
    init.Wy.data[0] = NaN;
    const r = train(base({ params: init }));
    expect(r.history.length).toBe(1);
    expect(r.history[0].trainLoss).toBeNaN();
    expect(r.stopReason).toMatch(/non-finite loss at epoch 1, batch 0/);
    expect(diagnose(r.history).verdict).toBe('unstable');
  });

  it('gives clear errors for bad options', () => {
    expect(() => train(base({ epochs: 0 }))).toThrow(/epochs/);
    expect(() => train(base({ batchSize: 2.5 }))).toThrow(/batchSize/);
    expect(() => train(base({ clip: 0 }))).toThrow(/clip/);
    expect(() => train(base({ l2: -1 }))).toThrow(/l2/);
    expect(() => train(base({ data: { train: new Int32Array(1), val: data.tokens.val } }))).toThrow(/empty data/);
    expect(() => train(base({ model: { ...model, vocabSize: 5 } }))).toThrow(/outside the vocabulary/);
  });
});
