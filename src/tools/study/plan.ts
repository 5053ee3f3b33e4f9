/**
 * What a study is, as plain data: shared settings, a list of conditions (which regularizers are on),
 * and the seeds. A condition switches each of the four regularizers on or off; everything else
 * (model size, epochs, data, optimizer) is shared so the conditions differ only where they say.
 *
 * Left out on purpose: grids over learning rates or sizes (a study compares regularizers at one
 * setting), per-condition epochs.
 */
import { checkKeepProb } from '../../lib/layers/dropout';

/** Settings every run of a study shares. */
export interface StudySettings {
  /** LSTM hidden size H. */
  hiddenSize: number;
  /** Embedding size D. */
  embedDim: number;
  /** Epochs to train (early stopping may end a run sooner). */
  epochs: number;
  /** N parallel streams per batch. */
  batchSize: number;
  /** T steps per batch (truncated-BPTT length). */
  unroll: number;
  /** Adam / AdamW learning rate. */
  lr: number;
  /** Max global gradient norm. */
  clip: number;
  /** Train on only the first this-many training names of the split (null: all of them). */
  maxTrainNames: number | null;
  /**
   * Validate (each epoch, for the best epoch and early stopping) on only the first this-many
   * validation names (null: all). The per-epoch val pass is a large share of a small run's time;
   * the test loss always uses the whole test split.
   */
  maxValNames: number | null;
  /** Seed of the train/val/test split: the same for every run, so seeds vary only init and dropout. */
  dataSeed: number;
  /** Names sampled per run to measure memorization. */
  samples: number;
  /** Sampling temperature. */
  temperature: number;
}

/** One condition: which regularizers are on, at what strength. */
export interface Condition {
  /** Short id used in file names and the table, e.g. 'dropout-0.5'. */
  name: string;
  /** One line for the report. */
  description: string;
  /** Dropout keep probability on non-recurrent connections (1 = no dropout). */
  keepProb: number;
  /** LN-LSTM instead of the plain LSTM. */
  layerNorm: boolean;
  /** L2 penalty lambda in lambda * sum(w^2), added to the loss (0 = off). */
  l2: number;
  /** Decoupled weight decay of AdamW (0 = plain Adam). */
  weightDecay: number;
  /** Early-stopping patience in epochs (null = train all epochs). */
  patience: number | null;
}

export interface StudyPlan {
  /** 'default' or 'quick', printed in the report. */
  name: string;
  settings: StudySettings;
  conditions: Condition[];
  seeds: number[];
}

/** Throws a RangeError naming the first problem with a plan. */
export function checkPlan(plan: StudyPlan): void {
  const s = plan.settings;
  const posInt = (v: number, name: string): void => {
    if (!(Number.isInteger(v) && v >= 1)) throw new RangeError(`study plan: ${name} must be a positive integer, got ${v}`);
  };
  posInt(s.hiddenSize, 'hiddenSize');
  posInt(s.embedDim, 'embedDim');
  posInt(s.epochs, 'epochs');
  posInt(s.batchSize, 'batchSize');
  posInt(s.unroll, 'unroll');
  posInt(s.samples, 'samples');
  if (s.maxTrainNames !== null) posInt(s.maxTrainNames, 'maxTrainNames');
  if (s.maxValNames !== null) posInt(s.maxValNames, 'maxValNames');
  if (!(s.lr > 0)) throw new RangeError(`study plan: lr must be > 0, got ${s.lr}`);
  if (!(s.clip > 0)) throw new RangeError(`study plan: clip must be > 0, got ${s.clip}`);
  if (plan.conditions.length === 0) throw new RangeError('study plan: no conditions');
  if (plan.seeds.length === 0) throw new RangeError('study plan: no seeds');
  if (new Set(plan.seeds).size !== plan.seeds.length) throw new RangeError(`study plan: seeds repeat (${plan.seeds.join(', ')})`);
  const names = new Set<string>();
  for (const c of plan.conditions) {
    if (!/^[a-z0-9][a-z0-9.+-]*$/.test(c.name)) throw new RangeError(`study plan: condition name '${c.name}' must be lower-case letters, digits, '.', '+' or '-'`);
    if (names.has(c.name)) throw new RangeError(`study plan: condition '${c.name}' appears twice`);
    names.add(c.name);
    checkKeepProb(c.keepProb, `study plan: condition '${c.name}'`);
    if (!(c.l2 >= 0) || !(c.weightDecay >= 0)) throw new RangeError(`study plan: condition '${c.name}': l2 and weightDecay must be >= 0`);
    if (c.patience !== null && !(Number.isInteger(c.patience) && c.patience >= 0)) {
      throw new RangeError(`study plan: condition '${c.name}': patience must be an integer >= 0 or null, got ${c.patience}`);
    }
  }
}
