/**
 * Early stopping as Keras 3's EarlyStopping callback does it: watch one monitored value per epoch,
 * remember the best, count epochs without improvement, stop when the count reaches `patience`, and
 * (optionally) hand back a deep copy of the parameters from the best epoch.
 *
 *   improvement (mode 'min'):  value + minDelta < best     (mode 'max': value - minDelta > best),
 *                              written as Keras writes it; a tie is no improvement
 *   each counted epoch:        wait += 1; if improvement { best = value; wait = 0 }
 *                              else if wait >= patience { stop }
 *   startFromEpoch k:          epochs 1..k are not counted at all (Keras start_from_epoch=k: its
 *                              0-based epochs 0..k-1, the same first k epochs)
 *   baseline:                  an improvement resets the wait only if it also beats the baseline
 *
 * Checked against the real callback (keras 3.15.1) on hand-made traces: tests/fixtures/keras.
 * Where it differs from Keras, on purpose: epochs are numbered from 1 (the trainer's records); a NaN
 * is never an improvement, not even as the first value (Keras takes a first NaN as its best), and
 * with stopOnNaN (default) a NaN stops training at once, which Keras leaves to TerminateOnNaN;
 * Prechelt's criteria are extra reasons to stop.
 *
 * So with patience 2, a best of 0.92 at epoch 20 and no improvement at 21 and 22, it stops after
 * epoch 22 and restores epoch 20. Patience 0 stops at the first epoch without improvement. A NaN value
 * is never an improvement and (stopOnNaN, default) stops at once. Prechelt's GL/PQ/UP criteria
 * (prechelt.ts) can be added as extra reasons to stop; use `patience: Infinity` to rely on them alone.
 * Everything it knows is in `state`, plain data, including a log of its decisions to print.
 *
 * Left out on purpose: reducing the learning rate on a plateau, checkpoints on disk.
 */
import { Params, cloneParams } from '../numbers/tensor';
import { PrecheltOptions, precheltCheck } from './prechelt';

export interface EarlyStoppingOptions {
  /** Key of the monitored value in the logs passed to update (default 'valLoss'). */
  monitor?: string;
  /** Epochs without improvement to tolerate (integer >= 0, or Infinity). */
  patience: number;
  /** An improvement must beat the best by more than this (default 0). */
  minDelta?: number;
  /** 'min' for losses (default), 'max' for accuracies. */
  mode?: 'min' | 'max';
  /** Keep a deep copy of the parameters of the best epoch (default false, as in Keras). */
  restoreBestWeights?: boolean;
  /** The first this-many epochs are not counted at all (warm-up), as Keras's start_from_epoch (default 0). */
  startFromEpoch?: number;
  /** If set, `wait` is only reset by values that also beat this baseline (Keras `baseline`). */
  baseline?: number;
  /** Stop at once when the monitored value is NaN (default true). */
  stopOnNaN?: boolean;
  /** Prechelt's criteria, each an extra reason to stop (mode 'min' only; PQ reads logs.trainLoss). */
  prechelt?: PrecheltOptions;
}

/** What happened at one epoch: printable, and the same object is appended to `state.log`. */
export interface EarlyStoppingDecision {
  epoch: number;
  value: number;
  /** false for the warm-up epochs 1..startFromEpoch (nothing else changed). */
  counted: boolean;
  improved: boolean;
  best: number | null;
  bestEpoch: number | null;
  wait: number;
  stop: boolean;
  /** Why it stopped: 'patience', 'nan', 'GL', 'PQ' or 'UP'; null while it goes on. */
  reason: string | null;
  message: string;
}

export interface EarlyStoppingState {
  best: number | null;
  bestEpoch: number | null;
  wait: number;
  stoppedEpoch: number | null;
  stopReason: string | null;
  /** Deep copy of the parameters at bestEpoch (only with restoreBestWeights and params passed to update). */
  bestParams: Params | null;
  /** Monitored values and training losses of the counted epochs (for Prechelt's criteria). */
  values: number[];
  trainValues: number[];
  log: EarlyStoppingDecision[];
}

type Logs = number | Readonly<Record<string, number | undefined | null>>;

const fmt = (v: number | null): string => (v === null ? 'none' : Number.isFinite(v) ? v.toFixed(4) : String(v));

export class EarlyStopping {
  readonly monitor: string;
  readonly patience: number;
  readonly minDelta: number;
  readonly mode: 'min' | 'max';
  readonly restoreBestWeights: boolean;
  readonly startFromEpoch: number;
  readonly baseline: number | undefined;
  readonly stopOnNaN: boolean;
  readonly prechelt: PrecheltOptions | undefined;
  state: EarlyStoppingState = EarlyStopping.initialState();

  constructor(opts: EarlyStoppingOptions) {
    if (opts === undefined || opts === null) throw new RangeError('EarlyStopping: options are required ({ patience })');
    const { patience } = opts;
    if (!(patience === Infinity || (Number.isInteger(patience) && patience >= 0))) {
      throw new RangeError(`EarlyStopping: patience must be an integer >= 0 (or Infinity), got ${patience}`);
    }
    const minDelta = opts.minDelta ?? 0;
    if (!(Number.isFinite(minDelta) && minDelta >= 0)) throw new RangeError(`EarlyStopping: minDelta must be a finite number >= 0, got ${minDelta}`);
    const mode = opts.mode ?? 'min';
    if (mode !== 'min' && mode !== 'max') throw new RangeError(`EarlyStopping: mode must be 'min' or 'max', got '${mode}'`);
    if ('startEpoch' in opts) {
      throw new RangeError('EarlyStopping: startEpoch is now startFromEpoch, with Keras semantics: startFromEpoch k skips epochs 1..k (startEpoch k skipped 1..k-1)');
    }
    const startFromEpoch = opts.startFromEpoch ?? 0;
    if (!(Number.isInteger(startFromEpoch) && startFromEpoch >= 0)) throw new RangeError(`EarlyStopping: startFromEpoch must be an integer >= 0, got ${startFromEpoch}`);
    if (opts.prechelt && mode !== 'min') throw new RangeError("EarlyStopping: Prechelt's criteria need mode 'min' (they read errors)");
    this.monitor = opts.monitor ?? 'valLoss';
    this.patience = patience;
    this.minDelta = minDelta;
    this.mode = mode;
    this.restoreBestWeights = opts.restoreBestWeights ?? false;
    this.startFromEpoch = startFromEpoch;
    this.baseline = opts.baseline;
    this.stopOnNaN = opts.stopOnNaN ?? true;
    this.prechelt = opts.prechelt;
  }

  private static initialState(): EarlyStoppingState {
    return { best: null, bestEpoch: null, wait: 0, stoppedEpoch: null, stopReason: null, bestParams: null, values: [], trainValues: [], log: [] };
  }

  /** Forgets everything (to reuse the instance for another run). */
  reset(): void {
    this.state = EarlyStopping.initialState();
  }

  get stopped(): boolean {
    return this.state.stoppedEpoch !== null;
  }

  /** Is `value` better than `reference` by more than minDelta? (Anything beats no reference; NaN beats nothing.) */
  isImprovement(value: number, reference: number | null): boolean {
    if (Number.isNaN(value)) return false;
    if (reference === null) return true;
    return this.mode === 'min' ? value + this.minDelta < reference : value - this.minDelta > reference; // Keras's arithmetic
  }

  /**
   * Call once per epoch with the epoch number and the logs (a record holding the monitored key, or
   * the value itself), plus the current params if best weights should be kept. Returns the decision.
   */
  update(epoch: number, logs: Logs, params?: Params): EarlyStoppingDecision {
    if (!Number.isFinite(epoch)) throw new RangeError(`EarlyStopping.update: epoch must be a finite number, got ${epoch}`);
    const s = this.state;
    if (s.stoppedEpoch !== null) {
      throw new Error(`EarlyStopping.update: already stopped after epoch ${s.stoppedEpoch} (${s.stopReason}); call reset() to reuse it`);
    }
    const value = this.readValue(logs);
    const m = this.monitor;
    const decide = (d: Omit<EarlyStoppingDecision, 'epoch' | 'value' | 'best' | 'bestEpoch' | 'wait'>): EarlyStoppingDecision => {
      const decision = { epoch, value, best: s.best, bestEpoch: s.bestEpoch, wait: s.wait, ...d };
      s.log.push(decision);
      return decision;
    };
    if (epoch <= this.startFromEpoch) {
      return decide({ counted: false, improved: false, stop: false, reason: null, message: `epoch ${epoch}: ${m} ${fmt(value)} not counted (the first ${this.startFromEpoch} epochs are warm-up)` });
    }
    s.values.push(value);
    if (typeof logs !== 'number' && typeof logs.trainLoss === 'number') s.trainValues.push(logs.trainLoss);

    s.wait += 1;
    if (this.isImprovement(value, s.best)) {
      const previous = s.best === null ? 'the first value' : `improved on ${fmt(s.best)} (epoch ${s.bestEpoch})`;
      s.best = value;
      s.bestEpoch = epoch;
      if (this.restoreBestWeights && params) s.bestParams = cloneParams(params);
      const beatsBaseline = this.baseline === undefined || this.isImprovement(value, this.baseline);
      if (beatsBaseline) s.wait = 0;
      const waitText = beatsBaseline ? 'wait 0' : `not better than baseline ${fmt(this.baseline!)}: wait ${s.wait}/${this.patience}`;
      return this.finish(decide({ counted: true, improved: true, stop: false, reason: null, message: `epoch ${epoch}: ${m} ${fmt(value)}, ${previous}; best so far, ${waitText}` }));
    }
    const head = `epoch ${epoch}: ${m} ${fmt(value)}`;
    if (Number.isNaN(value) && this.stopOnNaN) {
      return this.stop(decide({ counted: true, improved: false, stop: true, reason: 'nan', message: `${head} is NaN: stop now; best was ${fmt(s.best)} at epoch ${s.bestEpoch ?? 'none'}` }));
    }
    const noImprovement = `${head} did not improve on ${fmt(s.best)} (epoch ${s.bestEpoch}) by more than ${this.minDelta}; wait ${s.wait}/${this.patience}`;
    if (s.wait >= this.patience) {
      return this.stop(decide({ counted: true, improved: false, stop: true, reason: 'patience', message: `${noImprovement}: stop after epoch ${epoch}${this.restoreText()}` }));
    }
    return this.finish(decide({ counted: true, improved: false, stop: false, reason: null, message: noImprovement }));
  }

  /** The parameters to use after training: the best epoch's copy, or null if none was kept. */
  bestWeights(): Params | null {
    return this.state.bestParams === null ? null : cloneParams(this.state.bestParams);
  }

  private readValue(logs: Logs): number {
    if (typeof logs === 'number') return logs;
    const v = logs[this.monitor];
    if (typeof v !== 'number') {
      throw new RangeError(`EarlyStopping.update: logs have no number '${this.monitor}' (keys: ${Object.keys(logs).join(', ') || 'none'})`);
    }
    return v;
  }

  private restoreText(): string {
    const s = this.state;
    if (this.restoreBestWeights && s.bestParams !== null) return `; restore the weights of epoch ${s.bestEpoch} (${this.monitor} ${fmt(s.best)})`;
    return `; best was epoch ${s.bestEpoch} (${this.monitor} ${fmt(s.best)})`;
  }

  /** Applies Prechelt's criteria (if any) to a decision that did not stop. */
  private finish(d: EarlyStoppingDecision): EarlyStoppingDecision {
    if (!this.prechelt || Number.isNaN(d.value)) return d;
    const s = this.state;
    const train = s.trainValues.length === s.values.length ? s.trainValues : [];
    if (this.prechelt.PQ !== undefined && train.length === 0) {
      throw new RangeError("EarlyStopping: Prechelt's PQ needs logs.trainLoss at every epoch");
    }
    const check = precheltCheck(s.values, train, this.prechelt);
    if (check.stop === null) return d;
    d.stop = true;
    d.reason = check.stop.criterion;
    d.message += ` | ${check.stop.message}: stop after epoch ${d.epoch}${this.restoreText()}`;
    return this.stop(d);
  }

  private stop(d: EarlyStoppingDecision): EarlyStoppingDecision {
    this.state.stoppedEpoch = d.epoch;
    this.state.stopReason = d.reason;
    return d;
  }
}
