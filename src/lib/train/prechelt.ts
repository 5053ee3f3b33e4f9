/**
 * Prechelt's stopping criteria ("Early stopping - but when?", 1998), as pure functions of the
 * validation errors E_va(1..t) and training errors E_tr(1..t) seen so far (errors: lower is better,
 * positive).
 *
 *   GL(t)   = 100 * (E_va(t) / E_opt(t) - 1)             generalization loss, %; E_opt = min E_va so far
 *   P_k(t)  = 1000 * (sum_{strip} E_tr / (k * min_{strip} E_tr) - 1)   training progress over the last k epochs
 *   GL_a:  stop when GL(t) > a
 *   PQ_a:  stop at the end of a strip of k epochs when GL(t) / P_k(t) > a
 *   UP_s:  stop at the end of a strip when E_va rose at the end of each of the last s strips
 *
 * Left out on purpose: the paper's combinations and its cost/benefit tables.
 */

export interface PrecheltOptions {
  /** Stop when the generalization loss GL exceeds this many percent. */
  GL?: number;
  /** Stop when GL / P_k exceeds this (checked at strip ends). */
  PQ?: number;
  /** Stop when validation error rose over this many successive strips. */
  UP?: number;
  /** Strip length k in epochs (default 5, as in the paper). */
  stripLength?: number;
}

export interface PrecheltCheck {
  /** GL(t) in percent. */
  GL: number;
  /** P_k(t) per mille, or null when not at a strip end or fewer than k epochs are known. */
  P: number | null;
  /** Successive strips at whose end the validation error rose (UP's counter). */
  upStrips: number;
  /** The criterion that fired ('GL', 'PQ' or 'UP') and why, or null. */
  stop: null | { criterion: 'GL' | 'PQ' | 'UP'; message: string };
}

/** GL(t) = 100 * (E_va(t) / min E_va(1..t) - 1), for the last entry of `val`. */
export function generalizationLoss(val: readonly number[]): number {
  if (val.length === 0) throw new RangeError('generalizationLoss: no validation errors given');
  const opt = Math.min(...val);
  if (!(opt > 0)) throw new RangeError(`generalizationLoss: errors must be positive, min is ${opt}`);
  return 100 * (val[val.length - 1] / opt - 1);
}

/** P_k(t) = 1000 * (mean of the last k training errors / their min - 1). */
export function trainingProgress(train: readonly number[], k: number): number {
  if (!(Number.isInteger(k) && k >= 1)) throw new RangeError(`trainingProgress: strip length k must be a positive integer, got ${k}`);
  if (train.length < k) throw new RangeError(`trainingProgress: need ${k} training errors, got ${train.length}`);
  const strip = train.slice(train.length - k);
  const min = Math.min(...strip);
  if (!(min > 0)) throw new RangeError(`trainingProgress: errors must be positive, min is ${min}`);
  const sum = strip.reduce((a, b) => a + b, 0);
  return 1000 * (sum / (k * min) - 1);
}

/** GL / P, with no training progress (P = 0) counting as an infinite quotient when GL > 0. */
function pq(GL: number, P: number): number {
  if (P > 0) return GL / P;
  return GL > 0 ? Infinity : 0;
}

/** Evaluates the criteria in `opts` after the last epoch of `val` (and `train`, needed for PQ). */
export function precheltCheck(val: readonly number[], train: readonly number[], opts: PrecheltOptions): PrecheltCheck {
  const k = opts.stripLength ?? 5;
  if (!(Number.isInteger(k) && k >= 1)) throw new RangeError(`precheltCheck: stripLength must be a positive integer, got ${k}`);
  const t = val.length;
  const GL = generalizationLoss(val);
  const atStripEnd = t % k === 0;
  let P: number | null = null;
  if (atStripEnd && train.length >= k) P = trainingProgress(train, k);
  // UP: count, backwards from now, the strip ends at which E_va rose above the previous strip end.
  let upStrips = 0;
  if (atStripEnd) {
    for (let end = t; end - k >= k; end -= k) {
      if (val[end - 1] > val[end - k - 1]) upStrips++;
      else break;
    }
  }
  let stop: PrecheltCheck['stop'] = null;
  if (opts.GL !== undefined && GL > opts.GL) {
    stop = { criterion: 'GL', message: `GL ${GL.toFixed(2)}% > ${opts.GL}%` };
  } else if (opts.PQ !== undefined && P !== null && pq(GL, P) > opts.PQ) {
    stop = { criterion: 'PQ', message: `PQ = GL/P = ${GL.toFixed(2)}/${P.toFixed(2)} = ${pq(GL, P).toFixed(3)} > ${opts.PQ}` };
  } else if (opts.UP !== undefined && upStrips >= opts.UP) {
    stop = { criterion: 'UP', message: `validation error rose at the end of ${upStrips} successive strips of ${k} epochs (UP ${opts.UP})` };
  }
  return { GL, P, upStrips, stop };
}
