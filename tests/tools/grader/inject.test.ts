/**
 * The grading plan (no kernel): canonical check cells replace edited copies, deleted ones come back
 * after their nearest canonical predecessor, hidden checks go last, the guard first; each injected
 * cell has its own key, written only into its own source.
 */
import { describe, expect, it } from 'vitest';
import { checkCells } from '../../../src/tools/grader/check-cells';
import { GUARD_CELL_ID, guardedSource, planGrading } from '../../../src/tools/grader/inject';
import { Notebook, joinMultiline } from '../../../src/tools/notebook/notebook-io';
import { released } from './catalog';

const rel = released();
const canonical = checkCells(rel);
const hidden = [{ cellId: 'reglab-hidden-h', id: 'h', points: 1, source: 'rl.check("h", 1, (t) => t.isTrue(true, "h"));' }];
const ids = (nb: Notebook) => nb.cells.map((c) => c.id);

describe('planGrading', () => {
  it('puts the guard first, the canonical checks where the release has them, the hidden checks last', () => {
    const plan = planGrading(released(), rel, canonical, hidden, '__g');
    expect(ids(plan.notebook)).toEqual([GUARD_CELL_ID, ...ids(rel), 'reglab-hidden-h']);
    expect(plan.checks.map((c) => [c.index, c.id, c.submitted, c.hidden])).toEqual([
      [4, 'double', 'same', false], [7, 'mean-abs', 'same', false], [8, 'double-async', 'same', false], [9, 'h', 'hidden', true],
    ]);
    expect(joinMultiline(plan.notebook.cells[0].source)).toMatch(/require\(".*dist\/tools\/grader\/kernel-guard\.js"\)\.installGuard\("__g"\);/);
  });

  it('replaces an edited check cell and re-inserts deleted ones after their nearest canonical predecessor, even if the student moved cells', () => {
    const sub = released();
    sub.cells.find((c) => c.id === 'double-check')!.source = 'rl.check("double", 2, () => true);';
    sub.cells = sub.cells.filter((c) => c.id !== 'mean-abs-check' && c.id !== 'async-check' && c.id !== 'mean-abs-md');
    sub.cells.push({ cell_type: 'code', id: 'mine', metadata: {}, source: 'console.log(1);', outputs: [], execution_count: null });
    const plan = planGrading(sub, rel, canonical, [], '__g');
    expect(ids(plan.notebook)).toEqual([GUARD_CELL_ID, 'intro', 'setup', 'double-solution', 'double-check', 'mean-abs-solution', 'mean-abs-check', 'async-check', 'mine']);
    expect(plan.checks.map((c) => c.submitted)).toEqual(['edited', 'missing', 'missing']);
    expect(joinMultiline(plan.notebook.cells[4].source)).toContain('t.closeTo(double(3), 6, 1e-12, "double(3)")');
    expect(plan.notebook.cells[4].metadata).toEqual({ deletable: false, editable: false, reglab: { check: { id: 'double', points: 2 } } });
  });

  it('gives every injected cell its own key, in its own source only, and runs the code in strict mode with rl and built-ins re-bound', () => {
    const plan = planGrading(released(), rel, canonical, hidden, '__g');
    const keys = plan.checks.map((c) => c.key);
    expect(new Set(keys).size).toBe(keys.length);
    plan.checks.forEach((c) => {
      const holders = plan.notebook.cells.filter((cell) => joinMultiline(cell.source).includes(c.key));
      expect(holders.map((h) => h.id)).toEqual([c.cellId]);
    });
    const src = guardedSource('rl.check("x", 1, (t) => t.isTrue(true, "x"));', '__g', 'k');
    expect(src).toMatch(/^\(function \(env: any\) \{\n"use strict";\nconst \{ rl, Math, JSON, /);
    expect(src).toContain('})((function (this: any) { return this; })()["__g"]("k"));');
    expect(guardedSource('await rl.check("x", 1, async (t) => t.isTrue(true, "x"));', '__g', 'k')).toMatch(/^await async function \(env: any\)/);
  });

  it('runs the release kernel whatever kernel the submission names', () => {
    const sub = released();
    sub.metadata.kernelspec = { name: 'python3', display_name: 'Python 3' };
    expect(planGrading(sub, rel, canonical, []).notebook.metadata.kernelspec?.name).toBe('reglab-ts');
  });
});
