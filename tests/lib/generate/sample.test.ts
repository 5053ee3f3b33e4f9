import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/lib/numbers/rng';
import { fromArray } from '../../../src/lib/numbers/tensor';
import { sampleFromLogits, sampleNames } from '../../../src/lib/generate/sample';
import { namesDataset } from '../../../src/lib/data/dataset';
import { initCharLM, CharLMConfig } from '../../../src/lib/model/char-lm';
import { train } from '../../../src/lib/train/trainer';

const data = namesDataset({ seed: 2, maxTrainNames: 300 });
const config: CharLMConfig = { vocabSize: data.vocab.size, embedDim: 8, hiddenSize: 24, layerNorm: false, keepProb: 1 };

describe('sampleFromLogits', () => {
  it('follows softmax(logits / temperature), and temperature 0 is argmax', () => {
    const logits = fromArray([[0, Math.log(3)]]).data; // p = [1/4, 3/4]
    const rng = new Rng(9);
    let ones = 0;
    for (let i = 0; i < 4000; i++) ones += sampleFromLogits(logits, 0, 2, 1, rng);
    expect(Math.abs(ones / 4000 - 0.75)).toBeLessThan(0.03);
    let hot = 0; // temperature 2: p ~ [1, sqrt 3] -> 0.634
    for (let i = 0; i < 4000; i++) hot += sampleFromLogits(logits, 0, 2, 2, rng);
    expect(Math.abs(hot / 4000 - Math.sqrt(3) / (1 + Math.sqrt(3)))).toBeLessThan(0.03);
    expect(sampleFromLogits(logits, 0, 2, 0, rng)).toBe(1);
  });
});

describe('sampleNames', () => {
  const params = train({ model: config, data: { train: data.tokens.train, val: data.tokens.val }, epochs: 3, batchSize: 8, unroll: 16, optimizer: { kind: 'adam', lr: 0.01 } }).params;

  it('draws names from the vocabulary, seeded, at most maxLen long', () => {
    const a = sampleNames(params, config, data.vocab, new Rng(4), { count: 30, maxLen: 12 });
    expect(a.length).toBe(30);
    expect(a.every((n) => n.length <= 12 && /^[a-z-]*$/.test(n))).toBe(true);
    expect(sampleNames(params, config, data.vocab, new Rng(4), { count: 30, maxLen: 12 })).toEqual(a);
    expect(new Set(a).size).toBeGreaterThan(10);
  });

  it('is greedy at temperature 0 (every stream writes the same name)', () => {
    const g = sampleNames(params, config, data.vocab, new Rng(1), { count: 5, temperature: 0 });
    expect(new Set(g).size).toBe(1);
  });

  it('refuses bad options and a vocabulary that does not fit the model', () => {
    const p = initCharLM(config, new Rng(0));
    const rng = new Rng(0);
    expect(() => sampleNames(p, config, data.vocab, rng, { count: 0 })).toThrow(/count/);
    expect(() => sampleNames(p, config, data.vocab, rng, { temperature: -1 })).toThrow(/temperature/);
    expect(() => sampleNames(p, config, data.vocab, rng, { maxLen: 0 })).toThrow(/maxLen/);
    expect(() => sampleNames(p, { ...config, vocabSize: 5 }, data.vocab, rng)).toThrow(/vocabulary has 28 tokens, the model 5/);
  });
});
