import { describe, expect, it } from 'vitest';
import { decayAll, decayWeightsOnly } from '../../../src/lib/regularize/decay-filter';

describe('decay filters', () => {
  it('by default decays weight matrices and the embedding, not biases or layer-norm parameters', () => {
    for (const name of ['E', 'Wx', 'Wh', 'Wy']) expect(decayWeightsOnly(name)).toBe(true);
    for (const name of ['b', 'by', 'gx', 'bx', 'gh', 'bh', 'gc', 'bc']) expect(decayWeightsOnly(name)).toBe(false);
    expect(decayAll('b')).toBe(true);
  });
});
