/**
 * Which parameters weight decay (L2 penalty or decoupled decay) applies to by default: the weight
 * matrices and the embedding, not the biases and not the layer-norm gains/biases. Shrinking a bias
 * or a norm gain towards 0 does not make the function simpler, it only moves its operating point
 * (a gain of 0 switches a unit off), so common practice excludes them.
 *
 * Left out on purpose: per-parameter decay strengths. Pass your own `(name) => boolean` to change it.
 */
import { paramKind } from '../model/char-lm';
import type { DecayFilter } from '../optim/optimizer';

/** true for kinds 'weight' and 'embedding' (E, Wx, Wh, Wy), false for 'bias' and 'norm'. */
export const decayWeightsOnly: DecayFilter = (name: string): boolean => {
  const kind = paramKind(name);
  return kind === 'weight' || kind === 'embedding';
};

/** Decay every parameter (what PyTorch's `weight_decay` does when given all parameters). */
export const decayAll: DecayFilter = () => true;
