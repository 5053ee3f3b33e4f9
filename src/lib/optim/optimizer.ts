/**
 * What every optimizer is: something that moves `params` in place given `grads`, with its own state
 * (momentum, Adam moments) kept as plain data a learner can print; and the checks they share.
 *
 * Left out on purpose: parameter groups, learning-rate schedulers (set `opt.lr` yourself, or use the
 * trainer's `lrSchedule`), sparse updates.
 */
import { Params, assertSameShape } from '../numbers/tensor';
import { homeFloats } from '../kernels/kernels';

export interface Optimizer {
  /** Updates `params` in place from `grads` (same keys and shapes). Does not change `grads`. */
  step(params: Params, grads: Params): void;
  /** Learning rate; may be changed between steps. */
  lr: number;
  /** The optimizer's memory as plain data (step count, moments). */
  readonly state: unknown;
}

/** Throws unless `grads` has exactly the keys of `params` with the same shapes. */
export function checkGrads(params: Params, grads: Params, where: string): void {
  for (const name of Object.keys(params)) {
    const g = grads[name];
    if (g === undefined) throw new RangeError(`${where}: no gradient for parameter '${name}'`);
    assertSameShape(params[name], g, `${where}: gradient of '${name}'`);
  }
  for (const name of Object.keys(grads)) {
    if (params[name] === undefined) throw new RangeError(`${where}: gradient '${name}' has no parameter`);
  }
}

/**
 * Zero buffers shaped like `params` (for momentum and moments), kept for the optimizer's life: in the
 * WebAssembly kernels' memory when it runs, never in a training step's arena (where `zeros` would put
 * them, to be reused by the next step), so an optimizer makes its state with this, not with `zeros`.
 */
export function zerosLike(params: Params): Params {
  const out: Params = {};
  for (const [name, p] of Object.entries(params)) out[name] = { rows: p.rows, cols: p.cols, data: homeFloats(p.rows * p.cols) };
  return out;
}

/** Throws unless lr is a finite number > 0. */
export function checkLr(lr: number, where: string): void {
  if (!(Number.isFinite(lr) && lr > 0)) throw new RangeError(`${where}: lr must be a finite number > 0, got ${lr}`);
}
