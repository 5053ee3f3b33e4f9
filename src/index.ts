/** reglab: the library every notebook imports by package name (`import * as rl from 'reglab'`). */
export * from './rng';
export * from './tensor';
export * from './matmul';
export * from './gradcheck';
// Layers: each a forward/backward pair.
export * from './layers/linear';
export * from './layers/embedding';
export * from './layers/softmax-cross-entropy';
export * from './layers/dropout';
export * from './layers/layer-norm';
export * from './layers/lstm';
export * from './layers/ln-lstm';
export * from './model/char-lm';
// Data, training, regularizers.
export * from './data/batches';
export * from './data/dataset';
export * from './data/vocab';
export * from './data/names';
export * from './data/split';
export * from './optim/optimizer';
export * from './optim/adam';
export * from './optim/sgd';
export * from './optim/clip';
export * from './optim/make-optimizer';
export * from './regularize/l2';
export * from './regularize/decay-filter';
export * from './train/trainer';
export * from './train/step';
export * from './train/history';
export * from './train/evaluate';
export * from './train/early-stopping';
export * from './train/prechelt';
export * from './train/diagnose';
export * from './train/baselines';
export * from './generate/sample';
export * from './generate/memorization';
// Figures (pure data), the tslab display boundary, and the check framework.
export * as plots from './plots';
export * as display from './display';
export * as checks from './checks';
export { check, notImplemented, NotImplementedError, CHECK_MIME } from './checks';
export type { CheckResult, Asserts } from './checks';
export type { Figure } from './plots';
