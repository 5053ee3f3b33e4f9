/**
 * The graded check cells of a notebook: code cells whose metadata says `reglab.check: { id, points }`,
 * each making exactly that one check call (declaredChecks in src/lib/checks). A code cell with one check
 * call and no metadata counts too (release writes the metadata for it). The check cells of the
 * release are "canonical": the grader runs these, whatever a submission's copies say.
 *
 * Left out on purpose: hidden checks (hidden.ts), which are not cells of any notebook.
 */
import { declaredChecks } from '../../lib/checks/declared';
import { Cell, Notebook, joinMultiline } from '../notebook/notebook-io';

export interface CheckCell {
  /** Index in notebook.cells and the cell's id. */
  index: number;
  cellId: string;
  id: string;
  points: number;
  source: string;
}

/** A notebook whose check cells contradict themselves (message names file and cell). */
export class CheckCellError extends Error {
  constructor(readonly file: string, readonly cell: string, reason: string) {
    super(`${file}: cell ${cell}: ${reason}`);
    this.name = 'CheckCellError';
  }
}

/** The check a cell's metadata declares, or null. */
export function metadataCheck(cell: Cell): { id: string; points: number } | null {
  const c = (cell.metadata as { reglab?: { check?: { id?: unknown; points?: unknown } } } | undefined)?.reglab?.check;
  return c ? { id: c.id as string, points: c.points as number } : null;
}

/** The graded check cells, in order; throws CheckCellError for a contradiction or a duplicate id. */
export function checkCells(nb: Notebook, file = '<notebook>'): CheckCell[] {
  const found: CheckCell[] = [];
  const seen = new Map<string, string>();
  nb.cells.forEach((cell, index) => {
    const cellId = String(cell.id ?? `#${index}`);
    const fail = (reason: string): never => {
      throw new CheckCellError(file, cellId, reason);
    };
    const meta = metadataCheck(cell);
    const source = joinMultiline(cell.source);
    const calls = cell.cell_type === 'code' ? declaredChecks(source) : [];
    if (!meta && calls.length === 0) return;
    if (cell.cell_type !== 'code') fail('reglab.check metadata on a non-code cell');
    if (calls.length !== 1) fail(`a check cell must make exactly one check call with literal id and points, found ${calls.length}`);
    const { id, points } = calls[0];
    if (meta && (meta.id !== id || meta.points !== points)) {
      fail(`metadata says check ${JSON.stringify(meta.id)} worth ${meta.points}, the code calls ${JSON.stringify(id)} worth ${points}`);
    }
    if (!(points > 0)) fail(`check ${id} must be worth more than 0 points`);
    if (seen.has(id)) fail(`check id ${JSON.stringify(id)} is also used by cell ${seen.get(id)}`);
    seen.set(id, cellId);
    found.push({ index, cellId, id, points, source });
  });
  return found;
}
