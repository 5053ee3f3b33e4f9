/**
 * The two studies `npm run study` knows: the default (the full names data, hidden 128, nine conditions,
 * three seeds: 27 runs) and `--quick` (a tiny model and few epochs, under a minute: what the tests run).
 *
 * The default trains on every training name (6,738) and validates on the whole val split each epoch;
 * 32 streams x 32 steps, 54 batches an epoch, 30 epochs: 1,620 Adam steps per run. Budget: a step at
 * hidden 128 costs ~30 ms of CPU with the WebAssembly kernels (~120 ms with the JS ones), so a run is
 * about a minute (layer norm ~25% more, early stopping less) and 27 runs on two cores (two worker
 * processes) about a quarter of an hour. The unregularized net is best near epoch 15 and then climbs:
 * the overfitting the regularizers are there to stop.
 *
 * Regularizer strengths: dropout keeps 0.9, 0.7 and 0.5 span the usual range (0.7 also in `all`).
 * L2 and AdamW decay were each picked from the candidates {1e-5, 3e-5, 1e-4, 3e-4, 1e-3} and
 * {0.03, 0.1, 0.3, 1, 3} by final val loss in a one-seed pilot (seed 100, not one of the study's
 * seeds) at these settings: final val 2.093, 2.072, 2.042, 2.066, 2.187 and 2.101, 2.092, 2.041,
 * 2.127, 2.309 (the unregularized net: best 2.01-2.02 near epoch 15, final 2.09-2.10).
 * The study's seeds were not chosen: they are 1, 2, 3.
 *
 * Left out on purpose: reading plans from a file (edit this one; the config hash notices).
 */
import { Condition, StudyPlan } from './plan';

const off = { keepProb: 1, layerNorm: false, l2: 0, weightDecay: 0, patience: null } as const;

const L2 = 1e-4;
const DECAY = 0.3;
const PATIENCE = 3;

/** The conditions of the default study, regularizer strengths included. */
export function defaultConditions(): Condition[] {
  const dropout = (keepProb: number): Condition => ({
    ...off,
    name: `dropout-${keepProb}`,
    description: `dropout on non-recurrent connections, keep ${keepProb}`,
    keepProb,
  });
  return [
    { ...off, name: 'none', description: 'no regularization (Adam)' },
    dropout(0.9),
    dropout(0.7),
    dropout(0.5),
    { ...off, name: 'layernorm', description: 'layer-normalized LSTM (Ba et al. 2016)', layerNorm: true },
    { ...off, name: 'l2', description: `L2 penalty ${L2} * sum(w^2) added to the loss (Adam)`, l2: L2 },
    { ...off, name: 'adamw', description: `decoupled weight decay ${DECAY} (AdamW: w -= lr * ${DECAY} * w per step)`, weightDecay: DECAY },
    { ...off, name: 'early-stop', description: `early stopping on val loss, patience ${PATIENCE}, best weights restored`, patience: PATIENCE },
    {
      name: 'all',
      description: `dropout keep 0.7 + layer norm + AdamW decay ${DECAY} + early stopping (patience ${PATIENCE})`,
      keepProb: 0.7,
      layerNorm: true,
      l2: 0,
      weightDecay: DECAY,
      patience: PATIENCE,
    },
  ];
}

export function defaultPlan(): StudyPlan {
  return {
    name: 'default',
    settings: {
      hiddenSize: 128,
      embedDim: 32,
      epochs: 30,
      batchSize: 32,
      unroll: 32,
      lr: 3e-3,
      clip: 5,
      maxTrainNames: null,
      maxValNames: null,
      dataSeed: 0,
      samples: 200,
      temperature: 1,
    },
    conditions: defaultConditions(),
    seeds: [1, 2, 3],
  };
}

/** A smoke-sized study: every code path of the default (each regularizer, early stopping, the pool, resume), in seconds. */
export function quickPlan(): StudyPlan {
  const keep = new Set(['none', 'dropout-0.5', 'layernorm', 'l2', 'adamw', 'early-stop', 'all']);
  return {
    name: 'quick',
    settings: {
      hiddenSize: 32,
      embedDim: 16,
      epochs: 4,
      batchSize: 16,
      unroll: 32,
      lr: 1e-2,
      clip: 5,
      maxTrainNames: 300,
      maxValNames: 200,
      dataSeed: 0,
      samples: 50,
      temperature: 1,
    },
    conditions: defaultConditions()
      .filter((c) => keep.has(c.name))
      .map((c) => (c.patience === null ? c : { ...c, patience: 1, description: c.description.replace(`patience ${PATIENCE}`, 'patience 1') })),
    seeds: [1, 2],
  };
}
