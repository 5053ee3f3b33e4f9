import { describe, expect, it } from 'vitest';
import { flatten, indexText, preview } from '../../../src/lib/checks/numeric';
import { CheckFailure } from '../../../src/lib/checks/failure';

describe('numeric reading', () => {
  it('flattens numbers, arrays, typed arrays, nested arrays and matrices row-major', () => {
    expect(flatten(2, 'x', 'got')).toEqual({ shape: [], data: [2] });
    expect(flatten([[1, 2, 3], [4, 5, 6]], 'x', 'got')).toEqual({ shape: [2, 3], data: [1, 2, 3, 4, 5, 6] });
    const m = { rows: 1, cols: 2, data: new Float64Array([7, 8]) };
    expect(flatten(m, 'x', 'got')).toEqual({ shape: [1, 2], data: m.data });
    expect(flatten(new Int32Array([1]), 'x', 'got').shape).toEqual([1]);
    expect(() => flatten({ rows: 2, cols: 2, data: [1] }, 'W', 'got')).toThrow(CheckFailure);
    expect(() => flatten('12', 'x', 'got')).toThrow('x: the result is not numbers (string)');
  });

  it('names positions and previews values without throwing', () => {
    expect(indexText([2, 3], 4)).toBe('[1, 1]');
    expect(indexText([5], 4)).toBe('[4]');
    expect(indexText([], 0)).toBe('');
    expect(preview(new Float64Array(10).fill(0.5))).toBe('Float64Array [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, ... (10 values)]');
    expect(preview({ rows: 1, cols: 1, data: [3] })).toBe('Matrix (1, 1) [3]');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(preview(cyclic)).toBe('(a value that cannot be printed)');
    expect(preview('x'.repeat(500)).length).toBe(200);
  });
});
