/** reglab: the library every notebook imports by package name (`import * as rl from 'reglab'`). */
export * from './lib/numbers/rng';
export * from './lib/numbers/tensor';
export * from './lib/numbers/matmul';
export * from './lib/numbers/gradcheck';
// Layers: each a forward/backward pair.
export * from './lib/layers/linear';
export * from './lib/layers/embedding';
export * from './lib/layers/softmax-cross-entropy';
export * from './lib/layers/dropout';
export * from './lib/layers/layer-norm';
export * from './lib/layers/lstm';
export * from './lib/layers/ln-lstm';
export * from './lib/model/char-lm';
// Data, training, regularizers.
export * from './lib/data/batches';
export * from './lib/data/dataset';
export * from './lib/data/vocab';
export * from './lib/data/names';
export * from './lib/data/split';
export * from './lib/optim/optimizer';
export * from './lib/optim/adam';
export * from './lib/optim/sgd';
export * from './lib/optim/clip';
export * from './lib/optim/make-optimizer';
export * from './lib/regularize/l2';
export * from './lib/regularize/decay-filter';
export * from './lib/train/trainer';
export * from './lib/train/step';
export * from './lib/train/history';
export * from './lib/train/evaluate';
export * from './lib/train/early-stopping';
export * from './lib/train/prechelt';
export * from './lib/train/diagnose';
export * from './lib/train/baselines';
export * from './lib/generate/sample';
export * from './lib/generate/memorization';
// Figures (pure data), the tslab display boundary, and the check framework.
export * as plots from './lib/plots';
export * as display from './lib/display';
export * as checks from './lib/checks';
export { check, notImplemented, NotImplementedError, CHECK_MIME } from './lib/checks';
export type { CheckResult, Asserts } from './lib/checks';
export type { Figure } from './lib/plots';
