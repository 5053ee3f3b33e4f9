/**
 * ownCode: the learner's dropout, layer norm and decoupled decay are used once written; a stub
 * (NotImplementedError) or a crash on the probe falls back to the library's; a wrong version still
 * trains, and the report says it differs; AdamW with the learner's decay is AdamW bit for bit.
 */
import { describe, expect, it } from 'vitest';
import { ownCode } from '../../../src/lib/train/own-code';
import { NotImplementedError } from '../../../src/lib/checks/not-implemented';
import { libraryDropout, libraryLayerNorm } from '../../../src/lib/layers/pluggable';
import { Adam, AdamW } from '../../../src/lib/optim/adam';
import { Rng } from '../../../src/lib/numbers/rng';
import { Params, cloneParams, randn, zeros } from '../../../src/lib/numbers/tensor';

const stub = (): never => { throw new NotImplementedError(); };
const decay = (params: Params, lr: number, wd: number, filter: (n: string) => boolean): void => {
  for (const [name, w] of Object.entries(params)) if (filter(name)) for (let i = 0; i < w.data.length; i++) w.data[i] *= 1 - lr * wd;
};

describe('ownCode', () => {
  it('uses what is written and says it agrees with the library', () => {
    const mine = ownCode({ dropout: { forward: libraryDropout.forward, backward: libraryDropout.backward }, layerNorm: libraryLayerNorm, decoupledDecay: decay });
    expect(mine.layers.dropout).toBeDefined();
    expect(mine.layers.layerNorm).toBe(libraryLayerNorm);
    expect(mine.decoupledDecay).toBe(decay);
    expect(mine.report).toHaveLength(3);
    for (const line of mine.report) expect(line).toMatch(/yours, in training \(it agrees with/);
  });

  it('falls back while a piece is a stub, and says to run the cell again once it is written', () => {
    function dropoutForward(): never { return stub(); }
    const mine = ownCode({ dropout: { forward: dropoutForward, backward: stub }, decoupledDecay: stub });
    expect(mine.layers).toEqual({});
    expect(mine.decoupledDecay).toBeUndefined();
    expect(mine.report[0]).toMatch(/^dropout \(dropoutForward \/ stub\): not written yet, so training uses the library's rl\.dropoutForward; .*run this cell again/);
    expect(mine.report[1]).toMatch(/not written yet, so training uses AdamW's built-in decay/);
  });

  it('a written but wrong piece trains, with a warning; one that crashes falls back', () => {
    const noScaling = { forward: (x: never, p: number, rng: Rng, mode: 'train' | 'eval') => {
      const r = libraryDropout.forward(x, p, rng, mode);
      if (r.cache.mask) r.out.data.forEach((_, i) => { r.out.data[i] *= p; });
      return r;
    }, backward: libraryDropout.backward };
    const wrong = ownCode({ dropout: noScaling });
    expect(wrong.layers.dropout).toBe(noScaling);
    expect(wrong.report[0]).toMatch(/differs from the library's rl\.dropoutForward on a probe input .*checks say what to fix/);
    const crash = ownCode({ layerNorm: { forward: () => { throw new TypeError('x is undefined'); }, backward: libraryLayerNorm.backward } });
    expect(crash.layers.layerNorm).toBeUndefined();
    expect(crash.report[0]).toMatch(/threw TypeError: x is undefined on a probe input, so training uses/);
  });
});

describe('AdamW with the learner\'s decoupled decay', () => {
  it('is AdamW bit for bit when the decay is w * (1 - lr wd) on the selected weights', () => {
    const r = new Rng(3);
    const start: Params = { W: randn(3, 4, r), b: randn(1, 4, r) };
    const filter = (n: string) => n === 'W';
    const a = cloneParams(start), b = cloneParams(start);
    const builtIn = new AdamW({ lr: 0.01, weightDecay: 0.5, decayFilter: filter });
    const own = new AdamW({ lr: 0.01, weightDecay: 0.5, decayFilter: filter, decoupledDecay: decay });
    for (let k = 0; k < 4; k++) {
      const g: Params = { W: randn(3, 4, r), b: randn(1, 4, r) };
      builtIn.step(a, g);
      own.step(b, g);
    }
    expect(b).toEqual(a);
    let calls = 0;
    new AdamW({ lr: 0.01, weightDecay: 0, decoupledDecay: () => { calls++; } }).step({ w: zeros(1, 1) }, { w: zeros(1, 1) });
    expect(calls).toBe(1);
    expect(() => new Adam({ lr: 0.01, decoupledDecay: decay })).toThrow(/use AdamW/);
  });
});
