/**
 * The notebook the judge runs for one submission, rebuilt from the release:
 *  - every code cell of the release in the release's order and text, except
 *  - exercise cells (a solution region in the source): the submission's cell, whole;
 *  - check cells: the release's canonical code, whatever the submission's copy says (an edited check is
 *    replaced, a deleted one put back, a moved one goes back to its place);
 *  - the cells the student added, after the release cell they follow (match-cells.ts);
 *  - the hidden checks at the end.
 * An edited non-exercise cell (a demo, the data cell) runs as released, with a note. Each check knows
 * which library exports its code under test must not call: the exercise names the check's code
 * mentions, mapped to the library export of the same name, or to the exports an author lists in a
 * `// reference: rl.memorization` line inside the exercise's solution region (invisible to students).
 * Also the full notebook (markdown included) for the feedback run, hidden checks as placeholders.
 *
 * Left out on purpose: running anything (judge.ts) and choosing cells (select-cells.ts).
 */
import type { ICodeCell } from '@jupyterlab/nbformat';
import { Cell, Notebook, joinMultiline } from '../../notebook/notebook-io';
import type { CheckCell } from '../check-cells';
import type { HiddenCheck } from '../hidden';
import { findRegions } from '../markers';
import { cellNames } from './cell-names';
import { matchCells } from './match-cells';
import type { JudgedCell } from './protocol';

export interface JudgeRelease {
  name: string;
  /** The instructor source (solution regions, `// reference:` lines). */
  source: Notebook;
  /** The student copy made from it (release.ts). */
  released: Notebook;
  /** The canonical check cells of `released`. */
  checks: CheckCell[];
  hidden: HiddenCheck[];
}

export interface JudgedNotebook {
  cells: JudgedCell[];
  /** The whole judged notebook for the feedback run; cells[k] is notebook.cells[nbIndex[k]]. */
  notebook: Notebook;
  nbIndex: number[];
  /** For the student: replaced, restored or missing cells. */
  notes: string[];
  /** Exercise cells: the released text (the stub), by cell id, to tell the student's lines from the release's. */
  stubs: Map<string, string>;
}

/** `// reference: rl.a, rl.b` lines inside a cell's solution regions -> ['a', 'b']. */
export function referenceAnnotations(sourceText: string): string[] {
  const regions = findRegions(sourceText, { file: '<source>', cell: '?', cellType: 'code' });
  const lines = sourceText.split('\n');
  const found: string[] = [];
  for (const r of regions) {
    for (const line of lines.slice(r.begin + 1, r.end)) {
      const m = /^\s*\/\/\s*reference:\s*(.+)$/.exec(line);
      if (m) found.push(...m[1].split(',').map((s) => s.trim().replace(/^[A-Za-z_$][\w$]*\./, '')).filter((s) => /^[A-Za-z_$][\w$]*$/.test(s)));
    }
  }
  return found;
}

const isExercise = (cell: Cell): boolean => {
  try {
    return cell.cell_type === 'code' && findRegions(joinMultiline(cell.source), { file: '<source>', cell: String(cell.id), cellType: 'code' }).length > 0;
  } catch {
    return false;
  }
};

const codeCell = (id: string, source: string, metadata: Record<string, unknown> = {}): ICodeCell =>
  ({ cell_type: 'code', id, metadata: metadata as ICodeCell['metadata'], source, outputs: [], execution_count: null });

export function judgedNotebook(rel: JudgeRelease, submission: Notebook, libraryExports: ReadonlySet<string>): JudgedNotebook {
  const released = rel.released.cells;
  const exercise = rel.source.cells.map(isExercise);
  const subCells = submission.cells.map((c) => ({ id: typeof c.id === 'string' && c.id !== '' ? c.id : null, type: c.cell_type, source: joinMultiline(c.source) }));
  const match = matchCells(released.map((c) => ({ id: String(c.id), type: c.cell_type, source: joinMultiline(c.source) })), exercise, subCells);
  const checkAt = new Map(rel.checks.map((c) => [c.index, c]));

  const exerciseNames = new Map<string, string[]>(); // name -> library exports it re-implements
  released.forEach((c, i) => {
    if (!exercise[i]) return;
    const listed = referenceAnnotations(joinMultiline(rel.source.cells[i].source));
    for (const n of cellNames(joinMultiline(c.source)).declared) exerciseNames.set(n, [...new Set([...(libraryExports.has(n) ? [n] : []), ...listed])]);
  });
  const forbiddenFor = (source: string): string[] => {
    const used = cellNames(source).used;
    return [...new Set([...used].flatMap((n) => exerciseNames.get(n) ?? []))];
  };

  const cells: JudgedCell[] = [];
  const nbCells: Cell[] = [];
  const nbIndex: number[] = [];
  const notes: string[] = [];
  const stubs = new Map<string, string>();
  const push = (judged: Omit<JudgedCell, 'index'> | null, nb: Cell) => {
    if (judged) {
      nbIndex.push(nbCells.length);
      cells.push({ ...judged, index: cells.length });
    }
    nbCells.push(nb);
  };
  const pushAdded = (after: number) => {
    for (const a of match.added.filter((x) => x.after === after)) {
      const s = submission.cells[a.sub];
      const id = subCells[a.sub].id ?? `added-${a.sub}`;
      if (s.cell_type === 'code') push({ role: 'student', cellId: id, source: subCells[a.sub].source }, codeCell(id, subCells[a.sub].source));
      else nbCells.push({ ...structuredClone(s), id } as Cell);
    }
  };
  pushAdded(-1);
  released.forEach((r, i) => {
    const id = String(r.id);
    const j = match.bySlot[i];
    const text = joinMultiline(r.source);
    const mine = j >= 0 ? subCells[j].source : null;
    if (r.cell_type !== 'code') {
      nbCells.push(structuredClone(r));
    } else if (checkAt.has(i)) {
      const c = checkAt.get(i)!;
      if (mine === null) notes.push(`check cell ${id} (${c.id}) was missing; the original check was put back and run`);
      else if (mine !== text) notes.push(`check cell ${id} (${c.id}) had been edited; the original check was run`);
      push({ role: 'check', cellId: id, source: text, check: { id: c.id, points: c.points, hidden: false, forbidden: forbiddenFor(text) } },
        codeCell(id, text, { ...structuredClone(r.metadata) }));
    } else if (exercise[i]) {
      if (mine === null) notes.push(`exercise cell ${id} was not found in the submission; the released stub was run`);
      const src = mine ?? text;
      stubs.set(id, text);
      push({ role: 'student', cellId: id, source: src, exercise: true }, codeCell(id, src));
    } else {
      if (mine !== null && mine !== text) notes.push(`cell ${id} differs from the release; the release's version was run (only exercise cells and cells you add are yours)`);
      push({ role: 'release', cellId: id, source: text }, codeCell(id, text));
    }
    pushAdded(i);
  });
  for (const h of rel.hidden) {
    push({ role: 'check', cellId: h.cellId, source: h.source, check: { id: h.id, points: h.points, hidden: true, forbidden: forbiddenFor(h.source) } },
      codeCell(h.cellId, `// hidden check ${h.id} (${h.points} point${h.points === 1 ? '' : 's'}): its code is not shown`, { reglab: { hidden: true, check: { id: h.id, points: h.points } } }));
  }
  const notebook: Notebook = { ...structuredClone(rel.released), cells: nbCells };
  return { cells, notebook, nbIndex, notes, stubs };
}
