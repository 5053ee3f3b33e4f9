/**
 * The two layers a learner writes in the notebooks, as the shapes the model accepts in place of the
 * library's: dropout (notebook 01) and layer norm (notebook 02). The char LM takes a DropoutLayer for
 * its two dropout sites and hands a LayerNormLayer to the LN-LSTM for its three normalizations, so
 * "your dropout in a real LSTM" is literally the learner's code running inside training.
 *
 *   DropoutLayer:    forward(x, keepProb, rng, mode) -> { out, cache };  backward(dout, cache) -> { dx }
 *   LayerNormLayer:  forward(x, gamma, beta, eps)    -> { out, cache };  backward(dout, cache) -> { dx, dgamma, dbeta }
 *
 * The cache is whatever the forward pass returned; the model only hands it back. Methods (not
 * function-typed properties) so a learner's `(dout, cache: DropoutCache)` fits `cache: unknown`.
 *
 * Left out on purpose: choosing between the learner's and the library's (train/own-code.ts does it).
 */
import type { Rng } from '../numbers/rng';
import type { Matrix } from '../numbers/tensor';
import { dropoutBackward, dropoutForward, DropoutCache, DropoutMode } from './dropout';
import { layerNormBackward, layerNormForward, LayerNormCache } from './layer-norm';

export interface DropoutLayer<C = unknown> {
  /** x: (M, D) -> out: (M, D); eval mode draws nothing. */
  forward(x: Matrix, keepProb: number, rng: Rng, mode: DropoutMode): { out: Matrix; cache: C };
  /** dout: (M, D) -> dx: (M, D). */
  backward(dout: Matrix, cache: C): { dx: Matrix };
}

export interface LayerNormLayer<C = unknown> {
  /** x: (R, D), gamma, beta: (1, D) -> out: (R, D), each row normalized. */
  forward(x: Matrix, gamma: Matrix, beta: Matrix, eps: number): { out: Matrix; cache: C };
  /** dout: (R, D) -> dx: (R, D), dgamma, dbeta: (1, D). */
  backward(dout: Matrix, cache: C): { dx: Matrix; dgamma: Matrix; dbeta: Matrix };
}

/** The library's inverted dropout as a DropoutLayer (one mask entry per entry; not variational). */
export const libraryDropout: DropoutLayer<DropoutCache> = {
  forward: (x, keepProb, rng, mode) => dropoutForward(x, keepProb, rng, { mode }),
  backward: dropoutBackward,
};

/** The library's layer norm as a LayerNormLayer. */
export const libraryLayerNorm: LayerNormLayer<LayerNormCache> = {
  forward: layerNormForward,
  backward: layerNormBackward,
};
