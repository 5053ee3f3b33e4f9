import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/lib/numbers/rng';
import { splitNames } from '../../../src/lib/data/split';

const names = Array.from({ length: 1000 }, (_, i) => `n${i}`);

describe('splitNames', () => {
  it('cuts 80/10/10 without overlap, covering every name', () => {
    const s = splitNames(names, new Rng(1));
    expect([s.train.length, s.val.length, s.test.length]).toEqual([800, 100, 100]);
    const all = [...s.train, ...s.val, ...s.test];
    expect(new Set(all).size).toBe(1000);
    expect(all.sort()).toEqual([...names].sort());
  });

  it('is the same for the same seed and different for another', () => {
    expect(splitNames(names, new Rng(7))).toEqual(splitNames(names, new Rng(7)));
    expect(splitNames(names, new Rng(7)).val).not.toEqual(splitNames(names, new Rng(8)).val);
  });

  it('takes other shares and rejects bad ones and too little data', () => {
    const s = splitNames(names, new Rng(1), { train: 0.5, val: 0.25 });
    expect([s.train.length, s.val.length, s.test.length]).toEqual([500, 250, 250]);
    expect(() => splitNames(names, new Rng(1), { train: 0.9, val: 0.1 })).toThrow(RangeError);
    expect(() => splitNames(names, new Rng(1), { train: 0 })).toThrow(/train > 0/);
    expect(() => splitNames([], new Rng(1))).toThrow(/empty data/);
    expect(() => splitNames(['a', 'b'], new Rng(1))).toThrow(/too few/);
  });
});
