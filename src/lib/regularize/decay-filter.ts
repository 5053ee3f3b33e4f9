/**
 * Which parameters weight decay (an L2 penalty or an optimizer's decay) applies to: a filter on the
 * parameter's name. The optimizers and the L2 penalty decay every parameter unless given one, as
 * PyTorch does; a model says which of its parameters are weights (the char LM's `decayWeightsOnly`
 * in src/lib/model/char-lm.ts leaves out biases and layer-norm gains, which is common practice).
 *
 * Left out on purpose: per-parameter decay strengths. Pass your own `(name) => boolean` to change it.
 */

/** Says which parameters weight decay applies to, by name. */
export type DecayFilter = (name: string) => boolean;

/** Decay every parameter (the default of the optimizers and of the L2 penalty, as in PyTorch). */
export const decayAll: DecayFilter = () => true;
