/**
 * Reading and writing .ipynb files: the only module that touches notebook files on disk.
 *
 * In memory a notebook is `Notebook` (nbformat v4 types from @jupyterlab/nbformat) with every
 * multi-line string joined into one string (as Python's nbformat.reads does); on disk it is written
 * the way Jupyter writes it: keys sorted, 1-space indent, text split into lines, trailing newline.
 * Also here: upgrading to nbformat 4.5 (cell ids). Left out: nbformat v3 and older (rejected),
 * full JSON-schema validation (only the structure the tools rely on is checked), notebook signing.
 */
import * as fs from 'fs';
import { randomBytes } from 'crypto';
import type { INotebookContent, ICell, ICodeCell, IOutput } from '@jupyterlab/nbformat';
import { writeFileAtomic } from '../base/fs-atomic';

export type Notebook = INotebookContent;
export type Cell = ICell;
export type CodeCell = ICodeCell;
export type Output = IOutput;

/** A notebook that cannot be read or written; the message names the file and the reason. */
export class NotebookError extends Error {
  constructor(readonly path: string, readonly reason: string) {
    super(`${path}: ${reason}`);
    this.name = 'NotebookError';
  }
}

export function isCodeCell(cell: Cell): cell is CodeCell {
  return cell.cell_type === 'code';
}

/** Reads and checks a notebook file; throws NotebookError with the path and the reason. */
export function readNotebook(file: string): Notebook {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new NotebookError(file, `cannot read: ${(e as Error).message}`);
  }
  return parseNotebook(text, file);
}

/** Parses notebook JSON, checks the v4 structure and joins multi-line strings. */
export function parseNotebook(text: string, file = '<string>'): Notebook {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new NotebookError(file, `not valid JSON (${(e as Error).message})`);
  }
  const fail = (reason: string): never => {
    throw new NotebookError(file, reason);
  };
  if (!isObject(raw)) return fail('not a notebook: the top level is not a JSON object');
  if (raw.nbformat !== 4) return fail(`unsupported nbformat ${JSON.stringify(raw.nbformat)} (only 4 is supported)`);
  if (typeof raw.nbformat_minor !== 'number') return fail('missing nbformat_minor');
  if (!isObject(raw.metadata)) return fail('missing notebook metadata object');
  if (!Array.isArray(raw.cells)) return fail('missing cells array');
  raw.cells.forEach((cell: unknown, i: number) => {
    if (!isObject(cell)) return fail(`cell ${i} is not an object`);
    if (typeof cell.cell_type !== 'string') return fail(`cell ${i} has no cell_type`);
    if (!isMultiline(cell.source)) return fail(`cell ${i} has no source string or list of strings`);
    if (cell.metadata !== undefined && !isObject(cell.metadata)) return fail(`cell ${i} metadata is not an object`);
    if (cell.cell_type === 'code') {
      if (!Array.isArray(cell.outputs)) return fail(`code cell ${i} has no outputs array`);
      cell.outputs.forEach((o: unknown, j: number) => {
        if (!isObject(o) || typeof o.output_type !== 'string') fail(`cell ${i} output ${j} has no output_type`);
      });
    }
  });
  const nb = raw as unknown as Notebook;
  for (const cell of nb.cells) {
    cell.metadata ??= {};
    rejoinCell(cell);
  }
  return nb;
}

/** JSON text exactly as Jupyter writes it: sorted keys, 1-space indent, split lines, trailing newline. */
export function serializeNotebook(nb: Notebook): string {
  const copy = JSON.parse(JSON.stringify(nb)) as Notebook;
  for (const key of ['orig_nbformat', 'orig_nbformat_minor', 'signature']) delete copy.metadata[key];
  for (const cell of copy.cells) {
    delete cell.metadata.trusted;
    splitCell(cell);
  }
  return dumpSorted(copy, '') + '\n';
}

/** Writes a notebook atomically; refuses to replace an existing file unless `overwrite` is set. */
export function writeNotebook(file: string, nb: Notebook, opts: { overwrite?: boolean } = {}): void {
  if (!opts.overwrite && fs.existsSync(file)) {
    throw new NotebookError(file, 'already exists (pass overwrite to replace it)');
  }
  const text = serializeNotebook(nb);
  try {
    writeFileAtomic(file, text);
  } catch (e) {
    throw new NotebookError(file, `cannot write: ${(e as Error).message}`);
  }
}

/** Makes a notebook valid nbformat 4.5: every cell gets a unique id (8 hex chars, like nbformat). */
export function upgradeToV45(nb: Notebook): Notebook {
  if (nb.nbformat_minor < 5) nb.nbformat_minor = 5;
  const seen = new Set<string>();
  for (const cell of nb.cells) {
    let id = typeof cell.id === 'string' && /^[a-zA-Z0-9-_]{1,64}$/.test(cell.id) ? cell.id : '';
    while (id === '' || seen.has(id)) id = randomBytes(4).toString('hex');
    cell.id = id;
    seen.add(id);
  }
  return nb;
}

/** The text of a multi-line string field, joined. */
export function joinMultiline(value: unknown): string {
  return Array.isArray(value) ? value.join('') : typeof value === 'string' ? value : '';
}

/** Python's str.splitlines(True): split after every line boundary, keeping it. */
export function splitLines(text: string): string[] {
  return text.match(/[^\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]*(\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]|$)/g)!.filter((s) => s !== '');
}

// --- helpers: nbformat's rejoin_lines / split_lines, per cell -------------------------------------

const isJsonMime = (mime: string) => mime === 'application/json' || (mime.startsWith('application/') && mime.endsWith('+json'));
const splitMimes = new Set(['application/javascript', 'image/svg+xml']);

function rejoinCell(cell: Cell): void {
  cell.source = joinMultiline(cell.source);
  for (const bundle of Object.values(cell.attachments ?? {})) rejoinBundle(bundle);
  if (!isCodeCell(cell)) return;
  for (const out of cell.outputs) {
    if (out.output_type === 'execute_result' || out.output_type === 'display_data') rejoinBundle(out.data);
    else if (Array.isArray(out.text)) out.text = out.text.join('');
  }
}

function rejoinBundle(data: unknown): void {
  if (!isObject(data)) return;
  for (const [mime, value] of Object.entries(data)) {
    if (!isJsonMime(mime) && Array.isArray(value) && value.every((l) => typeof l === 'string')) data[mime] = value.join('');
  }
}

function splitCell(cell: Cell): void {
  if (typeof cell.source === 'string') cell.source = splitLines(cell.source);
  for (const bundle of Object.values(cell.attachments ?? {})) splitBundle(bundle);
  if (!isCodeCell(cell)) return;
  for (const out of cell.outputs) {
    if (out.output_type === 'execute_result' || out.output_type === 'display_data') splitBundle(out.data);
    else if (out.output_type === 'stream' && typeof out.text === 'string') out.text = splitLines(out.text);
  }
}

function splitBundle(data: unknown): void {
  if (!isObject(data)) return;
  for (const [mime, value] of Object.entries(data)) {
    if (typeof value === 'string' && (mime.startsWith('text/') || splitMimes.has(mime))) data[mime] = splitLines(value);
  }
}

/** json.dumps(value, indent=1, sort_keys=True): keys in code-point order, even integer-like ones. */
function dumpSorted(value: unknown, pad: string): string {
  const inner = pad + ' ';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => inner + dumpSorted(v, inner)).join(',\n')}\n${pad}]`;
  }
  if (isObject(value)) {
    const keys = Object.keys(value).sort();
    if (keys.length === 0) return '{}';
    return `{\n${keys.map((k) => `${inner}${JSON.stringify(k)}: ${dumpSorted(value[k], inner)}`).join(',\n')}\n${pad}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function isObject(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isMultiline(v: unknown): boolean {
  return typeof v === 'string' || (Array.isArray(v) && v.every((s) => typeof s === 'string'));
}
