/**
 * The loss of a model on a whole token stream, in eval mode (no dropout), with the LSTM state
 * carried across batches exactly as in training:
 *   loss = sum_b N*T_b * loss_b / sum_b N*T_b     (a per-token mean over every evaluated token)
 *
 * Left out on purpose: perplexity (it is exp(loss)), accuracy.
 */
import { Rng } from '../numbers/rng';
import { inArena } from '../kernels/kernels';
import { Batch, batchAt, batchCount } from '../data/batches';
import { CharLMConfig, charLMForward, CharLMLayers, CharLMParams, LMState } from '../model/char-lm';

export interface EvaluateOptions {
  /** Parallel streams (default 32; fewer if the stream is short). */
  N?: number;
  /** Steps per batch (default 64). */
  T?: number;
  /** Evaluate only the first this-many batches (default: all). */
  maxBatches?: number;
  /** The learner's own dropout / layer norm in the model (default: the library's). */
  layers?: CharLMLayers;
}

/** Mean cross-entropy per token (nats) of the model on `tokens`, eval mode. */
export function evaluateLoss(params: CharLMParams, config: CharLMConfig, tokens: Int32Array, opts: EvaluateOptions = {}): number {
  const T = opts.T ?? 64;
  // Use fewer streams for a short stream, so every stream has at least one step.
  const N = Math.max(1, Math.min(opts.N ?? 32, tokens.length - 1));
  const count = Math.min(batchCount(tokens.length, N, T), opts.maxBatches ?? Infinity);
  if (!(count >= 1)) throw new RangeError(`evaluateLoss: maxBatches must be >= 1, got ${opts.maxBatches}`);
  return evaluateBatches(params, config, Array.from({ length: count }, (_, k) => batchAt(tokens, N, T, k)), opts.layers);
}

/** The same over batches already cut (consecutive batches of one stream, state carried), e.g. the trainer's. */
export function evaluateBatches(params: CharLMParams, config: CharLMConfig, batches: readonly Batch[], layers?: CharLMLayers): number {
  const unused = new Rng(0); // eval mode draws nothing
  let state: LMState | null = null;
  let sum = 0;
  let tokensSeen = 0;
  for (const batch of batches) {
    const out = inArena(() => charLMForward(params, config, batch, state, 'eval', unused, layers)); // loss and state are copies
    state = out.state;
    sum += out.loss * batch.N * batch.T;
    tokensSeen += batch.N * batch.T;
  }
  return sum / tokensSeen;
}
