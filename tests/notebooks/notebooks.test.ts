/**
 * The committed notebooks as files (no kernel): the five instructor sources in notebooks/source and the
 * student copies in notebooks/ carry no outputs, the right kernel metadata and stable cell ids; every
 * graded check cell declares its id and points in metadata and makes exactly that one check call;
 * solution regions sit only in the sources; and each student copy is its source with the solution
 * regions stubbed out and nothing else changed. Running them is in run-sources / run-students.
 */
import * as fs from 'fs';
import { describe, expect, it } from 'vitest';
import { Notebook, joinMultiline, readNotebook } from '../../src/tools/notebook/notebook-io';
import { checkCells as graderCheckCells, metadataCheck } from '../../src/tools/grader/check-cells';
import { BEGIN, findRegions } from '../../src/tools/grader/markers';
import { NAMES, sourcePath, studentPath } from './helpers';

const source = (cell: Notebook['cells'][number]): string => joinMultiline(cell.source);

function commonShape(nb: Notebook, file: string): void {
  expect(nb.nbformat, file).toBe(4);
  expect(nb.nbformat_minor, file).toBe(5);
  expect(nb.metadata.kernelspec, file).toEqual({ name: 'reglab-ts', display_name: 'TypeScript (reglab)', language: 'typescript' });
  expect((nb.metadata.language_info as { name?: string } | undefined)?.name, file).toBe('typescript');
  const ids = nb.cells.map((c) => c.id);
  expect(new Set(ids).size, `${file}: cell ids are unique`).toBe(ids.length);
  for (const cell of nb.cells) {
    expect(String(cell.id), file).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    if (cell.cell_type === 'code') {
      expect(cell.outputs, `${file} ${cell.id}: no committed outputs`).toEqual([]);
      expect(cell.execution_count, `${file} ${cell.id}: no execution count`).toBeNull();
    }
  }
  const firstCode = nb.cells.find((c) => c.cell_type === 'code')!;
  expect(source(firstCode), `${file}: the first code cell imports the library by name and seeds`).toMatch(/^import \* as rl from "reglab";[\s\S]*new rl\.Rng\(/);
}

/**
 * The graded check cells as the grader reads them from the code (it refuses ambiguities). A source
 * carries no hand-written check metadata; a student copy carries what release derived from the code.
 */
function checkCells(nb: Notebook, file: string, want: 'no-metadata' | 'metadata'): { id: string; points: number }[] {
  return graderCheckCells(nb, file).map(({ index, cellId, id, points, source: text }) => {
    expect(metadataCheck(nb.cells[index]), `${file} ${cellId}: check metadata`).toEqual(want === 'metadata' ? { id, points } : null);
    expect(text, `${file} ${cellId}: check cells hold no solution`).not.toContain('SOLUTION');
    return { id, points };
  });
}

describe.each(NAMES)('%s', (name) => {
  const src = readNotebook(sourcePath(name));
  const student = fs.existsSync(studentPath(name)) ? readNotebook(studentPath(name)) : null;

  it('source: nbformat 4.5, reglab-ts kernel, stable ids, no outputs, import by name', () => {
    commonShape(src, sourcePath(name));
  });

  it('source: graded check cells are read from their one rl.check call; no hand-written metadata', () => {
    const checks = checkCells(src, sourcePath(name), 'no-metadata');
    expect(checks.length).toBeGreaterThan(0);
  });

  it('source: solution regions are balanced, never nested, and sit inside a function body', () => {
    let regions = 0;
    for (const cell of src.cells) {
      const lines = source(cell).split('\n');
      // findRegions refuses unbalanced or nested markers and markers not alone on their line
      for (const { begin, end } of findRegions(source(cell), { file: name, cell: String(cell.id), cellType: cell.cell_type })) {
        // the line before the region opens a function or method body, and the region ends that body
        expect(lines.slice(0, begin).reverse().find((l) => l.trim() !== '') ?? '', `${name} ${cell.id} line ${begin + 1}`).toMatch(/\{\s*$/);
        expect(lines.slice(end + 1).find((l) => l.trim() !== '')?.trim(), `${name} ${cell.id}: the region ends the body`).toBe('}');
        regions++;
      }
    }
    expect(regions).toBeGreaterThan(0);
  });

  it('student copy: same cells and ids as the source, solutions stubbed, check cells unchanged and locked', () => {
    expect(student, `${studentPath(name)} is missing (run npm run release)`).not.toBeNull();
    const nb = student!;
    commonShape(nb, studentPath(name));
    expect(checkCells(nb, studentPath(name), 'metadata')).toEqual(checkCells(src, sourcePath(name), 'no-metadata'));
    expect(nb.cells.map((c) => c.id)).toEqual(src.cells.map((c) => c.id));
    nb.cells.forEach((cell, i) => {
      const original = src.cells[i];
      const text = source(cell);
      expect(text, `${name} ${cell.id}: no solution left in the student copy`).not.toMatch(/BEGIN SOLUTION|END SOLUTION/);
      if (source(original).includes(BEGIN)) {
        expect(text, `${name} ${cell.id}: a stub that throws NotImplementedError`).toMatch(/throw new rl\.NotImplementedError\(\);/);
      } else {
        expect(text, `${name} ${cell.id}: unchanged`).toBe(source(original));
      }
      if (metadataCheck(cell)) {
        expect(cell.metadata.editable, `${name} ${cell.id}`).toBe(false);
        expect(cell.metadata.deletable, `${name} ${cell.id}`).toBe(false);
      }
    });
  });
});

/** The text of every `t.<assertion>(...)` call in a check cell's source (strings skipped when matching parentheses). */
export function assertionCalls(source: string): string[] {
  const calls: string[] = [];
  for (const m of source.matchAll(/\bt\.(closeTo|relError|arraysClose|equal|isTrue|throws|returns)\(/g)) {
    let depth = 0;
    let quote: string | null = null;
    let end = -1;
    for (let i = m.index! + m[0].length - 1; i < source.length; i++) {
      const ch = source[i];
      if (quote) { if (ch === '\\') i++; else if (ch === quote) quote = null; continue; }
      if (ch === '"' || ch === "'" || ch === '`') quote = ch;
      else if (ch === '(') depth++;
      else if (ch === ')' && --depth === 0) { end = i; break; }
    }
    calls.push(source.slice(m.index!, end + 1));
  }
  return calls;
}

describe('check cells', () => {
  it.each(NAMES)('%s: every assertion carries its own hint', (name) => {
    const missing: string[] = [];
    let count = 0;
    for (const c of graderCheckCells(readNotebook(sourcePath(name)), name)) {
      for (const call of assertionCalls(c.source)) {
        count++;
        if (!/\bhint\s*[:,}]/.test(call)) missing.push(`${c.id}: ${call.slice(0, 100)}`);
      }
    }
    expect(count).toBeGreaterThan(0);
    expect(missing).toEqual([]);
  });
});

describe('all notebooks', () => {
  it('check ids are unique across the workbook', () => {
    const ids = NAMES.flatMap((name) => graderCheckCells(readNotebook(sourcePath(name)), name).map((c) => c.id));
    expect(new Set(ids).size).toBe(ids.length);
  });
});
