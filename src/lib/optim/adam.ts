/**
 * Adam (Kingma & Ba 2015) and AdamW (Loshchilov & Hutter 2019), as PyTorch writes them.
 *
 *   Adam:   g = dw + weightDecay * w            (coupled: decay goes through the moments)
 *   AdamW:  w = w - lr * weightDecay * w        (decoupled: applied to w directly, before the step)
 *   both:   m = b1 m + (1 - b1) g;   v = b2 v + (1 - b2) g^2;   t = t + 1
 *           w = w - lr * mhat / (sqrt(vhat) + eps),  mhat = m / (1 - b1^t),  vhat = v / (1 - b2^t)
 *
 * Why it matters (the AdamW paper's point): with coupled decay the decay term is divided by
 * sqrt(vhat) like the gradient, so weights with large gradients are barely decayed, and a weight
 * with no gradient is pulled to 0 at rate ~lr whatever its size. Decoupled decay shrinks every
 * selected weight by the same factor (1 - lr * weightDecay) per step, whatever its gradient.
 * Coupled `weightDecay` equals an L2 penalty lambda * sum(w^2) with lambda = weightDecay / 2.
 * The paper writes the decoupled step as eta_t * lambda * w with a schedule multiplier eta_t; here
 * (as in PyTorch) it is lr * weightDecay * w, so changing lr changes the decay too.
 *
 * Left out on purpose: AMSGrad, per-parameter step counts (all parameters step together).
 */
import { Params } from '../numbers/tensor';
import { wasmCall } from '../kernels/kernels';
import { DecayFilter, decayAll } from '../regularize/decay-filter';
import { Optimizer, checkGrads, checkLr, zerosLike } from './optimizer';

export interface AdamOptions {
  lr: number;
  /** Decay rate of the first moment (default 0.9). */
  beta1?: number;
  /** Decay rate of the second moment (default 0.999). */
  beta2?: number;
  /** Added to sqrt(vhat) (default 1e-8). */
  eps?: number;
  /** Adam: coupled decay added to the gradient (default 0). AdamW: decoupled decay (default 0.01). */
  weightDecay?: number;
  /** Which parameters are decayed (default: all, as PyTorch; the char LM's decayWeightsOnly skips biases and norms). */
  decayFilter?: DecayFilter;
  /**
   * AdamW only: the decoupled shrink as a function, called in place before every Adam step instead of
   * the built-in one (notebook 03 passes the learner's decoupledDecay). Same numbers when it computes
   * w * (1 - lr * weightDecay) for the selected weights.
   */
  decoupledDecay?: DecoupledDecayFn;
}

/** In place: w <- w * (1 - lr * weightDecay) for every parameter `filter` selects. */
export type DecoupledDecayFn = (params: Params, lr: number, weightDecay: number, filter: DecayFilter) => void;

export interface AdamState {
  /** Steps taken so far (t in the bias corrections). */
  step: number;
  /** First and second moments per parameter, null until the first step. */
  m: Params | null;
  v: Params | null;
}

export class Adam implements Optimizer {
  lr: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly weightDecay: number;
  readonly decayFilter: DecayFilter;
  readonly decoupledDecay: DecoupledDecayFn | undefined;
  /** true for AdamW: decay applied to the weights, outside the moments. */
  readonly decoupled: boolean = false;
  readonly state: AdamState = { step: 0, m: null, v: null };

  constructor(opts: AdamOptions, defaultWeightDecay = 0) {
    const name = this.constructor.name;
    checkLr(opts.lr, name);
    const beta1 = opts.beta1 ?? 0.9;
    const beta2 = opts.beta2 ?? 0.999;
    const eps = opts.eps ?? 1e-8;
    const wd = opts.weightDecay ?? defaultWeightDecay;
    if (!(beta1 >= 0 && beta1 < 1)) throw new RangeError(`${name}: beta1 must be in [0, 1), got ${beta1}`);
    if (!(beta2 >= 0 && beta2 < 1)) throw new RangeError(`${name}: beta2 must be in [0, 1), got ${beta2}`);
    if (!(eps >= 0 && Number.isFinite(eps))) throw new RangeError(`${name}: eps must be >= 0, got ${eps}`);
    if (!(Number.isFinite(wd) && wd >= 0)) throw new RangeError(`${name}: weightDecay must be >= 0, got ${wd}`);
    this.lr = opts.lr;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.eps = eps;
    this.weightDecay = wd;
    this.decayFilter = opts.decayFilter ?? decayAll;
    if (opts.decoupledDecay !== undefined && new.target === Adam) throw new RangeError('Adam: decoupledDecay is a decoupled decay; use AdamW (Adam\'s weightDecay is coupled, added to the gradient)');
    this.decoupledDecay = opts.decoupledDecay;
  }

  step(params: Params, grads: Params): void {
    const where = `${this.constructor.name}.step`;
    checkGrads(params, grads, where);
    checkLr(this.lr, where);
    const s = this.state;
    if (s.m === null || s.v === null) {
      s.m = zerosLike(params);
      s.v = zerosLike(params);
    }
    s.step++;
    const { lr, beta1, beta2, eps } = this;
    const bc1 = 1 - Math.pow(beta1, s.step);
    const bc2 = 1 - Math.pow(beta2, s.step);
    const ownDecay = this.decoupled && this.decoupledDecay !== undefined;
    if (ownDecay) this.decoupledDecay!(params, lr, this.weightDecay, this.decayFilter);
    for (const name of Object.keys(params)) {
      const mm = s.m[name];
      const vm = s.v[name];
      if (mm === undefined || vm === undefined) throw new RangeError(`${where}: parameter '${name}' was not present at the first step`);
      const w = params[name].data;
      const dw = grads[name].data;
      const m = mm.data;
      const v = vm.data;
      const wd = this.weightDecay > 0 && this.decayFilter(name) ? this.weightDecay : 0;
      const coupled = this.decoupled ? 0 : wd;
      const shrink = this.decoupled && !ownDecay ? 1 - lr * wd : 1;
      // the same update in WebAssembly SIMD when the arrays are in the kernels' memory (same bits)
      if (wasmCall('adamUpdate', [w.length], [w, dw, m, v], [coupled, beta1, 1 - beta1, beta2, 1 - beta2, shrink, lr, bc1, bc2, eps])) continue;
      for (let i = 0; i < w.length; i++) {
        const g = dw[i] + coupled * w[i];
        m[i] = beta1 * m[i] + (1 - beta1) * g;
        v[i] = beta2 * v[i] + (1 - beta2) * g * g;
        w[i] = shrink * w[i] - (lr * (m[i] / bc1)) / (Math.sqrt(v[i] / bc2) + eps);
      }
    }
  }
}

/** Adam with decoupled weight decay (default weightDecay 0.01, as in PyTorch). */
export class AdamW extends Adam {
  override readonly decoupled: boolean = true;

  constructor(opts: AdamOptions) {
    super(opts, 0.01);
  }
}
