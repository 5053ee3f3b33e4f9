/**
 * Inverted dropout (Srivastava et al. 2014): in training each unit is kept with probability
 * keepProb and scaled up by 1/keepProb, so the expected output equals the input and evaluation
 * needs no rescaling.
 *
 *   train: out = x * mask / keepProb,  mask ~ Bernoulli(keepProb) per entry   eval: out = x
 *   backward: dx = dout * mask / keepProb (the same mask: the units dropped in the forward pass
 *   get no gradient)
 *
 * Variational dropout (Gal & Ghahramani 2016): for a time-major sequence (T*N, D) pass `steps: T`
 * and one (N, D) mask is drawn per sequence and reused at every step, so a unit is dropped for the
 * whole sequence rather than flickering from step to step.
 *
 * Left out on purpose: DropConnect (dropping weights), dropout on the recurrent connections
 * (reglab's language model drops only the non-recurrent ones, as Zaremba et al. 2014 do).
 */
import { Rng } from '../numbers/rng';
import { Matrix, zeros } from '../numbers/tensor';

export type DropoutMode = 'train' | 'eval';

export interface DropoutOptions {
  /** 'train' (default) draws a mask; 'eval' is the identity. */
  mode?: DropoutMode;
  /** Variational: x is T = `steps` stacked steps of N rows each (time-major); one mask for all T. */
  steps?: number;
}

export interface DropoutCache {
  /** The 0/1 mask, (rows, D) or (N, D) when variational; null when nothing was dropped (eval or keepProb 1). */
  mask: Matrix | null;
  keepProb: number;
}

/** The one statement of the keepProb rule, used by the layer, the char LM's config and the study's plan. */
export function checkKeepProb(keepProb: number, where: string): void {
  if (!(keepProb > 0 && keepProb <= 1)) {
    throw new RangeError(`${where}: keepProb must be in (0, 1], got ${keepProb} (it is the probability of keeping a unit)`);
  }
}

/**
 * x: (M, D) -> out: (M, D). In eval mode, or with keepProb 1, out is x itself and no random
 * numbers are drawn. The mask is drawn row by row, one rng.random() < keepProb per entry (what
 * rng.bernoulli(keepProb) does, without checking keepProb again for every entry).
 */
export function dropoutForward(x: Matrix, keepProb: number, rng: Rng, opts: DropoutOptions = {}): { out: Matrix; cache: DropoutCache } {
  checkKeepProb(keepProb, 'dropoutForward');
  const mode = opts.mode ?? 'train';
  if (mode !== 'train' && mode !== 'eval') throw new RangeError(`dropoutForward: mode must be 'train' or 'eval', got '${mode}'`);
  if (mode === 'eval' || keepProb === 1) return { out: x, cache: { mask: null, keepProb } };
  const steps = opts.steps ?? 1;
  if (!(Number.isInteger(steps) && steps >= 1 && x.rows % steps === 0)) {
    throw new RangeError(`dropoutForward: steps must be a positive integer dividing the ${x.rows} rows, got ${steps}`);
  }
  const maskRows = x.rows / steps; // = x.rows unless variational
  const mask = zeros(maskRows, x.cols);
  for (let i = 0; i < mask.data.length; i++) mask.data[i] = rng.random() < keepProb ? 1 : 0; // Bernoulli(keepProb), keepProb checked above
  return { out: applyMask(x, mask, keepProb), cache: { mask, keepProb } };
}

/** dout: (M, D) -> dx: (M, D) = dout * mask / keepProb (dout itself when nothing was dropped). */
export function dropoutBackward(dout: Matrix, cache: DropoutCache): { dx: Matrix } {
  const { mask, keepProb } = cache;
  if (mask === null) return { dx: dout };
  if (dout.cols !== mask.cols || dout.rows % mask.rows !== 0) {
    throw new RangeError(`dropoutBackward: dout (${dout.rows}, ${dout.cols}) does not fit the mask (${mask.rows}, ${mask.cols})`);
  }
  return { dx: applyMask(dout, mask, keepProb) };
}

/** x * mask / keepProb (in that order, as the formula reads), the mask repeated down the rows when it has fewer rows than x. */
function applyMask(x: Matrix, mask: Matrix, keepProb: number): Matrix {
  const out = zeros(x.rows, x.cols);
  const xd = x.data, md = mask.data, od = out.data;
  const period = md.length;
  for (let i = 0, k = 0; i < xd.length; i++, k++) {
    if (k === period) k = 0;
    od[i] = (xd[i] * md[k]) / keepProb;
  }
  return out;
}
