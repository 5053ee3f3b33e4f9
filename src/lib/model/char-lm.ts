/**
 * The character language model of the workbook: one recurrent layer predicting the next character.
 *
 *   tokens -> embedding E -> dropout -> LSTM or LN-LSTM -> dropout -> decoder Wy, by -> softmax CE
 *
 * Dropout sits only on the non-recurrent connections (into and out of the LSTM), never on h -> h,
 * as in Zaremba, Sutskever & Vinyals 2014: the memory carried along the sequence is left intact.
 * With `variational` one mask per sequence is reused at every step (Gal & Ghahramani 2016).
 *
 * Batches are time-major (x[t*N+n], see src/lib/data/batches.ts), and so is everything inside: each
 * step is a contiguous block of N rows, and the embedding, the input projection and the decoder each
 * run as one matrix product over all T*N tokens.
 *
 * Initialization: E ~ N(0, 1) (as PyTorch's nn.Embedding); Wx ~ U(±1/√D), Wh and Wy ~ U(±1/√H)
 * (uniform, scaled by fan-in); biases 0 except the forget-gate block of b, which is 1 (Jozefowicz et
 * al. 2015: start by remembering); LN gains 1 and LN biases 0. Draw order: E, Wx, Wh, Wy. This is
 * not PyTorch's default for an LSTM, which draws every LSTM weight and bias from U(±1/√H) (Wx too,
 * fan-in D or not) and has no forget-gate bias of 1, nor for nn.Linear, whose bias is U(±1/√H).
 *
 * `layers` (optional) swaps in the learner's own dropout and layer norm (layers/pluggable.ts):
 * the dropout at both dropout sites, the layer norm for the LN-LSTM's three normalizations. Without
 * it the library's run, exactly as before.
 *
 * Left out on purpose: stacked layers, weight tying, recurrent dropout, a sampling temperature
 * (src/lib/generate does that on the logits).
 */
import { Rng } from '../numbers/rng';
import { Matrix, Params, filled, randn, randu, zeros } from '../numbers/tensor';
import type { Batch } from '../data/batches';
import { EmbeddingCache, embeddingBackward, embeddingForward } from '../layers/embedding';
import { DropoutCache, checkKeepProb, dropoutBackward, dropoutForward } from '../layers/dropout';
import { LSTMCache, lstmBackward, lstmForward } from '../layers/lstm';
import { LNLSTMCache, lnLstmBackward, lnLstmForward } from '../layers/ln-lstm';
import { LinearCache, linearBackward, linearForward } from '../layers/linear';
import { SoftmaxCECache, softmaxCrossEntropyBackward, softmaxCrossEntropyForward } from '../layers/softmax-cross-entropy';
import type { DecayFilter } from '../regularize/decay-filter';
import type { DropoutLayer, LayerNormLayer } from '../layers/pluggable';

/** The learner's own layers, used by the model in place of the library's (see the header). */
export interface CharLMLayers {
  dropout?: DropoutLayer;
  layerNorm?: LayerNormLayer;
}

export interface CharLMConfig {
  vocabSize: number; embedDim: number; hiddenSize: number;
  /** LN-LSTM (Ba et al. 2016) instead of the plain LSTM. */
  layerNorm: boolean;
  /** Dropout keep probability on the non-recurrent connections; 1 = off. */
  keepProb: number;
  /** Same dropout mask at every time step of a batch. */
  variational?: boolean;
}

/**
 * The parameters with a plain LSTM: embedding E (V, D), LSTM Wx (D, 4H), Wh (H, 4H), b (1, 4H), decoder
 * Wy (H, V), by (1, V). Still a Params record, so `params[name]` over Object.keys(params) type-checks.
 */
export type PlainCharLMParams = Params & { E: Matrix; Wx: Matrix; Wh: Matrix; b: Matrix; Wy: Matrix; by: Matrix };
/** With layerNorm: also the LN-LSTM's gains and biases gx, bx, gh, bh (1, 4H) and gc, bc (1, H). */
export type LNCharLMParams = PlainCharLMParams & { gx: Matrix; bx: Matrix; gh: Matrix; bh: Matrix; gc: Matrix; bc: Matrix };
/** The char LM's parameters (and, with the same keys, their gradients): plain data a learner can print. */
export type CharLMParams = PlainCharLMParams | LNCharLMParams;

/** The recurrent state between batches: h, c: (N, H). */
export interface LMState { h: Matrix; c: Matrix }

export interface CharLMCache {
  config: CharLMConfig; N: number; T: number; keys: string[];
  /** The dropout that ran (the library's, or the learner's) and its two caches. */
  dropout: DropoutLayer; dropIn: unknown; dropOut: unknown;
  emb: EmbeddingCache; rnn: LSTMCache | LNLSTMCache;
  dec: LinearCache; ce: SoftmaxCECache;
}

/** The dropout the model applies: the learner's when given, else the library's (variational when the config says so). */
function dropoutOf(config: CharLMConfig, T: number, own: DropoutLayer | undefined): DropoutLayer {
  if (own) {
    if (config.variational) throw new RangeError('charLMForward: variational dropout needs the library\'s dropout (a dropout layer of your own draws one mask per entry)');
    return own;
  }
  return {
    forward: (x, keepProb, rng, mode) => dropoutForward(x, keepProb, rng, { mode, steps: config.variational ? T : 1 }),
    backward: (dout, cache) => dropoutBackward(dout, cache as DropoutCache),
  };
}

/** Names and shapes of the parameters for a config, in a fixed order. */
export function charLMShapes(config: CharLMConfig): Record<string, [number, number]> {
  checkConfig(config, 'charLMShapes');
  const { vocabSize: V, embedDim: D, hiddenSize: H } = config;
  const shapes: Record<string, [number, number]> = { E: [V, D], Wx: [D, 4 * H], Wh: [H, 4 * H], b: [1, 4 * H] };
  if (config.layerNorm) Object.assign(shapes, { gx: [1, 4 * H], bx: [1, 4 * H], gh: [1, 4 * H], bh: [1, 4 * H], gc: [1, H], bc: [1, H] });
  return Object.assign(shapes, { Wy: [H, V], by: [1, V] });
}

function checkConfig(config: CharLMConfig, where: string): void {
  for (const k of ['vocabSize', 'embedDim', 'hiddenSize'] as const) {
    const v = config[k];
    if (!(Number.isInteger(v) && v >= 1)) throw new RangeError(`${where}: config.${k} must be a positive integer, got ${v}`);
  }
  checkKeepProb(config.keepProb, `${where}: config`);
}

/** Fresh parameters for `config` (see the header for the scheme). */
export function initCharLM(config: CharLMConfig, rng: Rng): CharLMParams {
  const shapes = charLMShapes(config);
  const { embedDim: D, hiddenSize: H } = config;
  const p: Params = {};
  for (const [name, [r, c]] of Object.entries(shapes)) p[name] = name.startsWith('g') ? filled(r, c, 1) : zeros(r, c);
  p.E = randn(shapes.E[0], D, rng, 1);
  p.Wx = randu(D, 4 * H, rng, -1 / Math.sqrt(D), 1 / Math.sqrt(D));
  p.Wh = randu(H, 4 * H, rng, -1 / Math.sqrt(H), 1 / Math.sqrt(H));
  p.Wy = randu(H, shapes.Wy[1], rng, -1 / Math.sqrt(H), 1 / Math.sqrt(H));
  p.b.data.fill(1, H, 2 * H); // forget gate
  return p as CharLMParams; // the keys of charLMShapes(config); ordinary arrays (a training loop may move them to the kernels' memory: homeParams)
}

/** What weight decay and the optimizer see: 'weight' (Wx, Wh, Wy), 'bias' (b, by), 'embedding' (E), 'norm' (LN gains and biases). */
export function paramKind(name: string): 'weight' | 'bias' | 'norm' | 'embedding' {
  switch (name) {
    case 'E': return 'embedding';
    case 'Wx': case 'Wh': case 'Wy': return 'weight';
    case 'b': case 'by': return 'bias';
    case 'gx': case 'bx': case 'gh': case 'bh': case 'gc': case 'bc': return 'norm';
    default: throw new RangeError(`paramKind: unknown parameter '${name}' (known: E, Wx, Wh, b, gx, bx, gh, bh, gc, bc, Wy, by)`);
  }
}

/**
 * The char LM's weight-decay filter: decay the weight matrices and the embedding (E, Wx, Wh, Wy), not
 * the biases and not the layer-norm gains and biases. Shrinking a bias or a norm gain towards 0 does
 * not make the function simpler, it only moves its operating point (a gain of 0 switches a unit off).
 * The trainer uses it unless told otherwise.
 */
export const decayWeightsOnly: DecayFilter = (name: string): boolean => {
  const kind = paramKind(name);
  return kind === 'weight' || kind === 'embedding';
};

function checkParams(params: CharLMParams, config: CharLMConfig, where: string): string[] {
  const shapes = charLMShapes(config);
  for (const [name, [r, c]] of Object.entries(shapes)) {
    const m = (params as Params)[name];
    if (!m) {
      const why = paramKind(name) === 'norm' ? ' (config.layerNorm is true, so the LN-LSTM gains and biases are needed)' : '';
      throw new RangeError(`${where}: missing parameter '${name}'${why}`);
    }
    if (m.rows !== r || m.cols !== c) {
      throw new RangeError(`${where}: parameter '${name}' must be (${r}, ${c}) for this config, got (${m.rows}, ${m.cols})`);
    }
  }
  const extra = Object.keys(params).filter((k) => !(k in shapes));
  if (extra.length > 0) throw new RangeError(`${where}: unexpected parameter(s) ${extra.join(', ')} for layerNorm=${config.layerNorm}`);
  return Object.keys(params);
}

/** True when the parameters carry the LN-LSTM's gains and biases. */
export function hasLayerNorm(params: CharLMParams): params is LNCharLMParams {
  return 'gx' in params;
}

/**
 * The char LM's recurrent layer alone: the LSTM, or the LN-LSTM when config.layerNorm, over an
 * embedded time-major sequence x: (T*N, D), from `prev` (null = zero state) -> hs: (T*N, H), the
 * final state h, c: (N, H) and the layer's cache (its gate activations, for instance).
 */
export function recurrentForward(params: CharLMParams, config: CharLMConfig, x: Matrix, T: number, prev: LMState | null, layers?: CharLMLayers)
  : { hs: Matrix; h: Matrix; c: Matrix; cache: LSTMCache | LNLSTMCache } {
  const h0 = prev?.h ?? null, c0 = prev?.c ?? null;
  if (!config.layerNorm) return lstmForward(x, T, h0, c0, params);
  if (!hasLayerNorm(params)) throw new RangeError('recurrentForward: config.layerNorm is true, so the LN-LSTM gains and biases gx, bx, gh, bh, gc, bc are needed');
  return lnLstmForward(x, T, h0, c0, params, layers?.layerNorm);
}

/**
 * Mean cross-entropy per token (nats) of predicting batch.y from batch.x, starting from `prev`
 * (null = zero state). Returns the final state for the next batch. rng is used only in train mode.
 */
export function charLMForward(params: CharLMParams, config: CharLMConfig, batch: Batch, prev: LMState | null,
  mode: 'train' | 'eval', rng: Rng, layers?: CharLMLayers): { loss: number; state: LMState; cache: CharLMCache } {
  const keys = checkParams(params, config, 'charLMForward');
  const { N, T } = batch;
  if (!(Number.isInteger(N) && N >= 1 && Number.isInteger(T) && T >= 1)) {
    throw new RangeError(`charLMForward: batch N and T must be positive integers, got N=${N}, T=${T}`);
  }
  if (batch.x.length !== N * T || batch.y.length !== N * T) {
    throw new RangeError(`charLMForward: batch.x and batch.y must hold N*T = ${N * T} tokens, got ${batch.x.length} and ${batch.y.length}`);
  }
  if (mode !== 'train' && mode !== 'eval') throw new RangeError(`charLMForward: mode must be 'train' or 'eval', got '${mode}'`);
  const dropout = dropoutOf(config, T, layers?.dropout);
  const emb = embeddingForward(params.E, batch.x);
  const dropIn = dropout.forward(emb.out, config.keepProb, rng, mode);
  const rnn = recurrentForward(params, config, dropIn.out, T, prev, layers);
  const dropOut = dropout.forward(rnn.hs, config.keepProb, rng, mode);
  const dec = linearForward(dropOut.out, params.Wy, params.by);
  const ce = softmaxCrossEntropyForward(dec.out, batch.y);
  return {
    loss: ce.loss,
    state: { h: rnn.h, c: rnn.c },
    cache: { config, N, T, keys, dropout, emb: emb.cache, dropIn: dropIn.cache, rnn: rnn.cache, dropOut: dropOut.cache, dec: dec.cache, ce: ce.cache },
  };
}

/**
 * d(loss)/d(param) for every parameter, same keys and shapes as the params given to the forward pass;
 * times `dloss` (the two-thread step passes each half its share of the tokens, so the halves add up).
 */
export function charLMBackward(cache: CharLMCache, dloss = 1): CharLMParams {
  const { dlogits } = softmaxCrossEntropyBackward(cache.ce, dloss);
  const dec = linearBackward(dlogits, cache.dec);
  const { dx: dhs } = cache.dropout.backward(dec.dx, cache.dropOut);
  const g: Params = { Wy: dec.dW, by: dec.db };
  let dxs: Matrix;
  if (cache.config.layerNorm) {
    const r = lnLstmBackward(dhs, cache.rnn as LNLSTMCache);
    Object.assign(g, { Wx: r.dWx, Wh: r.dWh, b: r.db, gx: r.dgx, bx: r.dbx, gh: r.dgh, bh: r.dbh, gc: r.dgc, bc: r.dbc });
    dxs = r.dx;
  } else {
    const r = lstmBackward(dhs, cache.rnn as LSTMCache);
    Object.assign(g, { Wx: r.dWx, Wh: r.dWh, b: r.db });
    dxs = r.dx;
  }
  const { dx: demb } = cache.dropout.backward(dxs, cache.dropIn);
  g.E = embeddingBackward(demb, cache.emb).dE;
  const out: Params = {};
  for (const k of cache.keys) out[k] = g[k];
  return out as CharLMParams; // the keys of the params given to the forward pass
}

/** One step in eval mode (no dropout): tokens (N ids) and the previous state -> logits (N, V) and the new state. */
export function charLMStep(params: CharLMParams, config: CharLMConfig, tokens: Int32Array, prev: LMState | null, layers?: CharLMLayers)
  : { logits: Matrix; state: LMState } {
  checkParams(params, config, 'charLMStep');
  if (tokens.length === 0) throw new RangeError('charLMStep: no tokens (N = 0)');
  const emb = embeddingForward(params.E, tokens);
  const rnn = recurrentForward(params, config, emb.out, 1, prev, layers);
  const dec = linearForward(rnn.hs, params.Wy, params.by);
  return { logits: dec.out, state: { h: rnn.h, c: rnn.c } };
}
