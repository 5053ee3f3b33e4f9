/**
 * Sampling names from a trained char LM: start every name from the end token '.', feed back each
 * sampled character, stop at the next '.'.
 *   p = softmax(logits / temperature)       temperature < 1: safer, more typical names; > 1: wilder
 * All `count` names are drawn in parallel as one batch of N = count streams (one charLMStep per
 * character). Temperature 0 means greedy (always the most likely character).
 *
 * Left out on purpose: beam search, top-k / nucleus sampling, prompting with a prefix.
 */
import { Rng } from '../numbers/rng';
import { Vocab, END_TOKEN } from '../data/vocab';
import { CharLMConfig, CharLMParams, charLMStep, LMState } from '../model/char-lm';

export interface SampleOptions {
  /** How many names (default 10). */
  count?: number;
  /** Softmax temperature >= 0 (default 1). */
  temperature?: number;
  /** Longest name in characters; a name that reaches it is cut there (default 20). */
  maxLen?: number;
}

/** Index of a draw from softmax(logits / temperature) over one row of V logits. */
export function sampleFromLogits(logits: Float64Array, offset: number, V: number, temperature: number, rng: Rng, probs = new Float64Array(V)): number {
  let max = -Infinity;
  let argmax = 0;
  for (let j = 0; j < V; j++) {
    if (logits[offset + j] > max) {
      max = logits[offset + j];
      argmax = j;
    }
  }
  if (temperature === 0) return argmax;
  for (let j = 0; j < V; j++) probs[j] = Math.exp((logits[offset + j] - max) / temperature);
  return rng.categorical(probs);
}

/** `count` names sampled from the model (without the '.' tokens). */
export function sampleNames(params: CharLMParams, config: CharLMConfig, vocab: Vocab, rng: Rng, opts: SampleOptions = {}): string[] {
  const count = opts.count ?? 10;
  const temperature = opts.temperature ?? 1;
  const maxLen = opts.maxLen ?? 20;
  if (!(Number.isInteger(count) && count >= 1)) throw new RangeError(`sampleNames: count must be a positive integer, got ${count}`);
  if (!(Number.isFinite(temperature) && temperature >= 0)) throw new RangeError(`sampleNames: temperature must be a finite number >= 0, got ${temperature}`);
  if (!(Number.isInteger(maxLen) && maxLen >= 1)) throw new RangeError(`sampleNames: maxLen must be a positive integer, got ${maxLen}`);
  if (vocab.size !== config.vocabSize) throw new RangeError(`sampleNames: vocabulary has ${vocab.size} tokens, the model ${config.vocabSize}`);
  const V = vocab.size;
  const names = Array.from({ length: count }, () => '');
  const done = new Array<boolean>(count).fill(false);
  const tokens = new Int32Array(count).fill(END_TOKEN);
  const probs = new Float64Array(V);
  let state: LMState | null = null;
  for (let step = 0; step < maxLen && done.includes(false); step++) {
    const out = charLMStep(params, config, tokens, state);
    state = out.state;
    for (let n = 0; n < count; n++) {
      if (done[n]) continue;
      const id = sampleFromLogits(out.logits.data, n * V, V, temperature, rng, probs);
      tokens[n] = id;
      if (id === END_TOKEN) done[n] = true;
      else names[n] += vocab.chars[id];
    }
  }
  return names;
}
