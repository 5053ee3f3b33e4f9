/**
 * Gradient checking: compare a backward pass with the slope measured by nudging each input.
 *
 *   central difference (default):  df/dx_i ≈ (f(x + h e_i) - f(x - h e_i)) / 2h          error O(h²)
 *   five-point stencil (opt-in):   (f(x-2h) - 8 f(x-h) + 8 f(x+h) - f(x+2h)) / 12h        error O(h⁴)
 *
 * With float64 and h = 1e-5 the central difference agrees with a correct backward pass to about
 * 1e-9 relative; the five-point stencil (with h = 1e-3) is for long chains such as a whole
 * language-model loss, whose small gradients would otherwise drown in rounding error.
 *
 * Left out on purpose: complex-step differentiation, checking a random subset of entries.
 */
import { Matrix, Params, zeros } from './tensor';

export interface NumericalGradientOptions {
  /** Step size (default 1e-5 for the central difference, 1e-3 for the five-point stencil). */
  h?: number;
  /** 3 = central difference (default), 5 = five-point stencil. */
  stencil?: 3 | 5;
}

/**
 * d f / d x for every entry of x, where `f` reads x (by reference). Each entry is nudged in place and
 * restored exactly, so x is unchanged afterwards. Cost: 2 (or 4) calls of f per entry.
 */
export function numericalGradient(f: () => number, x: Matrix, opts: NumericalGradientOptions = {}): Matrix {
  const stencil = opts.stencil ?? 3;
  if (stencil !== 3 && stencil !== 5) throw new RangeError(`numericalGradient: stencil must be 3 or 5, got ${stencil}`);
  const h = opts.h ?? (stencil === 3 ? 1e-5 : 1e-3);
  if (!(h > 0)) throw new RangeError(`numericalGradient: h must be > 0, got ${h}`);
  const grad = zeros(x.rows, x.cols);
  const d = x.data;
  const at = (i: number, old: number, delta: number): number => {
    d[i] = old + delta;
    const v = f();
    d[i] = old;
    return v;
  };
  for (let i = 0; i < d.length; i++) {
    const old = d[i];
    grad.data[i] = stencil === 3
      ? (at(i, old, h) - at(i, old, -h)) / (2 * h)
      // grouped as differences so a constant f gives exactly 0 (f - 8f + 8f - f would not)
      : (8 * (at(i, old, h) - at(i, old, -h)) - (at(i, old, 2 * h) - at(i, old, -2 * h))) / (12 * h);
  }
  return grad;
}

/** numericalGradient for every matrix in `params` (or only those named), keyed like params. */
export function numericalGradients(f: () => number, params: Params, opts: NumericalGradientOptions & { names?: string[] } = {}): Params {
  const out: Params = {};
  for (const name of opts.names ?? Object.keys(params)) {
    if (!(name in params)) throw new RangeError(`numericalGradients: no parameter named '${name}'`);
    out[name] = numericalGradient(f, params[name], opts);
  }
  return out;
}

/**
 * Relative error, elementwise as in cs231n's rel_error, then the worst entry:
 *   max_i |a_i - b_i| / max(1e-8, |a_i| + |b_i|)
 * Entries where both are ~0 count as absolute error over 1e-8. Around 1e-9 or less: the backward
 * pass is right; above 1e-5: something is wrong.
 */
export function relError(a: Matrix | ArrayLike<number>, b: Matrix | ArrayLike<number>): number {
  const x = 'data' in a ? a.data : a;
  const y = 'data' in b ? b.data : b;
  if (x.length !== y.length) throw new RangeError(`relError: length mismatch ${x.length} vs ${y.length}`);
  if ('rows' in a && 'rows' in b && (a.rows !== b.rows || a.cols !== b.cols)) {
    throw new RangeError(`relError: shape mismatch (${a.rows}, ${a.cols}) vs (${b.rows}, ${b.cols})`);
  }
  return worstRelError(x, y).worst;
}

/** The worst elementwise relative error of two equally long arrays and its index; a NaN entry wins. */
export function worstRelError(x: ArrayLike<number>, y: ArrayLike<number>): { worst: number; at: number } {
  let worst = 0;
  let at = 0;
  for (let i = 0; i < x.length; i++) {
    const e = Math.abs(x[i] - y[i]) / Math.max(1e-8, Math.abs(x[i]) + Math.abs(y[i]));
    if (Number.isNaN(e)) return { worst: NaN, at: i };
    if (e > worst) { worst = e; at = i; }
  }
  return { worst, at };
}

/** relError per parameter name between two gradient sets with the same keys. */
export function relErrors(analytic: Params, numeric: Params): Record<string, number> {
  const out: Record<string, number> = {};
  for (const name of Object.keys(numeric)) {
    if (!(name in analytic)) throw new RangeError(`relErrors: analytic gradients lack '${name}'`);
    out[name] = relError(analytic[name], numeric[name]);
  }
  return out;
}
