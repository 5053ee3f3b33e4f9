/**
 * Wrong solutions a learner plausibly writes for the five notebooks, as replacements of solution
 * regions in the student copy (and, for two cases, cells a learner adds). Each variant combines
 * mistakes in different exercises of one notebook. Used by equal-verdicts.test.ts, which asserts that
 * the judge's verdict on every check equals what the check says in the learner's own kernel.
 *
 * Also the kinds of failure tslab itself produces: a cell that does not type-check (the checks after it
 * then do not compile either), a throw inside the code under test, a helper cell that throws after
 * defining the helper (later cells see the value but not its type).
 */
import * as path from 'path';
import { Notebook, joinMultiline, readNotebook } from '../../../../src/tools/notebook/notebook-io';
import { releaseNotebook } from '../../../../src/tools/grader/release';
import { TODO } from '../../../../src/tools/grader/markers';

export const SOURCES = path.resolve(__dirname, '../../../../notebooks/source');

export interface WrongSolution {
  notebook: string;
  name: string;
  /** cell id -> the code that replaces the stub in that exercise cell. */
  regions: Record<string, string>;
  /** Cells the learner added: [after cell id, source]. */
  added?: [string, string][];
  /** Today's checks do not catch it (still judged as in the kernel; noted for the checks' authors). */
  uncaught?: string;
}

/** The student copy of `notebook` with the regions replaced (indented like the stub) and the cells added. */
export function submissionFor(w: WrongSolution): Notebook {
  const file = path.join(SOURCES, `${w.notebook}.ipynb`);
  const nb = releaseNotebook(readNotebook(file), file);
  for (const [id, code] of Object.entries(w.regions)) {
    const cell = nb.cells.find((c) => c.id === id);
    if (!cell) throw new Error(`${w.notebook}: no cell ${id}`);
    const text = joinMultiline(cell.source);
    const stub = new RegExp(`^([ \\t]*)${TODO.replace(/[/]/g, '\\/')}\\n[ \\t]*throw new rl\\.NotImplementedError\\(\\);`, 'm');
    if (!stub.test(text)) throw new Error(`${w.notebook}: cell ${id} has no stub`);
    cell.source = text.replace(stub, (_m, indent: string) => code.split('\n').map((l) => indent + l).join('\n'));
  }
  for (const [after, source] of w.added ?? []) {
    const at = nb.cells.findIndex((c) => c.id === after);
    nb.cells.splice(at + 1, 0, { cell_type: 'code', id: `added-${at}`, metadata: {}, source, outputs: [], execution_count: null });
  }
  return nb;
}

const FORWARD_01 = (opts: { scale?: boolean; keep?: string; evalMode?: boolean; validate?: boolean }) => [
  ...(opts.validate === false ? [] : ['if (!(keepProb > 0 && keepProb <= 1)) throw new RangeError(`keepProb must be in (0, 1], got ${keepProb}`);']),
  ...(opts.evalMode === false ? [] : ['if (mode === "eval") return { out: rl.clone(x), cache: { mask: null, keepProb } };']),
  'const mask = rl.zeros(x.rows, x.cols);',
  'const out = rl.zeros(x.rows, x.cols);',
  'for (let i = 0; i < x.data.length; i++) {',
  `  mask.data[i] = rng.bernoulli(${opts.keep ?? 'keepProb'});`,
  `  out.data[i] = x.data[i] * mask.data[i]${opts.scale === false ? '' : ' / keepProb'};`,
  '}',
  'return { out, cache: { mask, keepProb } };',
].join('\n');
const BACKWARD_01 = (factor: string) => `const dx = rl.clone(dout);\nif (cache.mask === null) return { dx };\nfor (let i = 0; i < dx.data.length; i++) dx.data[i] = dout.data[i] * ${factor};\nreturn { dx };`;

const LN_FORWARD = (opts: { divisor?: string; eps?: boolean; affine?: boolean }) => `const N = x.rows, H = x.cols;
const out = rl.zeros(N, H);
const xhat = rl.zeros(N, H);
const rstd = new Float64Array(N);
for (let n = 0; n < N; n++) {
  let mean = 0;
  for (let k = 0; k < H; k++) mean += x.data[n * H + k];
  mean /= H;
  let variance = 0;
  for (let k = 0; k < H; k++) variance += (x.data[n * H + k] - mean) ** 2;
  variance /= ${opts.divisor ?? 'H'};
  rstd[n] = 1 / Math.sqrt(variance${opts.eps === false ? '' : ' + eps'});
  for (let k = 0; k < H; k++) {
    const a = (x.data[n * H + k] - mean) * rstd[n];
    xhat.data[n * H + k] = a;
    out.data[n * H + k] = ${opts.affine === false ? 'a' : 'gamma.data[k] * a + beta.data[k]'};
  }
}
return { out, cache: { xhat, rstd, gamma } };`;
const LN_BACKWARD = (opts: { meanGA?: boolean; dgammaXhat?: boolean }) => `const { xhat, rstd, gamma } = cache;
const N = dout.rows, H = dout.cols;
const dx = rl.zeros(N, H);
const dgamma = rl.zeros(1, H);
const dbeta = rl.zeros(1, H);
for (let n = 0; n < N; n++) {
  let meanG = 0, meanGA = 0;
  for (let k = 0; k < H; k++) {
    const g = dout.data[n * H + k];
    const a = xhat.data[n * H + k];
    dbeta.data[k] += g;
    dgamma.data[k] += ${opts.dgammaXhat === false ? 'g' : 'g * a'};
    const gh = gamma.data[k] * g;
    meanG += gh;
    meanGA += gh * a;
  }
  meanG /= H;
  meanGA /= H;
  for (let k = 0; k < H; k++) {
    const gh = gamma.data[k] * dout.data[n * H + k];
    dx.data[n * H + k] = rstd[n] * (gh - meanG${opts.meanGA === false ? '' : ' - xhat.data[n * H + k] * meanGA'});
  }
}
return { dx, dgamma, dbeta };`;

const L2 = (opts: { filter?: boolean; two?: boolean; allKeys?: boolean }) => `let loss = 0;
const grads: rl.Params = {};
for (const [name, w] of Object.entries(params)) {
  if (${opts.filter === false ? 'false' : '!filter(name)'}) { ${opts.allKeys === false ? '' : 'grads[name] = rl.zeros(w.rows, w.cols); '}continue; }
  const g = rl.zeros(w.rows, w.cols);
  for (let i = 0; i < w.data.length; i++) {
    loss += lambda * w.data[i] * w.data[i];
    g.data[i] = ${opts.two === false ? '' : '2 * '}lambda * w.data[i];
  }
  grads[name] = g;
}
return { loss, grads };`;
const DECAY = (opts: { lr?: boolean; filter?: boolean }) => `const factor = 1 - ${opts.lr === false ? '' : 'lr * '}weightDecay;
for (const [name, w] of Object.entries(params)) {
  if (${opts.filter === false ? 'false' : '!filter(name)'}) continue;
  for (let i = 0; i < w.data.length; i++) w.data[i] *= factor;
}`;

const MONITOR = (opts: { improves?: string; copy?: boolean; stopsWhen?: string }) => `if (${opts.improves ?? 'valLoss < this.best - this.minDelta'}) {
  this.best = valLoss;
  this.bestEpoch = epoch;
  this.wait = 0;
  if (this.restoreBest && params) {
    ${opts.copy === false ? 'this.bestParams = params;' : 'this.bestParams = {};\n    for (const [name, p] of Object.entries(params)) this.bestParams[name] = rl.clone(p);'}
  }
  return false;
}
this.wait += 1;
if (${opts.stopsWhen ?? 'this.wait >= this.patience'}) {
  this.stoppedEpoch = epoch;
  return true;
}
return false;`;

/** 05's learner-written training loop (the source's solution), optionally without gradient clipping. */
const LOOP_05 = (opts: { clip?: boolean }) => `const params = rl.cloneParams(s.init) as rl.CharLMParams;
const optimizer = s.decay.kind === "decoupled"
  ? new rl.AdamW({ lr: s.lr, weightDecay: s.decay.weightDecay, decayFilter: rl.decayWeightsOnly })
  : new rl.Adam({ lr: s.lr });
const stopper = new rl.EarlyStopping({ patience: s.patience, minDelta: s.minDelta, restoreBestWeights: true });
const batches = [...rl.batches(s.data.train, s.batchSize, s.unroll)];
const history: LoopRecord[] = [];
let stoppedEpoch: number | null = null;
for (let epoch = 1; epoch <= s.epochs && stoppedEpoch === null; epoch++) {
  let state: rl.LMState | null = null;
  let lossSum = 0, chars = 0;
  for (const batch of batches) {
    const fwd = rl.charLMForward(params, s.model, batch, state, "train", s.dropoutRng);
    const grads = rl.charLMBackward(fwd.cache);
    if (s.decay.kind === "l2") rl.addL2Grad(params, grads, s.decay.lambda, rl.decayWeightsOnly);
    ${opts.clip === false ? '' : 'rl.clipGradNorm(grads, s.clip);'}
    optimizer.step(params, grads);
    state = fwd.state;
    lossSum += fwd.loss * batch.N * batch.T;
    chars += batch.N * batch.T;
  }
  const evalOpts = { N: s.batchSize, T: s.unroll };
  const record: LoopRecord = {
    epoch,
    trainLoss: lossSum / chars,
    valLoss: rl.evaluateLoss(params, s.model, s.data.val, evalOpts),
    trainEvalLoss: rl.evaluateLoss(params, s.model, s.data.train, evalOpts),
  };
  history.push(record);
  s.onEpoch?.(record, history);
  if (stopper.update(epoch, record.valLoss, params).stop) stoppedEpoch = epoch;
}
const kept = stopper.bestWeights() as rl.CharLMParams | null;
return { history, params: kept ?? params, paramsEpoch: kept ? stopper.state.bestEpoch! : history.length, stoppedEpoch };`;

export const WRONG: WrongSolution[] = [
  { notebook: '01_dropout', name: 'no 1/keepProb scaling; dx ignores the mask', regions: { 'forward-solution': FORWARD_01({ scale: false }), 'backward-solution': BACKWARD_01('1') } },
  { notebook: '01_dropout', name: 'keeps with 1 - keepProb; dx times keepProb', regions: { 'forward-solution': FORWARD_01({ keep: '1 - keepProb' }), 'backward-solution': BACKWARD_01('cache.mask.data[i] * cache.keepProb') } },
  { notebook: '01_dropout', name: 'eval mode drops too, no keepProb check', regions: { 'forward-solution': FORWARD_01({ evalMode: false, validate: false }) } },
  { notebook: '01_dropout', name: 'forward returns no cache (does not type-check)', regions: { 'forward-solution': 'return { out: rl.clone(x) };' } },
  { notebook: '01_dropout', name: 'forward throws a TypeError', regions: { 'forward-solution': 'const n = (x as any).values.length;\nreturn { out: rl.zeros(n, 1), cache: { mask: null, keepProb } };' } },
  {
    notebook: '01_dropout', name: 'a helper cell that throws after defining the helper', regions: { 'forward-solution': 'return { out: scaled(x, keepProb), cache: { mask: null, keepProb } };' },
    added: [['setup', 'function scaled(x: rl.Matrix, p: number): rl.Matrix {\n  return rl.clone(x);\n}\nthrow new Error("not finished");']],
  },
  { notebook: '02_layer_norm', name: 'variance over H - 1; backward without the mean(ghat * xhat) term', regions: { 'forward-solution': LN_FORWARD({ divisor: 'H - 1' }), 'backward-solution': LN_BACKWARD({ meanGA: false }) } },
  { notebook: '02_layer_norm', name: 'no eps; dgamma without xhat', regions: { 'forward-solution': LN_FORWARD({ eps: false }), 'backward-solution': LN_BACKWARD({ dgammaXhat: false }) } },
  { notebook: '02_layer_norm', name: 'forgets gamma and beta', regions: { 'forward-solution': LN_FORWARD({ affine: false }) } },
  { notebook: '03_weight_decay', name: 'L2 ignores the filter; decay without lr', regions: { 'l2-solution': L2({ filter: false }), 'decay-solution': DECAY({ lr: false }) } },
  { notebook: '03_weight_decay', name: 'gradient without the 2; decay of every parameter', regions: { 'l2-solution': L2({ two: false }), 'decay-solution': DECAY({ filter: false }) } },
  { notebook: '03_weight_decay', name: 'no gradient entries for unselected parameters', regions: { 'l2-solution': L2({ allKeys: false }) } },
  {
    notebook: '04_early_stopping', name: '<= instead of <', regions: { 'monitor-solution': MONITOR({ improves: 'valLoss <= this.best - this.minDelta' }) },
  },
  { notebook: '04_early_stopping', name: 'keeps the params object, not a copy', regions: { 'monitor-solution': MONITOR({ copy: false }) } },
  { notebook: '04_early_stopping', name: 'patience off by one', regions: { 'monitor-solution': MONITOR({ stopsWhen: 'this.wait > this.patience' }) } },
  { notebook: '04_early_stopping', name: 'NaN counts as an improvement', regions: { 'monitor-solution': MONITOR({ improves: '!(valLoss >= this.best - this.minDelta)' }) } },
  {
    notebook: '05_full_pipeline', name: 'copied share over distinct samples; a loop that never clips; no regularization at all',
    regions: {
      'copy-solution': 'const distinct = [...new Set(samples)];\nreturn distinct.filter((s) => trainNames.has(s)).length / distinct.length;',
      'loop-solution': LOOP_05({ clip: false }),
      'setup-solution': 'return { keepProb: 1, layerNorm: false, decay: { kind: "l2", lambda: 0 }, patience: 100, minDelta: 0 };',
    },
  },
];
