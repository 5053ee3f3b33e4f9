/**
 * Instructor source -> student copy, as data and as files.
 *
 * `release` keeps every cell, its id and order; clears outputs, execution counts and timing
 * metadata; replaces solution regions with stubs (markers.ts); and locks each graded check cell
 * (`editable: false`, `deletable: false`, `reglab.check: { id, points }`), returning the copy with its
 * check cells. The bytes come from serializeNotebook, so releasing twice gives identical files.
 *
 * `releaseFiles` does it for every notebook of a source folder: writes student copies that differ,
 * or (check mode) only reports which are out of date (`copyStatus`). It will not overwrite a copy a
 * learner has worked in (outputs saved, or a stub replaced by code) unless forced, or asked to
 * update it: then the new release is merged into the learner's copy by cell id (update-copy.ts), their
 * code kept, after a backup of the copy as it was (`NAME.before-update.ipynb`).
 *
 * Left out on purpose: merging inside a cell (see update-copy.ts).
 */
import * as fs from 'fs';
import * as path from 'path';
import { Notebook, isCodeCell, joinMultiline, parseNotebook, readNotebook, serializeNotebook, writeNotebook } from '../notebook/notebook-io';
import { CheckCell, checkCells } from './check-cells';
import { TODO, findRegions, reglabAlias, stubSource } from './markers';
import { updateCopy } from './update-copy';

/** The student copy of a source notebook (a new object; the source is not changed) and its graded check cells. */
export function release(source: Notebook, file = '<notebook>'): { notebook: Notebook; checks: CheckCell[] } {
  const nb = structuredClone(source);
  nb.cells.forEach((cell, i) => {
    if (typeof cell.id !== 'string' || cell.id === '') throw new Error(`${file}: cell ${i} has no id; give every cell a stable id (nbformat 4.5)`);
  });
  const alias = reglabAlias(nb.cells.filter(isCodeCell).map((c) => joinMultiline(c.source)));
  for (const cell of nb.cells) {
    const where = { file, cell: String(cell.id), cellType: cell.cell_type };
    cell.source = stubSource(joinMultiline(cell.source), where, alias);
    if (isCodeCell(cell)) {
      cell.outputs = [];
      cell.execution_count = null;
      delete cell.metadata.execution;
    }
  }
  const checks = checkCells(nb, file);
  for (const c of checks) {
    const meta = nb.cells[c.index].metadata as Record<string, any>;
    meta.editable = false;
    meta.deletable = false;
    meta.reglab = { ...(meta.reglab ?? {}), check: { id: c.id, points: c.points } };
  }
  return { notebook: nb, checks };
}

/** The student copy alone (see release). */
export function releaseNotebook(source: Notebook, file = '<notebook>'): Notebook {
  return release(source, file).notebook;
}

export interface ReleasedFile {
  source: string;
  target: string;
  status: 'written' | 'unchanged' | 'out-of-date' | 'missing' | 'refused' | 'updated';
  reason?: string;
  /** With `updated`: the backup of the copy as it was, and what the merge decided (update-copy.ts). */
  backup?: string;
  notes?: string[];
}

export interface ReleaseFilesOptions {
  sourceDir: string;
  outDir: string;
  /** Only compare; write nothing. */
  check?: boolean;
  /** Overwrite copies that look worked in. */
  force?: boolean;
  /** Merge the release into copies that look worked in, keeping the learner's code (a backup is written first). */
  update?: boolean;
  /** Only these notebook names (file names, .ipynb optional; an unknown name is an error); default all in sourceDir. */
  names?: string[];
}

/**
 * The .ipynb files of a folder (not recursive), sorted; with `names` (file names, .ipynb optional)
 * only those, and an error naming any that is not there.
 */
export function notebookFiles(dir: string, names?: string[]): string[] {
  const all = fs.readdirSync(dir).filter((f) => f.endsWith('.ipynb') && !f.startsWith('.')).sort().map((f) => path.join(dir, f));
  if (!names) return all;
  const base = (f: string) => path.basename(f, '.ipynb');
  const wanted = new Set(names.map(base));
  const unknown = [...wanted].filter((n) => !all.some((f) => base(f) === n));
  if (unknown.length) throw new Error(`unknown notebook name(s) ${unknown.join(', ')}; ${dir} has ${all.map(base).join(', ') || 'none'}`);
  return all.filter((f) => wanted.has(base(f)));
}

export interface CopyStatus {
  status: 'unchanged' | 'out-of-date' | 'missing';
  /** The committed copy's text (null when missing). */
  text: string | null;
}

/** A committed student copy compared byte for byte with a fresh release. */
export function copyStatus(target: string, released: Notebook): CopyStatus {
  if (!fs.existsSync(target)) return { status: 'missing', text: null };
  const text = fs.readFileSync(target, 'utf8');
  return { status: text === serializeNotebook(released) ? 'unchanged' : 'out-of-date', text };
}

/** Releases every source notebook into outDir (see the header). Throws MarkerError / CheckCellError / NotebookError. */
export function releaseFiles(opts: ReleaseFilesOptions): ReleasedFile[] {
  const sources = notebookFiles(opts.sourceDir, opts.names);
  if (sources.length === 0) throw new Error(`no source notebooks found in ${opts.sourceDir}`);
  const made = sources.map((file) => {
    const nb = readNotebook(file);
    return { nb, released: releaseNotebook(nb, file) };
  }); // all or nothing: refuse before writing
  return sources.map((source, i) => {
    const target = path.join(opts.outDir, path.basename(source));
    const copy = copyStatus(target, made[i].released);
    if (copy.status === 'unchanged' || opts.check) return { source, target, status: copy.status };
    const worked = copy.text === null ? null : workedIn(target, copy.text, made[i].nb);
    if (worked && opts.update && !opts.force) {
      const merged = updateCopy(made[i].released, parseNotebook(copy.text as string, target), target);
      const backup = freeName(target.replace(/\.ipynb$/, '.before-update.ipynb'));
      fs.writeFileSync(backup, copy.text as string, { flag: 'wx' });
      writeNotebook(target, merged.notebook, { overwrite: true });
      return { source, target, status: 'updated', backup, notes: [`kept your code in ${merged.kept} cell(s)`, ...merged.notes] };
    }
    if (worked && !opts.force) return { source, target, status: 'refused', reason: `${worked}; pass --update to merge the release into it keeping the code, or --force to replace it` };
    writeNotebook(target, made[i].released, { overwrite: true });
    return { source, target, status: 'written' };
  });
}

/** `file`, or `stem-2.ext`, `stem-3.ext`, ... whichever does not exist yet. */
function freeName(file: string): string {
  if (!fs.existsSync(file)) return file;
  const ext = path.extname(file), stem = file.slice(0, -ext.length);
  for (let k = 2; ; k++) if (!fs.existsSync(`${stem}-${k}${ext}`)) return `${stem}-${k}${ext}`;
}

/** Why an existing student copy (the file `target`, its text `copyText`) looks like a learner's work (outputs, or a stub replaced), or null. */
export function workedIn(target: string, copyText: string, source: Notebook): string | null {
  let copy: Notebook;
  try {
    copy = parseNotebook(copyText, target);
  } catch {
    return null; // unreadable: nothing to lose by replacing it
  }
  const ran = copy.cells.find((c) => isCodeCell(c) && (c.outputs.length > 0 || c.execution_count !== null));
  if (ran) return `${target} has outputs (cell ${ran.id}): someone ran it`;
  const byId = new Map(copy.cells.map((c) => [c.id, joinMultiline(c.source)]));
  for (const cell of source.cells) {
    const text = joinMultiline(cell.source);
    if (!text.includes('BEGIN SOLUTION')) continue;
    const stubs = findRegions(text, { file: target, cell: String(cell.id), cellType: cell.cell_type }).length;
    const left = (byId.get(cell.id) ?? '').split(TODO).length - 1;
    if (byId.has(cell.id) && left < stubs) return `${target} cell ${cell.id} has code where a stub was`;
  }
  return null;
}
