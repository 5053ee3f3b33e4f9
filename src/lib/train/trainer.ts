/**
 * The training loop: epochs of truncated-BPTT batches over the training stream (LSTM state carried
 * from batch to batch, gradients stopping at batch boundaries), a validation pass in eval mode after
 * every epoch, and one plain record per epoch. Per batch, step.ts's trainStep:
 *   loss, cache = forward(train mode);  grads = backward(cache)
 *   grads += 2 lambda w              (L2 penalty, if l2 > 0)
 *   gradNorm = clip(grads, maxNorm)  (pre-clip global norm, recorded)
 *   optimizer.step(params, grads)    (decoupled decay lives inside AdamW)
 * Deterministic for a seed: the seed is forked into one generator for the initial weights and one
 * for dropout, so changing keepProb does not change the initial weights.
 *
 * Left out on purpose: checkpoints on disk, multiple processes, mixed precision, gradient
 * accumulation. `maxBatchesPerEpoch` trains on a fixed subset (the first k batches, the same each
 * epoch): smaller and faster, and it overfits sooner.
 */
import { cloneParams, homeParams } from '../numbers/tensor';
import { Rng } from '../numbers/rng';
import { batchAt, batchCount } from '../data/batches';
import { CharLMConfig, CharLMLayers, CharLMParams, decayWeightsOnly, initCharLM } from '../model/char-lm';
import type { Optimizer } from '../optim/optimizer';
import { OptimizerSpec, makeOptimizer } from '../optim/make-optimizer';
import { globalNorm } from '../optim/clip';
import type { DecayFilter } from '../regularize/decay-filter';
import { EarlyStopping, EarlyStoppingState } from './early-stopping';
import { EpochRecord, bestRecord } from './history';
import { evaluateBatches, evaluateLoss } from './evaluate';
import { StepSetup, newStepCarry, trainStep } from './step';
import { stepThreads } from './two-threads';

export type { EpochRecord } from './history';

export interface BatchInfo {
  epoch: number;
  /** 0-based batch index within the epoch. */
  batch: number;
  batches: number;
  loss: number;
  gradNorm: number;
}

export interface TrainOptions {
  model: CharLMConfig;
  /** Token streams (see data/vocab encodeNames); tokens must be < model.vocabSize. */
  data: { train: Int32Array; val: Int32Array };
  epochs: number;
  /** N parallel streams per batch (default 32). */
  batchSize?: number;
  /** T steps per batch, the truncated-BPTT length (default 32). */
  unroll?: number;
  /**
   * An optimizer (used and changed in place) or a spec for a fresh one (default { kind: 'adam', lr: 0.002 });
   * a spec's decay covers the char LM's weights (decayWeightsOnly) unless it names its own decayFilter.
   */
  optimizer?: Optimizer | OptimizerSpec;
  /** L2 penalty strength lambda in lambda * sum(w^2) (default 0). */
  l2?: number;
  /** Parameters the L2 penalty and the recorded weightNorm cover (default: weights and embedding). */
  decayFilter?: DecayFilter;
  /** Max global gradient norm (default: no clipping). */
  clip?: number;
  /** Seed (default 0), or pass a generator. */
  seed?: number;
  rng?: Rng;
  /** The generator of the dropout masks (default: forked from the seed, after the one for the weights). */
  dropoutRng?: Rng;
  /** Initial parameters (copied, not changed); default initCharLM(model, seeded). */
  params?: CharLMParams;
  /** Reset at the start, updated after every epoch; with restoreBestWeights the result carries the best epoch's weights. */
  earlyStopping?: EarlyStopping;
  /** Train on only the first k batches of each epoch. */
  maxBatchesPerEpoch?: number;
  /**
   * 2: each batch's streams are split between this thread and a worker thread (two-threads.ts), about
   * twice as fast on two free cores; deterministic for a seed, though not the same bits as 1 (default).
   */
  threads?: 1 | 2;
  /** Also measure the training loss in eval mode (on the batches trained on) each epoch: a fair gap. */
  evalTrain?: boolean;
  /** Learning rate for an epoch, from the epoch (1-based) and the initial lr. */
  lrSchedule?: (epoch: number, initialLr: number) => number;
  /** The learner's own dropout / layer norm in the model (see own-code.ts; default: the library's). */
  layers?: CharLMLayers;
  callbacks?: {
    /** After each epoch; return true to stop training. */
    onEpochEnd?: (record: EpochRecord, history: readonly EpochRecord[]) => boolean | void;
    onBatch?: (info: BatchInfo) => void;
  };
}

export interface TrainResult {
  history: EpochRecord[];
  /** Epoch with the lowest validation loss, and that loss. */
  bestEpoch: number;
  bestValLoss: number;
  /** The epoch after which training stopped early (early stopping, NaN, or a callback), else null. */
  stoppedEpoch: number | null;
  stopReason: string | null;
  /** The parameters to use: the best epoch's with early stopping's restoreBestWeights, else the last. */
  params: CharLMParams;
  /** The epoch `params` come from. */
  paramsEpoch: number;
  /** The parameters at the end of training (the last epoch trained), whatever `params` holds. */
  finalParams: CharLMParams;
  /** Early stopping's state at the end (with its decision log), if one was given. */
  earlyStopping: EarlyStoppingState | null;
  totalSeconds: number;
}

const isOptimizer = (o: Optimizer | OptimizerSpec): o is Optimizer => typeof (o as Optimizer).step === 'function';

function checkOptions(o: TrainOptions): void {
  const posInt = (v: number | undefined, name: string): void => {
    if (v !== undefined && !(Number.isInteger(v) && v >= 1)) throw new RangeError(`train: ${name} must be a positive integer, got ${v}`);
  };
  if (!o || !o.model || !o.data) throw new RangeError('train: options need model, data and epochs');
  posInt(o.epochs, 'epochs');
  if (o.epochs === undefined) throw new RangeError('train: epochs is required');
  posInt(o.batchSize, 'batchSize');
  posInt(o.unroll, 'unroll');
  posInt(o.maxBatchesPerEpoch, 'maxBatchesPerEpoch');
  if (o.l2 !== undefined && !(Number.isFinite(o.l2) && o.l2 >= 0)) throw new RangeError(`train: l2 must be a finite number >= 0, got ${o.l2}`);
  if (o.clip !== undefined && !(o.clip > 0)) throw new RangeError(`train: clip must be > 0, got ${o.clip}`);
  if (o.threads !== undefined && o.threads !== 1 && o.threads !== 2) throw new RangeError(`train: threads must be 1 or 2, got ${o.threads}`);
  if (o.threads === 2 && (o.layers?.dropout || o.layers?.layerNorm)) throw new RangeError('train: threads: 2 cannot run your own layers (the worker thread cannot call functions defined here); use threads: 1');
  for (const part of ['train', 'val'] as const) {
    const t = o.data[part];
    if (!(t instanceof Int32Array) || t.length < 2) throw new RangeError(`train: data.${part} must be an Int32Array of at least 2 tokens (empty data)`);
    for (let i = 0; i < t.length; i++) {
      if (!(t[i] >= 0 && t[i] < o.model.vocabSize)) throw new RangeError(`train: data.${part}[${i}] = ${t[i]} is outside the vocabulary 0..${o.model.vocabSize - 1}`);
    }
  }
}

export function train(opts: TrainOptions): TrainResult {
  checkOptions(opts);
  const t0 = performance.now();
  const config = opts.model;
  const N = opts.batchSize ?? 32;
  const T = opts.unroll ?? 32;
  const lambda = opts.l2 ?? 0;
  const filter = opts.decayFilter ?? decayWeightsOnly;
  const rng = opts.rng ?? new Rng(opts.seed ?? 0);
  const initRng = rng.fork();
  const forkedDropoutRng = rng.fork();
  const dropoutRng = opts.dropoutRng ?? forkedDropoutRng;
  const params = homeParams(opts.params ?? initCharLM(config, initRng)); // a copy, where the kernels read it (never handed out: see below)
  const optimizer: Optimizer | OptimizerSpec = opts.optimizer ?? { kind: 'adam', lr: 0.002 };
  // A spec without a filter decays the char LM's weights (not biases or norms), like the L2 penalty.
  const opt = isOptimizer(optimizer) ? optimizer : makeOptimizer({ ...optimizer, decayFilter: optimizer.decayFilter ?? decayWeightsOnly });
  const lr0 = opt.lr;
  const es = opts.earlyStopping;
  es?.reset();
  // The same batches, in the same order, every epoch (only the first maxBatchesPerEpoch are cut).
  const count = Math.min(batchCount(opts.data.train.length, N, T), opts.maxBatchesPerEpoch ?? Infinity);
  const epochBatches = Array.from({ length: count }, (_, k) => batchAt(opts.data.train, N, T, k));
  const setup: StepSetup = { params, config, optimizer: opt, rng: dropoutRng, l2: lambda, decayFilter: filter, clip: opts.clip, layers: opts.layers };
  const carry = newStepCarry();
  const pair = opts.threads === 2 ? stepThreads() : null;
  const history: EpochRecord[] = [];
  let stopReason: string | null = null;
  let stoppedEpoch: number | null = null;

  for (let epoch = 1; epoch <= opts.epochs && stopReason === null; epoch++) {
    const tEpoch = performance.now();
    if (opts.lrSchedule) opt.lr = opts.lrSchedule(epoch, lr0);
    carry.state = null; // each epoch starts the streams from a zero state; trainStep carries it from batch to batch
    let lossSum = 0, tokens = 0, normSum = 0, penaltySum = 0, clipped = 0, steps = 0;
    for (let b = 0; b < epochBatches.length; b++) {
      const batch = epochBatches[b];
      const { loss, gradNorm, penalty, updated } = pair ? pair.step(setup, batch, carry) : trainStep(setup, batch, carry);
      opts.callbacks?.onBatch?.({ epoch, batch: b, batches: epochBatches.length, loss, gradNorm });
      if (!updated) {
        stopReason = `non-finite ${Number.isFinite(loss) ? 'gradient norm' : 'loss'} at epoch ${epoch}, batch ${b}: update skipped, training stopped`;
        lossSum = NaN;
        break;
      }
      lossSum += loss * batch.N * batch.T;
      tokens += batch.N * batch.T;
      normSum += gradNorm;
      penaltySum += penalty;
      if (opts.clip !== undefined && gradNorm > opts.clip) clipped++;
      steps++;
    }
    const record: EpochRecord = {
      epoch,
      trainLoss: tokens > 0 && Number.isFinite(lossSum) ? lossSum / tokens : NaN,
      valLoss: evaluateLoss(params, config, opts.data.val, { N, T, layers: opts.layers }),
      weightNorm: globalNorm(params, filter),
      gradNorm: steps > 0 ? normSum / steps : NaN,
      lr: opt.lr,
      seconds: 0,
      penalty: steps > 0 ? penaltySum / steps : 0,
      clippedShare: steps > 0 ? clipped / steps : 0,
    };
    if (opts.evalTrain) record.trainEvalLoss = evaluateBatches(params, config, epochBatches, opts.layers);
    record.seconds = (performance.now() - tEpoch) / 1000;
    history.push(record);
    if (es) {
      const d = es.update(epoch, { ...record }, cloneParams(params)); // an ordinary copy (see below)
      if (d.stop && stopReason === null) stopReason = `early stopping (${d.reason}): ${d.message}`;
    }
    if (opts.callbacks?.onEpochEnd?.(record, history) === true && stopReason === null) stopReason = `stopped by onEpochEnd at epoch ${epoch}`;
    if (stopReason !== null) stoppedEpoch = epoch;
  }

  const best = bestRecord(history);
  // The monitor keeps a copy of the very params passed to es.update above, so the type is the same.
  const restored = es?.restoreBestWeights ? (es.bestWeights() as CharLMParams | null) : null;
  // What leaves the trainer (here and in es.update) is ordinary arrays, never views of the kernels'
  // shared memory: structuredClone of a view of a SharedArrayBuffer shares the bytes instead of
  // copying them, so a learner's `best = structuredClone(params)` would follow the live weights.
  const last = cloneParams(params);
  return {
    history,
    bestEpoch: best?.epoch ?? NaN,
    bestValLoss: best?.valLoss ?? NaN,
    stoppedEpoch,
    stopReason,
    params: restored ?? last,
    paramsEpoch: restored ? (es!.state.bestEpoch as number) : history.length,
    finalParams: last,
    earlyStopping: es ? es.state : null,
    totalSeconds: (performance.now() - t0) / 1000,
  };
}
