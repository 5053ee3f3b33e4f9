import { describe, expect, it } from 'vitest';
import { namesDataset } from '../../../src/lib/data/dataset';
import { decodeTokens, encodeNames } from '../../../src/lib/data/vocab';

describe('namesDataset', () => {
  const d = namesDataset({ seed: 3 });

  it('splits the de-duplicated names 80/10/10 and encodes each part', () => {
    const { stats } = d;
    expect(stats.unique).toBe(stats.total - stats.duplicates);
    expect(stats.train + stats.val + stats.test).toBe(stats.unique);
    expect(Math.abs(stats.train / stats.unique - 0.8)).toBeLessThan(0.001);
    expect(d.vocab.chars[0]).toBe('.');
    expect(d.vocab.size).toBe(28); // '.', '-', a..z
    expect(decodeTokens(d.tokens.val, d.vocab)).toBe('.' + d.names.val.join('.') + '.');
  });

  it('is deterministic for a seed and can cap the training names', () => {
    expect(namesDataset({ seed: 3 }).names).toEqual(d.names);
    const small = namesDataset({ seed: 3, maxTrainNames: 500 });
    expect(small.names.train).toEqual(d.names.train.slice(0, 500));
    expect(small.names.val).toEqual(d.names.val);
    expect(() => namesDataset({ maxTrainNames: 0 })).toThrow(/maxTrainNames/);
  });

  it('can cap the validation names, encoding and counting only those', () => {
    const small = namesDataset({ seed: 3, maxValNames: 50 });
    expect(small.names.val).toEqual(d.names.val.slice(0, 50));
    expect(small.tokens.val).toEqual(encodeNames(d.names.val.slice(0, 50), d.vocab));
    expect(small.stats.val).toBe(50);
    expect(small.names.train).toEqual(d.names.train);
    expect(() => namesDataset({ maxValNames: 1.5 })).toThrow(/maxValNames/);
  });
});
