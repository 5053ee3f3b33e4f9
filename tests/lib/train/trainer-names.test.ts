// Slowish (~10-20 s): the whole training set, a few epochs, must beat the bigram baseline.
import { describe, expect, it } from 'vitest';
import { train } from '../../../src/lib/train/trainer';
import { namesDataset } from '../../../src/lib/data/dataset';
import { bigramLoss, uniformLoss } from '../../../src/lib/train/baselines';
import { diagnose } from '../../../src/lib/train/diagnose';

describe('training on the names', () => {
  it('brings validation loss below the bigram level within a few epochs', () => {
    const data = namesDataset({ seed: 0 });
    const V = data.vocab.size;
    const bigram = bigramLoss(data.tokens.train, data.tokens.val, V);
    expect(bigram).toBeGreaterThan(2.3);
    expect(bigram).toBeLessThan(uniformLoss(V));
    const r = train({
      model: { vocabSize: V, embedDim: 32, hiddenSize: 64, layerNorm: false, keepProb: 1 },
      data: { train: data.tokens.train, val: data.tokens.val },
      epochs: 4, batchSize: 32, unroll: 32, optimizer: { kind: 'adam', lr: 0.01 }, clip: 5, seed: 0,
    });
    const last = r.history[r.history.length - 1];
    expect(last.valLoss).toBeLessThan(bigram);
    expect(last.valLoss).toBeLessThan(2.3);
    expect(diagnose(r.history, { baseline: bigram }).verdict).not.toBe('underfitting');
  });
});
