/**
 * Shared by the notebook tests: where the five notebooks live, and running one headless through the
 * real kernel (the runner, src/tools/notebook/runner) to collect its check results.
 * The notebooks import the compiled library (`import * as rl from "reglab"` resolves dist/), so run
 * `npm run build` first (`npm test` does).
 */
import * as path from 'path';
import { expect } from 'vitest';
import type { ICodeCell } from '@jupyterlab/nbformat';
import { Notebook, isCodeCell, joinMultiline, readNotebook } from '../../src/tools/notebook/notebook-io';
import { executeNotebook, CellRun } from '../../src/tools/notebook/runner';
import { CHECK_MIME, type CheckResult } from '../../src/lib/checks/result';
import { checkCells } from '../../src/tools/grader/check-cells';

export const NOTEBOOKS_DIR = path.resolve(__dirname, '../../notebooks');
export const SOURCE_DIR = path.join(NOTEBOOKS_DIR, 'source');
export const NAMES = ['01_dropout', '02_layer_norm', '03_weight_decay', '04_early_stopping', '05_full_pipeline'] as const;

export const sourcePath = (name: string): string => path.join(SOURCE_DIR, `${name}.ipynb`);
export const studentPath = (name: string): string => path.join(NOTEBOOKS_DIR, `${name}.ipynb`);

export interface NotebookRun {
  seconds: number;
  cells: CellRun[];
  notebook: Notebook;
  /** Check results by the id of the cell that produced them. */
  checks: { cellId: string; result: CheckResult }[];
  /** Error outputs, as "cellId: ename: evalue". */
  errors: string[];
  /** stderr stream outputs, as "cellId: text". */
  stderr: string[];
}

/** Executes the notebook file headless (a fresh kernel) and collects checks and errors. */
export async function runNotebook(file: string): Promise<NotebookRun> {
  const t0 = Date.now();
  const { notebook, cells } = await executeNotebook(readNotebook(file), { notebookPath: file, cellTimeoutMs: 120_000 });
  const seconds = (Date.now() - t0) / 1000;
  const checks: NotebookRun['checks'] = [];
  const errors: string[] = [];
  const stderr: string[] = [];
  for (const cell of notebook.cells) {
    if (!isCodeCell(cell)) continue;
    for (const out of (cell as ICodeCell).outputs) {
      if (out.output_type === 'error') errors.push(`${cell.id}: ${out.ename}: ${out.evalue}`);
      else if (out.output_type === 'stream' && out.name === 'stderr') stderr.push(`${cell.id}: ${joinMultiline(out.text)}`);
      else if (out.output_type === 'display_data' || out.output_type === 'execute_result') {
        const data = (out.data ?? {}) as Record<string, unknown>;
        if (data[CHECK_MIME]) checks.push({ cellId: String(cell.id), result: data[CHECK_MIME] as CheckResult });
      }
    }
  }
  return { seconds, cells, notebook, checks, errors, stderr };
}

/**
 * Executes the notebook file and asserts what every run must show, solutions in or not: no error
 * output, no stderr, no aborted or failed cell, and exactly one result from each graded check cell,
 * with the id and points that cell declares. Returns the run for the caller's own assertions.
 */
export async function runCleanly(file: string, label: string): Promise<NotebookRun> {
  const graded = checkCells(readNotebook(file), file).map(({ cellId, id, points }) => ({ cellId, id, max: points }));
  const run = await runNotebook(file);
  console.log(`${label}: ${run.seconds.toFixed(1)} s, ${run.checks.length} checks`);
  expect(run.errors).toEqual([]);
  expect(run.stderr).toEqual([]);
  expect(run.cells.filter((c) => c.status !== 'ok')).toEqual([]);
  expect(run.checks.map((c) => ({ cellId: c.cellId, id: c.result.id, max: c.result.max }))).toEqual(graded);
  return run;
}
