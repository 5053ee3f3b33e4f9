import { describe, expect, it } from 'vitest';
import { buildVocab, decodeTokens, encodeName, encodeNames, END_TOKEN } from '../../../src/lib/data/vocab';

describe('vocab', () => {
  const vocab = buildVocab(['emma', 'bo']);

  it('puts the end token first and the characters after it, sorted', () => {
    expect(vocab.chars).toEqual(['.', 'a', 'b', 'e', 'm', 'o']);
    expect(vocab.size).toBe(6);
    expect(vocab.index['.']).toBe(END_TOKEN);
    expect(vocab.index['m']).toBe(4);
  });

  it('encodes names into one stream starting and separated by the end token', () => {
    const s = encodeNames(['emma', 'bo'], vocab);
    expect(Array.from(s)).toEqual([0, 3, 4, 4, 1, 0, 2, 5, 0]);
    expect(decodeTokens(s, vocab)).toBe('.emma.bo.');
    expect(encodeName('bob', vocab)).toEqual([2, 5, 2]);
  });

  it('gives clear errors on empty data and unknown characters', () => {
    expect(() => buildVocab([])).toThrow(/empty data/);
    expect(() => buildVocab(['a.b'])).toThrow(/end-of-name/);
    expect(() => encodeNames([], vocab)).toThrow(/empty data/);
    expect(() => encodeName('zed', vocab)).toThrow(/'z'.*not in the vocabulary/);
    expect(() => decodeTokens([9], vocab)).toThrow(/outside/);
  });
});
