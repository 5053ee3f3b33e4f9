/**
 * The learner's own code in training (notebooks 01-03): their dropout and layer norm inside the char
 * LM (CharLMLayers), their decoupled decay inside AdamW, each only once it is written. Every piece is
 * first tried on a small probe input: a stub (it throws NotImplementedError) or a crash falls back to
 * the library's, and a line of the report says which one trains and whether it agrees with the
 * library's on the probe, so a training cell runs before the exercise is done and after.
 *
 *   const mine = rl.ownCode({ dropout: { forward: dropoutForward, backward: dropoutBackward } });
 *   console.log(mine.report.join("\n"));
 *   rl.train({ ..., layers: mine.layers });
 *
 * Left out on purpose: grading (the checks do that; a wrong implementation still trains, which shows
 * what it does).
 */
import { isNotImplemented } from '../checks/not-implemented';
import { Rng } from '../numbers/rng';
import { Matrix, Params, fromArray } from '../numbers/tensor';
import { DropoutLayer, LayerNormLayer, libraryDropout, libraryLayerNorm } from '../layers/pluggable';
import type { CharLMLayers } from '../model/char-lm';
import type { DecoupledDecayFn } from '../optim/adam';

export interface OwnCode {
  dropout?: DropoutLayer;
  layerNorm?: LayerNormLayer;
  decoupledDecay?: DecoupledDecayFn;
}

export interface OwnCodeInUse {
  /** For TrainOptions.layers: the learner's layers that are written. */
  layers: CharLMLayers;
  /** For AdamW's decoupledDecay option, when written (else undefined: the built-in). */
  decoupledDecay?: DecoupledDecayFn;
  /** One line per piece: whose code trains, and why. */
  report: string[];
}

const PROBE_X = (): Matrix => fromArray([[0.5, -1.2, 2.0, 0.3], [1.1, 0.0, -0.7, 2.5], [-2.0, 0.9, 0.4, -0.1]]);
const PROBE_G = (): Matrix => fromArray([[0.3, -0.8, 1.5, 0.2], [-1.0, 0.6, 0.1, 0.9], [0.7, 0.2, -0.4, 1.3]]);

function maxDiff(a: Matrix, b: Matrix): number {
  if (a.rows !== b.rows || a.cols !== b.cols) return Infinity;
  let m = 0;
  for (let i = 0; i < a.data.length; i++) m = Math.max(m, Math.abs(a.data[i] - b.data[i]));
  return Number.isNaN(m) ? Infinity : m;
}

const nameOf = (f: unknown, fallback: string): string => (typeof f === 'function' && f.name ? f.name : fallback);
const thrown = (e: unknown): string => (e instanceof Error ? `${e.name}: ${e.message}` : String(e));

/** Runs the probe; null when it agrees with the library's to `tol`, else how far off it is; throws what the code throws. */
type Probe = () => number;

function decide(what: string, library: string, probe: Probe, tol: number): { use: boolean; line: string } {
  try {
    const diff = probe();
    if (diff <= tol) return { use: true, line: `${what}: yours, in training (it agrees with ${library} on a probe input)` };
    return { use: true, line: `${what}: yours, in training, although it differs from ${library} on a probe input (by ${Number.isFinite(diff) ? diff.toExponential(1) : 'NaN or a wrong shape'}): the curves below show what your version does; its checks say what to fix` };
  } catch (e) {
    if (isNotImplemented(e)) return { use: false, line: `${what}: not written yet, so training uses ${library}; once yours passes its checks, run this cell again to train with yours` };
    return { use: false, line: `${what}: yours threw ${thrown(e)} on a probe input, so training uses ${library}; fix it, then run this cell again` };
  }
}

/** Which of the learner's pieces to train with (see the header). */
export function ownCode(candidates: OwnCode): OwnCodeInUse {
  const layers: CharLMLayers = {};
  const report: string[] = [];
  let decoupledDecay: DecoupledDecayFn | undefined;
  const d = candidates.dropout;
  if (d) {
    const what = `dropout (${nameOf(d.forward, 'forward')} / ${nameOf(d.backward, 'backward')})`;
    const r = decide(what, 'the library\'s rl.dropoutForward', () => {
      const mine = d.forward(PROBE_X(), 0.5, new Rng(1), 'train');
      const ref = libraryDropout.forward(PROBE_X(), 0.5, new Rng(1), 'train');
      const evalOut = d.forward(PROBE_X(), 0.5, new Rng(1), 'eval').out;
      return Math.max(maxDiff(mine.out, ref.out), maxDiff(d.backward(PROBE_G(), mine.cache).dx, libraryDropout.backward(PROBE_G(), ref.cache).dx), maxDiff(evalOut, PROBE_X()));
    }, 1e-12);
    if (r.use) layers.dropout = d;
    report.push(r.line);
  }
  const n = candidates.layerNorm;
  if (n) {
    const what = `layer norm (${nameOf(n.forward, 'forward')} / ${nameOf(n.backward, 'backward')})`;
    const r = decide(what, 'the library\'s rl.layerNormForward', () => {
      const gamma = fromArray([[1.2, 0.7, -0.4, 1.0]]), beta = fromArray([[0.1, -0.2, 0.0, 0.3]]);
      const mine = n.forward(PROBE_X(), gamma, beta, 1e-5);
      const ref = libraryLayerNorm.forward(PROBE_X(), gamma, beta, 1e-5);
      const gm = n.backward(PROBE_G(), mine.cache), gr = libraryLayerNorm.backward(PROBE_G(), ref.cache);
      return Math.max(maxDiff(mine.out, ref.out), maxDiff(gm.dx, gr.dx), maxDiff(gm.dgamma, gr.dgamma), maxDiff(gm.dbeta, gr.dbeta));
    }, 1e-9);
    if (r.use) layers.layerNorm = n;
    report.push(r.line);
  }
  const decay = candidates.decoupledDecay;
  if (decay) {
    const what = `decoupled decay (${nameOf(decay, 'decay')})`;
    const r = decide(what, 'AdamW\'s built-in decay', () => {
      const p: Params = { W: fromArray([[1, -2], [0.5, 4]]), b: fromArray([[3, -1]]) };
      decay(p, 0.1, 0.5, (name) => name === 'W');
      return Math.max(maxDiff(p.W, fromArray([[0.95, -1.9], [0.475, 3.8]])), maxDiff(p.b, fromArray([[3, -1]])));
    }, 1e-12);
    if (r.use) decoupledDecay = decay;
    report.push(r.line);
  }
  return { layers, decoupledDecay, report };
}
