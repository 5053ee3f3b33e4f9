import { describe, it, expect } from 'vitest';
import { Rng } from '../../../src/lib/numbers/rng';
import type { Batch } from '../../../src/lib/data/batches';
import { countFlops, recordStep, reglabStep } from '../../../src/tools/bench/reglab-step';
import { median, timeInterleaved, timeIt } from '../../../src/tools/bench/timing';

function batches(N: number, T: number, V: number): Batch[] {
  const rng = new Rng(0);
  return [0, 1].map(() => {
    const x = Int32Array.from({ length: N * T }, () => rng.int(V));
    return { N, T, x, y: Int32Array.from({ length: N * T }, () => rng.int(V)) };
  });
}

describe('benchmark step', () => {
  it('logs exactly the products of an LSTM step, so the flop count matches the formula', () => {
    const N = 4, T = 5, D = 3, H = 6, V = 7;
    const step = reglabStep({ N, T, D, H, V }, batches(N, T, V));
    const calls = recordStep(step);
    // forward: x·Wx once, h·Wh per step, decoder once; backward: decoder dx and dWy, dh per step, dWx, dWh, dx
    expect(calls.length).toBe((T + 2) + (T + 5));
    const NT = N * T;
    const perToken = 2 * (D * 4 * H + H * 4 * H + H * V); // forward multiply-adds per token, times 2 flops
    expect(countFlops(calls)).toBe(3 * NT * perToken); // backward = 2x forward (one product for dx, one for dW)
  });

  it('takes steps that lower the loss on a repeated batch', () => {
    const N = 2, T = 4, V = 5;
    const data = batches(N, T, V).slice(0, 1);
    const step = reglabStep({ N, T, D: 3, H: 4, V }, data);
    const first = step();
    let last = first;
    for (let i = 0; i < 30; i++) last = step();
    expect(last).toBeLessThan(first);
  });

  it('the JS-kernel step gives the same losses, bit for bit; the two-thread step trains too', () => {
    const N = 4, T = 6, V = 9, shape = { N, T, D: 5, H: 6, V };
    const data = batches(N, T, V);
    const wasm = reglabStep(shape, data), js = reglabStep(shape, data, { kernel: 'js' }), two = reglabStep(shape, data, { threads: 2 });
    const a = [wasm(), wasm(), wasm()], b = [js(), js(), js()];
    expect(b).toEqual(a);
    const first = two();
    let last = first;
    for (let i = 0; i < 20; i++) last = two();
    expect(last).toBeLessThan(first);
  });

  it('timing helpers: median and a bounded number of runs', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    let calls = 0;
    const t = timeIt(() => { calls++; }, { warmup: 2, minRuns: 3, minMs: 0, maxRuns: 3 });
    expect(t.runs).toBe(3);
    expect(calls).toBe(5);
    const order: string[] = [];
    const [a, b] = timeInterleaved([() => order.push('a'), () => order.push('b')], { warmup: 1, minRuns: 2, minMs: 0, maxRuns: 2 });
    expect(order.join('')).toBe('ababab');
    expect([a.runs, b.runs]).toEqual([2, 2]);
  });
});
