import { describe, expect, it } from 'vitest';
import { memorization } from '../../../src/lib/generate/memorization';

describe('memorization', () => {
  it('counts verbatim training names, novel names, held-out hits and empties', () => {
    const m = memorization(['emma', 'emma', 'zorb', 'liam', '', 'ava'], ['emma', 'ava', 'noah'], ['liam']);
    expect(m).toEqual({ total: 6, copied: 3, share: 0.5, novel: 3, unique: 5, copiedNames: ['ava', 'emma'], heldOut: 1, empty: 1 });
  });

  it('accepts a Set of training names and refuses no samples', () => {
    expect(memorization(['a'], new Set(['a'])).share).toBe(1);
    expect(() => memorization([], ['a'])).toThrow(/no samples/);
  });
});
