/**
 * diagnose on histories whose right verdict is known: hand-made curves for each rule and its edges
 * (a noisy plateau, a dropout run measured in train mode, a large gap while val still falls, early
 * stopping's restored epoch), and real runs recorded from the notebooks' settings
 * (tests/fixtures/histories, made by make-histories.ts), each with the reason its verdict is right.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagnose, RULES } from '../../../src/lib/train/diagnose';
import { EpochRecord } from '../../../src/lib/train/history';

/** A synthetic history from parallel train and val curves (and, optionally, the eval-mode train loss). */
function hist(train: number[], val: number[], trainEval?: number[]): EpochRecord[] {
  return train.map((t, i) => ({
    epoch: i + 1, trainLoss: t, valLoss: val[i], weightNorm: 10, gradNorm: 1, lr: 1e-3, seconds: 1, penalty: 0, clippedShare: 0,
    ...(trainEval ? { trainEvalLoss: trainEval[i] } : {}),
  }));
}

interface Recorded { name: string; paramsEpoch: number; history: EpochRecord[]; batchLosses?: number[] }
const recorded = (name: string): Recorded => JSON.parse(readFileSync(join(__dirname, '../../fixtures/histories', `${name}.json`), 'utf8'));
/** bigramLoss on the notebooks' 500-name slice (make-histories.ts's data). */
const BIGRAM = 2.497036459532606;

describe('diagnose, hand-made histories', () => {
  it('overfitting: val turns up while train keeps falling', () => {
    const d = diagnose(hist([2.5, 2.2, 2.0, 1.8, 1.6, 1.4], [2.5, 2.25, 2.15, 2.18, 2.25, 2.35]));
    expect(d.verdict).toBe('overfitting');
    expect(d.signals.bestEpoch).toBe(3);
    expect(d.signals.gap).toBeCloseTo(0.95, 12);
    expect(d.reasons.join(' ')).toMatch(/val has not improved for 3 epochs \(best 2\.1500 at epoch 3/);
    expect(d.advice.join(' ')).toMatch(/dropout/);
    expect(d.advice.join(' ')).toMatch(/weight decay/);
    expect(d.advice.join(' ')).toMatch(/early stopping/);
  });

  it('overfitting: val well above train is the sign even while val still falls ("train >> val")', () => {
    const d = diagnose(hist([2.0, 1.6, 1.2], [2.2, 2.1, 2.0]));
    expect(d.verdict).toBe('overfitting');
    expect(d.reasons[0]).toMatch(/gap val - train 0\.8000 nats at epoch 3 .* is above 0\.2/);
  });

  it('a small gap while both fall is healthy', () => {
    const d = diagnose(hist([2.6, 2.3, 2.2, 2.15], [2.55, 2.3, 2.22, 2.18]), { baseline: 2.41 });
    expect(d.verdict).toBe('healthy');
    expect(d.reasons.join(' ')).toMatch(/still improving/);
  });

  it('a noisy plateau with train flat too is not overfitting (and healthy when below the baseline)', () => {
    const val = [2.6, 2.4, 2.32, 2.30, 2.31, 2.29, 2.305, 2.31, 2.295, 2.3, 2.31];
    const train = [2.62, 2.42, 2.3, 2.25, 2.26, 2.245, 2.25, 2.255, 2.245, 2.25, 2.252];
    const d = diagnose(hist(train, val, train), { baseline: BIGRAM });
    expect(d.verdict).toBe('healthy');
    expect(d.reasons.join(' ')).toMatch(/levelled off too/);
  });

  it('a val plateau while train keeps falling is overfitting (memorizing without learning more)', () => {
    const val = [2.6, 2.4, 2.32, 2.30, 2.31, 2.29, 2.305, 2.31, 2.295, 2.3, 2.31];
    const train = [2.62, 2.42, 2.3, 2.25, 2.22, 2.19, 2.17, 2.15, 2.14, 2.13, 2.12];
    expect(diagnose(hist(train, val, train)).verdict).toBe('overfitting');
  });

  it('a dropout run without evalTrain: val up 4% is overfitting although the train-mode loss sits above val', () => {
    const val = [2.8, 2.5, 2.35, 2.3, 2.31, 2.33, 2.36, 2.39];
    const trainMode = [3.0, 2.7, 2.55, 2.5, 2.46, 2.43, 2.41, 2.40]; // dropout on: higher than val
    const d = diagnose(hist(trainMode, val));
    expect(d.verdict).toBe('overfitting');
    expect(d.signals.gapIsLowerBound).toBe(true);
    expect(d.signals.gap).toBeLessThan(0);
    expect(d.reasons.join(' ')).toMatch(/val has not improved for 4 epochs .*\+3\.9%/);
  });

  it('a train-mode gap can confirm a large gap but never clear one', () => {
    const d = diagnose(hist([2.6, 2.4, 2.3], [2.55, 2.35, 2.25]));
    expect(d.verdict).toBe('healthy');
    expect(d.reasons.join(' ')).toMatch(/the true gap is at least this; train with evalTrain/);
    expect(diagnose(hist([2.6, 2.0, 1.8], [2.55, 2.35, 2.25])).verdict).toBe('overfitting'); // 0.45 even in train mode
  });

  it('uses the eval-mode training loss for the gap when every record has it', () => {
    const h = hist([2.5, 2.3, 2.2, 2.18], [2.3, 2.1, 2.08, 2.07], [2.2, 1.9, 1.8, 1.7]);
    expect(diagnose(h).signals.gap).toBeCloseTo(0.37, 12);
    expect(diagnose(h).verdict).toBe('overfitting');
    expect(diagnose(hist([2.5, 2.3, 2.2, 2.18], [2.3, 2.1, 2.08, 2.07])).verdict).toBe('healthy'); // train mode only: no proof
  });

  it('underfitting: both high (best val not clearly below the baseline, small gap), or train not moving', () => {
    const high = diagnose(hist([2.9, 2.7, 2.6], [2.85, 2.7, 2.62]), { baseline: 2.6 });
    expect(high.verdict).toBe('underfitting');
    expect(high.reasons[0]).toMatch(/best val 2\.6200 is not 5\.0% below the baseline 2\.6000 .*both high/);
    expect(high.advice[0]).toMatch(/less regularization/);
    const flat = diagnose(hist([3.3, 3.299, 3.298], [3.3, 3.3, 3.3]));
    expect(flat.verdict).toBe('underfitting');
    expect(flat.reasons[0]).toMatch(/barely moved/);
    expect(diagnose(hist([2.9, 2.7, 2.6], [2.85, 2.7, 2.62]), { baseline: 3.33 }).verdict).toBe('healthy');
  });

  it('unstable: NaN, an epoch spike, or a step spike; this outranks the other verdicts', () => {
    const nan = diagnose(hist([2.5, 2.2, NaN], [2.5, 2.3, NaN]));
    expect(nan.verdict).toBe('unstable');
    expect(nan.reasons[0]).toMatch(/NaN or infinite at epoch\(s\) 3/);
    expect(nan.advice.join(' ')).toMatch(/Lower the learning rate/);
    expect(nan.advice.join(' ')).toMatch(/layer normalization/);
    const spike = diagnose(hist([2.5, 2.0, 2.6, 1.9], [2.5, 2.1, 2.6, 2.0]));
    expect(spike.verdict).toBe('unstable');
    expect(spike.reasons[0]).toMatch(/jumped from 2\.0000 to 2\.6000 at epoch 3/);
    const calm = hist([2.6, 2.3, 2.2, 2.15], [2.55, 2.3, 2.22, 2.18]);
    expect(diagnose(calm, { batchLosses: [3.3, 3.1, 4.4, 3.3, 2.9] }).verdict).toBe('unstable');
    expect(diagnose(calm, { batchLosses: [3.3, 3.1, 3.4, 2.9, 2.9] }).verdict).toBe('healthy'); // +9.7%: noise
  });

  it('at: judges the weights early stopping kept, not the epochs it waited through', () => {
    const val = [2.8, 2.5, 2.35, 2.3, 2.31, 2.33, 2.36];
    const train = [2.85, 2.52, 2.33, 2.25, 2.2, 2.15, 2.1];
    const h = hist(train, val, train);
    expect(diagnose(h).verdict).toBe('overfitting');
    const d = diagnose(h, { at: 4 });
    expect(d.verdict).toBe('healthy');
    expect([d.signals.epochs, d.signals.valLoss, d.signals.gap]).toEqual([4, 2.3, 2.3 - 2.25]);
    expect(d.reasons.join(' ')).toMatch(/judged at epoch 4 \(the weights kept\); the 3 epoch\(s\) after it are left out/);
    expect(() => diagnose(h, { at: 0 })).toThrow(RangeError);
  });

  it('says its rules in words, and refuses an empty history', () => {
    expect(RULES.overfitting).toMatch(/val well above train/);
    expect(RULES.underfitting).toMatch(/both high/);
    expect(() => diagnose([])).toThrow(/empty/);
  });
});

describe('diagnose, real runs (tests/fixtures/histories)', () => {
  it.each([
    // no dropout, 25 epochs on 500 names: val best at 12, +7% by 25, gap 0.75
    ['nb01-keep1', 'overfitting', {}],
    // keep 0.5: val still at its best at the last epoch, gap 0.09
    ['nb01-keep0.5', 'healthy', {}],
    // the same run without evalTrain: train-mode loss above val, nothing to prove a gap
    ['nb01-keep0.5-no-evaltrain', 'healthy', {}],
    // AdamW wd 1: val stuck at ~2.30 from epoch 17 while the eval-mode train loss falls 2.165 -> 2.088
    ['nb03-wd1', 'overfitting', {}],
    // wd 3: best val 2.432, under 3% below the bigram table 2.497, gap 0.003
    ['nb03-wd3', 'underfitting', { baseline: BIGRAM }],
    // 05's baseline: best 2.273 at 10, 3.08 at 30
    ['nb05-baseline', 'overfitting', { baseline: BIGRAM }],
    // keep 0.2: 2.404 after 30 epochs and still falling, gap 0.01
    ['nb05-keep0.2', 'underfitting', { baseline: BIGRAM }],
    // AdamW wd 30: 2.84, worse than the bigram table
    ['nb05-wd30', 'underfitting', { baseline: BIGRAM }],
    // all four regularizers, judged at the epoch early stopping restored (18): gap 0.106
    ['nb05-regularized', 'healthy', { baseline: BIGRAM, at: 18 }],
  ] as const)('%s is %s', (name, verdict, opts) => {
    const r = recorded(name);
    expect(diagnose(r.history, opts).verdict).toBe(verdict);
  });

  it('the full-data unregularized run: healthy while val falls (to epoch 15), overfitting from the turn on', () => {
    const h = recorded('full-data-unregularized').history; // best val 2.024 at epoch 15, 2.137 at 30
    for (const at of [10, 14, 15]) expect(diagnose(h, { at }).verdict, `epoch ${at}`).toBe('healthy');
    for (const at of [16, 18, 21, 30]) expect(diagnose(h, { at }).verdict, `epoch ${at}`).toBe('overfitting');
    // without the gap rule, the turn alone says it three epochs after the best (val +0.3%, train -3%)
    const turn = diagnose(h, { at: 18, gapTolerance: Infinity });
    expect(turn.verdict).toBe('overfitting');
    expect(turn.reasons[0]).toMatch(/val has not improved for 3 epochs \(best 2\.0241 at epoch 15.*while the training loss kept falling/);
    expect(diagnose(h, { at: 17, gapTolerance: Infinity }).verdict).toBe('healthy'); // two epochs: too soon
  });

  it('02 at lr 0.1: the plain LSTM is unstable (a +41% step) and overfits; the LN-LSTM is neither', () => {
    const plain = recorded('nb02-plain-lr0.1'), ln = recorded('nb02-ln-lr0.1');
    const p = diagnose(plain.history, { baseline: BIGRAM, batchLosses: plain.batchLosses });
    expect(p.verdict).toBe('unstable');
    expect(p.reasons.join(' ')).toMatch(/\(also overfitting\)/);
    const l = diagnose(ln.history, { baseline: BIGRAM, batchLosses: ln.batchLosses });
    expect(l.verdict).toBe('healthy');
    expect(p.advice).not.toEqual(l.advice);
    expect(diagnose(plain.history, { baseline: BIGRAM }).verdict).toBe('overfitting'); // the epoch records alone do not show the step
  });
});
