/**
 * Two reference losses to draw under every learning curve (nats per token, like the model's loss):
 *   uniform: every token equally likely, loss = ln V (a model that learned nothing)
 *   bigram:  P(b | a) = (count(a b) + alpha) / (count(a) + alpha V), counted on the training stream
 *            (add-alpha smoothing, alpha = 1 is Laplace), scored on another stream
 * An LSTM that does not beat the bigram has not learned anything a table of letter pairs could not.
 *
 * Left out on purpose: longer n-grams, backoff and interpolation.
 */

/** ln V: the loss of the uniform distribution over V tokens. */
export function uniformLoss(vocabSize: number): number {
  if (!(Number.isInteger(vocabSize) && vocabSize >= 1)) throw new RangeError(`uniformLoss: vocabSize must be a positive integer, got ${vocabSize}`);
  return Math.log(vocabSize);
}

/** Bigram counts (V, V) as a flat row-major array: counts[a * V + b] = how often b follows a. */
export function bigramCounts(tokens: ArrayLike<number>, vocabSize: number): Float64Array {
  const V = vocabSize;
  if (!(Number.isInteger(V) && V >= 1)) throw new RangeError(`bigramCounts: vocabSize must be a positive integer, got ${V}`);
  if (tokens.length < 2) throw new RangeError(`bigramCounts: need at least 2 tokens, got ${tokens.length} (empty data)`);
  const counts = new Float64Array(V * V);
  for (let i = 0; i + 1 < tokens.length; i++) {
    const a = tokens[i];
    const b = tokens[i + 1];
    if (!(a >= 0 && a < V && b >= 0 && b < V)) throw new RangeError(`bigramCounts: token at ${tokens[i] === a ? i + 1 : i} is outside 0..${V - 1}`);
    counts[a * V + b] += 1;
  }
  return counts;
}

/**
 * Mean negative log-likelihood per token (nats) of `evalTokens` under the add-alpha bigram model
 * counted on `trainTokens`. With evalTokens = trainTokens it is the bigram's training loss.
 */
export function bigramLoss(trainTokens: ArrayLike<number>, evalTokens: ArrayLike<number>, vocabSize: number, alpha = 1): number {
  if (!(alpha > 0 && Number.isFinite(alpha))) throw new RangeError(`bigramLoss: alpha must be a finite number > 0, got ${alpha}`);
  const V = vocabSize;
  const counts = bigramCounts(trainTokens, V);
  if (evalTokens.length < 2) throw new RangeError(`bigramLoss: need at least 2 evaluation tokens, got ${evalTokens.length} (empty data)`);
  const rowTotals = new Float64Array(V);
  for (let a = 0; a < V; a++) for (let b = 0; b < V; b++) rowTotals[a] += counts[a * V + b];
  let nll = 0;
  for (let i = 0; i + 1 < evalTokens.length; i++) {
    const a = evalTokens[i];
    const b = evalTokens[i + 1];
    if (!(a >= 0 && a < V && b >= 0 && b < V)) throw new RangeError(`bigramLoss: evaluation token near ${i} is outside 0..${V - 1}`);
    nll -= Math.log((counts[a * V + b] + alpha) / (rowTotals[a] + alpha * V));
  }
  return nll / (evalTokens.length - 1);
}
