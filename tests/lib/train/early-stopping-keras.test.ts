/**
 * rl.EarlyStopping against the real Keras 3 EarlyStopping callback: tests/fixtures/keras/early_stopping.json
 * holds the callback's decisions on hand-made traces (bumps and recoveries, ties, falls smaller than
 * min_delta, patience 0, start_from_epoch, baseline, mode max, NaN after a best), made by
 * make_fixtures.py in that folder. Same options, same traces: the same stop, best epoch, best value,
 * wait after every epoch and restored weights. The one option set apart: NaN, which Keras does not
 * stop on (reglab's stopOnNaN, default true, does; the case runs with stopOnNaN false).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EarlyStopping, EarlyStoppingOptions } from '../../../src/lib/train/early-stopping';
import { filled } from '../../../src/lib/numbers/tensor';

interface KerasCase {
  name: string;
  trace: (number | null)[];
  options: { patience: number; min_delta?: number; restore_best_weights?: boolean; start_from_epoch?: number; baseline?: number; mode?: 'min' | 'max' };
  keras: { stoppedEpoch: number | null; bestEpoch: number | null; best: number | null; waits: number[]; restoredEpoch: number | null };
}

const fixture = JSON.parse(readFileSync(join(__dirname, '../../fixtures/keras/early_stopping.json'), 'utf8')) as { keras: string; cases: KerasCase[] };

function options(o: KerasCase['options'], trace: (number | null)[]): EarlyStoppingOptions {
  return {
    patience: o.patience, minDelta: o.min_delta, restoreBestWeights: o.restore_best_weights, startFromEpoch: o.start_from_epoch,
    baseline: o.baseline, mode: o.mode, stopOnNaN: trace.includes(null) ? false : undefined,
  };
}

describe(`EarlyStopping matches keras ${fixture.keras}`, () => {
  it('has the cases', () => expect(fixture.cases.length).toBeGreaterThanOrEqual(15));

  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const es = new EarlyStopping(options(c.options, c.trace));
    const waits: number[] = [];
    let stopped: number | null = null;
    for (let i = 0; i < c.trace.length && stopped === null; i++) {
      const epoch = i + 1;
      const d = es.update(epoch, c.trace[i] ?? NaN, { w: filled(1, 1, epoch) });
      waits.push(d.wait);
      if (d.stop) stopped = epoch;
    }
    const restored = c.options.restore_best_weights ? es.bestWeights()?.w.data[0] ?? null : null;
    expect({ stoppedEpoch: stopped, bestEpoch: es.state.bestEpoch, best: es.state.best, waits, restoredEpoch: restored }).toEqual(c.keras);
  });
});
