/**
 * Training runs on views of the kernels' shared memory, but nothing a learner receives is one:
 * initCharLM's parameters, train's params and finalParams, and what an early-stopping monitor is
 * handed each epoch are ordinary arrays. Why: structuredClone of a view of a SharedArrayBuffer shares
 * the bytes, so a learner's `best = structuredClone(params)` (a valid answer in notebook 04) would
 * follow the live weights and restore nothing.
 */
import { describe, expect, it } from 'vitest';
import { namesDataset } from '../../../src/lib/data/dataset';
import { CharLMConfig, CharLMParams, initCharLM } from '../../../src/lib/model/char-lm';
import { Rng } from '../../../src/lib/numbers/rng';
import type { Params } from '../../../src/lib/numbers/tensor';
import { EarlyStopping, EarlyStoppingDecision } from '../../../src/lib/train/early-stopping';
import { train } from '../../../src/lib/train/trainer';

const data = namesDataset({ seed: 0, maxTrainNames: 60, maxValNames: 30 });
const model: CharLMConfig = { vocabSize: data.vocab.size, embedDim: 4, hiddenSize: 8, layerNorm: false, keepProb: 1 };
const plain = (p: Params) => Object.values(p).every((m) => m.data.buffer instanceof ArrayBuffer);

/** A monitor that snapshots with structuredClone, as a learner may. */
class CloningMonitor extends EarlyStopping {
  snaps: Params[] = [];
  override update(epoch: number, logs: Parameters<EarlyStopping['update']>[1], params?: Params): EarlyStoppingDecision {
    if (params) this.snaps.push(structuredClone(params));
    return super.update(epoch, logs, params);
  }
}

describe('what training hands out is ordinary arrays', () => {
  it('initCharLM, params, finalParams and the monitor\'s params; structuredClone snapshots stay put', () => {
    expect(plain(initCharLM(model, new Rng(1)))).toBe(true);
    const es = new CloningMonitor({ patience: 5, restoreBestWeights: true });
    const r = train({ model, data: { train: data.tokens.train, val: data.tokens.val }, epochs: 3, batchSize: 4, unroll: 8, seed: 1, earlyStopping: es });
    expect(plain(r.params) && plain(r.finalParams)).toBe(true);
    expect(es.snaps).toHaveLength(3);
    for (const s of es.snaps) expect(plain(s)).toBe(true);
    const w = (p: Params) => Array.from(p.Wh.data.subarray(0, 4));
    expect(w(es.snaps[0])).not.toEqual(w(es.snaps[2])); // each epoch's own weights, not the live ones
    expect(w(es.snaps[2])).toEqual(w(r.finalParams as CharLMParams));
  });
});
