import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../src/lib/train/diagnose';
import { EpochRecord } from '../../../src/lib/train/history';

/** A synthetic history from parallel train and val curves. */
function hist(train: number[], val: number[]): EpochRecord[] {
  return train.map((t, i) => ({
    epoch: i + 1, trainLoss: t, valLoss: val[i], weightNorm: 10, gradNorm: 1, lr: 1e-3, seconds: 1, penalty: 0, clippedShare: 0,
  }));
}

describe('diagnose', () => {
  it('overfitting: val rises from its best while train keeps falling', () => {
    const d = diagnose(hist([2.5, 2.2, 2.0, 1.8, 1.6, 1.4], [2.5, 2.25, 2.15, 2.18, 2.25, 2.35]));
    expect(d.verdict).toBe('overfitting');
    expect(d.signals.bestEpoch).toBe(3);
    expect(d.signals.gap).toBeCloseTo(0.95, 12);
    expect(d.reasons.join(' ')).toMatch(/rose from its best 2\.1500 \(epoch 3\) to 2\.3500/);
    expect(d.advice.join(' ')).toMatch(/dropout/);
    expect(d.advice.join(' ')).toMatch(/weight decay/);
    expect(d.advice.join(' ')).toMatch(/early stopping/);
  });

  it('a large gap alone (val still at its best) is not yet overfitting', () => {
    expect(diagnose(hist([2.0, 1.6, 1.2], [2.2, 2.1, 2.0])).verdict).toBe('healthy');
  });

  it('underfitting: best val not below the baseline, or training loss not moving', () => {
    const high = diagnose(hist([2.9, 2.7, 2.6], [2.85, 2.7, 2.62]), { baseline: 2.41 });
    expect(high.verdict).toBe('underfitting');
    expect(high.reasons[0]).toMatch(/not below the baseline 2\.4100/);
    expect(high.advice.join(' ')).toMatch(/bigger model/);
    const flat = diagnose(hist([3.3, 3.299, 3.298], [3.3, 3.3, 3.3]));
    expect(flat.verdict).toBe('underfitting');
    expect(flat.reasons[0]).toMatch(/barely moved/);
    // the same curve is fine when it beats the baseline
    expect(diagnose(hist([2.9, 2.7, 2.6], [2.85, 2.7, 2.62]), { baseline: 3.33 }).verdict).toBe('healthy');
  });

  it('unstable: NaN, or a training loss spike; this outranks the other verdicts', () => {
    const nan = diagnose(hist([2.5, 2.2, NaN], [2.5, 2.3, NaN]));
    expect(nan.verdict).toBe('unstable');
    expect(nan.reasons[0]).toMatch(/NaN or infinite at epoch\(s\) 3/);
    expect(nan.advice.join(' ')).toMatch(/Lower the learning rate/);
    expect(nan.advice.join(' ')).toMatch(/[Cc]lip/);
    expect(nan.advice.join(' ')).toMatch(/layer normalization/);
    const spike = diagnose(hist([2.5, 2.0, 2.6, 1.9], [2.5, 2.1, 2.6, 2.0]));
    expect(spike.verdict).toBe('unstable');
    expect(spike.reasons[0]).toMatch(/jumped from 2\.0000 to 2\.6000 at epoch 3/);
  });

  it('healthy: both falling, small gap', () => {
    const d = diagnose(hist([2.6, 2.3, 2.2, 2.15], [2.55, 2.3, 2.22, 2.18]), { baseline: 2.41 });
    expect(d.verdict).toBe('healthy');
    expect(d.advice.length).toBeGreaterThan(0);
  });

  it('uses the eval-mode training loss for the gap when every record has it', () => {
    const h = hist([2.5, 2.3, 2.2, 2.18], [2.3, 2.1, 2.12, 2.2]); // dropout makes train-mode loss look high
    expect(diagnose(h).verdict).toBe('healthy');
    h.forEach((r, i) => (r.trainEvalLoss = [2.2, 1.9, 1.8, 1.7][i]));
    expect(diagnose(h).verdict).toBe('overfitting');
    expect(diagnose(h).signals.gap).toBeCloseTo(0.5, 12);
  });

  it('refuses an empty history', () => {
    expect(() => diagnose([])).toThrow(/empty/);
  });
});
