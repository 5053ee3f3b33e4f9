/**
 * The char LM's numbers, bit for bit: a SHA-256 over the initial parameters, three train-mode forward
 * and backward passes with the state carried (plain and LN-LSTM, with and without dropout), and short
 * training runs (AdamW + L2 + clipping, SGD with momentum) on a slice of the names. Any change to the
 * arithmetic (summation order, a fused operation, another kernel) changes the hash; a refactor or a
 * faster kernel that is meant to be exact must leave it alone. Recorded on Node 20 (V8's Math.exp and
 * Math.tanh); if it fails, something computes differently, not merely slower or faster.
 */
import { createHash } from 'crypto';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/lib/numbers/rng';
import type { Matrix } from '../../../src/lib/numbers/tensor';
import { namesDataset } from '../../../src/lib/data/dataset';
import { batchAt } from '../../../src/lib/data/batches';
import { CharLMConfig, LMState, charLMBackward, charLMForward, initCharLM } from '../../../src/lib/model/char-lm';
import { train } from '../../../src/lib/train/trainer';

/** The hash recorded before the layout change (issue 15) and kept since. */
export const GOLDEN = 'b3eed187b0e52a19fbf4dd2bd7f6866731071ab7359e425fededd5adf1ff1563';

export function charLMHash(): string {
  const h = createHash('sha256');
  const add = (x: unknown): void => {
    if (typeof x === 'number') { const b = Buffer.alloc(8); b.writeDoubleLE(x); h.update(b); }
    else if (x && typeof x === 'object' && (x as Matrix).data instanceof Float64Array) { const d = (x as Matrix).data; h.update(Buffer.from(d.buffer, d.byteOffset, d.byteLength)); }
    else h.update(JSON.stringify(x));
  };
  const addParams = (p: Record<string, Matrix>): void => { for (const k of Object.keys(p).sort()) add(p[k]); };
  const data = namesDataset({ seed: 0, maxTrainNames: 60, maxValNames: 30 });
  for (const layerNorm of [false, true]) for (const keepProb of [1, 0.7]) {
    const config: CharLMConfig = { vocabSize: data.vocab.size, embedDim: 8, hiddenSize: 12, layerNorm, keepProb };
    const params = initCharLM(config, new Rng(3));
    addParams(params);
    const rng = new Rng(5);
    let state: LMState | null = null;
    for (let k = 0; k < 3; k++) {
      const f = charLMForward(params, config, batchAt(data.tokens.train, 4, 7, k), state, 'train', rng);
      add(f.loss); add(f.state.h); add(f.state.c);
      addParams(charLMBackward(f.cache));
      state = f.state;
    }
    const split = { train: data.tokens.train, val: data.tokens.val };
    const noTime = (r: ReturnType<typeof train>) => r.history.map(({ seconds, ...rest }) => rest);
    const r = train({ model: config, data: split, epochs: 3, batchSize: 4, unroll: 8, clip: 5, seed: 1, optimizer: { kind: 'adamw', lr: 3e-3, weightDecay: 0.1 }, l2: 1e-3 });
    add(noTime(r));
    addParams(r.params);
    add(noTime(train({ model: config, data: split, epochs: 2, batchSize: 4, unroll: 8, seed: 2, optimizer: { kind: 'sgd', lr: 0.5, momentum: 0.9 } })));
  }
  return h.digest('hex');
}

describe('char LM golden hash', () => {
  it('forward, backward and training give exactly the recorded numbers', () => {
    expect(charLMHash()).toBe(GOLDEN);
  });
});
