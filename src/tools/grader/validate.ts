/**
 * Validating instructor sources before a release: for each source notebook
 *  - static: nbformat 4.5 with unique cell ids, the expected kernel spec and language, no committed
 *    outputs or execution counts, balanced solution markers, check cells read from the code (one
 *    literal rl.check call each, unique ids, points > 0; no stale hand-written metadata), and (when it exists) a student copy that is up to date;
 *  - executed with the solutions: every cell runs and every check passes;
 *  - executed as released (stubs): every graded check fails with "not implemented", and no cell crashes;
 *  - its answer catalog (NN_name.catalog.md beside it), through the grader's judge (answer-judge.ts;
 *    the kernel with kernelCatalogs): every wrong answer loses the points it must, with a message naming
 *    the mistake; every valid alternative keeps full marks; a catch rate per check.
 *  - checksOnly: instead of the kernel runs and catalogs, the solutions and stubs through the judge
 *    (checks and the cells they need: seconds per notebook, validate-judge.ts).
 * Each finding is a row naming notebook and cell; `formatTable` prints them.
 *
 * Left out on purpose: timing budgets (the notebook tests report times) and the hidden checks
 * (they need a solution run inside the grader: grade the sources to try them).
 */
import * as path from 'path';
import type { ICodeCell } from '@jupyterlab/nbformat';
import { CheckResult, checkResultIn } from '../../lib/checks/result';
import { Notebook, isCodeCell, joinMultiline, readNotebook } from '../notebook/notebook-io';
import { executeNotebook } from '../notebook/runner/execute';
import { CheckCell, checkCells, staleMetadata } from './check-cells';
import { findRegions } from './markers';
import { mapPool } from './pool';
import { copyStatus, releaseNotebook } from './release';
import { cellErrorText } from './cell-errors';
import { Catalog, catalogPathFor, parseCatalog } from './answer-catalog';
import { CatalogReport, runCatalog } from './answer-run';
import { runCatalogInJudge } from './answer-judge';
import { authorJudgeOptions, judgeRunRows } from './validate-judge';
import { summarize } from './answer-report';
import * as fs from 'fs';

export interface Row { notebook: string; cell: string; item: string; ok: boolean; detail: string }

export interface ValidateOptions {
  /** Folder of the committed student copies, compared with a fresh release when given. */
  studentDir?: string;
  kernelName?: string;
  /** Run the notebooks (false: static rows only). */
  execute?: boolean;
  cellTimeoutMs?: number;
  jobs?: number;
  onRun?: (notebook: string, which: 'solutions' | 'stubs' | 'catalog', seconds: number) => void;
  /** Run each source's answer catalog (NN_name.catalog.md) and report every entry and each check's catch rate (default: when executing). */
  catalogs?: boolean;
  /** How a catalog is run (default: through the grader's judge, answer-judge.ts; `kernelCatalogs`: the kernel, answer-run.ts). */
  runCatalog?: (file: string, catalog: Catalog) => Promise<CatalogReport>;
  /** Run the catalogs in the kernel (answer-run.ts: every cell, figures too) instead of the judge. */
  kernelCatalogs?: boolean;
  /** Only what the judge runs: the solutions and the stubs through the grader's judge (checks and the cells they need), no kernel, no catalogs. */
  checksOnly?: boolean;
}

/** The static rows of one source notebook, and its release when it could be made. */
export function staticRows(file: string, opts: ValidateOptions = {}): { rows: Row[]; source: Notebook | null; released: Notebook | null; checks: CheckCell[] } {
  const name = path.basename(file, '.ipynb');
  const rows: Row[] = [];
  const row = (cell: string, item: string, ok: boolean, detail = '') => rows.push({ notebook: name, cell, item, ok, detail });
  let nb: Notebook;
  try {
    nb = readNotebook(file);
  } catch (e) {
    row('-', 'readable notebook', false, (e as Error).message);
    return { rows, source: null, released: null, checks: [] };
  }
  const kernel = opts.kernelName ?? 'reglab-ts';
  const spec = nb.metadata.kernelspec;
  row('-', 'kernel metadata', spec?.name === kernel && (nb.metadata.language_info as { name?: string } | undefined)?.name === 'typescript',
    `kernelspec ${JSON.stringify(spec?.name ?? null)} (want ${kernel}), language ${JSON.stringify((nb.metadata.language_info as { name?: string } | undefined)?.name ?? null)}`);
  const ids = nb.cells.map((c) => c.id);
  const dupes = ids.filter((id, i) => ids.indexOf(id) !== i);
  row('-', 'stable unique cell ids', nb.nbformat === 4 && nb.nbformat_minor >= 5 && ids.every((id) => typeof id === 'string' && id !== '') && dupes.length === 0,
    `nbformat ${nb.nbformat}.${nb.nbformat_minor}${dupes.length ? `; duplicate ids ${dupes.join(', ')}` : ''}`);
  for (const cell of nb.cells) {
    if (isCodeCell(cell) && (cell.outputs.length > 0 || cell.execution_count !== null)) row(String(cell.id), 'no committed outputs', false, `${cell.outputs.length} output(s), execution count ${cell.execution_count}`);
    try {
      findRegions(joinMultiline(cell.source), { file, cell: String(cell.id), cellType: cell.cell_type });
    } catch (e) {
      row(String(cell.id), 'solution markers', false, (e as Error).message);
    }
  }
  let checks: CheckCell[] = [];
  try {
    checks = checkCells(nb, file);
    row('-', 'check cells', checks.length > 0, `${checks.length} graded checks, ${checks.reduce((s, c) => s + c.points, 0)} points`);
    for (const s of staleMetadata(nb, checks)) row(s.cellId, 'check metadata agrees with the code', false, s.reason);
  } catch (e) {
    row('-', 'check cells', false, (e as Error).message);
  }
  let released: Notebook | null = null;
  try {
    released = releaseNotebook(nb, file);
    if (opts.studentDir) {
      const copy = path.join(opts.studentDir, path.basename(file));
      const same = copyStatus(copy, released).status === 'unchanged';
      row('-', 'student copy up to date', same, same ? copy : `${copy} differs from a fresh release (run npm run release)`);
    }
  } catch (e) {
    row('-', 'release', false, (e as Error).message);
  }
  return { rows, source: nb, released, checks };
}

/** Check results found in a cell's outputs. */
function resultsOf(cell: ICodeCell): CheckResult[] {
  return cell.outputs.map(checkResultIn).filter((r) => r !== undefined) as CheckResult[];
}

/** Rows for one executed copy: every cell ran; each check passed (solutions) or failed as not implemented (stubs). */
export function runRows(name: string, which: 'solutions' | 'stubs', executed: Notebook, statuses: Map<number, string>, checks: CheckCell[]): Row[] {
  const rows: Row[] = [];
  const checkAt = new Map(checks.map((c) => [c.index, c]));
  executed.cells.forEach((cell, i) => {
    if (!isCodeCell(cell)) return;
    const status = statuses.get(i) ?? 'skipped';
    const c = checkAt.get(i);
    if (!c) {
      if (status !== 'ok' && status !== 'skipped') rows.push({ notebook: name, cell: String(cell.id), item: `runs with ${which}`, ok: false, detail: `${status}: ${cellErrorText(cell)}` });
      return;
    }
    const results = resultsOf(cell).filter((r) => r.id === c.id);
    const r = results[0];
    let ok: boolean;
    let detail: string;
    if (!r) [ok, detail] = [false, `no result for ${c.id} (${status}${cellErrorText(cell) ? `: ${cellErrorText(cell)}` : ''})`];
    else if (which === 'solutions') [ok, detail] = [r.passed && r.max === c.points, `${r.passed ? 'PASS' : 'FAIL'} ${r.points}/${r.max} ${r.message}`];
    else [ok, detail] = [!r.passed && r.notImplemented === true, r.passed ? `passes without a solution: ${r.message}` : r.notImplemented ? `not implemented (${r.max} pts)` : `fails, but not as "not implemented": ${r.message}`];
    rows.push({ notebook: name, cell: String(cell.id), item: `${c.id} ${which === 'solutions' ? 'passes with solutions' : 'fails on stubs'}`, ok, detail });
  });
  return rows;
}

/** All rows for the source notebooks `files`. */
export async function validateNotebooks(files: string[], opts: ValidateOptions = {}): Promise<Row[]> {
  const statics = files.map((f) => ({ file: f, ...staticRows(f, opts) }));
  const rows = statics.flatMap((s) => s.rows);
  if (opts.execute === false) return rows;
  if (opts.checksOnly) {
    const judge = authorJudgeOptions(); // limits as hang guards (a loaded machine must not fail a slow cell)
    const judged = await mapPool(statics.filter((s) => s.source && s.released).flatMap((s) => (['solutions', 'stubs'] as const).map((which) => ({ s, which }))), opts.jobs ?? 2, async ({ s, which }) => {
      const t0 = Date.now();
      try {
        const out = await judgeRunRows(s.file, s.source!, which, judge);
        opts.onRun?.(path.basename(s.file, '.ipynb'), which, (Date.now() - t0) / 1000);
        return out;
      } catch (e) {
        return [{ notebook: path.basename(s.file, '.ipynb'), cell: '-', item: `runs with ${which} (judge)`, ok: false, detail: (e as Error).message.split('\n')[0] }];
      }
    });
    return [...rows, ...judged.flat()];
  }
  const tasks = statics.flatMap((s) => [
    ...(s.source ? [{ file: s.file, which: 'solutions' as const, nb: s.source, checks: s.checks }] : []),
    ...(s.released ? [{ file: s.file, which: 'stubs' as const, nb: s.released, checks: s.checks }] : []),
  ]);
  const runs = await mapPool(tasks, opts.jobs ?? 2, async (t) => {
    const name = path.basename(t.file, '.ipynb');
    const t0 = Date.now();
    try {
      const { notebook, cells } = await executeNotebook(t.nb, { notebookPath: t.file, kernelName: opts.kernelName, cellTimeoutMs: opts.cellTimeoutMs ?? 120_000 });
      opts.onRun?.(name, t.which, (Date.now() - t0) / 1000);
      return runRows(name, t.which, notebook, new Map(cells.map((c) => [c.index, c.status])), t.checks);
    } catch (e) {
      return [{ notebook: name, cell: '-', item: `runs with ${t.which}`, ok: false, detail: (e as Error).message.split('\n')[0] }];
    }
  });
  const catalogRuns = opts.catalogs === false ? [] : await mapPool(statics.filter((s) => s.source), 1, async (s) => {
    const t0 = Date.now();
    const out = await catalogRows(s.file, s.checks, opts);
    opts.onRun?.(path.basename(s.file, '.ipynb'), 'catalog', (Date.now() - t0) / 1000);
    return out;
  });
  return [...rows, ...runs.flat(), ...catalogRuns.flat()];
}

/**
 * Rows for a source's answer catalog: one per entry (a wrong answer lost the points it must, with a
 * message naming the mistake, and nothing else; a valid one kept full marks), and one per graded check
 * with its catch rate (a check no wrong answer aims at is reported, not failed).
 */
export async function catalogRows(file: string, checks: CheckCell[], opts: ValidateOptions = {}): Promise<Row[]> {
  const name = path.basename(file, '.ipynb');
  const catalogFile = catalogPathFor(file);
  const row = (cell: string, item: string, ok: boolean, detail: string): Row => ({ notebook: name, cell, item, ok, detail });
  if (!fs.existsSync(catalogFile)) {
    return [row('-', 'answer catalog', false, `no ${path.basename(catalogFile)} beside the source: list the wrong answers learners write and the valid alternatives (README, "Answer catalogs")`)];
  }
  let catalog: Catalog;
  let report: CatalogReport;
  try {
    catalog = parseCatalog(fs.readFileSync(catalogFile, 'utf8'), catalogFile);
    const run = opts.runCatalog ?? (opts.kernelCatalogs
      ? (f: string, c: Catalog) => runCatalog(f, c, { kernelName: opts.kernelName })
      : (f: string, c: Catalog) => runCatalogInJudge(f, c, { jobs: opts.jobs }));
    report = await run(file, catalog);
  } catch (e) {
    return [row('-', 'answer catalog', false, (e as Error).message.split('\n')[0])];
  }
  const rows: Row[] = [row('-', 'answer catalog: the solutions', report.reference.ok, report.reference.ok ? 'every check at full marks' : report.reference.problems.join('; '))];
  for (const v of report.verdicts) {
    const what = v.kind === 'wrong' ? `wrong answer ${v.name}` : `valid answer ${v.name}`;
    const detail = v.ok
      ? (v.kind === 'wrong' ? `caught by ${v.failed.join(', ')}: ${v.message}` : 'full marks')
      : v.problems.join('; ');
    rows.push(row('-', what, v.ok, detail));
  }
  for (const r of summarize(catalog, report, checks.map((c) => c.id)).rates) {
    const cell = checks.find((c) => c.id === r.check)?.cellId ?? '-';
    rows.push(row(cell, `catch rate ${r.check}`, r.wrong === 0 || (r.caught === r.wrong && r.named === r.wrong),
      r.wrong === 0 ? 'no wrong answer in the catalog aims at this check yet' : `${r.wrong} wrong answer(s): ${r.caught} caught, ${r.named} with a message naming the mistake`));
  }
  return rows;
}

/** A plain-text table, one row per finding, failures marked. */
export function formatTable(rows: Row[]): string {
  const head = ['notebook', 'cell', 'what', 'result', 'detail'];
  const body = rows.map((r) => [r.notebook, r.cell, r.item, r.ok ? 'ok' : 'FAIL', r.detail.length > 110 ? r.detail.slice(0, 107) + '...' : r.detail]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cols: string[]) => cols.map((c, i) => (i === cols.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n') + '\n';
}
