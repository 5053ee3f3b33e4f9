/**
 * validate on small fixtures (the five real notebooks are run by tests/notebooks): a good source gives
 * only ok rows; a flawed one gets FAIL rows naming each cell: a check that passes without a solution,
 * one that fails with it, a committed output; static problems (kernel, ids, markers, check metadata,
 * stale student copy) without running anything; --checks-only finds the run flaws through the judge alone.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { Row, formatTable, staticRows, validateNotebooks } from '../../../src/tools/grader/validate';
import { readNotebook, writeNotebook } from '../../../src/tools/notebook/notebook-io';
import { FIXTURES, SOURCE_FILE } from './catalog';

const FLAWED = path.join(FIXTURES, 'flawed-source', '01_flawed.ipynb');
const fails = (rows: Row[]) => rows.filter((r) => !r.ok).map((r) => `${r.notebook} ${r.cell}: ${r.item}`);

describe('validate', () => {
  it('runs sources with solutions and as released: ok for a good source, each flaw named by cell', async () => {
    const rows = await validateNotebooks([SOURCE_FILE, FLAWED], { jobs: 2, cellTimeoutMs: 20_000 });
    expect(fails(rows.filter((r) => r.notebook === '01_tiny'))).toEqual([]);
    expect(rows.filter((r) => r.notebook === '01_tiny').map((r) => r.item)).toEqual(expect.arrayContaining([
      'double passes with solutions', 'double fails on stubs', 'double-async passes with solutions', 'mean-abs fails on stubs',
    ]));
    expect(rows.filter((r) => r.notebook === '01_tiny').map((r) => r.item)).toEqual(expect.arrayContaining([
      'wrong answer double-adds-one', 'wrong answer mean-without-abs', 'valid answer double-by-addition', 'catch rate double', 'catch rate mean-abs',
    ]));
    expect(fails(rows.filter((r) => r.notebook === '01_flawed')).sort()).toEqual([
      '01_flawed -: answer catalog',
      '01_flawed free-check: free fails on stubs',
      '01_flawed ran: no committed outputs',
      '01_flawed wrong-check: wrong passes with solutions',
    ]);
    expect(rows.find((r) => r.cell === 'free-check' && !r.ok)!.detail).toMatch(/passes without a solution/);
    expect(formatTable(rows)).toMatch(/^notebook\s+cell\s+what\s+result\s+detail\n/);
    expect(formatTable(rows)).toMatch(/01_flawed\s+wrong-check\s+wrong passes with solutions\s+FAIL\s+FAIL 0\/1 triple\(2\) is off by 1/);
  }, 120_000);

  it('--checks-only: the solutions and the stubs through the grader\'s judge, no kernel and no catalog, the same flaws named', async () => {
    const rows = await validateNotebooks([SOURCE_FILE, FLAWED], { jobs: 2, checksOnly: true });
    expect(fails(rows.filter((r) => r.notebook === '01_tiny'))).toEqual([]);
    expect(rows.filter((r) => r.notebook === '01_tiny').map((r) => r.item)).toEqual(expect.arrayContaining([
      'double passes with solutions (judge)', 'double fails on stubs (judge)', 'double-async passes with solutions (judge)', 'mean-abs fails on stubs (judge)',
    ]));
    expect(rows.some((r) => /answer|catch rate/.test(r.item))).toBe(false);
    expect(fails(rows.filter((r) => r.notebook === '01_flawed')).sort()).toEqual([
      '01_flawed free-check: free fails on stubs (judge)',
      '01_flawed ran: no committed outputs',
      '01_flawed wrong-check: wrong passes with solutions (judge)',
    ]);
    expect(rows.find((r) => r.cell === 'wrong-check' && !r.ok)!.detail).toMatch(/FAIL 0\/1 triple\(2\) is off by 1/);
  }, 120_000);

  it('finds static problems without running: kernel, cell ids, markers, check metadata, stale student copy', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reglab-validate-'));
    const nb = readNotebook(SOURCE_FILE);
    nb.metadata.kernelspec = { name: 'python3', display_name: 'Python 3' };
    nb.cells[2].id = nb.cells[1].id;
    nb.cells.find((c) => c.id === 'mean-abs-solution')!.source = 'function meanAbs(xs: number[]): number {\n  // END SOLUTION\n}';
    nb.cells.find((c) => c.id === 'async-check')!.metadata = { reglab: { check: { id: 'double-async', points: 4 } } }; // stale, hand-written
    const file = path.join(dir, '01_tiny.ipynb');
    writeNotebook(file, nb);
    const students = path.join(dir, 'students');
    fs.mkdirSync(students);
    fs.copyFileSync(SOURCE_FILE, path.join(students, '01_tiny.ipynb'));
    const { rows } = staticRows(file, { studentDir: students });
    expect(fails(rows)).toEqual([
      '01_tiny -: kernel metadata', '01_tiny -: stable unique cell ids', '01_tiny mean-abs-solution: solution markers',
      '01_tiny async-check: check metadata agrees with the code', '01_tiny -: release',
    ]);
    expect(rows.find((r) => r.item === 'check metadata agrees with the code')!.detail).toMatch(/metadata says check "double-async" worth 4, the code calls "double-async" worth 1; the code wins/);
    const good = staticRows(SOURCE_FILE, { studentDir: students });
    expect(fails(good.rows)).toEqual(['01_tiny -: student copy up to date']);
  });
});
