/**
 * Jupyter's own executor as a reference: `jupyter nbconvert --to notebook --execute`, and the view of
 * a notebook in which it and our runner must agree (outputs, with timestamps, ids and execution
 * counts left out). Used by the runner's comparison test and by measure-overhead.ts.
 *
 * Known differences, on purpose: nbconvert leaves execution_count null with tslab (its
 * ExecutePreprocessor does not pass nbclient's counter and tslab sends no execute_input); nbconvert
 * stops at the first error (or, with --allow-errors, loses the cells tslab aborts in the 200 ms after
 * an error) while the runner runs every cell.
 */
import * as path from 'path';
import { spawnSync } from 'child_process';
import type { Notebook } from '../src/tools/notebook/notebook-io';

export interface NbconvertRun { ok: boolean; ms: number; log: string }

/** Executes `input` into `output` with nbconvert (kernel cwd = the input's folder). */
export function runNbconvert(jupyter: string, input: string, output: string, extra: string[] = []): NbconvertRun {
  const t0 = Date.now();
  const args = ['nbconvert', '--to', 'notebook', '--execute', ...extra,
    `--output-dir=${path.dirname(path.resolve(output))}`, `--output=${path.basename(output)}`, path.resolve(input)];
  const r = spawnSync(jupyter, args, { cwd: path.dirname(path.resolve(input)), encoding: 'utf8', timeout: 300_000 });
  return { ok: r.status === 0, ms: Date.now() - t0, log: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error?.message ?? ''}` };
}

/** Per cell: type, source and outputs, without ids, timings or execution counts (read both with readNotebook). */
export function comparable(nb: Notebook): unknown[] {
  return nb.cells.map((cell) => {
    if (cell.cell_type !== 'code') return { cell_type: cell.cell_type, source: cell.source };
    const outputs = (cell.outputs as Array<Record<string, unknown>>).map(({ execution_count: _count, ...rest }) => rest);
    return { cell_type: 'code', source: cell.source, outputs };
  });
}
