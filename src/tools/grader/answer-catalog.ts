/**
 * Answer catalogs: the wrong solutions learners plausibly write for a notebook's exercises, and the
 * valid alternatives that must keep full marks, kept beside the source notebook as
 * `notebooks/source/NN_name.catalog.md`. This module reads that format (plain data out); splicing an
 * entry into the notebook is answer-variant.ts, judging its check results answer-verdict.ts, running
 * a whole catalog answer-run.ts.
 *
 * The format (the README's "Answer catalogs" section is the guide):
 *
 *     # anything: a title and notes for authors
 *     - skip: scaling-plot, train-runs          (optional, before the first entry: demo cells no check reads)
 *
 *     ## mask-on-eval                           (an entry: a name of lowercase letters, digits, '-')
 *     - kind: wrong                             (wrong | valid)
 *     - region: forward-solution               (cell id, `#n` for its n-th solution region, 1-based;
 *                                                repeat the line to replace several regions)
 *     - fails: dropout-forward-eval             (wrong: checks that must lose their points)
 *     - may-fail: dropout-backward              (optional: checks allowed to fail too; every other
 *                                                check must keep its points, so cascades are explicit)
 *     - names: eval mode                        (optional, repeatable: words the failing checks' text
 *                                                must contain, case-insensitive: the message names the mistake)
 *     - through: loop-check                     (optional: run only through this cell; the checks after it
 *                                                are not judged, to spare a training run the entry does not need)
 *     Free text: why a learner writes this.
 *     ```ts
 *     ...the code that replaces the region (one fenced block per region line, in order)...
 *     ```
 *
 * Left out on purpose: running anything (answer-run.ts), and entries spanning notebooks.
 */

export type EntryKind = 'wrong' | 'valid';

export interface RegionRef {
  /** The id of the code cell holding the solution region. */
  cellId: string;
  /** 1-based index of the region within the cell. */
  index: number;
}

export interface CatalogEntry {
  name: string;
  kind: EntryKind;
  /** The regions replaced, with their replacement code (same order). */
  regions: RegionRef[];
  code: string[];
  /** Checks that must lose their points (wrong entries only). */
  fails: string[];
  /** Checks allowed to lose points as well (a cascade the author accepts). */
  mayFail: string[];
  /** Words the failing checks' message, expected, got or hint must contain. */
  names: string[];
  /** Run only through this cell (its id); later checks are not judged. */
  through?: string;
  /** The entry's free text. */
  note: string;
  /** 1-based line of the entry's heading in the catalog file. */
  line: number;
}

export interface Catalog {
  file: string;
  /** Cell ids a catalog run leaves out (demo cells whose results no check reads). */
  skip: string[];
  entries: CatalogEntry[];
}

/** A catalog that cannot be read: the message names the file, the line and what is wrong. */
export class CatalogError extends Error {
  constructor(readonly file: string, readonly line: number, reason: string) {
    super(`${file}:${line}: ${reason}`);
    this.name = 'CatalogError';
  }
}

/** `01_dropout.ipynb` -> `01_dropout.catalog.md` beside it. */
export function catalogPathFor(notebookFile: string): string {
  return notebookFile.replace(/\.ipynb$/, '') + '.catalog.md';
}

const NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const FIELD = /^-\s+([a-z-]+):\s*(.*?)\s*$/;
const FENCE = /^```\s*(\S*)\s*$/;
const KEYS = new Set(['kind', 'region', 'fails', 'may-fail', 'names', 'through']);

const list = (v: string): string[] => v.split(',').map((s) => s.trim()).filter(Boolean);

/** Reads the catalog text; throws CatalogError on anything ambiguous. */
export function parseCatalog(text: string, file = '<catalog>'): Catalog {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const skip: string[] = [];
  const entries: CatalogEntry[] = [];
  let entry: (CatalogEntry & { kindSeen: boolean }) | null = null;
  const fail = (i: number, reason: string): never => {
    throw new CatalogError(file, i + 1, reason);
  };
  const close = (): void => {
    if (!entry) return;
    const e = entry;
    const at = (reason: string) => fail(e.line - 1, `entry ${e.name}: ${reason}`);
    if (!e.kindSeen) at('no "- kind: wrong" or "- kind: valid" line');
    if (e.regions.length === 0) at('no "- region: <cell id>" line');
    if (e.code.length !== e.regions.length) at(`${e.regions.length} region line(s) but ${e.code.length} code block(s); give one fenced block per region, in order`);
    if (e.kind === 'wrong' && e.fails.length === 0) at('a wrong entry needs "- fails: <check id>, ..." (the checks that must catch it)');
    if (e.kind === 'valid' && (e.fails.length > 0 || e.mayFail.length > 0 || e.names.length > 0)) at('a valid entry must keep full marks: no fails, may-fail or names lines');
    const both = e.fails.filter((id) => e.mayFail.includes(id));
    if (both.length) at(`${both.join(', ')} listed under both fails and may-fail`);
    const { kindSeen: _unused, ...clean } = e;
    clean.note = clean.note.trim();
    entries.push(clean);
    entry = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const heading = /^##\s+(.*?)\s*$/.exec(line);
    if (heading && !line.startsWith('###')) {
      close();
      const name = heading[1];
      if (!NAME.test(name)) fail(i, `entry name ${JSON.stringify(name)} must be lowercase letters, digits and '-'`);
      if (entries.some((e) => e.name === name)) fail(i, `entry name ${name} is used twice`);
      entry = { name, kind: 'wrong', kindSeen: false, regions: [], code: [], fails: [], mayFail: [], names: [], note: '', line: i + 1 };
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      if (!entry) fail(i, 'a code block outside an entry (start entries with "## name")');
      const body: string[] = [];
      let j = i + 1;
      while (j < lines.length && !/^```\s*$/.test(lines[j])) body.push(lines[j++]);
      if (j >= lines.length) fail(i, 'code block is never closed with ```');
      entry!.code.push(body.join('\n'));
      i = j;
      continue;
    }
    const field = FIELD.exec(line);
    if (field && !entry) {
      if (field[1] !== 'skip') fail(i, `"- ${field[1]}:" before the first entry (only "- skip:" belongs there)`);
      skip.push(...list(field[2]));
      continue;
    }
    if (field && entry && KEYS.has(field[1])) {
      const [, key, value] = field;
      if (key === 'kind') {
        if (value !== 'wrong' && value !== 'valid') fail(i, `kind must be wrong or valid, got ${JSON.stringify(value)}`);
        if (entry.kindSeen) fail(i, `entry ${entry.name} has two kind lines`);
        entry.kind = value as EntryKind;
        entry.kindSeen = true;
      } else if (key === 'region') {
        const m = /^([A-Za-z0-9_-]+)(?:#(\d+))?$/.exec(value);
        if (!m) fail(i, `region must be a cell id, optionally #n (1-based region in that cell), got ${JSON.stringify(value)}`);
        entry.regions.push({ cellId: m![1], index: m![2] ? Number(m![2]) : 1 });
      } else if (key === 'fails') entry.fails.push(...list(value));
      else if (key === 'may-fail') entry.mayFail.push(...list(value));
      else if (key === 'through') {
        if (!/^[A-Za-z0-9_-]+$/.test(value)) fail(i, `through must be a cell id, got ${JSON.stringify(value)}`);
        entry.through = value;
      } else if (key === 'names') {
        if (!value) fail(i, 'names needs the words to look for');
        entry.names.push(value);
      }
      continue;
    }
    if (entry) entry.note += line + '\n';
  }
  close();
  return { file, skip, entries };
}
