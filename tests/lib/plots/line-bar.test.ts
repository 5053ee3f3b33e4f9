import { describe, expect, it } from 'vitest';
import { barChart, lineChart } from '../../../src/lib/plots/line-bar';

describe('lineChart and barChart', () => {
  it('lineChart defaults x to 1..n and keeps styles', () => {
    const fig = lineChart([{ name: 'a', y: [3, 2, 1], dash: 'dot', markers: true }, { name: 'b', x: [0, 10], y: [1, 2] }], { title: 'T', xTitle: 'x', yTitle: 'y', logY: true });
    expect(fig.data[0].x).toEqual([1, 2, 3]);
    expect(fig.data[0].mode).toBe('lines+markers');
    expect(fig.data[0].line?.dash).toBe('dot');
    expect(fig.data[1].x).toEqual([0, 10]);
    expect(fig.layout.title?.text).toBe('T');
    expect(fig.layout.yaxis?.type).toBe('log');
    expect(() => lineChart([{ name: 'c', x: [1], y: [1, 2] }])).toThrow(/1 x values and 2 y values/);
  });

  it('barChart groups one bar per series per label', () => {
    const fig = barChart(['copied', 'new'], [{ name: 'baseline', values: [0.4, 0.6] }, { name: 'regularized', values: [0.1, 0.9] }]);
    expect(fig.data.map((t) => [t.type, t.name, t.x, t.y])).toEqual([
      ['bar', 'baseline', ['copied', 'new'], [0.4, 0.6]],
      ['bar', 'regularized', ['copied', 'new'], [0.1, 0.9]],
    ]);
    expect(fig.layout.barmode).toBe('group');
    expect(() => barChart(['a'], [{ name: 'x', values: [1, 2] }])).toThrow(/2 values for 1 labels/);
  });
});
