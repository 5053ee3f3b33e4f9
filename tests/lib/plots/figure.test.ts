import { describe, expect, it } from 'vitest';
import { baseLayout, colorFor, integerTicks, numbers, PALETTE } from '../../../src/lib/plots/figure';

describe('figure helpers', () => {
  it('cycles colors and refuses bad indices', () => {
    expect(colorFor(0)).toBe(PALETTE[0]);
    expect(colorFor(10)).toBe(PALETTE[0]);
    expect(colorFor(13)).toBe(PALETTE[3]);
    expect(() => colorFor(-1)).toThrow(RangeError);
  });

  it('copies typed arrays into plain arrays with null for non-finite values', () => {
    const out = numbers(new Float64Array([1, NaN, Infinity, -2]));
    expect(out).toEqual([1, null, null, -2]);
    expect(JSON.stringify(out)).toBe('[1,null,null,-2]');
    expect(() => numbers(undefined as never, 'ys')).toThrow(/ys must be an array/);
  });

  it('builds the base layout with titles and log axes', () => {
    const l = baseLayout({ title: 't', xTitle: 'x', yTitle: 'y', logX: true });
    expect(l.title).toEqual({ text: 't' });
    expect(l.xaxis).toEqual({ title: { text: 'x' }, type: 'log' });
    integerTicks(l, [1, 2, 8]);
    expect(l.xaxis?.dtick).toBe(1);
    const wide = baseLayout({});
    integerTicks(wide, [1, 40]);
    expect(wide.xaxis?.dtick).toBeUndefined();
    expect(l.yaxis).toEqual({ title: { text: 'y' } });
    expect(l.height).toBe(400);
  });
});
