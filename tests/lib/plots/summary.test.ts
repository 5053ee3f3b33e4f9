import { describe, expect, it } from 'vitest';
import { figureSummary } from '../../../src/lib/plots/summary';
import { lossCurves } from '../../../src/lib/plots/loss-curves';
import { barChart } from '../../../src/lib/plots/line-bar';

describe('figureSummary', () => {
  it('gives the last value of each trace, baselines and notes', () => {
    const history = [1, 2, 3].map((e) => ({ epoch: e, trainLoss: 3 - e / 10, valLoss: 3.1 - e / 20 }));
    const fig = lossCurves([{ name: 'A', history, stoppedEpoch: 3 }], { title: 'Loss', baselines: { bigram: 2.5 } });
    expect(figureSummary(fig).split('\n')).toEqual([
      'Loss: 3 traces',
      '  A train: 3 points, last 2.7 at x=3',
      '  A val: 3 points, last 2.95 at x=3',
      '  bigram (2.5): 2.5 (constant)',
      '  note: A stopped (epoch 3)',
    ]);
  });

  it('lists bar values and handles empty traces', () => {
    expect(figureSummary(barChart(['a', 'b'], [{ name: 's', values: [1, 0.5] }]))).toBe('Figure: 1 trace\n  s: a=1, b=0.5');
    expect(figureSummary(lossCurves([{ name: 'A', history: [] }]))).toContain('A val: no points yet');
  });
});
