/**
 * The topic's "Diagnosing problems" as a function: read a training history, name the problem, give
 * the usual advice. Plain data in, plain data out. The rules (RULES below says them in words):
 *
 *   unstable:     a loss is NaN or infinite, or the training loss jumps up: by more than spikeTolerance
 *                 from one epoch to the next, or (given batchLosses) by more than batchSpikeTolerance
 *                 from one step to the next
 *   overfitting:  val well above train ("train >> val"): the gap val - train at the judged epoch is
 *                 above gapTolerance, or val has not improved for `patience` epochs while the training
 *                 loss kept falling (the model learns its training names and nothing that carries over)
 *   underfitting: both high: the best val is not at least underfitMargin below the baseline (e.g. the
 *                 bigram model) while the gap is small; without a baseline, a training loss that
 *                 barely moved
 *   healthy:      none of these (still improving, or levelled off with train and val together)
 * The first that applies, in this order, is the verdict; `reasons` lists every finding with its numbers.
 *
 * The gap is measured with the training loss in eval mode (the trainer's evalTrain). Without it the
 * train-mode loss is used, which dropout inflates: that gap is only a lower bound, so it can confirm a
 * large gap but never clear one, and the reasons say so. `at` judges the weights of one epoch (the one
 * early stopping restored): the history after it is left out, so every number is that epoch's.
 *
 * Left out on purpose: anything needing more than the history (the weights, the data).
 */
import { LossRecord, bestRecord } from './history';

export type Verdict = 'overfitting' | 'underfitting' | 'unstable' | 'healthy';

export interface DiagnoseOptions {
  /** A loss the model must clearly beat, e.g. bigramLoss(train, val, V). */
  baseline?: number;
  /** Judge the weights of this epoch (e.g. TrainResult.paramsEpoch); the records after it are left out. Default: the last. */
  at?: number;
  /** The training loss of every step (the trainer's onBatch), to see spikes inside an epoch. */
  batchLosses?: readonly number[];
  /** Gap val - train (nats) above which val is "well above" train (default 0.2). */
  gapTolerance?: number;
  /** Epochs without a new best val that count as "stopped improving" (default 3). */
  patience?: number;
  /** Relative fall of the training loss since the best val epoch that counts as "still falling" (default 0.01). */
  trainFallTolerance?: number;
  /** Relative epoch-to-epoch rise of the training loss that counts as a spike (default 0.1). */
  spikeTolerance?: number;
  /** Relative step-to-step rise of the batch loss that counts as a spike (default 0.25). */
  batchSpikeTolerance?: number;
  /** How far below the baseline (relative) the best val must be not to count as "high" (default 0.05). */
  underfitMargin?: number;
  /** Relative fall of the training loss over the run below which it "barely moved" (default 0.01). */
  plateauTolerance?: number;
}

export interface Diagnosis {
  verdict: Verdict;
  /** Every finding, each quoting its numbers. */
  reasons: string[];
  /** What the topic advises for the verdict. */
  advice: string[];
  /** The numbers behind the verdict, all of the judged epoch. */
  signals: {
    /** Epochs judged (up to `at`). */
    epochs: number;
    trainLoss: number;
    valLoss: number;
    bestValLoss: number | null;
    bestEpoch: number | null;
    /** val - train at the judged epoch. */
    gap: number;
    /** true when train is the train-mode loss (no trainEvalLoss): the true gap is at least this. */
    gapIsLowerBound: boolean;
    /** (val - best val) / best val. */
    riseFromBest: number | null;
    epochsSinceBest: number | null;
  };
}

/** The rules in words, as the notebooks quote them. */
export const RULES: Record<Verdict, string> = {
  unstable: 'a loss is NaN, or the training loss jumps up from one epoch (or step) to the next',
  overfitting: 'val well above train: a large gap, or val stuck for several epochs while train keeps falling',
  underfitting: 'both high: the best val is not clearly below the baseline, and train is no lower',
  healthy: 'none of the above: still improving, or levelled off with train and val together',
};

export const ADVICE: Record<Verdict, string[]> = {
  overfitting: [
    'Add dropout on the non-recurrent connections (keep probability 0.5-0.8).',
    'Add weight decay: an L2 penalty, or decoupled decay with AdamW.',
    'Use early stopping with restoreBestWeights, so you keep the weights of the best validation epoch.',
    'Get more training data (or use a smaller model).',
  ],
  underfitting: [
    'Use less regularization (higher keep probability, smaller weight decay, a smaller minDelta).',
    'Train longer.',
    'Use a bigger model (more hidden units).',
    'Raise the learning rate (carefully).',
  ],
  unstable: [
    'Lower the learning rate.',
    'Clip gradients by their global norm (e.g. maxNorm 1 to 5).',
    'Add layer normalization (LN-LSTM).',
  ],
  healthy: [
    'Nothing alarming. If validation loss is still falling, train longer; keep early stopping on to catch the turn.',
  ],
};

const f4 = (v: number): string => v.toFixed(4);
const pct = (v: number): string => `${(100 * v).toFixed(1)}%`;

export function diagnose(fullHistory: readonly LossRecord[], opts: DiagnoseOptions = {}): Diagnosis {
  if (fullHistory.length === 0) throw new RangeError('diagnose: the history is empty (train at least one epoch)');
  const at = opts.at ?? fullHistory[fullHistory.length - 1].epoch;
  const history = fullHistory.filter((r) => r.epoch <= at);
  if (history.length === 0) throw new RangeError(`diagnose: no record at or before epoch ${at}`);
  const gapTol = opts.gapTolerance ?? 0.2;
  const patience = opts.patience ?? 3;
  const fallTol = opts.trainFallTolerance ?? 0.01;
  const spikeTol = opts.spikeTolerance ?? 0.1;
  const batchSpikeTol = opts.batchSpikeTolerance ?? 0.25;
  const margin = opts.underfitMargin ?? 0.05;
  const plateauTol = opts.plateauTolerance ?? 0.01;

  const evalMode = history.every((r) => r.trainEvalLoss !== undefined);
  const train = history.map((r) => (evalMode ? (r.trainEvalLoss as number) : r.trainLoss));
  const last = history[history.length - 1];
  const trainNow = train[train.length - 1];
  const valNow = last.valLoss;
  const best = bestRecord(history);
  const gap = valNow - trainNow;
  const rise = best === null ? null : (valNow - best.valLoss) / best.valLoss;
  const sinceBest = best === null ? null : last.epoch - best.epoch;
  const found: Record<Exclude<Verdict, 'healthy'>, string[]> = { unstable: [], overfitting: [], underfitting: [] };
  const notes: string[] = [];
  if (opts.at !== undefined && at < fullHistory[fullHistory.length - 1].epoch) {
    notes.push(`judged at epoch ${at} (the weights kept); the ${fullHistory.length - history.length} epoch(s) after it are left out`);
  }

  // unstable
  const bad = history.filter((r) => !Number.isFinite(r.trainLoss) || !Number.isFinite(r.valLoss));
  if (bad.length > 0) found.unstable.push(`loss is NaN or infinite at epoch(s) ${bad.map((r) => r.epoch).join(', ')}`);
  for (let i = 1; i < train.length; i++) {
    if (Number.isFinite(train[i]) && Number.isFinite(train[i - 1]) && train[i] > train[i - 1] * (1 + spikeTol)) {
      found.unstable.push(`training loss jumped from ${f4(train[i - 1])} to ${f4(train[i])} at epoch ${history[i].epoch} (more than ${pct(spikeTol)})`);
    }
  }
  const steps = opts.batchLosses ?? [];
  let worst = -1;
  for (let i = 1; i < steps.length; i++) {
    if (Number.isFinite(steps[i]) && Number.isFinite(steps[i - 1]) && steps[i - 1] > 0 && (worst < 0 || steps[i] / steps[i - 1] > steps[worst] / steps[worst - 1])) worst = i;
  }
  if (worst > 0 && steps[worst] > steps[worst - 1] * (1 + batchSpikeTol)) {
    found.unstable.push(`training loss jumped from ${f4(steps[worst - 1])} to ${f4(steps[worst])} in one step (step ${worst}: +${pct(steps[worst] / steps[worst - 1] - 1)}, more than ${pct(batchSpikeTol)})`);
  }

  // overfitting: val well above train
  const gapText = `gap val - train ${f4(gap)} nats at epoch ${last.epoch} (val ${f4(valNow)}, train ${f4(trainNow)}${evalMode ? '' : ' in train mode'})`;
  const lowerBound = 'the train-mode loss is the epoch\'s running average, with dropout on if the model has any, so the true gap is at least this';
  if (Number.isFinite(gap) && gap > gapTol) {
    found.overfitting.push(`${gapText} is above ${gapTol}${evalMode ? '' : ` (${lowerBound})`}`);
  } else if (Number.isFinite(gap)) {
    notes.push(evalMode ? `${gapText}, not above ${gapTol}` : `${gapText}: ${lowerBound}; train with evalTrain to measure it in eval mode`);
  }
  if (best !== null && sinceBest !== null && sinceBest >= patience && Number.isFinite(valNow)) {
    const trainAtBest = train[history.indexOf(best)];
    const fall = (trainAtBest - trainNow) / trainAtBest;
    const stuck = `val has not improved for ${sinceBest} epochs (best ${f4(best.valLoss)} at epoch ${best.epoch}, now ${f4(valNow)}, ${rise! >= 0 ? '+' : ''}${pct(rise!)})`;
    if (fall > fallTol) found.overfitting.push(`${stuck} while the training loss kept falling (${f4(trainAtBest)} -> ${f4(trainNow)}, -${pct(fall)})`);
    else notes.push(`${stuck}, and the training loss levelled off too (${f4(trainAtBest)} -> ${f4(trainNow)}): train and val stopped together`);
  } else if (best !== null && sinceBest !== null) {
    notes.push(sinceBest === 0 ? `val is at its best at the last epoch (${f4(best.valLoss)}): still improving` : `best val ${f4(best.valLoss)} at epoch ${best.epoch}, ${sinceBest} epoch(s) before the last: too soon to call a turn`);
  }

  // underfitting: both high
  if (opts.baseline !== undefined && best !== null && best.valLoss > opts.baseline * (1 - margin) && !(gap > gapTol)) {
    found.underfitting.push(`best val ${f4(best.valLoss)} is not ${pct(margin)} below the baseline ${f4(opts.baseline)} (that is ${f4(opts.baseline * (1 - margin))}), and train is no lower (${f4(trainNow)}): both high`);
  }
  if (history.length >= 2 && Number.isFinite(train[0]) && Number.isFinite(trainNow)) {
    const drop = (train[0] - trainNow) / train[0];
    if (drop < plateauTol) found.underfitting.push(`training loss barely moved: ${f4(train[0])} -> ${f4(trainNow)} (${pct(drop)} < ${pct(plateauTol)})`);
  }

  const order: Exclude<Verdict, 'healthy'>[] = ['unstable', 'overfitting', 'underfitting'];
  const verdict: Verdict = order.find((v) => found[v].length > 0) ?? 'healthy';
  const reasons = [
    ...order.flatMap((v) => found[v].map((r) => (v === verdict ? r : `(also ${v}) ${r}`))),
    ...notes,
  ];
  return {
    verdict,
    reasons,
    advice: [...ADVICE[verdict]],
    signals: {
      epochs: history.length,
      trainLoss: trainNow,
      valLoss: valNow,
      bestValLoss: best?.valLoss ?? null,
      bestEpoch: best?.epoch ?? null,
      gap,
      gapIsLowerBound: !evalMode,
      riseFromBest: rise,
      epochsSinceBest: sinceBest,
    },
  };
}
