/**
 * validate's judge-only runs (`--checks-only`): the source with its solutions and the student copy
 * (stubs) handed to the grader's judge, which runs the checks and the cells they need (no figures,
 * no kernel). Rows as validate.ts's runRows: every check passes with the solutions; on the stubs every
 * graded check fails as "not implemented"; a cell the checks need that fails is a row of its own.
 *
 * Left out on purpose: cells no check needs (plots, demos): the full run in the kernel covers them.
 */
import * as path from 'path';
import type { Notebook } from '../notebook/notebook-io';
import { JudgeOptions, judgeNotebook, libraryExportNames } from './judge/judge';
import type { JudgeRelease } from './judge/judged-notebook';
import { release } from './release';
import { detectIsolation } from './sandbox';
import type { Row } from './validate';

/** The judge's options for an author's own notebooks: the best sandbox here, limits as hang guards. */
export function authorJudgeOptions(install = path.resolve(__dirname, '../../..'), cellTimeoutMs = 20 * 60_000): JudgeOptions {
  return {
    install, isolation: detectIsolation().kind ?? 'none', cellTimeoutMs, trainingBudgetMs: 60 * 60_000, memoryMb: 2048, libraryExports: libraryExportNames(install),
  };
}

/** Rows for one source judged with its solutions or as released. */
export async function judgeRunRows(file: string, source: Notebook, which: 'solutions' | 'stubs', opts: JudgeOptions): Promise<Row[]> {
  const name = path.basename(file, '.ipynb');
  const { notebook, checks } = release(source, file);
  const rel: JudgeRelease = { name, source, released: notebook, checks, hidden: [] };
  const verdict = await judgeNotebook(rel, which === 'solutions' ? source : notebook, opts);
  const rows: Row[] = [];
  for (const c of verdict.cells) {
    if (c.role === 'check' || c.status === 'ok') continue;
    rows.push({ notebook: name, cell: c.cellId, item: `runs with ${which} (judge)`, ok: false, detail: `${c.status}${c.message ? `: ${c.message}` : ''}` });
  }
  for (const v of verdict.checks) {
    const [ok, detail] = which === 'solutions'
      ? [v.passed && v.points === v.max, `${v.passed ? 'PASS' : 'FAIL'} ${v.points}/${v.max} ${v.message}`]
      : [!v.passed && v.notImplemented === true, v.passed ? `passes without a solution: ${v.message}` : v.notImplemented ? `not implemented (${v.max} pts)` : `fails, but not as "not implemented": ${v.message}`];
    rows.push({ notebook: name, cell: v.cellId, item: `${v.id} ${which === 'solutions' ? 'passes with solutions' : 'fails on stubs'} (judge)`, ok, detail });
  }
  return rows;
}
