/**
 * The L2 penalty as the seed writes it: added to the data loss,
 *   penalty = lambda * sum(w^2),    d(penalty)/dw = 2 * lambda * w
 * over the parameters the filter selects (default: all of them; a training loop passes the model's
 * filter, such as the char LM's decayWeightsOnly, which leaves out biases and norm parameters). Conventions differ by a factor 2: PyTorch's `weight_decay=wd` adds wd * w to the
 * gradient, which is this penalty with lambda = wd / 2 (and Keras' `l2(l)` is this one, l * sum(w^2)).
 * With SGD this is exactly weight decay; with Adam it is not (see optim/adam.ts).
 *
 * Left out on purpose: L1, max-norm constraints.
 */
import { Params, assertSameShape, zeros } from '../numbers/tensor';
import { DecayFilter, decayAll } from './decay-filter';

function checkLambda(lambda: number, where: string): void {
  if (!(Number.isFinite(lambda) && lambda >= 0)) throw new RangeError(`${where}: lambda must be a finite number >= 0, got ${lambda}`);
}

/** The penalty value lambda * sum(w^2) and its gradient (zeros for parameters the filter leaves out). */
export function l2Penalty(params: Params, lambda: number, filter: DecayFilter = decayAll): { loss: number; grads: Params } {
  checkLambda(lambda, 'l2Penalty');
  const grads: Params = {};
  for (const [name, p] of Object.entries(params)) grads[name] = zeros(p.rows, p.cols);
  const loss = addL2Grad(params, grads, lambda, filter);
  return { loss, grads };
}

/**
 * In place: grads[name] += 2 * lambda * params[name] for the selected parameters; returns the penalty
 * lambda * sum(w^2). This is what a training loop calls after the backward pass.
 */
export function addL2Grad(params: Params, grads: Params, lambda: number, filter: DecayFilter = decayAll): number {
  checkLambda(lambda, 'addL2Grad');
  let sum = 0;
  if (lambda === 0) return 0;
  for (const [name, p] of Object.entries(params)) {
    if (!filter(name)) continue;
    const g = grads[name];
    if (g === undefined) throw new RangeError(`addL2Grad: no gradient for parameter '${name}'`);
    assertSameShape(p, g, `addL2Grad: '${name}'`);
    const w = p.data;
    const dw = g.data;
    for (let i = 0; i < w.length; i++) {
      sum += w[i] * w[i];
      dw[i] += 2 * lambda * w[i];
    }
  }
  return lambda * sum;
}
