import { describe, expect, it } from 'vitest';
import { hiddenStateScale } from '../../../src/lib/plots/hidden-scale';

describe('hiddenStateScale', () => {
  it('draws one line per variant against time steps 1..T', () => {
    const fig = hiddenStateScale([{ name: 'LSTM', values: new Float64Array([0.1, 0.3, 0.9]) }, { name: 'LN-LSTM', values: [0.5, 0.5, 0.5] }]);
    expect(fig.data.map((t) => t.name)).toEqual(['LSTM', 'LN-LSTM']);
    expect(fig.data[0].x).toEqual([1, 2, 3]);
    expect(fig.data[0].y).toEqual([0.1, 0.3, 0.9]);
    expect(fig.layout.xaxis?.title?.text).toBe('time step t');
    expect(fig.layout.yaxis?.title?.text).toBe('mean |h_t|');
    expect(hiddenStateScale([{ name: 'x', values: [1] }], { yTitle: 'std of h' }).layout.yaxis?.title?.text).toBe('std of h');
    expect(() => hiddenStateScale([{ name: 'x', values: ['a'] as never }])).toThrow(/x values\[0\] must be a number/);
  });
});
