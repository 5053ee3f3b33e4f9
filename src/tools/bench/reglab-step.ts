/**
 * One full training step of reglab's char LM, the trainer's own (train/step.ts trainStep, or the
 * two-thread step of train/two-threads.ts): forward (train mode), backward, global-norm clipping, an
 * Adam update, and the state carried to the next batch; with the WebAssembly kernels, or with the
 * JavaScript reference kernels (`kernel: 'js'`, the step runs with them forced).
 *
 * The matrix products of one step are logged (src/lib/numbers/matmul.ts recordMatmuls) so the benchmark counts
 * exactly the flops the step performs and can replay the same products alone.
 * Left out on purpose: validation, data loading (batches are cut once up front).
 */
import { Rng } from '../../lib/numbers/rng';
import { Batch, batchAt, batchCount } from '../../lib/data/batches';
import { CharLMConfig, initCharLM } from '../../lib/model/char-lm';
import { homeParams } from '../../lib/numbers/tensor';
import { Adam } from '../../lib/optim/adam';
import { StepSetup, newStepCarry, trainStep } from '../../lib/train/step';
import { stepThreads } from '../../lib/train/two-threads';
import { kernelKind, useKernels } from '../../lib/kernels/kernels';
import { GemmCall, recordMatmuls, stopRecording } from '../../lib/numbers/matmul';

export interface StepShape { N: number; T: number; D: number; H: number; V: number }

/** The first `count` batches of a token stream (cycled by the step). */
export function benchBatches(tokens: Int32Array, N: number, T: number, count = 8): Batch[] {
  const n = Math.min(count, batchCount(tokens.length, N, T, { dropLast: true }));
  return Array.from({ length: n }, (_, k) => batchAt(tokens, N, T, k));
}

/** A closure doing one training step per call (returns the loss). */
export interface ReglabStepOptions { layerNorm?: boolean; keepProb?: number; seed?: number; threads?: 1 | 2; kernel?: 'wasm' | 'js' }

export function reglabStep(shape: StepShape, batches: Batch[], opts: ReglabStepOptions = {}): () => number {
  const config: CharLMConfig = { vocabSize: shape.V, embedDim: shape.D, hiddenSize: shape.H, layerNorm: opts.layerNorm ?? false, keepProb: opts.keepProb ?? 1 };
  const rng = new Rng(opts.seed ?? 0);
  const setup: StepSetup = { params: homeParams(initCharLM(config, rng)), config, optimizer: new Adam({ lr: 2e-3 }), rng, clip: 5 };
  const carry = newStepCarry();
  const pair = opts.threads === 2 ? stepThreads() : null;
  let k = 0;
  const one = (): number => {
    const batch = batches[k++ % batches.length];
    if (k % batches.length === 1) carry.state = null; // restart the streams when the batches cycle
    return (pair ? pair.step(setup, batch, carry) : trainStep(setup, batch, carry)).loss;
  };
  if (opts.kernel !== 'js') return one;
  return () => {
    const before = kernelKind();
    useKernels('js');
    try {
      return one();
    } finally {
      useKernels(before);
    }
  };
}

/** The matrix products one call of `step` performs, in order. */
export function recordStep(step: () => unknown): GemmCall[] {
  recordMatmuls();
  try {
    step();
  } catch (e) {
    stopRecording();
    throw e;
  }
  return stopRecording();
}

/** 2·M·N·K summed over the products: multiply-adds counted as two flops, nothing else counted. */
export function countFlops(calls: GemmCall[]): number {
  return calls.reduce((s, c) => s + 2 * c.M * c.N * c.K, 0);
}
