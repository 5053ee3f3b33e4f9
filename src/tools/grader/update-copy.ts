/**
 * Re-releasing into a copy a learner has already worked in: a new release (new explanations, fixed
 * checks, a changed demo) merged with the learner's notebook, matched by cell id, so no code of
 * theirs is lost.
 *
 * Cell by cell, in the new release's order:
 *   - an exercise cell (it holds a stub, `// TODO: your code here`): the learner's version, outputs
 *     included, when they have written anything there; the release's when theirs is still the stub.
 *     When the release changed the code around the stub (a new signature, say) and theirs no longer
 *     contains it, theirs is kept and the release's cell goes right after it as `<id>-updated` (also
 *     when their stub is still in place: lines they added around it may be code of theirs);
 *   - any other cell (explanations, setup, demos, checks): the release's version. Where the learner had
 *     edited a code cell, their version is kept right after it as `<id>-yours`, so nothing is lost;
 *   - cells the learner added (ids the release does not have) stay, after the cell they followed.
 * Every such decision is listed in `notes`. A copy without cell ids (nbformat < 4.5) cannot be matched
 * safely and is refused.
 *
 * Left out on purpose: merging inside a cell (line by line); writing files (release.ts does that, with
 * a backup).
 */
import type { ICodeCell } from '@jupyterlab/nbformat';
import { Cell, Notebook, isCodeCell, joinMultiline } from '../notebook/notebook-io';
import { TODO } from './markers';

export interface UpdateResult {
  notebook: Notebook;
  /** One line per decision that is not simply "the release's cell", for the person updating. */
  notes: string[];
  /** Cells whose learner code was kept. */
  kept: number;
}

/** A copy that cannot be matched to a release (no cell ids, duplicate ids). */
export class UpdateError extends Error {
  constructor(readonly file: string, reason: string) {
    super(`${file}: ${reason}`);
    this.name = 'UpdateError';
  }
}

const YOURS = '// Your version of the cell above, from before the update (kept so nothing is lost).';

const stubCount = (source: string): number => source.split('\n').filter((l) => l.trim() === TODO).length;

/** The release cell's lines outside its stubs (the frame a learner's code sits in), blank lines dropped. */
function frameLines(releaseSource: string): string[] {
  const lines = releaseSource.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() === TODO) { i += 1; continue; } // the TODO line and the throw under it
    if (lines[i].trim() !== '') out.push(lines[i].trim());
  }
  return out;
}

/** True when `lines` appear in `source` in this order (other lines may come between them). */
function containsInOrder(source: string, lines: string[]): boolean {
  const have = source.split('\n').map((l) => l.trim());
  let k = 0;
  for (const l of have) if (k < lines.length && l === lines[k]) k += 1;
  return k === lines.length;
}

function idsOf(nb: Notebook, file: string): Map<string, Cell> {
  const byId = new Map<string, Cell>();
  nb.cells.forEach((c, i) => {
    if (typeof c.id !== 'string' || c.id === '') throw new UpdateError(file, `cell ${i} has no id (nbformat ${nb.nbformat}.${nb.nbformat_minor}); cells cannot be matched to the release safely, so nothing was changed`);
    if (byId.has(c.id)) throw new UpdateError(file, `cell id ${c.id} appears twice; nothing was changed`);
    byId.set(c.id, c);
  });
  return byId;
}

const copyOf = (cell: Cell, id: string, header?: string): Cell => {
  const c = structuredClone(cell);
  c.id = id;
  if (header) c.source = `${header}\n${joinMultiline(c.source)}`;
  (c.metadata as Record<string, unknown>).editable = true;
  delete (c.metadata as Record<string, unknown>).deletable;
  delete (c.metadata as Record<string, unknown>).reglab;
  return c;
};

/** The learner's copy updated to `release` (see the header). Neither argument is changed. */
export function updateCopy(release: Notebook, copy: Notebook, copyFile = '<copy>'): UpdateResult {
  const mine = idsOf(copy, copyFile);
  const released = idsOf(release, '<release>');
  const notes: string[] = [];
  let kept = 0;
  const out: Cell[] = [];
  const place = new Map<string, number>(); // id of a copy cell -> its index in out, for placing added cells
  for (const rc of release.cells) {
    const id = rc.id as string;
    const theirs = mine.get(id);
    const rsrc = joinMultiline(rc.source);
    const stubs = isCodeCell(rc) ? stubCount(rsrc) : 0;
    if (!theirs || theirs.cell_type !== rc.cell_type) {
      out.push(structuredClone(rc));
      if (theirs) notes.push(`cell ${id}: its kind changed in the release (${theirs.cell_type} -> ${rc.cell_type}); your ${theirs.cell_type} cell is kept below it as ${id}-yours`);
      if (theirs) out.push(copyOf(theirs, `${id}-yours`));
      place.set(id, out.length - 1);
      continue;
    }
    const tsrc = joinMultiline(theirs.source);
    if (stubs > 0) {
      const untouched = stubCount(tsrc) >= stubs && frameLines(tsrc).join('\n') === frameLines(rsrc).join('\n');
      if (untouched) {
        out.push(structuredClone(rc)); // still the stub: take the release's exercise as it is now
      } else {
        const mineCell = structuredClone(theirs);
        mineCell.metadata = { ...structuredClone(rc.metadata), ...structuredClone(theirs.metadata) };
        out.push(mineCell);
        kept += 1;
        if (!containsInOrder(tsrc, frameLines(rsrc)) && !mine.has(`${id}-updated`)) { // theirs lacks the release's code around the stub (and no earlier update added it)
          out.push(structuredClone({ ...rc, id: `${id}-updated` }));
          notes.push(stubCount(tsrc) >= stubs
            ? `cell ${id}: the release changed this exercise; your cell (its stub still in place, with your edits around it) is kept, and the new exercise follows it as ${id}-updated`
            : `cell ${id}: the release changed the code around the exercise; your code is kept, and the updated exercise follows it as ${id}-updated: move your code into it`);
        }
      }
      place.set(id, out.length - 1);
      continue;
    }
    out.push(structuredClone(rc));
    const keptBefore = mine.get(`${id}-yours`); // an earlier update's copy of the same text needs no second one
    if (isCodeCell(rc) && tsrc !== rsrc && tsrc.trim() !== '' && !(keptBefore && joinMultiline(keptBefore.source) === `${YOURS}\n${tsrc}`)) {
      out.push(copyOf(theirs, `${id}-yours`, YOURS));
      (out[out.length - 1] as ICodeCell).execution_count = null;
      notes.push(`cell ${id}: updated by the release; your edited version is kept below it as ${id}-yours`);
    }
    place.set(id, out.length - 1);
  }
  // Cells of the copy the release does not have: the learner's own (or cells the release dropped). Keep them.
  let after: string | null = null;
  const inserts: { at: number; cell: Cell }[] = [];
  for (const c of copy.cells) {
    const id = c.id as string;
    if (released.has(id)) { after = id; continue; }
    const at = after === null ? -1 : place.get(after) ?? out.length - 1;
    inserts.push({ at, cell: structuredClone(c) });
    if (isCodeCell(c) || joinMultiline(c.source).trim() !== '') notes.push(`cell ${id}: not in the release; kept${after ? ` after ${after}` : ' at the top'}`);
  }
  for (const { at, cell } of inserts.reverse()) out.splice(at + 1, 0, cell); // reverse keeps their order
  const ids = new Set<string>();
  for (const c of out) { // a learner's cell named like an -updated/-yours copy: make ids unique
    let id = c.id as string;
    for (let k = 2; ids.has(id); k++) id = `${c.id}-${k}`;
    c.id = id;
    ids.add(id);
  }
  const notebook: Notebook = { ...structuredClone(copy), metadata: { ...structuredClone(copy.metadata), ...structuredClone(release.metadata) }, nbformat: release.nbformat, nbformat_minor: release.nbformat_minor, cells: out };
  return { notebook, notes, kept };
}
