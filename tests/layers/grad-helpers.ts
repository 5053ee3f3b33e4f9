/** Shared by the layer tests: a scalar probe of a layer's output and the float64 gradient check. */
import { expect } from 'vitest';
import { Rng } from '../../src/rng';
import { Matrix, randn } from '../../src/tensor';
import { NumericalGradientOptions, numericalGradient, relError } from '../../src/gradcheck';

/** sum(out ⊙ R): a scalar whose gradient with respect to out is exactly R. */
export function probe(out: Matrix, R: Matrix): number {
  let s = 0;
  for (let i = 0; i < out.data.length; i++) s += out.data[i] * R.data[i];
  return s;
}

/** A random upstream gradient shaped like m. */
export function upstream(m: Matrix, rng: Rng): Matrix {
  return randn(m.rows, m.cols, rng);
}

/**
 * For each named input, the numerical gradient of f must match the analytic one to `tol` (relError).
 * Returns the errors so a failure message shows them all.
 */
export function expectGradients(f: () => number, inputs: Record<string, Matrix>, analytic: Record<string, Matrix>,
  tol = 1e-7, opts: NumericalGradientOptions = {}): Record<string, number> {
  const errors: Record<string, number> = {};
  for (const [name, x] of Object.entries(inputs)) errors[name] = relError(analytic[name], numericalGradient(f, x, opts));
  for (const [name, e] of Object.entries(errors)) expect(e, `${name}: ${JSON.stringify(errors)}`).toBeLessThan(tol);
  return errors;
}
