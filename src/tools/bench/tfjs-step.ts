/**
 * The same training step in TensorFlow.js on its pure-JavaScript CPU backend (float32), for
 * comparison: embedding gather, tf.basicLSTMCell per step (concat([x, h])·W: the same multiply-adds
 * as reglab's x·Wx + h·Wh), decoder, softmax cross-entropy, gradients by tf.variableGrads,
 * global-norm clipping written out, tf.train.adam.
 *
 * @tensorflow/tfjs is a devDependency used only here; it is loaded on demand, so the library does
 * not need it. Left out on purpose: tfjs-node (native TensorFlow), dropout (off in the benchmark).
 */
import type * as TF from '@tensorflow/tfjs';
import type { Batch } from '../../lib/data/batches';
import type { StepShape } from './reglab-step';

/** Loads tfjs with the 'cpu' backend, or returns null (with the reason) if it is not installed. */
export async function loadTfjs(): Promise<{ tf: typeof TF } | { error: string }> {
  const { log, warn } = console;
  try {
    console.log = console.warn = () => undefined; // tfjs greets Node users with advice to install tfjs-node
    // (irrelevant here: the point is to measure its pure-JavaScript backend)
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const tf = require('@tensorflow/tfjs') as typeof TF;
    await tf.setBackend('cpu');
    await tf.ready();
    tf.dispose(tf.scalar(0)); // the greeting comes with the first tensor
    return { tf };
  } catch (e) {
    return { error: (e as Error).message };
  } finally {
    console.log = log;
    console.warn = warn;
  }
}

/** One tfjs training step per call of `step` (zero initial state each step); `dispose` frees the tensors. */
export function tfjsStep(tf: typeof TF, shape: StepShape, batches: Batch[]): { step: () => number; dispose: () => void } {
  const { N, T, D, H, V } = shape;
  const u = (rows: number, cols: number, fanIn: number, seed: number) =>
    tf.variable(tf.randomUniform<TF.Rank.R2>([rows, cols], -1 / Math.sqrt(fanIn), 1 / Math.sqrt(fanIn), 'float32', seed));
  const E = tf.variable(tf.randomNormal<TF.Rank.R2>([V, D], 0, 1, 'float32', 1));
  const W = u(D + H, 4 * H, H, 2);
  const b = tf.variable(tf.zeros<TF.Rank.R1>([4 * H]));
  const Wy = u(H, V, H, 3);
  const by = tf.variable(tf.zeros<TF.Rank.R1>([V]));
  const vars = [E, W, b, Wy, by];
  const optimizer = tf.train.adam(2e-3);
  const forgetBias = tf.scalar(0);
  const h0 = tf.zeros([N, H]) as TF.Tensor2D;
  // reglab's batches are time-major token ids (x[t*N+n]), which is the order this step reads
  const inputs = batches.map((batch) => ({ xs: tf.tensor1d(batch.x, 'int32'), ys: tf.oneHot(tf.tensor1d(batch.y, 'int32'), V) }));
  let k = 0;
  const step = (): number => {
    const { xs, ys } = inputs[k++ % inputs.length];
    const loss = tf.tidy(() => {
      const { value, grads } = tf.variableGrads(() => {
        const emb = tf.gather(E, xs) as TF.Tensor2D; // (T*N, D)
        let h = h0, c = h0;
        const hs: TF.Tensor2D[] = [];
        for (let t = 0; t < T; t++) {
          const x = tf.slice(emb, [t * N, 0], [N, D]);
          [c, h] = tf.basicLSTMCell(forgetBias, W, b, x, c, h);
          hs.push(h);
        }
        const logits = tf.add(tf.matMul(tf.concat(hs, 0), Wy), by);
        return tf.losses.softmaxCrossEntropy(ys, logits) as TF.Scalar;
      }, vars);
      const norm = Math.sqrt(Object.values(grads).reduce((s, g) => s + (tf.sum(tf.square(g)).dataSync()[0]), 0));
      const scale = norm > 5 ? 5 / norm : 1;
      const clipped: TF.NamedTensorMap = {};
      for (const [name, g] of Object.entries(grads)) clipped[name] = tf.mul(g, scale);
      (optimizer as TF.Optimizer).applyGradients(clipped);
      return value.dataSync()[0];
    });
    return loss;
  };
  const dispose = (): void => {
    optimizer.dispose();
    tf.dispose([...vars, forgetBias, h0, ...inputs.flatMap((i) => [i.xs, i.ys])]);
  };
  return { step, dispose };
}
