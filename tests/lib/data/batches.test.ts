import { describe, expect, it } from 'vitest';
import { batchAt, batchCount, batches, stepsPerStream } from '../../../src/lib/data/batches';

// tokens 0..22 (S = 23): with N = 2 streams, L = floor(22 / 2) = 11 steps each.
const tokens = Int32Array.from({ length: 23 }, (_, i) => i);

describe('batches', () => {
  it('splits the stream into N contiguous streams and walks them T steps at a time', () => {
    expect(stepsPerStream(23, 2)).toBe(11);
    const all = [...batches(tokens, 2, 4)];
    expect(all.map((b) => b.T)).toEqual([4, 4, 3]);
    expect(batchCount(23, 2, 4)).toBe(3);
    // batch 1: stream 0 steps 4..7, stream 1 (starting at token 11) steps 4..7, time-major (x[t*N+n])
    expect(Array.from(all[1].x)).toEqual([4, 15, 5, 16, 6, 17, 7, 18]);
    expect(Array.from(all[1].y)).toEqual([5, 16, 6, 17, 7, 18, 8, 19]);
    // the last (short) batch ends with the last target of each stream
    expect(Array.from(all[2].x)).toEqual([8, 19, 9, 20, 10, 21]);
    expect(Array.from(all[2].y)).toEqual([9, 20, 10, 21, 11, 22]);
  });

  it('carries on where the previous batch stopped (state carry-over is valid)', () => {
    const all = [...batches(tokens, 2, 4)];
    for (let k = 1; k < all.length; k++) {
      for (let n = 0; n < 2; n++) {
        const prevLastY = all[k - 1].y[(all[k - 1].T - 1) * 2 + n]; // stream n at the last step
        expect(all[k].x[n]).toBe(prevLastY); // stream n at step 0
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

  it('is time-major: step t of stream n is x[t*N + n], so step t is one contiguous block', () => {
    const b = batchAt(tokens, 2, 4, 0); // stream 0 is 0..3, stream 1 starts at token 11
    for (let t = 0; t < 4; t++) expect(Array.from(b.x.subarray(t * 2, t * 2 + 2))).toEqual([t, 11 + t]);
  });
});
