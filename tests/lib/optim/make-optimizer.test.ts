import { describe, expect, it } from 'vitest';
import { makeOptimizer } from '../../../src/lib/optim/make-optimizer';
import { SGD } from '../../../src/lib/optim/sgd';
import { Adam, AdamW } from '../../../src/lib/optim/adam';

describe('makeOptimizer', () => {
  it('builds a fresh optimizer of the kind asked for', () => {
    const sgd = makeOptimizer({ kind: 'sgd', lr: 0.1, momentum: 0.9 });
    expect(sgd).toBeInstanceOf(SGD);
    expect((sgd as SGD).momentum).toBe(0.9);
    expect(makeOptimizer({ kind: 'adam', lr: 1e-3 })).toBeInstanceOf(Adam);
    const w = makeOptimizer({ kind: 'adamw', lr: 1e-3, weightDecay: 0.1 });
    expect(w).toBeInstanceOf(AdamW);
    expect((w as AdamW).weightDecay).toBe(0.1);
    expect(w.state).toEqual({ step: 0, m: null, v: null });
  });

  it('names an unknown kind', () => {
    expect(() => makeOptimizer({ kind: 'rmsprop', lr: 1 } as never)).toThrow(/unknown kind 'rmsprop'/);
  });
});
