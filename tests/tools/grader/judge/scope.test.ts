/**
 * What a check cell declares (05's `needRegularized`: a helper the later checks call) reaches the later
 * check cells, and student code cannot change it: on a notebook made here, a student cell after the
 * first check re-declares the helper to make a wrong solution pass; the later check still uses the
 * check's own helper (in a plain kernel the student's would win: tslab lets a cell redefine a name).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { loadRelease } from '../../../../src/tools/grader/grade';
import { JudgeOptions, judgeNotebook, libraryExportNames } from '../../../../src/tools/grader/judge/judge';
import { detectIsolation } from '../../../../src/tools/grader/sandbox';
import { Notebook, writeNotebook } from '../../../../src/tools/notebook/notebook-io';

const INSTALL = path.resolve(__dirname, '../../../..');
const opts: JudgeOptions = { install: INSTALL, isolation: detectIsolation().kind ?? 'none', cellTimeoutMs: 30_000, trainingBudgetMs: 120_000, memoryMb: 1024, libraryExports: libraryExportNames(INSTALL) };
const code = (id: string, source: string) => ({ cell_type: 'code' as const, id, metadata: {}, source, outputs: [], execution_count: null });

describe(`check cells' own declarations (isolation: ${opts.isolation})`, () => {
  it('reach later checks; a student cell re-declaring them changes nothing the checks see', async () => {
    const nb = {
      nbformat: 4, nbformat_minor: 5, metadata: { kernelspec: { name: 'reglab-ts', display_name: 'TypeScript (reglab)', language: 'typescript' } },
      cells: [
        code('setup', 'import * as rl from "reglab";'),
        code('ex', 'function double(x: number): number {\n  // BEGIN SOLUTION\n  return 2 * x;\n  // END SOLUTION\n}'),
        code('check-a', '/** The expected value, for the checks below. */\nfunction expectedOf(x: number): number {\n  return 2 * x;\n}\nrl.check("a", 1, (t) => {\n  t.closeTo(double(1), expectedOf(1), 0, "double(1)");\n});'),
        code('check-b', 'rl.check("b", 2, (t) => {\n  t.closeTo(double(3), expectedOf(3), 0, "double(3)");\n});'),
      ],
    } as Notebook;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reglab-scope-'));
    writeNotebook(path.join(dir, '01_scope.ipynb'), nb);
    const rel = loadRelease(dir)[0];
    const honest = structuredClone(nb);
    const verdictHonest = await judgeNotebook(rel, honest, opts);
    expect(verdictHonest.checks.map((c) => [c.id, c.passed])).toEqual([['a', true], ['b', true]]);
    expect(verdictHonest.kernels).toBe('wasm'); // instantiated before lockdown, and still working after it

    const attack = structuredClone(nb);
    attack.cells[1].source = 'function double(x: number): number {\n  return 0;\n}';
    attack.cells.splice(3, 0, code('mine', 'function expectedOf(x: number): number {\n  return 0;\n}'));
    const verdict = await judgeNotebook(rel, attack, opts);
    expect(verdict.checks.map((c) => [c.id, c.passed])).toEqual([['a', false], ['b', false]]);
    expect(verdict.checks[1].message).toMatch(/double\(3\)/);
  }, 120_000);
});
