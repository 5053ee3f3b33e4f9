/**
 * reglab, as a learner imports it: `import * as rl from "reglab"`.
 *
 * An explicit list, grouped by topic, each group with the notebooks that use it. Everything here is a
 * teaching object: a forward/backward pair, a model, an optimizer, a figure builder. The plumbing
 * (matrix kernels, row kernels, the check machinery, validators, the benchmark's hooks) is not here:
 * the tools (src/tools: runner, grader, study, bench) import what they need by path from src/lib.
 *
 * Left out on purpose: re-exporting whole modules (`export *`), so a new internal helper never shows
 * up in a learner's tab completion by accident.
 */

// ---- Numbers (every notebook): seeded randomness, the one tensor type, numerical gradients ----------
export { Rng } from './lib/numbers/rng';
export type { RngState } from './lib/numbers/rng';
export type { Matrix, Params } from './lib/numbers/tensor';
export { zeros, filled, fromArray, fromFlat, toArray, clone, cloneParams, randn, randu, rowsView, shapeOf, sameShape } from './lib/numbers/tensor';
export { matmul, matmulNT, matmulTN } from './lib/numbers/matmul';
export { numericalGradient, numericalGradients, relError } from './lib/numbers/gradcheck';
export type { NumericalGradientOptions } from './lib/numbers/gradcheck';

// ---- Layers, each a forward/backward pair (01 dropout, 02 layer norm; the LSTM under everything) ----
export { linearForward, linearBackward } from './lib/layers/linear';
export type { LinearCache } from './lib/layers/linear';
export { embeddingForward, embeddingBackward } from './lib/layers/embedding';
export type { EmbeddingCache } from './lib/layers/embedding';
export { softmaxCrossEntropyForward, softmaxCrossEntropyBackward } from './lib/layers/softmax-cross-entropy';
export type { SoftmaxCECache } from './lib/layers/softmax-cross-entropy';
export { dropoutForward, dropoutBackward } from './lib/layers/dropout';
export type { DropoutLayer, LayerNormLayer } from './lib/layers/pluggable';
export type { DropoutMode, DropoutOptions, DropoutCache } from './lib/layers/dropout';
export { layerNormForward, layerNormBackward, LAYER_NORM_EPS } from './lib/layers/layer-norm';
export type { LayerNormCache } from './lib/layers/layer-norm';
export { sigmoid } from './lib/layers/lstm-cell';
export { lstmForward, lstmBackward, lstmStepForward, lstmStepBackward, lstmGates } from './lib/layers/lstm';
export type { LSTMParams, LSTMCache } from './lib/layers/lstm';
export { lnLstmForward, lnLstmBackward, lnLstmStepForward, lnLstmStepBackward } from './lib/layers/ln-lstm';
export type { LNLSTMParams, LNLSTMCache } from './lib/layers/ln-lstm';

// ---- The character language model (02 layer norm, 03 weight decay, 05 pipeline) --------------------
export { initCharLM, charLMShapes, charLMForward, charLMBackward, charLMStep, recurrentForward, hasLayerNorm, paramKind, decayWeightsOnly } from './lib/model/char-lm';
export type { CharLMConfig, CharLMParams, PlainCharLMParams, LNCharLMParams, LMState, CharLMCache, CharLMLayers } from './lib/model/char-lm';

// ---- Data: the names, a seeded split, a vocabulary, truncated-BPTT batches (every notebook) --------
export { namesDataset } from './lib/data/dataset';
export type { NamesDataset, NamesDatasetOptions } from './lib/data/dataset';
export { buildVocab, encodeName, encodeNames, decodeTokens, END_TOKEN, END_CHAR } from './lib/data/vocab';
export type { Vocab } from './lib/data/vocab';
export { batchAt, batchCount, batches } from './lib/data/batches';
export type { Batch, BatchOptions } from './lib/data/batches';

// ---- Weight decay and the optimizers (03 weight decay) -----------------------------------------------
export { l2Penalty, addL2Grad } from './lib/regularize/l2';
export { decayAll } from './lib/regularize/decay-filter';
export type { DecayFilter } from './lib/regularize/decay-filter';
export type { Optimizer } from './lib/optim/optimizer';
export { SGD } from './lib/optim/sgd';
export type { SGDOptions, SGDState } from './lib/optim/sgd';
export { Adam, AdamW } from './lib/optim/adam';
export type { AdamOptions, AdamState, DecoupledDecayFn } from './lib/optim/adam';
export { clipGradNorm, globalNorm } from './lib/optim/clip';
export { makeOptimizer } from './lib/optim/make-optimizer';
export type { OptimizerSpec } from './lib/optim/make-optimizer';

// ---- Training, early stopping, diagnosis (01-05; early stopping is 04) -------------------------------
export { train } from './lib/train/trainer';
export type { TrainOptions, TrainResult, BatchInfo } from './lib/train/trainer';
export type { EpochRecord, LossRecord } from './lib/train/history';
export { bestRecord, generalizationGap } from './lib/train/history';
export { evaluateLoss } from './lib/train/evaluate';
export { EarlyStopping } from './lib/train/early-stopping';
export type { EarlyStoppingOptions, EarlyStoppingDecision, EarlyStoppingState } from './lib/train/early-stopping';
export { precheltCheck, generalizationLoss, trainingProgress } from './lib/train/prechelt';
export type { PrecheltOptions, PrecheltCheck } from './lib/train/prechelt';
export { diagnose, ADVICE, RULES } from './lib/train/diagnose';
export type { Diagnosis, DiagnoseOptions, Verdict } from './lib/train/diagnose';
export { uniformLoss, bigramLoss } from './lib/train/baselines';
export { ownCode } from './lib/train/own-code';
export type { OwnCode, OwnCodeInUse } from './lib/train/own-code';

// ---- Generating names, and how many are copied from the training set (05 pipeline) ------------------
export { sampleNames, sampleFromLogits } from './lib/generate/sample';
export type { SampleOptions } from './lib/generate/sample';
export { memorization } from './lib/generate/memorization';
export type { Memorization } from './lib/generate/memorization';

// ---- Figures, the notebook display, and graded checks (every notebook) -------------------------------
export * as plots from './lib/plots';
export type { Figure } from './lib/plots';
export * as display from './lib/display';
export { check } from './lib/display/check';
export { NotImplementedError } from './lib/checks/not-implemented';
export type { CheckResult } from './lib/checks/result';
export type { Asserts, Label } from './lib/checks/asserts';
export type { CheckOptions } from './lib/checks/run';
