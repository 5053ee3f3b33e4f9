/**
 * Stochastic gradient descent, optionally with (heavy-ball) momentum, as PyTorch writes it:
 *   g = dw + weightDecay * w            (only for parameters the decay filter selects)
 *   v = momentum * v + g                (v starts at 0; skipped when momentum = 0)
 *   w = w - lr * v
 * For plain SGD, the coupled decay `weightDecay * w` and decoupled decay are the same thing up to a
 * factor lr; the difference only matters for adaptive methods (see adam.ts).
 *
 * Left out on purpose: Nesterov momentum, dampening.
 */
import { Params } from '../numbers/tensor';
import { DecayFilter, decayAll } from '../regularize/decay-filter';
import { Optimizer, checkGrads, checkLr, zerosLike } from './optimizer';

export interface SGDOptions {
  lr: number;
  /** Momentum coefficient in [0, 1) (default 0: plain SGD). */
  momentum?: number;
  /** Coupled weight decay (adds weightDecay * w to the gradient); default 0. */
  weightDecay?: number;
  /** Which parameters are decayed (default: all, as PyTorch; the char LM's decayWeightsOnly skips biases and norms). */
  decayFilter?: DecayFilter;
}

export interface SGDState {
  step: number;
  /** Velocity per parameter, null until the first step (or when momentum = 0). */
  velocity: Params | null;
}

export class SGD implements Optimizer {
  lr: number;
  readonly momentum: number;
  readonly weightDecay: number;
  readonly decayFilter: DecayFilter;
  readonly state: SGDState = { step: 0, velocity: null };

  constructor(opts: SGDOptions) {
    checkLr(opts.lr, 'SGD');
    const momentum = opts.momentum ?? 0;
    if (!(momentum >= 0 && momentum < 1)) throw new RangeError(`SGD: momentum must be in [0, 1), got ${momentum}`);
    const wd = opts.weightDecay ?? 0;
    if (!(Number.isFinite(wd) && wd >= 0)) throw new RangeError(`SGD: weightDecay must be >= 0, got ${wd}`);
    this.lr = opts.lr;
    this.momentum = momentum;
    this.weightDecay = wd;
    this.decayFilter = opts.decayFilter ?? decayAll;
  }

  step(params: Params, grads: Params): void {
    checkGrads(params, grads, 'SGD.step');
    checkLr(this.lr, 'SGD.step');
    if (this.momentum > 0 && this.state.velocity === null) this.state.velocity = zerosLike(params);
    const { lr, momentum } = this;
    for (const name of Object.keys(params)) {
      const w = params[name].data;
      const dw = grads[name].data;
      const wd = this.weightDecay > 0 && this.decayFilter(name) ? this.weightDecay : 0;
      if (this.state.velocity === null) {
        for (let i = 0; i < w.length; i++) w[i] -= lr * (dw[i] + wd * w[i]);
      } else {
        const vm = this.state.velocity[name];
        if (vm === undefined) throw new RangeError(`SGD.step: parameter '${name}' was not present at the first step`);
        const v = vm.data;
        for (let i = 0; i < w.length; i++) {
          v[i] = momentum * v[i] + dw[i] + wd * w[i];
          w[i] -= lr * v[i];
        }
      }
    }
    this.state.step++;
  }
}
