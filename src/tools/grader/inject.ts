/**
 * Building the notebook the grader runs for one submission: the submission's own cells, with
 *  - the guard cell first (kernel-guard.ts, installed before any student code),
 *  - every canonical check cell of the release in place of the submission's copy (an edited copy is
 *    replaced, a deleted one re-inserted after its nearest canonical predecessor that is present),
 *  - the hidden checks at the end.
 * Each injected check cell gets its own random key, written only into that cell's source: the cell
 * fetches the guarded library with it and runs the canonical code inside a strict-mode function, so
 * student functions it calls cannot walk up the stack to the cell (and its key).
 * The plan remembers injected cells by index (ids in a submission are the student's to choose).
 *
 * Left out on purpose: running (grade-one.ts) and reading results (results.ts).
 */
import * as fs from 'fs';
import * as path from 'path';
import { randomBytes } from 'crypto';
import type { ICodeCell } from '@jupyterlab/nbformat';
import { Cell, Notebook, joinMultiline } from '../notebook/notebook-io';
import { packageRoot } from '../base/package-root';
import { CheckCell } from './check-cells';
import { REBOUND, newKey } from './signature';

export const GUARD_CELL_ID = 'reglab-grader-guard';
/** The guard cell is the first cell of every plan's notebook. */
export const GUARD_INDEX = 0;

export interface InjectedCheck {
  /** Index of the injected cell in the plan's notebook. */
  index: number;
  cellId: string;
  id: string;
  points: number;
  key: string;
  hidden: boolean;
  /** The canonical source (what feedback shows for a non-hidden check). */
  source: string;
  /** What the submission had for this cell: the same code, edited code, or nothing. */
  submitted: 'same' | 'edited' | 'missing' | 'hidden';
}

export interface GradingPlan {
  notebook: Notebook;
  /** The global the guard cell defines (it must not show up in feedback). */
  guardName: string;
  checks: InjectedCheck[];
  /** Indices of the cells the grader put in: the guard and the checks. */
  injected: Set<number>;
}

/** The compiled kernel-guard module the guard cell requires (the kernel needs JavaScript: build first). */
export function guardModulePath(): string {
  const file = path.join(packageRoot(), 'dist', 'tools', 'grader', 'kernel-guard.js');
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run npm run build first`);
  return file;
}

/** A random global name for one run's guard. */
export const newGuardName = (): string => `__reglab_grader_${randomBytes(8).toString('hex')}`;

const codeCell = (id: string, source: string, metadata: ICodeCell["metadata"] = {}): ICodeCell =>
  ({ cell_type: 'code', id, metadata, source, outputs: [], execution_count: null });

export function guardCell(guardName: string): ICodeCell {
  return codeCell(GUARD_CELL_ID, `require(${JSON.stringify(guardModulePath())}).installGuard(${JSON.stringify(guardName)});`);
}

/**
 * The source of an injected check cell (see the header). When the canonical code awaits, the wrapper is
 * `await async function (env) {...}(...)`: tslab only sees a top-level await that TypeScript reports,
 * and `await (...)` would parse as a call of a function named await.
 */
export function guardedSource(canonical: string, guardName: string, key: string): string {
  const awaits = /\bawait\b/.test(canonical);
  const env = `(function (this: any) { return this; })()[${JSON.stringify(guardName)}](${JSON.stringify(key)})`;
  const body = `function (env: any) {\n"use strict";\nconst { rl, ${REBOUND.join(', ')} } = env;\n${canonical}\n}`; // WRAPPER_LINES lines before canonical
  return awaits ? `await async ${body}(${env});\n` : `(${body})(${env});\n`;
}

/** Lines the wrapper puts before the canonical code (tslab's compile errors count lines of the whole cell). */
export const WRAPPER_LINES = 3;

import type { HiddenCheck } from './hidden';
export type { HiddenCheck };

/** The run plan for `submission` against the release's canonical check cells and the hidden checks. */
export function planGrading(submission: Notebook, release: Notebook, canonical: CheckCell[], hidden: HiddenCheck[], guardName = newGuardName()): GradingPlan {
  const canonicalIds = new Set(canonical.map((c) => c.cellId));
  const submitted = new Map<string, string>();
  for (const c of submission.cells) if (typeof c.id === 'string' && canonicalIds.has(c.id)) submitted.set(c.id, joinMultiline(c.source));
  const body: Cell[] = submission.cells.filter((c) => !(typeof c.id === 'string' && canonicalIds.has(c.id))).map((c) => structuredClone(c));
  const injected = new Map<Cell, InjectedCheck>();
  for (const c of canonical) {
    let at = 0;
    for (let j = c.index - 1; j >= 0; j--) {
      const k = body.findIndex((b) => b.id === release.cells[j].id);
      if (k >= 0) {
        at = k + 1;
        break;
      }
    }
    const key = newKey();
    const cell = codeCell(c.cellId, guardedSource(c.source, guardName, key), { deletable: false, editable: false, reglab: { check: { id: c.id, points: c.points } } });
    const was = submitted.get(c.cellId);
    body.splice(at, 0, cell);
    injected.set(cell, { index: -1, cellId: c.cellId, id: c.id, points: c.points, key, hidden: false, source: c.source, submitted: was === undefined ? 'missing' : was === c.source ? 'same' : 'edited' });
  }
  for (const h of hidden) {
    const key = newKey();
    const cell = codeCell(h.cellId, guardedSource(h.source, guardName, key), { reglab: { hidden: true, check: { id: h.id, points: h.points } } });
    body.push(cell);
    injected.set(cell, { index: -1, cellId: h.cellId, id: h.id, points: h.points, key, hidden: true, source: h.source, submitted: 'hidden' });
  }
  const cells = [guardCell(guardName), ...body]; // the guard at GUARD_INDEX
  const checks: InjectedCheck[] = [];
  cells.forEach((cell, index) => {
    const info = injected.get(cell);
    if (info) checks.push({ ...info, index });
  });
  const notebook: Notebook = { ...structuredClone(submission), metadata: { ...structuredClone(submission.metadata), kernelspec: release.metadata.kernelspec }, cells };
  return { notebook, guardName, checks, injected: new Set([GUARD_INDEX, ...checks.map((c) => c.index)]) };
}
