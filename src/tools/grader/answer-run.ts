/**
 * Running an answer catalog through the real kernel (the notebook runner), as a thin adapter: the
 * catalog (answer-catalog.ts) says what to splice (answer-variant.ts), the kernel runs it, and
 * answer-verdict.ts judges the check results. Two ways to run:
 *
 *   runEntryAlone   one variant notebook in a fresh kernel (what a grader does with a submission);
 *   runCatalog      the whole catalog in one kernel: the solutions first (the reference run), then
 *                   per entry the cells from the first one it changes to the end, with its code
 *                   spliced in. Entries go from the last changed cell to the first, so the cells
 *                   before an entry's first change have only ever run with the solutions: no entry
 *                   sees another's code (tslab lets a cell redefine what an earlier one declared).
 *                   A kernel that dies or a cell that times out ends that batch; the entries after
 *                   it run again in a new kernel.
 * An entry with `through` runs only up to that cell and is judged on the checks up to it.
 * Cells listed under the catalog's `skip` are left out of both (demo cells no check reads); the
 * reference run proves that leaving them out changes no check.
 *
 * Left out on purpose: sandboxing (catalog code is the author's own; submissions go through the grader).
 */
import type { ICodeCell } from '@jupyterlab/nbformat';
import { CheckResult, checkResultIn } from '../../lib/checks/result';
import { Cell, Notebook, isCodeCell, readNotebook } from '../notebook/notebook-io';
import { executeNotebook } from '../notebook/runner/execute';
import { Catalog, CatalogEntry } from './answer-catalog';
import { changedCells, variantNotebook } from './answer-variant';
import { EntryRun, EntryVerdict, judgeEntry } from './answer-verdict';
import { checkCells } from './check-cells';
import { cellErrorText } from './cell-errors';

/** A hang guard, not a speed limit (see CatalogRunOptions). */
export const CATALOG_CELL_TIMEOUT_MS = 20 * 60_000;

export interface CatalogRunOptions {
  kernelName?: string;
  /**
   * Per-cell limit (default 20 min). Catalog runs execute the author's own notebook, so the limit only
   * guards against a hang; it is not a measure of speed (a loaded machine must not turn a slow cell
   * into a failed entry).
   */
  cellTimeoutMs?: number;
}

export interface CatalogReport {
  notebook: string;
  /** The solutions themselves, judged as a valid entry. */
  reference: EntryVerdict;
  /** One verdict per entry, in catalog order. */
  verdicts: EntryVerdict[];
  seconds: number;
}

/** The unchanged solutions, as an entry (no regions). */
const REFERENCE: CatalogEntry = { name: '(solutions)', kind: 'valid', regions: [], code: [], fails: [], mayFail: [], names: [], note: '', line: 0 };

interface Segment { entry: CatalogEntry; cells: { batchIndex: number; source: number }[] }

function checkResultOf(cell: ICodeCell, id: string): CheckResult | undefined {
  return cell.outputs.map(checkResultIn).find((r) => (r as CheckResult | undefined)?.id === id) as CheckResult | undefined;
}

/**
 * What one segment of an executed batch produced. Checks before the segment's first cell keep the
 * reference run's results (`before`): those cells only ever ran with the solutions.
 */
function entryRun(executed: Notebook, seg: Segment, source: Notebook, statuses: Map<number, string>, checks: Map<number, string>,
  before: Map<string, CheckResult> = new Map()): EntryRun {
  const first = seg.cells[0]?.source ?? Infinity;
  const results = new Map<string, CheckResult>([...checks].filter(([at]) => at < first).flatMap(([, id]) => (before.has(id) ? [[id, before.get(id)!] as const] : [])));
  const cellErrors: string[] = [];
  for (const { batchIndex, source: at } of seg.cells) {
    const cell = executed.cells[batchIndex] as ICodeCell;
    const status = statuses.get(batchIndex) ?? 'skipped';
    const id = checks.get(at);
    if (id !== undefined) {
      const r = checkResultOf(cell, id);
      if (r) results.set(id, r);
    }
    const hasError = cell.outputs.some((o) => o.output_type === 'error');
    if (status !== 'ok' || hasError) cellErrors.push(`${source.cells[at].id}: ${status}${cellErrorText(cell) ? `: ${cellErrorText(cell)}` : ''}`);
  }
  return { results, checkIds: [...checks.values()], cellErrors };
}

/** Runs segments in one kernel; returns the verdicts it could trust and the entries to run again. */
async function runBatch(file: string, source: Notebook, skip: Set<number>, entries: CatalogEntry[], checks: Map<number, string>, opts: CatalogRunOptions)
  : Promise<{ verdicts: Map<CatalogEntry, EntryVerdict>; again: CatalogEntry[] }> {
  const cells: Cell[] = [];
  const segments: Segment[] = [];
  const add = (entry: CatalogEntry, nb: Notebook, from: number): void => {
    const seg: Segment = { entry, cells: [] };
    const to = throughIndex(source, entry);
    nb.cells.forEach((cell, i) => {
      if (i < from || i > to || !isCodeCell(cell) || skip.has(i)) return;
      seg.cells.push({ batchIndex: cells.length, source: i });
      cells.push({ ...structuredClone(cell), id: `${cell.id}-r${segments.length}`, outputs: [], execution_count: null });
    });
    segments.push(seg);
  };
  add(REFERENCE, source, 0);
  for (const entry of entries) add(entry, variantNotebook(source, entry, file), Math.min(...changedCells(source, entry)));
  const batch: Notebook = { ...structuredClone({ ...source, cells: [] }), cells };
  const { notebook, cells: runs } = await executeNotebook(batch, { notebookPath: file, kernelName: opts.kernelName, cellTimeoutMs: opts.cellTimeoutMs ?? CATALOG_CELL_TIMEOUT_MS });
  const statuses = new Map(runs.map((r) => [r.index, r.status]));
  const ended = runs.find((r) => r.kernelEnded)?.index ?? Infinity;
  const verdicts = new Map<CatalogEntry, EntryVerdict>();
  const again: CatalogEntry[] = [];
  const reference = entryRun(notebook, segments[0], source, statuses, checks).results;
  for (const seg of segments) {
    const first = seg.cells[0]?.batchIndex ?? Infinity;
    if (first > ended) { again.push(seg.entry); continue; } // ran in a kernel that lost the earlier cells' state
    const to = throughIndex(source, seg.entry);
    const judged = new Map([...checks].filter(([at]) => at <= to));
    verdicts.set(seg.entry, judgeEntry(seg.entry, entryRun(notebook, seg, source, statuses, judged, reference)));
  }
  return { verdicts, again };
}

/** The last cell an entry runs (its `through`, else the notebook's last). */
function throughIndex(source: Notebook, entry: CatalogEntry): number {
  if (entry.through === undefined) return source.cells.length - 1;
  const i = source.cells.findIndex((c) => c.id === entry.through);
  if (i < 0) throw new Error(`entry ${entry.name}: through names cell ${entry.through}, which the notebook does not have`);
  return i;
}

/** Index of the graded check cells -> check id. */
function checkIndex(source: Notebook, file: string): Map<number, string> {
  return new Map(checkCells(source, file).map((c) => [c.index, c.id]));
}

/** Runs the whole catalog (see the header). */
export async function runCatalog(file: string, catalog: Catalog, opts: CatalogRunOptions = {}): Promise<CatalogReport> {
  const t0 = Date.now();
  const source = readNotebook(file);
  const checks = checkIndex(source, file);
  const skip = new Set(catalog.skip.map((id) => {
    const i = source.cells.findIndex((c) => c.id === id);
    if (i < 0) throw new Error(`${catalog.file}: skip names cell ${id}, which ${file} does not have`);
    if (checks.has(i)) throw new Error(`${catalog.file}: skip names ${id}, a graded check cell`);
    return i;
  }));
  for (const e of catalog.entries) { // every entry fits, before any kernel starts
    variantNotebook(source, e, file);
    const to = throughIndex(source, e);
    const late = e.fails.filter((id) => [...checks].some(([at, c]) => c === id && at > to));
    if (late.length) throw new Error(`${catalog.file}: entry ${e.name} runs through ${e.through} but must fail ${late.join(', ')}, which come after it`);
  }
  // Last changed cell first (see the header); catalog order among equals.
  let pending = [...catalog.entries].sort((a, b) => Math.min(...changedCells(source, b)) - Math.min(...changedCells(source, a)));
  const all = new Map<CatalogEntry, EntryVerdict>();
  let reference: EntryVerdict | null = null;
  for (let attempt = 0; attempt <= catalog.entries.length && (pending.length > 0 || reference === null); attempt++) {
    const { verdicts, again } = await runBatch(file, source, skip, pending, checks, opts);
    reference ??= verdicts.get(REFERENCE) ?? null;
    for (const [e, v] of verdicts) if (e !== REFERENCE) all.set(e, v);
    // An entry that kills the kernel is judged on what it showed; only the ones after it run again.
    pending = again.filter((e) => e !== REFERENCE);
  }
  if (reference === null) throw new Error(`${file}: the solutions did not run through (the kernel ended during the reference run)`);
  return {
    notebook: file,
    reference,
    verdicts: catalog.entries.map((e) => all.get(e) ?? { name: e.name, kind: e.kind, ok: false, caught: false, named: false, contained: false, failed: [], problems: ['never ran'], message: '' }),
    seconds: (Date.now() - t0) / 1000,
  };
}

/** One entry's variant in a fresh kernel (skipped cells left out), judged. */
export async function runEntryAlone(file: string, catalog: Catalog, entry: CatalogEntry, opts: CatalogRunOptions = {}): Promise<EntryVerdict> {
  const source = readNotebook(file);
  const variant = variantNotebook(source, entry, file);
  const skip = new Set(catalog.skip);
  const keep = variant.cells.map((c, i) => ({ c, i })).filter(({ c }) => !skip.has(String(c.id)));
  const nb: Notebook = { ...variant, cells: keep.map(({ c }) => c) };
  const { notebook, cells } = await executeNotebook(nb, { notebookPath: file, kernelName: opts.kernelName, cellTimeoutMs: opts.cellTimeoutMs ?? CATALOG_CELL_TIMEOUT_MS });
  const seg: Segment = { entry, cells: keep.map(({ i }, k) => ({ batchIndex: k, source: i })).filter(({ batchIndex }) => isCodeCell(nb.cells[batchIndex])) };
  const statuses = new Map(cells.map((r) => [r.index, r.status]));
  return judgeEntry(entry, entryRun(notebook, seg, source, statuses, checkIndex(source, file)));
}
