/**
 * The training history: one plain record per epoch, and small helpers to read it (the best epoch,
 * the generalization gap).
 *
 * Left out on purpose: smoothing, per-batch logs (the trainer's onBatch callback gives those).
 */

/** What the trainer records after each epoch. */
export interface EpochRecord {
  /** 1 for the first pass over the training data. */
  epoch: number;
  /** Mean cross-entropy (nats/token) over the epoch's training batches, in train mode (dropout on), without the L2 penalty. */
  trainLoss: number;
  /** Cross-entropy over the whole validation stream, eval mode. */
  valLoss: number;
  /** sqrt(sum w^2) over the parameters weight decay applies to (weights and embedding). */
  weightNorm: number;
  /** Mean global gradient norm over the epoch's batches, before clipping (with the L2 gradient). */
  gradNorm: number;
  /** Learning rate used in this epoch. */
  lr: number;
  /** Wall-clock seconds for the epoch (training and validation). */
  seconds: number;
  /** Mean L2 penalty lambda * sum(w^2) over the epoch (0 without L2). */
  penalty: number;
  /** Share of batches whose gradient was clipped (0 without clipping). */
  clippedShare: number;
  /** Training stream loss in eval mode (only with the trainer's `evalTrain` option). */
  trainEvalLoss?: number;
}

/** The part of a record that reading a training curve needs (a loop of one's own can record just this). */
export type LossRecord = Pick<EpochRecord, 'epoch' | 'trainLoss' | 'valLoss' | 'trainEvalLoss'>;

type NumericKey = { [K in keyof EpochRecord]-?: EpochRecord[K] extends number | undefined ? K : never }[keyof EpochRecord];

/** The record with the lowest finite value of `key` (default valLoss); the earliest on ties; null if none. */
export function bestRecord<R extends Partial<EpochRecord>>(history: readonly R[], key: NumericKey = 'valLoss'): R | null {
  let best: R | null = null;
  for (const r of history) {
    const v = r[key];
    if (typeof v === 'number' && Number.isFinite(v) && (best === null || v < (best[key] as number))) best = r;
  }
  return best;
}

/**
 * valLoss - training loss of a record: how much worse the model does on names it has not seen. Uses
 * trainEvalLoss when recorded (dropout off, a fair comparison), else trainLoss (which dropout inflates).
 */
export function generalizationGap(record: LossRecord): number {
  return record.valLoss - (record.trainEvalLoss ?? record.trainLoss);
}
