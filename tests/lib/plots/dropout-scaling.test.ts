import { describe, expect, it } from 'vitest';
import { expectedActivation } from '../../../src/lib/plots/dropout-scaling';

describe('expectedActivation', () => {
  it('groups a scaled and an unscaled bar per keep probability beside the eval-mode line', () => {
    const fig = expectedActivation({ keepProbs: [0.5, 0.8], withScaling: [1.01, 0.99], withoutScaling: [0.5, 0.8], reference: 1 });
    expect(fig.data.map((t) => t.type)).toEqual(['bar', 'bar', 'scatter']);
    expect(fig.data[0].x).toEqual(['keep 0.5', 'keep 0.8']);
    expect(fig.data[1].y).toEqual([0.5, 0.8]);
    expect(fig.data[2].y).toEqual([1, 1]);
    expect(fig.data[2].name).toBe('eval mode (1)');
    expect(fig.layout.barmode).toBe('group');
    expect(fig.layout.xaxis?.title?.text).toBe('keep probability');
  });

  it('accepts typed arrays and refuses mismatched lengths', () => {
    const fig = expectedActivation({ keepProbs: [0.5], withScaling: new Float64Array([1]), withoutScaling: new Float64Array([0.5]) });
    expect(Array.isArray(fig.data[0].y)).toBe(true);
    expect(fig.data).toHaveLength(2);
    expect(() => expectedActivation({ keepProbs: [0.5, 0.9], withScaling: [1], withoutScaling: [1, 2] })).toThrow(/withScaling has 1 values for 2/);
  });
});
