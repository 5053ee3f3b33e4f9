import { describe, expect, it } from 'vitest';
import { batchAt, batchCount, batches, stepsPerStream, toTimeMajor } from '../../../src/lib/data/batches';

// tokens 0..22 (S = 23): with N = 2 streams, L = floor(22 / 2) = 11 steps each.
const tokens = Int32Array.from({ length: 23 }, (_, i) => i);

describe('batches', () => {
  it('splits the stream into N contiguous streams and walks them T steps at a time', () => {
    expect(stepsPerStream(23, 2)).toBe(11);
    const all = [...batches(tokens, 2, 4)];
    expect(all.map((b) => b.T)).toEqual([4, 4, 3]);
    expect(batchCount(23, 2, 4)).toBe(3);
    // batch 1: stream 0 steps 4..7, stream 1 (starting at token 11) steps 4..7
    expect(Array.from(all[1].x)).toEqual([4, 5, 6, 7, 15, 16, 17, 18]);
    expect(Array.from(all[1].y)).toEqual([5, 6, 7, 8, 16, 17, 18, 19]);
    // the last (short) batch ends with the last target of each stream
    expect(Array.from(all[2].x)).toEqual([8, 9, 10, 19, 20, 21]);
    expect(Array.from(all[2].y)).toEqual([9, 10, 11, 20, 21, 22]);
  });

  it('carries on where the previous batch stopped (state carry-over is valid)', () => {
    const all = [...batches(tokens, 2, 4)];
    for (let k = 1; k < all.length; k++) {
      for (let n = 0; n < 2; n++) {
        const prevLastY = all[k - 1].y[n * all[k - 1].T + all[k - 1].T - 1];
        expect(all[k].x[n * all[k].T]).toBe(prevLastY);
      }
    }
  });

  it('drops the short last batch on request', () => {
    expect([...batches(tokens, 2, 4, { dropLast: true })].length).toBe(2);
    expect(batchCount(23, 2, 4, { dropLast: true })).toBe(2);
  });

  it('gives clear errors on bad sizes and empty data', () => {
    expect(() => [...batches(tokens, 0, 4)]).toThrow(/N \(streams\)/);
    expect(() => [...batches(tokens, 2, 1.5)]).toThrow(/T \(unroll\)/);
    expect(() => [...batches(new Int32Array(1), 1, 4)]).toThrow(/empty data/);
    expect(() => [...batches(tokens, 30, 4)]).toThrow(/too short for N=30/);
    expect(() => batchAt(tokens, 2, 4, 3)).toThrow(/out of range/);
  });

  it('toTimeMajor reorders a batch so step t is rows t*N .. t*N+N-1', () => {
    // N = 2 streams, T = 3 steps: stream 0 is 1 2 3, stream 1 is 4 5 6
    expect(Array.from(toTimeMajor([1, 2, 3, 4, 5, 6], 2, 3))).toEqual([1, 4, 2, 5, 3, 6]);
    expect(() => toTimeMajor([1, 2, 3], 2, 3)).toThrow(/N\*T = 6/);
  });
});
