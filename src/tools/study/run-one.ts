/**
 * One run of the study: train the names LSTM under one condition with one seed, then measure what
 * the table needs. Deterministic from (settings, condition, seed): the split uses settings.dataSeed,
 * the trainer the run's seed, sampling a generator derived from it.
 *
 * Every run keeps two sets of weights:
 *   best  = the weights of the epoch with the lowest val loss (early stopping's restoreBestWeights;
 *           conditions without early stopping use patience Infinity, so it only tracks)
 *   final = the weights at the end of training (the last epoch; for early stopping, the stop epoch)
 * Test loss (and perplexity) use `best`, as a paper reports its best-validation model. The gap and
 * memorization describe what training produced, so they use `final`.
 *
 * Left out on purpose: writing files (results-dir.ts), processes (pool.ts), printing (progress.ts).
 */
import { Rng } from '../../lib/numbers/rng';
import { NamesDataset, namesDataset } from '../../lib/data/dataset';
import { CharLMConfig } from '../../lib/model/char-lm';
import { train } from '../../lib/train/trainer';
import { EarlyStopping } from '../../lib/train/early-stopping';
import { EpochRecord } from '../../lib/train/history';
import { evaluateLoss } from '../../lib/train/evaluate';
import { sampleNames } from '../../lib/generate/sample';
import { memorization } from '../../lib/generate/memorization';
import { OptimizerSpec } from '../../lib/optim/make-optimizer';
import { RunSpec } from './matrix';

/** The per-epoch numbers a run keeps (for curves). */
export interface RunEpoch {
  epoch: number;
  /** Train-mode training loss (dropout on), mean over the epoch's batches. */
  trainLoss: number;
  valLoss: number;
  weightNorm: number;
  seconds: number;
}

/** The RunEpoch of a trainer's epoch record. */
export const toRunEpoch = (r: EpochRecord): RunEpoch =>
  ({ epoch: r.epoch, trainLoss: r.trainLoss, valLoss: r.valLoss, weightNorm: r.weightNorm, seconds: r.seconds });

/** Everything one finished run stores (one JSON file per run). */
export interface RunResult {
  id: string;
  condition: string;
  seed: number;
  hash: string;
  epochsRun: number;
  /** Set when early stopping (or a NaN) ended the run before settings.epochs. */
  stoppedEpoch: number | null;
  stopReason: string | null;
  bestEpoch: number;
  bestValLoss: number;
  /** Val loss at the last epoch trained. */
  finalValLoss: number;
  /** Eval-mode (no dropout) loss of the final weights on the training names. */
  finalTrainLoss: number;
  /** finalValLoss - finalTrainLoss: how much better the final model does on names it trained on. */
  gap: number;
  /** Test loss of the best-val weights, and exp of it. */
  testLossAtBest: number;
  perplexity: number;
  /** Share of sampled names (final weights) that are verbatim training names. */
  memorized: number;
  /** A few names the final model wrote (for the report). */
  examples: string[];
  history: RunEpoch[];
  seconds: number;
}

/** Sampling uses Rng(seed + this), a stream unrelated to the trainer's Rng(seed). */
const SAMPLE_SEED_OFFSET = 1_000_003;

const datasets = new Map<string, NamesDataset>();

/**
 * The study's data, loaded once per process per setting: the split by `dataSeed`, the first
 * `maxTrainNames` training names and the first `maxValNames` validation names (null: all).
 */
export function studyData(dataSeed: number, maxTrainNames: number | null, maxValNames: number | null = null): NamesDataset {
  const key = `${dataSeed}/${maxTrainNames}/${maxValNames}`;
  let d = datasets.get(key);
  if (!d) {
    d = namesDataset({ seed: dataSeed, ...(maxTrainNames === null ? {} : { maxTrainNames }), ...(maxValNames === null ? {} : { maxValNames }) });
    datasets.set(key, d);
  }
  return d;
}

export function runOne(spec: RunSpec, onEpoch?: (record: EpochRecord) => void): RunResult {
  const t0 = performance.now();
  const { settings: s, condition: c, seed } = spec;
  const data = studyData(s.dataSeed, s.maxTrainNames, s.maxValNames);
  const model: CharLMConfig = {
    vocabSize: data.vocab.size,
    embedDim: s.embedDim,
    hiddenSize: s.hiddenSize,
    layerNorm: c.layerNorm,
    keepProb: c.keepProb,
  };
  const optimizer: OptimizerSpec = c.weightDecay > 0 ? { kind: 'adamw', lr: s.lr, weightDecay: c.weightDecay } : { kind: 'adam', lr: s.lr };
  const es = new EarlyStopping({ patience: c.patience ?? Infinity, restoreBestWeights: true });
  const result = train({
    model,
    data: { train: data.tokens.train, val: data.tokens.val },
    epochs: s.epochs,
    batchSize: s.batchSize,
    unroll: s.unroll,
    optimizer,
    l2: c.l2,
    clip: s.clip,
    seed,
    earlyStopping: es,
    callbacks: { onEpochEnd: (record) => onEpoch?.(record) },
  });
  const best = result.params;
  const final = result.finalParams;
  const evalOpts = { N: s.batchSize, T: s.unroll };
  const last = result.history[result.history.length - 1];
  const finalTrainLoss = evaluateLoss(final, model, data.tokens.train, evalOpts);
  const testLossAtBest = evaluateLoss(best, model, data.tokens.test, evalOpts);
  const finalSamples = sampleNames(final, model, data.vocab, new Rng(seed + SAMPLE_SEED_OFFSET), { count: s.samples, temperature: s.temperature });
  return {
    id: spec.id,
    condition: c.name,
    seed,
    hash: spec.hash,
    epochsRun: result.history.length,
    stoppedEpoch: result.stoppedEpoch,
    stopReason: result.stopReason,
    bestEpoch: result.paramsEpoch,
    bestValLoss: result.bestValLoss,
    finalValLoss: last.valLoss,
    finalTrainLoss,
    gap: last.valLoss - finalTrainLoss,
    testLossAtBest,
    perplexity: Math.exp(testLossAtBest),
    memorized: memorization(finalSamples, new Set(data.names.train)).share,
    examples: finalSamples.slice(0, 12),
    history: result.history.map(toRunEpoch),
    seconds: (performance.now() - t0) / 1000,
  };
}
