/**
 * Release cells that need no student code are computed once (cache.ts) and reused: a notebook made
 * here has a slow pure cell (plain data), a slow cell that returns a function (not cacheable) and an
 * exercise; judged with the cache (computed, still being computed, or never coming), the verdicts
 * equal those without it, the pure cell is not run again, and a student cell that re-binds the pure
 * cell's name changes nothing the check sees.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { loadRelease } from '../../../../src/tools/grader/grade';
import { buildReleaseCache } from '../../../../src/tools/grader/judge/cache';
import { JudgeOptions, judgeNotebook, libraryExportNames } from '../../../../src/tools/grader/judge/judge';
import { detectIsolation } from '../../../../src/tools/grader/sandbox';
import { Notebook, writeNotebook } from '../../../../src/tools/notebook/notebook-io';

const INSTALL = path.resolve(__dirname, '../../../..');
const opts: JudgeOptions = { install: INSTALL, isolation: detectIsolation().kind ?? 'none', cellTimeoutMs: 30_000, trainingBudgetMs: 120_000, memoryMb: 1024, libraryExports: libraryExportNames(INSTALL) };
const code = (id: string, source: string) => ({ cell_type: 'code' as const, id, metadata: {}, source, outputs: [], execution_count: null });
const SLOW = 'let s = 0;\n  for (let i = 0; i < 4e8; i++) s += i % 7;';

function release(): string {
  const nb = {
    nbformat: 4, nbformat_minor: 5, metadata: { kernelspec: { name: 'reglab-ts', display_name: 'TypeScript (reglab)', language: 'typescript' } },
    cells: [
      code('setup', 'import * as rl from "reglab";'),
      code('table', `const table = (() => {\n  ${SLOW}\n  return { total: s, values: new Float64Array([1, 2, 3]) };\n})();`),
      code('maker', `const scale = (() => {\n  ${SLOW}\n  return (x: number) => x * (s > 0 ? 2 : 0);\n})();`),
      code('ex', 'function sum(xs: Float64Array): number {\n  // BEGIN SOLUTION\n  return xs.reduce((a, b) => a + b, 0);\n  // END SOLUTION\n}'),
      code('check', 'rl.check("sum", 2, (t) => {\n  t.closeTo(sum(table.values), 6, 1e-12, "sum of the table");\n  t.closeTo(scale(table.total), 2 * table.total, 0, "scaled total");\n});'),
    ],
  } as Notebook;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reglab-cache-'));
  writeNotebook(path.join(dir, '01_cache.ipynb'), nb);
  return dir;
}

describe(`release cells computed once (isolation: ${opts.isolation})`, () => {
  it('reuses a pure cell\'s plain data, runs a cell that returns a function, and gives the same verdicts', async () => {
    const rel = loadRelease(release())[0];
    const cache = await buildReleaseCache(rel, opts);
    expect([...cache.bindings.keys()]).toEqual(['table']);
    expect(cache.skipped).toEqual(['maker: scale holds a function at the top']);
    const solved = rel.source;
    const plain = await judgeNotebook(rel, solved, opts);
    const cached = await judgeNotebook(rel, solved, { ...opts, cached: cache.bindings });
    expect(cached.checks).toEqual(plain.checks);
    expect(plain.checks.map((c) => [c.id, c.passed])).toEqual([['sum', true]]);
    expect(cached.cells.find((c) => c.cellId === 'table')!.message).toBe('computed once for every submission (it needs no student code)');
    expect(cached.cells.find((c) => c.cellId === 'maker')!.message).toBeUndefined();

    const rebinds = structuredClone(solved);
    rebinds.cells.splice(4, 0, code('mine', 'const table = { total: 1, values: new Float64Array([100]) };'));
    const tampered = await judgeNotebook(rel, rebinds, { ...opts, cached: cache.bindings });
    expect(tampered.checks.map((c) => [c.id, c.passed, c.message])).toEqual(plain.checks.map((c) => [c.id, c.passed, c.message]));

    // still being computed: the realm goes on, and waits at the check that reads `table`
    const later = (v: unknown, ms: number) => new Promise<never>((r) => setTimeout(() => r(v as never), ms));
    const deferred = await judgeNotebook(rel, solved, { ...opts, deferred: new Map([['table', later(cache.bindings.get('table'), 3000)]]) });
    expect(deferred.checks).toEqual(plain.checks);
    expect(deferred.cells.find((c) => c.cellId === 'table')!.message).toMatch(/computed once for every submission .*in parallel/);
    // the bindings never come (a cell that could not be cached): the cell runs in place after all
    const missing = await judgeNotebook(rel, solved, { ...opts, deferred: new Map([['table', later(null, 1000)]]) });
    expect(missing.checks).toEqual(plain.checks);
    expect(missing.cells.find((c) => c.cellId === 'table')!.message).toBeUndefined();
  }, 300_000);
});
