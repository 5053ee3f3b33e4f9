import { describe, expect, it } from 'vitest';
import { decayAll } from '../../../src/lib/regularize/decay-filter';
import { decayWeightsOnly } from '../../../src/lib/model/char-lm';

describe('decay filters', () => {
  it('decayAll selects every parameter (the optimizers\' and the L2 penalty\'s default, as in PyTorch)', () => {
    for (const name of ['E', 'Wx', 'b', 'gx', 'anything']) expect(decayAll(name)).toBe(true);
  });

  it("the char LM's decayWeightsOnly decays weight matrices and the embedding, not biases or layer-norm parameters", () => {
    for (const name of ['E', 'Wx', 'Wh', 'Wy']) expect(decayWeightsOnly(name)).toBe(true);
    for (const name of ['b', 'by', 'gx', 'bx', 'gh', 'bh', 'gc', 'bc']) expect(decayWeightsOnly(name)).toBe(false);
    expect(() => decayWeightsOnly('w')).toThrow(/unknown parameter 'w'/);
  });
});
