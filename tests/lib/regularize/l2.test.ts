import { describe, expect, it } from 'vitest';
import { addL2Grad, l2Penalty } from '../../../src/lib/regularize/l2';
import { fromArray, Params } from '../../../src/lib/numbers/tensor';
import { decayWeightsOnly } from '../../../src/lib/model/char-lm';
import { numericalGradients, relErrors } from '../../../src/lib/numbers/gradcheck';

const params = (): Params => ({ Wx: fromArray([[1, -2], [0.5, 3]]), b: fromArray([[4, 5]]) });

describe('L2 penalty', () => {
  it('is lambda * sum(w^2) over the filtered weights, with gradient 2 lambda w; the char LM filter excludes biases', () => {
    const { loss, grads } = l2Penalty(params(), 0.1, decayWeightsOnly);
    expect(loss).toBeCloseTo(0.1 * (1 + 4 + 0.25 + 9), 15);
    expect(Array.from(grads.Wx.data)).toEqual([0.2, -0.4, 0.1, 0.6].map((v) => expect.closeTo(v, 15)));
    expect(Array.from(grads.b.data)).toEqual([0, 0]);
    // the default filter covers every parameter (as the optimizers' default)
    expect(l2Penalty(params(), 0.1).loss).toBeCloseTo(0.1 * (1 + 4 + 0.25 + 9 + 16 + 25), 14);
  });

  it('its gradient matches a central difference', () => {
    const p = params();
    const { grads } = l2Penalty(p, 0.3, () => true);
    const errors = relErrors(grads, numericalGradients(() => l2Penalty(p, 0.3, () => true).loss, p));
    for (const [name, e] of Object.entries(errors)) expect(e, name).toBeLessThan(1e-7);
  });

  it('addL2Grad adds into existing gradients in place and returns the penalty', () => {
    const g: Params = { Wx: fromArray([[1, 1], [1, 1]]), b: fromArray([[1, 1]]) };
    const penalty = addL2Grad(params(), g, 0.5, decayWeightsOnly);
    expect(penalty).toBeCloseTo(0.5 * 14.25, 15);
    expect(Array.from(g.Wx.data)).toEqual([2, -1, 1.5, 4]);
    expect(Array.from(g.b.data)).toEqual([1, 1]);
    expect(addL2Grad(params(), g, 0)).toBe(0);
  });

  it('refuses a negative lambda and missing gradients', () => {
    expect(() => l2Penalty(params(), -1)).toThrow(/lambda/);
    expect(() => addL2Grad(params(), { b: fromArray([[0, 0]]) }, 0.1)).toThrow(/no gradient for parameter 'Wx'/);
  });
});
