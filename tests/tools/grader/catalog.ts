/**
 * The forgery and fault catalog of issue 5, as submissions built from the tiny release fixture
 * (tests/fixtures/submissions/source/01_tiny.ipynb: checks double 2, mean-abs 3, double-async 1, plus
 * the hidden double-large 1 = 7 points). Each case says what the submission does and exactly the
 * score it earned; `plainRunPasses` marks attacks that really do forge passes when the notebook is
 * simply executed (the catalog test shows that first, so a 0 from the grader means something).
 */
import * as path from 'path';
import { Notebook, joinMultiline, readNotebook } from '../../../src/tools/notebook/notebook-io';
import { releaseNotebook } from '../../../src/tools/grader/release';

export const FIXTURES = path.resolve(__dirname, '../../fixtures/submissions');
export const SOURCE_DIR = path.join(FIXTURES, 'source');
export const HIDDEN_DIR = path.join(FIXTURES, 'hidden');
export const SOURCE_FILE = path.join(SOURCE_DIR, '01_tiny.ipynb');
export const MAX = 7;

export interface Case {
  student: string;
  does: string;
  make: () => Notebook | string;
  score: number;
  /** check id -> pattern its message must match */
  messages?: Record<string, RegExp>;
  note?: RegExp;
  flag?: RegExp;
  plainRunPasses?: boolean;
}

const source = (): Notebook => readNotebook(SOURCE_FILE);
/** The student copy, as released. */
export const released = (): Notebook => releaseNotebook(source(), SOURCE_FILE);
/** The student copy with every exercise filled in with the solution. */
export function solved(): Notebook {
  const nb = released();
  const src = source();
  nb.cells.forEach((c, i) => (c.source = joinMultiline(src.cells[i].source)));
  return nb;
}
const code = (id: string, text: string): Notebook['cells'][number] => ({ cell_type: 'code', id, metadata: {}, source: text, outputs: [], execution_count: null });
const cellAt = (nb: Notebook, id: string) => nb.cells.findIndex((c) => c.id === id);
function setSource(nb: Notebook, id: string, text: string): Notebook {
  nb.cells[cellAt(nb, id)].source = text;
  return nb;
}
function insertAfter(nb: Notebook, id: string, ...cells: Notebook['cells']): Notebook {
  nb.cells.splice(cellAt(nb, id) + 1, 0, ...cells);
  return nb;
}
/** Exercises that return wrong answers (so only a forgery could pass). */
function wrong(nb: Notebook): Notebook {
  setSource(nb, 'double-solution', 'function double(x: number): number {\n  return 0;\n}');
  return setSource(nb, 'mean-abs-solution', 'function meanAbs(xs: number[]): number {\n  return 0;\n}');
}

/** A student cell's way to the function that shows a check result (not in the learner API: reached by path). */
const SHOW = '(require(require("path").dirname(require.resolve("reglab")) + "/lib/display/check.js").showCheck as (r: unknown) => void)';
const FORGED = '{ id, points, max: points, passed: true, message: "forged" }';

export const CASES: Case[] = [
  { student: 'honest-full', does: 'solves everything', make: solved, score: 7 },
  { student: 'honest-partial', does: 'solves double only', make: () => setSource(released(), 'double-solution', 'function double(x: number): number {\n  return x + x;\n}'), score: 4, messages: { 'mean-abs': /not implemented/ } },
  { student: 'untouched', does: 'hands in the student copy as released', make: released, score: 0, messages: { double: /not implemented/, 'double-large': /not implemented/ } },
  {
    student: 'edits-check', does: 'edits the check cells to always pass',
    make: () => setSource(setSource(released(), 'double-check', 'rl.check("double", 2, (t) => t.isTrue(true, "always"));'), 'mean-abs-check', 'rl.check("mean-abs", 3, () => true);'),
    score: 0, note: /double-check \(double\) had been edited; the original check was run/, plainRunPasses: true,
  },
  {
    student: 'deletes-checks', does: 'deletes two check cells (and solves everything)',
    make: () => { const nb = solved(); nb.cells = nb.cells.filter((c) => c.id !== 'mean-abs-check' && c.id !== 'async-check'); return nb; },
    score: 7, note: /mean-abs-check \(mean-abs\) was missing; the original check was put back/,
  },
  {
    student: 'prints-pass', does: 'prints fake PASS lines',
    make: () => insertAfter(released(), 'double-check', code('fake-line', 'console.log("PASS [2/2] double: passed");\nconsole.log("PASS [3/3] mean-abs: passed");')),
    score: 0, flag: /fake-line printed a line that looks like a check result/,
  },
  {
    student: 'fake-output', does: 'displays a fake check-result output from its own cell',
    make: () => insertAfter(released(), 'double-check', code('fake-output', `for (const [id, points] of [["double", 2], ["mean-abs", 3]] as [string, number][]) ${SHOW}(${FORGED});`)),
    score: 0, flag: /fake-output displayed a check result of its own/,
  },
  {
    student: 'fake-inside', does: 'displays a fake result from inside the function a check calls',
    make: () => setSource(solved(), 'double-solution', `function double(x: number): number {\n  const id = "double", points = 2;\n  ${SHOW}(${FORGED});\n  throw new rl.NotImplementedError();\n}`),
    score: 3, messages: { double: /not implemented yet \(1 check-result output in this cell without the grader's signature ignored\)/ },
  },
  {
    student: 'patches-modules', does: "monkey-patches reglab's check, assertions and transport in the shared modules",
    make: () => insertAfter(wrong(released()), 'setup', code('patch', [
      'const dir = require("path").dirname(require.resolve("reglab"));',
      'const asserts = require(dir + "/lib/checks/asserts.js");',
      'const pass = () => { /* every assertion passes */ };',
      'asserts.createAsserts = () => ({ closeTo: pass, relError: () => 0, arraysClose: pass, equal: pass, isTrue: pass, throws: pass, note: pass, notes: ["patched"], count: 1, failures: [] });',
      'const run = require(dir + "/lib/checks/run.js");',
      `run.evaluateCheck = (id: string, points: number) => (${FORGED});`,
      'try { (rl as any).check = () => undefined; } catch { /* namespace getters */ }',
    ].join('\n'))),
    score: 0, flag: /cell patch loads a module other than reglab/, plainRunPasses: true,
  },
  {
    student: 'redefines-rl', does: 'redefines rl with a check that always passes',
    make: () => insertAfter(wrong(released()), 'setup', code('keep', 'const realRl = rl;'),
      code('redefine', `const rl: any = { ...realRl, check: (id: string, points: number) => ${SHOW}(${FORGED}) };`)),
    score: 0, flag: /cell redefine redefines rl or a built-in/, plainRunPasses: true,
  },
  {
    student: 'patches-builtins', does: 'replaces Math.abs so every tolerance test passes',
    make: () => insertAfter(wrong(released()), 'setup', code('patch-math', 'Math.abs = () => 0;\n(Number as any).isNaN = () => false;')),
    score: 0, plainRunPasses: true,
  },
  {
    student: 'exits', does: 'calls process.exit after the first check',
    make: () => insertAfter(solved(), 'double-check', code('exit', 'process.exit(1);')),
    score: 2, messages: { 'mean-abs': /kernel was restarted after cell exit ended it/ }, note: /cell exit ended the kernel/,
  },
  {
    student: 'loops', does: 'loops forever inside the function two checks call',
    make: () => setSource(solved(), 'double-solution', 'function double(x: number): number {\n  for (;;) { /* forever */ }\n}'),
    score: 3, messages: { double: /did not finish within the time limit/ },
  },
  {
    student: 'prints-100mb', does: 'prints 100 MB (and solves everything)',
    make: () => insertAfter(solved(), 'setup', code('flood', 'const chunk = "x".repeat(1 << 20);\nfor (let i = 0; i < 100; i++) console.log(chunk);')),
    score: 7,
  },
  { student: 'not-json', does: 'is not valid JSON', make: () => '{"cells": [ {"cell_type": "code", ', score: 0, messages: { double: /not a readable notebook/ } },
  {
    student: 'other-kernel', does: 'names the python3 kernel (and solves everything in TypeScript)',
    make: () => { const nb = solved(); nb.metadata.kernelspec = { name: 'python3', display_name: 'Python 3', language: 'python' }; return nb; },
    score: 7, note: /names kernel "python3"; it was graded with "reglab-ts"/,
  },
];
