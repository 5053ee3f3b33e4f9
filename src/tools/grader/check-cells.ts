/**
 * The graded check cells of a notebook, read from the code: a code cell that makes a check call
 * (`rl.check("id", points, ...)`, declared.ts) is a check cell, worth what the call says. The code is
 * the single source of truth; release writes `reglab.check: { id, points }` into the student copy's
 * cell metadata from it, so an author never edits metadata by hand. What the code cannot say
 * unambiguously is an error naming file, cell and line: two check calls in one cell, an id or points
 * that is not a literal, an id used twice, 0 points, metadata on a markdown cell. Metadata already in
 * a cell (a student copy, an old source) that disagrees with its code is reported by `staleMetadata`.
 * The check cells of the release are "canonical": the grader runs these, whatever a submission's
 * copies say.
 *
 * Left out on purpose: hidden checks (hidden.ts), which are not cells of any notebook.
 */
import { readCheckCalls } from './declared';
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

/** The graded check cells, in order, from the code; throws CheckCellError for anything ambiguous (see the header). */
export function checkCells(nb: Notebook, file = '<notebook>'): CheckCell[] {
  const found: CheckCell[] = [];
  const seen = new Map<string, string>();
  nb.cells.forEach((cell, index) => {
    const cellId = String(cell.id ?? `#${index}`);
    const fail = (reason: string): never => {
      throw new CheckCellError(file, cellId, reason);
    };
    const source = joinMultiline(cell.source);
    if (cell.cell_type !== 'code') {
      if (metadataCheck(cell)) fail('reglab.check metadata on a non-code cell (only code cells can be checks)');
      return;
    }
    const { checks: calls, problems } = readCheckCalls(source);
    if (problems.length > 0) fail(problems.map((p) => p.message).join('; '));
    if (calls.length === 0) {
      if (metadataCheck(cell)) fail('reglab.check metadata, but the code makes no check call (delete the metadata, or write the rl.check(...) call)');
      return;
    }
    if (calls.length > 1) fail(`a check cell makes exactly one check call; this one makes ${calls.length} (${calls.map((c) => `${c.id} on line ${c.line}`).join(', ')}): split it into cells`);
    const { id, points, line } = calls[0];
    if (!(points > 0)) fail(`check ${id} (line ${line}) must be worth more than 0 points`);
    if (seen.has(id)) fail(`check id ${JSON.stringify(id)} is also used by cell ${seen.get(id)}`);
    seen.set(id, cellId);
    found.push({ index, cellId, id, points, source });
  });
  return found;
}

/** Cells whose reglab.check metadata disagrees with their code (the code wins; release rewrites metadata). */
export function staleMetadata(nb: Notebook, checks: CheckCell[]): { cellId: string; reason: string }[] {
  const byIndex = new Map(checks.map((c) => [c.index, c]));
  const stale: { cellId: string; reason: string }[] = [];
  nb.cells.forEach((cell, index) => {
    const meta = metadataCheck(cell);
    if (!meta) return;
    const c = byIndex.get(index);
    if (c && (meta.id !== c.id || meta.points !== c.points)) {
      stale.push({ cellId: c.cellId, reason: `metadata says check ${JSON.stringify(meta.id)} worth ${meta.points}, the code calls ${JSON.stringify(c.id)} worth ${c.points}; the code wins: delete the metadata (release derives it)` });
    }
  });
  return stale;
}
