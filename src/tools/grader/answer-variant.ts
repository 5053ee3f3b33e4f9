/**
 * Splicing a catalog entry (answer-catalog.ts) into its source notebook: each named solution region's
 * body (the lines between `// BEGIN SOLUTION` and `// END SOLUTION`) is replaced by the entry's code,
 * indented like the BEGIN marker; the markers stay, so the variant is still a source notebook (it
 * releases and validates like the original). Everything else is untouched.
 *
 * Left out on purpose: executing the variant (answer-run.ts, or the grader's judge).
 */
import { Notebook, joinMultiline } from '../notebook/notebook-io';
import type { CatalogEntry } from './answer-catalog';
import { findRegions } from './markers';

/** An entry that does not fit its notebook (unknown cell, no such region). */
export class VariantError extends Error {
  constructor(readonly entry: string, reason: string) {
    super(`entry ${entry}: ${reason}`);
    this.name = 'VariantError';
  }
}

/** Re-indents `code` to `indent` (the code's own common indentation is removed first). */
function indented(code: string, indent: string): string[] {
  const lines = code.replace(/\s+$/, '').split('\n');
  const common = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => /^\s*/.exec(l)![0].length));
  return lines.map((l) => (l.trim() === '' ? '' : indent + l.slice(Number.isFinite(common) ? common : 0)));
}

/** The cell source with region `index` (1-based) holding `code`. */
export function spliceRegion(source: string, index: number, code: string, where: { file: string; cell: string; entry: string }): string {
  const regions = findRegions(source, { file: where.file, cell: where.cell, cellType: 'code' });
  const r = regions[index - 1];
  if (!r) throw new VariantError(where.entry, `cell ${where.cell} has ${regions.length} solution region(s), not a region #${index}`);
  const lines = source.split('\n');
  return [...lines.slice(0, r.begin + 1), ...indented(code, r.indent), ...lines.slice(r.end)].join('\n');
}

/** A copy of `source` with the entry's regions replaced; throws VariantError if a region is not there. */
export function variantNotebook(source: Notebook, entry: CatalogEntry, file = '<notebook>'): Notebook {
  const nb = structuredClone(source);
  // Several regions of one cell: splice from the last to the first, so earlier line numbers hold.
  const order = entry.regions.map((r, k) => ({ ...r, code: entry.code[k] })).sort((a, b) => b.index - a.index);
  for (const r of order) {
    const cell = nb.cells.find((c) => c.id === r.cellId);
    if (!cell) throw new VariantError(entry.name, `no cell with id ${r.cellId} in ${file}`);
    if (cell.cell_type !== 'code') throw new VariantError(entry.name, `cell ${r.cellId} is a ${cell.cell_type} cell, not a code cell`);
    cell.source = spliceRegion(joinMultiline(cell.source), r.index, r.code, { file, cell: r.cellId, entry: entry.name });
  }
  return nb;
}

/** The indexes (in notebook.cells) of the cells an entry changes, ascending. */
export function changedCells(source: Notebook, entry: CatalogEntry): number[] {
  const at = new Set(entry.regions.map((r) => source.cells.findIndex((c) => c.id === r.cellId)));
  return [...at].filter((i) => i >= 0).sort((a, b) => a - b);
}
