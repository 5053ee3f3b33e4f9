/**
 * The seed's "Diagnosing problems" as a function: read a training history, name the problem, and
 * give the usual advice. Plain data in, plain data out.
 *
 *   unstable:     a loss is NaN/Infinity, or the training loss jumps up from one epoch to the next
 *   overfitting:  validation loss has risen from its best AND the train/val gap is large
 *   underfitting: validation loss is not below a baseline (e.g. the bigram loss), or training loss
 *                 barely moved over the run: the model is not even fitting the training data
 *   healthy:      none of these
 * When several apply, the first in this order is the verdict; `reasons` lists every finding.
 * The thresholds are options with defaults, and every reason quotes the numbers it used.
 *
 * Left out on purpose: anything needing more than the history (e.g. looking at the weights).
 */
import { EpochRecord, bestRecord } from './history';

export type Verdict = 'overfitting' | 'underfitting' | 'unstable' | 'healthy';

export interface DiagnoseOptions {
  /** A loss the model must beat, e.g. bigramLoss(train, val, V); without it only "not learning" counts as underfitting. */
  baseline?: number;
  /** Gap val - train (nats) above which the gap counts as large (default 0.05). */
  gapTolerance?: number;
  /** Relative rise of the final val loss above its best that counts as rising (default 0.01 = 1%). */
  riseTolerance?: number;
  /** Relative epoch-to-epoch rise of the training loss that counts as a spike (default 0.1 = 10%). */
  spikeTolerance?: number;
  /** Relative drop of the training loss from first to last epoch below which it is "not learning" (default 0.01). */
  plateauTolerance?: number;
}

export interface Diagnosis {
  verdict: Verdict;
  /** Every finding, each quoting its numbers. */
  reasons: string[];
  /** What the seed advises for the verdict. */
  advice: string[];
  /** The numbers behind the verdict. */
  signals: {
    epochs: number;
    finalTrainLoss: number;
    finalValLoss: number;
    bestValLoss: number | null;
    bestEpoch: number | null;
    /** final val - final train (training loss in eval mode when recorded). */
    gap: number;
    /** (final val - best val) / best val. */
    riseFromBest: number | null;
  };
}

export const ADVICE: Record<Verdict, string[]> = {
  overfitting: [
    'Add dropout on the non-recurrent connections (keep probability 0.5-0.8).',
    'Add weight decay: an L2 penalty, or decoupled decay with AdamW.',
    'Use early stopping with restoreBestWeights, so you keep the weights of the best validation epoch.',
    'Get more training data (or use a smaller model).',
  ],
  underfitting: [
    'Use a bigger model (more hidden units).',
    'Train longer.',
    'Use less regularization (higher keep probability, smaller weight decay).',
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

export function diagnose(history: readonly EpochRecord[], opts: DiagnoseOptions = {}): Diagnosis {
  if (history.length === 0) throw new RangeError('diagnose: the history is empty (train at least one epoch)');
  const gapTol = opts.gapTolerance ?? 0.05;
  const riseTol = opts.riseTolerance ?? 0.01;
  const spikeTol = opts.spikeTolerance ?? 0.1;
  const plateauTol = opts.plateauTolerance ?? 0.01;
  const useEvalTrain = history.every((r) => r.trainEvalLoss !== undefined);
  const train = history.map((r) => (useEvalTrain ? (r.trainEvalLoss as number) : r.trainLoss));
  const last = history[history.length - 1];
  const finalTrain = train[train.length - 1];
  const finalVal = last.valLoss;
  const best = bestRecord(history);
  const gap = finalVal - finalTrain;
  const rise = best === null ? null : (finalVal - best.valLoss) / best.valLoss;
  const found: Record<Exclude<Verdict, 'healthy'>, string[]> = { unstable: [], overfitting: [], underfitting: [] };

  // unstable
  const bad = history.filter((r) => !Number.isFinite(r.trainLoss) || !Number.isFinite(r.valLoss));
  if (bad.length > 0) found.unstable.push(`loss is NaN or infinite at epoch(s) ${bad.map((r) => r.epoch).join(', ')}`);
  for (let i = 1; i < train.length; i++) {
    if (Number.isFinite(train[i]) && Number.isFinite(train[i - 1]) && train[i] > train[i - 1] * (1 + spikeTol)) {
      found.unstable.push(`training loss jumped from ${f4(train[i - 1])} to ${f4(train[i])} at epoch ${history[i].epoch} (more than ${spikeTol * 100}%)`);
    }
  }

  // overfitting
  const rising = rise !== null && Number.isFinite(finalVal) && rise > riseTol;
  if (rising && gap > gapTol) {
    found.overfitting.push(
      `validation loss rose from its best ${f4(best!.valLoss)} (epoch ${best!.epoch}) to ${f4(finalVal)} (+${(rise! * 100).toFixed(1)}%)`,
      `train/val gap is ${f4(gap)} nats at the last epoch (train ${f4(finalTrain)}, val ${f4(finalVal)}; large means > ${gapTol})`,
    );
  }

  // underfitting
  if (opts.baseline !== undefined && best !== null && best.valLoss >= opts.baseline) {
    found.underfitting.push(`best validation loss ${f4(best.valLoss)} is not below the baseline ${f4(opts.baseline)}: both train and val are high`);
  }
  if (history.length >= 2 && Number.isFinite(train[0]) && Number.isFinite(finalTrain)) {
    const drop = (train[0] - finalTrain) / train[0];
    if (drop < plateauTol) {
      found.underfitting.push(`training loss barely moved: ${f4(train[0])} -> ${f4(finalTrain)} (${(drop * 100).toFixed(2)}% < ${plateauTol * 100}%)`);
    }
  }

  const order: Exclude<Verdict, 'healthy'>[] = ['unstable', 'overfitting', 'underfitting'];
  const verdict: Verdict = order.find((v) => found[v].length > 0) ?? 'healthy';
  const reasons = order.flatMap((v) => found[v].map((r) => (v === verdict ? r : `(also ${v}) ${r}`)));
  if (verdict === 'healthy') {
    reasons.push(`no NaN or spikes; val ${f4(finalVal)} at the last epoch, best ${best ? `${f4(best.valLoss)} at epoch ${best.epoch}` : 'none'}, gap ${f4(gap)}`);
  }
  return {
    verdict,
    reasons,
    advice: [...ADVICE[verdict]],
    signals: {
      epochs: history.length,
      finalTrainLoss: finalTrain,
      finalValLoss: finalVal,
      bestValLoss: best?.valLoss ?? null,
      bestEpoch: best?.epoch ?? null,
      gap,
      riseFromBest: rise,
    },
  };
}
