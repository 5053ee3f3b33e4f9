/**
 * One training step of the char LM: the body of the trainer's batch loop, and the step the benchmark
 * times.
 *   loss, cache = forward(batch, carried state, train mode);  grads = backward(cache)
 *   grads += 2 lambda w              (L2 penalty, if l2 > 0)
 *   gradNorm = clip(grads, maxNorm)  (pre-clip global norm; without clipping, just the norm)
 *   optimizer.step(params, grads)    (skipped when the loss or gradNorm is not finite)
 *   carried state = the batch's last LSTM state (gradients do not flow back through it)
 * A loop keeps one StepCarry for all its steps: the state going in, and what the step measured coming
 * out, so a step allocates nothing beyond the model's own work. That work runs in the kernels' step
 * arena (lib/kernels): its buffers are views of the WebAssembly memory, reused by the next step, so
 * the products copy nothing and nothing is left for the garbage collector. What leaves the step is
 * numbers and the carried state (copies); an optimizer must keep no reference to `grads`.
 *
 * Left out on purpose: batching, learning-rate schedules, records and stopping (the trainer's job).
 */
import { Rng } from '../numbers/rng';
import { inArena } from '../kernels/kernels';
import { Batch } from '../data/batches';
import { charLMBackward, CharLMConfig, charLMForward, CharLMLayers, CharLMParams, decayWeightsOnly, LMState } from '../model/char-lm';
import type { Optimizer } from '../optim/optimizer';
import { clipGradNorm, globalNorm } from '../optim/clip';
import { addL2Grad } from '../regularize/l2';
import type { DecayFilter } from '../regularize/decay-filter';

/** What every step of a loop shares. */
export interface StepSetup {
  /** Updated in place. */
  params: CharLMParams;
  config: CharLMConfig;
  optimizer: Optimizer;
  /** Draws the dropout masks. */
  rng: Rng;
  /** L2 penalty strength lambda in lambda * sum(w^2) (default 0). */
  l2?: number;
  /** Parameters the L2 penalty covers (default: weights and embedding). */
  decayFilter?: DecayFilter;
  /** Max global gradient norm (default: no clipping). */
  clip?: number;
  /** The learner's own dropout / layer norm in the model (default: the library's). */
  layers?: CharLMLayers;
}

/** Carried from step to step: the LSTM state going in, and what the last step measured. */
export interface StepCarry {
  /** null starts the streams from a zero state. */
  state: LMState | null;
  loss: number;
  /** Global gradient norm before clipping (with the L2 gradient). */
  gradNorm: number;
  /** The L2 penalty lambda * sum(w^2) (0 without L2). */
  penalty: number;
  /** false when the loss or the gradient norm was not finite, so the update was skipped. */
  updated: boolean;
}

export function newStepCarry(): StepCarry {
  return { state: null, loss: NaN, gradNorm: NaN, penalty: 0, updated: false };
}

/** Trains on one batch from carry.state; fills `carry` with the new state and the step's numbers and returns it. */
export function trainStep(setup: StepSetup, batch: Batch, carry: StepCarry): StepCarry {
  return inArena(() => stepInArena(setup, batch, carry));
}

/** The step itself; every buffer it makes is in the step arena, reused by the next step (nothing escapes but numbers and the carried state, which are copies). */
function stepInArena(setup: StepSetup, batch: Batch, carry: StepCarry): StepCarry {
  const { params, clip } = setup;
  const l2 = setup.l2 ?? 0;
  const fwd = charLMForward(params, setup.config, batch, carry.state, 'train', setup.rng, setup.layers);
  const grads = charLMBackward(fwd.cache);
  carry.penalty = l2 > 0 ? addL2Grad(params, grads, l2, setup.decayFilter ?? decayWeightsOnly) : 0;
  carry.gradNorm = clip !== undefined ? clipGradNorm(grads, clip) : globalNorm(grads);
  carry.loss = fwd.loss;
  carry.updated = Number.isFinite(fwd.loss) && Number.isFinite(carry.gradNorm);
  if (carry.updated) setup.optimizer.step(params, grads);
  carry.state = fwd.state;
  return carry;
}
