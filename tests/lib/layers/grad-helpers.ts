/** Shared by the layer tests: a scalar probe of a layer's output and the float64 gradient checks. */
import { expect } from 'vitest';
import { Rng } from '../../../src/lib/numbers/rng';
import { Matrix, randn } from '../../../src/lib/numbers/tensor';
import { NumericalGradientOptions, numericalGradient, relError } from '../../../src/lib/numbers/gradcheck';

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

type Recurrent<P> = {
  forward(x: Matrix, T: number, h0: Matrix, c0: Matrix, p: P): { hs: Matrix; h: Matrix; c: Matrix; cache: unknown };
  /** Returns dx, dh0, dc0 and d<name> for every parameter name. */
  backward(dhs: Matrix, cache: never, dhT: Matrix, dcT: Matrix): object;
};

/**
 * A recurrent layer (LSTM or LN-LSTM) over a random sequence with random initial state: the gradient of
 * probe(hs) + probe(h_T) + probe(c_T) by x, h0, c0 and each named parameter must match the numerical one.
 */
export function expectSequenceGradients<P extends object>(layer: Recurrent<P>, p: P, names: readonly (keyof P & string)[],
  sizes: { N: number; T: number; D: number; H: number }, rng: Rng): void {
  const { N, T, D, H } = sizes;
  const x = randn(T * N, D, rng), h0 = randn(N, H, rng, 0.5), c0 = randn(N, H, rng, 0.5);
  const R = randn(T * N, H, rng), RH = randn(N, H, rng), RC = randn(N, H, rng);
  const f = () => {
    const r = layer.forward(x, T, h0, c0, p);
    return probe(r.hs, R) + probe(r.h, RH) + probe(r.c, RC);
  };
  const g = layer.backward(R, layer.forward(x, T, h0, c0, p).cache as never, RH, RC) as Record<string, Matrix>;
  const inputs: Record<string, Matrix> = { x, h0, c0 };
  for (const k of names) inputs[k] = p[k] as Matrix;
  const analytic = Object.fromEntries(Object.keys(inputs).map((k) => [k, g['d' + k]]));
  expectGradients(f, inputs, analytic);
}

type Step<P> = {
  forward(x: Matrix, prevH: Matrix, prevC: Matrix, p: P): { h: Matrix; c: Matrix; cache: unknown };
  /** Returns dx, dPrevH, dPrevC and d<name> for every parameter name. */
  backward(dh: Matrix, dc: Matrix, cache: never): object;
};

/** One step of a recurrent layer: the gradient of probe(h) + probe(c) (dh and dc both flowing in) must match. */
export function expectStepGradients<P extends object>(layer: Step<P>, p: P, names: readonly (keyof P & string)[],
  sizes: { N: number; D: number; H: number }, rng: Rng): void {
  const { N, D, H } = sizes;
  const x = randn(N, D, rng), prevH = randn(N, H, rng), prevC = randn(N, H, rng);
  const RH = randn(N, H, rng), RC = randn(N, H, rng);
  const f = () => {
    const r = layer.forward(x, prevH, prevC, p);
    return probe(r.h, RH) + probe(r.c, RC);
  };
  const g = layer.backward(RH, RC, layer.forward(x, prevH, prevC, p).cache as never) as Record<string, Matrix>;
  const inputs: Record<string, Matrix> = { x, prevH, prevC };
  for (const k of names) inputs[k] = p[k] as Matrix;
  const gradName = (k: string): string => (k === 'prevH' ? 'dPrevH' : k === 'prevC' ? 'dPrevC' : 'd' + k);
  const analytic = Object.fromEntries(Object.keys(inputs).map((k) => [k, g[gradName(k)]]));
  expectGradients(f, inputs, analytic);
}
