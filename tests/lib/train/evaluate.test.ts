import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/lib/numbers/rng';
import { buildVocab, encodeNames } from '../../../src/lib/data/vocab';
import { initCharLM, CharLMConfig } from '../../../src/lib/model/char-lm';
import { evaluateLoss } from '../../../src/lib/train/evaluate';
import { uniformLoss } from '../../../src/lib/train/baselines';

const names = ['emma', 'olivia', 'ava', 'isabella', 'sophia', 'mia', 'amelia', 'harper', 'evelyn', 'abigail', 'emily', 'ella'];
const vocab = buildVocab(names);
const tokens = encodeNames(names, vocab);
const config: CharLMConfig = { vocabSize: vocab.size, embedDim: 6, hiddenSize: 10, layerNorm: false, keepProb: 1 };

describe('evaluateLoss', () => {
  const params = initCharLM(config, new Rng(1));

  it('carries the state across batches: the unroll length does not change the loss', () => {
    const long = evaluateLoss(params, config, tokens, { N: 2, T: 1000 });
    for (const T of [1, 3, 7]) expect(evaluateLoss(params, config, tokens, { N: 2, T })).toBeCloseTo(long, 12);
  });

  it('an untrained model scores about ln V', () => {
    expect(Math.abs(evaluateLoss(params, config, tokens) - uniformLoss(vocab.size))).toBeLessThan(0.2);
  });

  it('uses fewer streams for a short stream, and can stop after maxBatches', () => {
    const short = encodeNames(['ab'], buildVocab(['ab']));
    const cfg = { ...config, vocabSize: 3 };
    expect(Number.isFinite(evaluateLoss(initCharLM(cfg, new Rng(2)), cfg, short, { N: 32 }))).toBe(true);
    const first = evaluateLoss(params, config, tokens, { N: 2, T: 4, maxBatches: 1 });
    expect(first).not.toBeCloseTo(evaluateLoss(params, config, tokens, { N: 2, T: 4 }), 6);
    expect(() => evaluateLoss(params, config, tokens, { maxBatches: 0 })).toThrow(/maxBatches/);
  });
});
