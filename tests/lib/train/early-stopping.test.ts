import { describe, expect, it } from 'vitest';
import { EarlyStopping } from '../../../src/lib/train/early-stopping';
import { filled, Params } from '../../../src/lib/numbers/tensor';

/** Parameters that remember which epoch they belong to. */
const paramsAt = (epoch: number): Params => ({ W: filled(2, 2, epoch) });

/** Feeds (epoch, value) pairs until it stops; returns the epochs it saw. */
function run(es: EarlyStopping, values: [number, number][]): number[] {
  const seen: number[] = [];
  for (const [epoch, v] of values) {
    seen.push(epoch);
    if (es.update(epoch, { valLoss: v }, paramsAt(epoch)).stop) break;
  }
  return seen;
}

describe('EarlyStopping', () => {
  it("reproduces the worked example: best 0.92 at epoch 20, no improvement at 21 and 22, patience 2", () => {
    const values: [number, number][] = [];
    for (let e = 1; e <= 20; e++) values.push([e, 0.92 + 0.05 * (20 - e)]);
    values.push([21, 0.93], [22, 0.95], [23, 0.9], [24, 0.8]);
    const es = new EarlyStopping({ patience: 2, restoreBestWeights: true });
    const seen = run(es, values);
    expect(seen[seen.length - 1]).toBe(22); // stops after 22; 23 and 24 are never seen
    expect(es.state.best).toBe(0.92);
    expect(es.state.bestEpoch).toBe(20);
    expect(es.state.stoppedEpoch).toBe(22);
    expect(es.state.stopReason).toBe('patience');
    expect(es.state.wait).toBe(2);
    expect(es.bestWeights()!.W.data[0]).toBe(20); // restores epoch 20
    const tail = es.state.log.slice(-3).map((d) => [d.epoch, d.improved, d.wait, d.stop]);
    expect(tail).toEqual([[20, true, 0, false], [21, false, 1, false], [22, false, 2, true]]);
    expect(es.state.log[21].message).toMatch(/epoch 22: valLoss 0\.9500 did not improve on 0\.9200 \(epoch 20\).*wait 2\/2: stop after epoch 22; restore the weights of epoch 20/);
  });

  it('the kept weights are a deep copy, not a reference', () => {
    const es = new EarlyStopping({ patience: 1, restoreBestWeights: true });
    const p = paramsAt(1);
    es.update(1, 1.0, p);
    p.W.data[0] = 99;
    expect(es.bestWeights()!.W.data[0]).toBe(1);
  });

  it('patience 0 stops at the first epoch without improvement', () => {
    const es = new EarlyStopping({ patience: 0 });
    expect(run(es, [[1, 1.0], [2, 0.9], [3, 0.9], [4, 0.5]])).toEqual([1, 2, 3]);
    expect(es.state.stoppedEpoch).toBe(3);
    expect(es.state.bestEpoch).toBe(2);
  });

  it('minDelta: an improvement must be larger than minDelta, and small gains do not move best', () => {
    const es = new EarlyStopping({ patience: 2, minDelta: 0.01 });
    // 0.995 and 0.991 beat 1.0 by < 0.01: not improvements, so best stays 1.0 and wait reaches 2
    expect(run(es, [[1, 1.0], [2, 0.995], [3, 0.991], [4, 0.5]])).toEqual([1, 2, 3]);
    expect(es.state.best).toBe(1.0);
    const es2 = new EarlyStopping({ patience: 2, minDelta: 0.01 });
    run(es2, [[1, 1.0], [2, 0.985], [3, 0.98], [4, 0.97]]);
    expect(es2.state.log.map((d) => d.improved)).toEqual([true, true, false, true]);
    expect(es2.state.stoppedEpoch).toBe(null);
  });

  it("mode 'max' watches a value that should rise", () => {
    const es = new EarlyStopping({ monitor: 'accuracy', mode: 'max', patience: 1 });
    const d1 = es.update(1, { accuracy: 0.5 });
    const d2 = es.update(2, { accuracy: 0.6 });
    const d3 = es.update(3, { accuracy: 0.55 });
    expect([d1.improved, d2.improved, d3.improved, d3.stop]).toEqual([true, true, false, true]);
    expect(es.state.best).toBe(0.6);
  });

  it('NaN is never an improvement and stops at once (unless stopOnNaN is false)', () => {
    const es = new EarlyStopping({ patience: 5 });
    es.update(1, 1.0);
    const d = es.update(2, NaN);
    expect(d.stop).toBe(true);
    expect(d.reason).toBe('nan');
    expect(d.message).toMatch(/NaN/);
    expect(es.state.best).toBe(1.0);
    const lenient = new EarlyStopping({ patience: 2, stopOnNaN: false });
    expect(run(lenient, [[1, NaN], [2, NaN], [3, 1.0]])).toEqual([1, 2]);
    expect(lenient.state.best).toBe(null);
    expect(lenient.state.stopReason).toBe('patience');
  });

  it('startFromEpoch k: the first k epochs are not counted (Keras start_from_epoch=k)', () => {
    const es = new EarlyStopping({ patience: 1, startFromEpoch: 2 });
    // a low early value at epoch 1 must not become the best
    expect(run(es, [[1, 0.1], [2, 0.2], [3, 1.0], [4, 0.9], [5, 0.95]])).toEqual([1, 2, 3, 4, 5]);
    expect(es.state.log.map((d) => d.counted)).toEqual([false, false, true, true, true]);
    expect(es.state.bestEpoch).toBe(4);
    expect(es.state.stoppedEpoch).toBe(5);
    expect(() => new EarlyStopping({ patience: 1, startEpoch: 3 } as never)).toThrow(/startFromEpoch/);
    expect(() => new EarlyStopping({ patience: 1, startFromEpoch: 1.5 })).toThrow(RangeError);
  });

  it('baseline: wait is not reset until the value beats the baseline', () => {
    // Keras semantics: improvements above the baseline still move best but leave wait counting;
    // the stop itself is only decided at an epoch without improvement.
    const values: [number, number][] = [[1, 1.0], [2, 0.9], [3, 0.9], [4, 0.1]];
    const es = new EarlyStopping({ patience: 2, baseline: 0.5 });
    expect(run(es, values)).toEqual([1, 2, 3]);
    expect(es.state.bestEpoch).toBe(2);
    expect(es.state.wait).toBe(3);
    const without = new EarlyStopping({ patience: 2 });
    expect(run(without, values)).toEqual([1, 2, 3, 4]);
  });

  it('refuses bad options, missing keys and use after stopping; reset() reuses it', () => {
    expect(() => new EarlyStopping({ patience: -1 })).toThrow(/patience/);
    expect(() => new EarlyStopping({ patience: 1.5 })).toThrow(/patience/);
    expect(() => new EarlyStopping({ patience: 1, minDelta: -0.1 })).toThrow(/minDelta/);
    expect(() => new EarlyStopping({ patience: 1, mode: 'up' as 'min' })).toThrow(/mode/);
    expect(() => new EarlyStopping({ patience: 1, mode: 'max', prechelt: { GL: 5 } })).toThrow(/Prechelt/);
    const es = new EarlyStopping({ patience: 0 });
    expect(() => es.update(1, { trainLoss: 1 })).toThrow(/no number 'valLoss'.*trainLoss/);
    es.update(1, 1);
    es.update(2, 2);
    expect(es.stopped).toBe(true);
    expect(() => es.update(3, 0.5)).toThrow(/already stopped/);
    es.reset();
    expect(es.update(3, 0.5).improved).toBe(true);
  });

  it("Prechelt's GL stops when validation loss is more than alpha% above its minimum", () => {
    const es = new EarlyStopping({ patience: Infinity, prechelt: { GL: 5 } });
    const seen = run(es, [[1, 1.0], [2, 0.8], [3, 0.83], [4, 0.85], [5, 0.9]]);
    // GL(4) = 100 * (0.85 / 0.8 - 1) = 6.25 > 5
    expect(seen).toEqual([1, 2, 3, 4]);
    expect(es.state.stopReason).toBe('GL');
    expect(es.state.log[3].message).toMatch(/GL 6\.25% > 5%/);
  });
});
