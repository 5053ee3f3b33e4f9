/**
 * The kernels' memory: the step arena hands the same bytes out again after a release (zeroed), growing
 * the memory never detaches a view, a full memory falls back to ordinary arrays, `floats` is an
 * ordinary array outside a step; and without WebAssembly SIMD the JS kernels run and say so once.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Arena, Home, PAGE } from '../../../src/lib/kernels/home';
import { floats, inArena, isHome } from '../../../src/lib/kernels/kernels';

describe('memory home', () => {
  it('an arena gives its bytes out again after release, zeroed', () => {
    const home = new Home(1024, 64);
    const arena = new Arena(home, 1 << 16);
    const m = arena.mark();
    const a = arena.alloc(100)!, b = arena.alloc(3)!;
    a.fill(7); b.fill(8);
    arena.release(m);
    const a2 = arena.alloc(100)!, b2 = arena.alloc(3)!;
    expect([a2.byteOffset, b2.byteOffset]).toEqual([a.byteOffset, b.byteOffset]);
    expect(Array.from(a2.subarray(0, 3))).toEqual([0, 0, 0]);
    expect(a[0]).toBe(0); // the old view sees the same bytes: it must not be used after release
  });

  it('growing the memory keeps every view working', () => {
    const home = new Home(1024, 256);
    const before = home.memory.buffer.byteLength;
    const v = home.persistent(10)!;
    v[9] = 42;
    const big = home.persistent((before / 8) * 2)!; // needs more memory than there is
    expect(home.memory.buffer.byteLength).toBeGreaterThan(before);
    expect(v[9]).toBe(42);
    expect(v.length).toBe(10);
    big[big.length - 1] = 1;
    expect(home.has(v) && home.has(big)).toBe(true);
  });

  it('a full memory says so (null), and never hands out overlapping blocks', () => {
    const home = new Home(1024, 40);
    const blocks: Float64Array[] = [];
    for (;;) { const b = home.persistent(PAGE / 8); if (!b) break; blocks.push(b); }
    expect(blocks.length).toBeGreaterThan(10);
    expect(blocks.length).toBeLessThan(40);
    const offs = blocks.map((b) => b.byteOffset).sort((x, y) => x - y);
    for (let i = 1; i < offs.length; i++) expect(offs[i] - offs[i - 1]).toBeGreaterThanOrEqual(PAGE);
    expect(new Arena(home).alloc(10)).toBe(null);
  });

  it.skipIf(process.env.REGLAB_KERNEL === 'js')('floats is an ordinary array outside a step, a reused view of the kernels memory inside one', () => {
    expect(isHome(floats(4))).toBe(false);
    // the arena clears with the kernels' memory.fill: every element of a dirty, odd-sized view comes back 0
    const first = inArena(() => { const v = floats(17); v.fill(5); const w = floats(3); w.fill(6); return { home: isHome(v), off: v.byteOffset }; });
    const second = inArena(() => { const v = floats(17); const w = floats(3); return { home: isHome(v), off: v.byteOffset, zero: [...v, ...w].every((x) => x === 0) }; });
    expect(first.home && second.home).toBe(true);
    expect(second.off).toBe(first.off);
    expect(second.zero).toBe(true);
  });

  it('without WebAssembly SIMD the JS kernels run, the same results, and one line says so', () => {
    const root = join(__dirname, '../../..');
    const script = `
      WebAssembly.validate = () => false; // an engine without SIMD or shared memory
      const { gemmNN } = require('./src/lib/numbers/matmul');
      const { kernelKind } = require('./src/lib/kernels/kernels');
      const a = Float64Array.from({ length: 36 }, (_, i) => i / 7), c = new Float64Array(36);
      gemmNN(6, 6, 6, a, a, c); gemmNN(6, 6, 6, a, a, c, true);
      console.log(kernelKind(), c[35]);`;
    const run = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], { cwd: root, encoding: 'utf8', env: { ...process.env, REGLAB_KERNEL: '' } });
    expect(run.status, run.stderr).toBe(0);
    const said = run.stderr.split('\n').filter((l) => l.includes('WebAssembly SIMD kernels unavailable'));
    expect(said.length, run.stderr).toBe(1);
    expect(said[0]).toContain('using the JavaScript kernels');
    const out = run.stdout;
    const a = Array.from({ length: 36 }, (_, i) => i / 7);
    let s = 0;
    for (let k = 0; k < 6; k++) s += a[5 * 6 + k] * a[k * 6 + 5];
    expect(out.trim()).toBe(`js ${2 * s}`);
  });
});
