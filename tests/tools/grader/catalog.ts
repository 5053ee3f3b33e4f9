/**
 * The attack and fault catalog, as submissions built from the tiny release fixture
 * (tests/fixtures/submissions/source/01_tiny.ipynb: checks double 2, mean-abs 3, double-async 1, plus
 * the hidden double-large 1 = 7 points). Each case says what the submission does and exactly the score
 * it earned. Classes: honest work in every shape (nbformat 4.4 without ids, pasted cells, helper cells,
 * strings SES would reject); forgeries (edited or deleted checks, fake outputs, patched modules,
 * built-ins, Promise statics and prototypes, eval and Function escapes, hostile thrown values); damage
 * to others (writing another submission, the installed library, the kernel spec or the grades, killing
 * every process, reading the hidden checks, the network, memory, processes that outlive the kernel);
 * and faults (loops, floods, huge display updates, invalid or deeply nested JSON).
 *
 * Attacks meant for the judge sit inside an exercise cell (the judge always runs those), in a
 * try/catch where the attacker wants to keep the points of an otherwise correct solution; the feedback
 * kernel runs every cell, so it meets them too. `plainRunPasses` marks attacks that do forge passes
 * when the notebook is simply executed (the catalog test shows that first). `ctx` gives the paths a
 * damage attack aims at.
 */
import * as path from 'path';
import { Notebook, joinMultiline, readNotebook } from '../../../src/tools/notebook/notebook-io';
import { releaseNotebook } from '../../../src/tools/grader/release';

export const FIXTURES = path.resolve(__dirname, '../../fixtures/submissions');
export const SOURCE_DIR = path.join(FIXTURES, 'source');
export const HIDDEN_DIR = path.join(FIXTURES, 'hidden');
export const SOURCE_FILE = path.join(SOURCE_DIR, '01_tiny.ipynb');
export const INSTALL = path.resolve(__dirname, '../../..');
export const MAX = 7;

/** Where the batch lives, for attacks that aim at other people's files. */
export interface Ctx { subs: string; out: string; hidden: string; install: string; specs: string }

export interface Case {
  student: string;
  does: string;
  make: (ctx: Ctx) => Notebook | string;
  score: number;
  /** check id -> pattern its message must match (grades.json) */
  messages?: Record<string, RegExp>;
  note?: RegExp;
  flag?: RegExp;
  /** The outputs in the feedback notebook (what the student gets) must match / must not match. */
  feedback?: RegExp;
  notFeedback?: RegExp;
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
export function setSource(nb: Notebook, id: string, text: string): Notebook {
  nb.cells[cellAt(nb, id)].source = text;
  return nb;
}
export function insertAfter(nb: Notebook, id: string, ...cells: Notebook['cells']): Notebook {
  nb.cells.splice(cellAt(nb, id) + 1, 0, ...cells);
  return nb;
}
const DOUBLE = 'function double(x: number): number {\n  return 2 * x;\n}';
const MEAN_ABS = 'function meanAbs(xs: number[]): number {\n  return xs.reduce((s, x) => s + Math.abs(x), 0) / xs.length;\n}';
/** Exercises that return wrong answers (so only a forgery could pass). */
function wrong(nb: Notebook): Notebook {
  setSource(nb, 'double-solution', 'function double(x: number): number {\n  return 0;\n}');
  return setSource(nb, 'mean-abs-solution', 'function meanAbs(xs: number[]): number {\n  return 0;\n}');
}
/** A correct solution with `attack` (TypeScript) run in the double exercise cell, errors swallowed. */
const solvedWith = (attack: string): Notebook =>
  setSource(solved(), 'double-solution', `${DOUBLE}\ntry {\n${attack}\n} catch (e) {\n  console.log("attack failed: " + String((e as Error)?.message ?? e));\n}`);
/** Wrong exercises with `attack` run first in the double exercise cell. */
const wrongWith = (attack: string): Notebook => {
  const nb = wrong(released());
  const cell = nb.cells[cellAt(nb, 'double-solution')];
  cell.source = `try {\n${attack}\n} catch (e) {\n  console.log("attack failed: " + String((e as Error)?.message ?? e));\n}\n${joinMultiline(cell.source)}`;
  return nb;
};
const js = (s: string) => JSON.stringify(s);

/** A student cell's way to the function that shows a check result (not in the learner API: reached by path). */
const SHOW = '(require(require("path").dirname(require.resolve("reglab")) + "/lib/display/check.js").showCheck as (r: unknown) => void)';
const FORGED = '{ id, points, max: points, passed: true, message: "forged" }';

export const CASES: Case[] = [
  // ---- honest work, in every shape it comes in
  { student: 'honest-full', does: 'solves everything', make: solved, score: 7 },
  { student: 'honest-partial', does: 'solves double only', make: () => setSource(released(), 'double-solution', DOUBLE), score: 4, messages: { 'mean-abs': /not implemented/ } },
  { student: 'untouched', does: 'hands in the student copy as released', make: released, score: 0, messages: { double: /not implemented/, 'double-large': /not implemented/ } },
  {
    student: 'nbformat-44', does: 'solves everything, saved as nbformat 4.4 (no cell ids)',
    make: () => { const nb = solved(); nb.nbformat_minor = 4; for (const c of nb.cells) delete (c as { id?: string }).id; return nb; },
    score: 7,
  },
  {
    student: 'pasted-cells', does: 'solves everything in exercise cells pasted anew (new ids), with a helper cell of its own',
    make: () => {
      const nb = solved();
      nb.cells[cellAt(nb, 'double-solution')].id = 'f00d1';
      nb.cells[cellAt(nb, 'mean-abs-solution')] = { ...code('f00d2', '/** mean |x_i|. */\nfunction meanAbs(xs: number[]): number {\n  return sumAbs(xs) / xs.length;\n}') };
      return insertAfter(nb, 'setup', code('helper', 'function sumAbs(xs: number[]): number {\n  return xs.reduce((s, x) => s + Math.abs(x), 0);\n}'));
    },
    score: 7,
  },
  {
    student: 'html-like-strings', does: 'solves everything; its code holds "-->" and "<!--" in strings, a template and comments (SES rejects such text)',
    make: () => setSource(solved(), 'double-solution', `/** x --> 2x <!-- not html --> */\nfunction double(x: number): number {\n  const note = "a --> b, <!-- c";\n  const t = \`\${note} -->\`;\n  return t.length > 0 ? 2 * x : 0;\n}`),
    score: 7,
  },
  {
    student: 'edits-check', does: 'edits the check cells to always pass',
    make: () => setSource(setSource(wrong(released()), 'double-check', 'rl.check("double", 2, (t) => t.isTrue(true, "always"));'), 'mean-abs-check', 'rl.check("mean-abs", 3, () => true);'),
    score: 0, note: /double-check \(double\) had been edited; the original check was run/, plainRunPasses: true,
  },
  {
    student: 'deletes-checks', does: 'deletes two check cells (and solves everything)',
    make: () => { const nb = solved(); nb.cells = nb.cells.filter((c) => c.id !== 'mean-abs-check' && c.id !== 'async-check'); return nb; },
    score: 7, note: /mean-abs-check \(mean-abs\) was missing; the original check was put back/,
  },
  // ---- forgeries
  {
    student: 'prints-pass', does: 'prints fake PASS lines',
    make: () => insertAfter(wrong(released()), 'double-check', code('fake-line', 'console.log("PASS [2/2] double: passed");\nconsole.log("PASS [3/3] mean-abs: passed");')),
    score: 0, flag: /fake-line printed a line that looks like a check result/,
  },
  {
    student: 'fake-output', does: 'displays a fake check-result output from its own cell',
    make: () => insertAfter(wrong(released()), 'double-check', code('fake-output', `for (const [id, points] of [["double", 2], ["mean-abs", 3]] as [string, number][]) ${SHOW}(${FORGED});`)),
    score: 0, flag: /fake-output displayed a check result of its own/, plainRunPasses: true,
  },
  {
    student: 'fake-inside', does: 'displays a fake result from inside the function a check calls',
    make: () => setSource(solved(), 'double-solution', `function double(x: number): number {\n  const id = "double", points = 2;\n  ${SHOW}(${FORGED});\n  throw new rl.NotImplementedError();\n}`),
    score: 3, messages: { double: /Cannot find module 'path'/ }, plainRunPasses: true,
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
    student: 'patches-builtins', does: 'replaces Math.abs and Number.isNaN so every tolerance test passes',
    make: () => wrongWith('Math.abs = () => 0;\n(Number as any).isNaN = () => false;'),
    score: 0, plainRunPasses: true,
  },
  {
    student: 'patches-promise', does: 'replaces Promise.race and Promise.resolve so the async check resolves before it asserts',
    make: () => wrongWith('const resolved = Promise.resolve.bind(Promise);\n(Promise as any).race = () => resolved(true);\n(Promise as any).all = () => resolved([]);'),
    score: 0, plainRunPasses: true,
  },
  {
    student: 'prototype-hooks', does: 'hooks Object.prototype and Array.prototype (a getter for passed/points, toJSON, push) to rewrite results as they are built or serialized',
    make: () => wrongWith([
      'Object.defineProperty(Object.prototype, "passed", { get() { return true; }, set() { /* drop */ }, configurable: true });',
      '(Object.prototype as any).toJSON = function (this: any) { return { ...this, passed: true, points: this.max }; };',
      'const push = Array.prototype.push; (Array.prototype as any).push = function (this: unknown[], ...a: unknown[]) { return push.apply(this, a.map((x: any) => x && typeof x === "object" && "passed" in x ? { ...x, passed: true } : x)); };',
    ].join('\n')),
    score: 0,
  },
  {
    student: 'escapes', does: 'tries eval, the Function constructor, a library function\'s constructor and globalThis to reach process and require',
    make: () => wrongWith([
      'const viaEval = (0, eval)("typeof process === \\"object\\" ? process : null");',
      'const viaFunction = new Function("return typeof process === \\"object\\" ? process : null")();',
      'const viaLib = (rl.zeros as any).constructor("return process")();',
      'const g: any = globalThis;',
      'for (const p of [viaEval, viaFunction, viaLib, g.process]) if (p) p.exit(0);',
    ].join('\n')),
    score: 0, flag: /evaluates code from strings/,
  },
  {
    student: 'guard-name', does: 'exits the kernel, then defines a global function under any name a grader guard might have',
    make: () => insertAfter(wrongWith('(globalThis as any).__reglab_grader_0 = () => ({ rl: { check: () => undefined } });'), 'double-check', code('exit', 'process.exit(0);')),
    score: 0,
  },
  {
    student: 'hooks-kernel', does: "hooks tslab's executor, the TypeScript compiler and crypto's Hmac through require.cache",
    make: () => wrongWith([
      'for (const [k, m] of Object.entries(require.cache)) {',
      '  if (/tslab|typescript/.test(k) && m && m.exports) for (const f of Object.keys(m.exports)) { try { (m.exports as any)[f] = () => undefined; } catch { /* frozen */ } }',
      '}',
      'const c = require("crypto"); (c as any).createHmac = () => ({ update() { return this; }, digest: () => "0".repeat(64) });',
    ].join('\n')),
    score: 0, flag: /loads a module other than reglab/,
  },
  {
    student: 'hostile-throw', does: 'throws a value whose message getter never returns, from the function two checks call',
    make: () => setSource(solved(), 'double-solution', 'function double(x: number): number {\n  throw { get message(): string { for (;;) { /* forever */ } }, name: "Evil" };\n}'),
    score: 3, messages: { double: /did not finish within the time limit/ }, note: /async-check stopped the judge/,
  },
  {
    student: 'proxy-result', does: 'returns a Proxy that throws on every use from the function a check calls',
    make: () => setSource(solved(), 'mean-abs-solution', 'function meanAbs(xs: number[]): number {\n  return new Proxy({}, { get() { throw new Error("gotcha"); }, getPrototypeOf() { throw new Error("gotcha"); } }) as unknown as number;\n}'),
    score: 4, messages: { 'mean-abs': /expected a number|gotcha/ },
  },
  {
    student: 'leaks-hidden-input', does: 'throws an error holding the argument it got, to read the hidden check\'s input from its feedback',
    make: () => setSource(solved(), 'double-solution', 'function double(x: number): number {\n  if (Math.abs(x) > 1000) throw new Error("the hidden input is " + x);\n  return 2 * x;\n}'),
    score: 6, messages: { 'double-large': /the hidden input is 123456789/ }, notFeedback: /123456789/,
  },
  // ---- damage to others (each solves everything besides)
  {
    student: 'overwrites-others', does: "overwrites another student's submission and writes a new one",
    make: (ctx) => solvedWith(`const fs = require("fs");\nfs.writeFileSync(${js(path.join(ctx.subs, 'honest-full', '01_tiny.ipynb'))}, "{}");\nfs.writeFileSync(${js(path.join(ctx.subs, 'zz-planted', '01_tiny.ipynb'))}, "{}");`),
    score: 7, feedback: /attack failed: (ENOENT|EACCES|EROFS|Cannot find module)/,
  },
  {
    student: 'appends-library', does: 'appends code to the installed library that later kernels and judges load',
    make: (ctx) => solvedWith(`require("fs").appendFileSync(${js(path.join(ctx.install, 'dist', 'index.js'))}, "\\nexports.check = () => undefined;\\n");`),
    score: 7, feedback: /attack failed: (EROFS|EACCES|Cannot find module)/,
  },
  {
    student: 'rewrites-specs', does: 'rewrites the kernel spec and the hidden checks',
    make: (ctx) => solvedWith(`const fs = require("fs");\nfs.writeFileSync(${js(path.join(ctx.specs, 'kernels', 'reglab-ts', 'kernel.json'))}, "{}");\nfs.writeFileSync(${js(path.join(ctx.hidden, '01_tiny.ts'))}, "");`),
    score: 7, feedback: /attack failed: (ENOENT|EACCES|EROFS|Cannot find module)/,
  },
  {
    student: 'reads-hidden', does: 'reads the hidden checks folder and prints it into its feedback',
    make: (ctx) => solvedWith(`console.log(require("fs").readFileSync(${js(path.join(ctx.hidden, '01_tiny.ts'))}, "utf8"));`),
    score: 7, notFeedback: /123456789|double of a secret/,
  },
  {
    student: 'outlives-kernel', does: 'starts a detached process that rewrites grades.json after the kernel is gone',
    make: (ctx) => solvedWith(`require("child_process").spawn("/bin/sh", ["-c", ${js(`sleep 4; echo '{"forged": true}' > ${path.join(ctx.out, 'grades.json')}`)}], { detached: true, stdio: "ignore" }).unref();\nconsole.log("planted");`),
    score: 7,
  },
  {
    student: 'kills-all', does: 'sends SIGKILL to every process it can (the next kernel, the grader)',
    make: () => solvedWith('process.kill(-1, "SIGKILL");'),
    score: 7,
  },
  {
    student: 'network', does: 'opens a network connection',
    make: () => solvedWith('await new Promise<void>((done) => {\n  const s = require("net").connect(80, "1.1.1.1");\n  s.on("error", (e: any) => { console.log("network: " + e.code); done(); });\n  s.on("connect", () => { console.log("network: CONNECTED"); done(); });\n});'),
    score: 7, feedback: /network: (ENETUNREACH|EHOSTUNREACH|EACCES)/, notFeedback: /network: CONNECTED/,
  },
  {
    student: 'memory-bomb', does: 'allocates typed arrays (off the V8 heap) until the memory limit stops it',
    make: () => solvedWith('const keep: Float64Array[] = [];\ntry { for (let i = 0; i < 1000; i++) keep.push(new Float64Array(1 << 24)); } finally { console.log("allocated " + keep.length * 128 + " MB"); }'),
    score: 7, feedback: /allocated \d+ MB/, notFeedback: /allocated 128000 MB/,
  },
  // ---- faults
  {
    student: 'exits', does: 'calls process.exit in a cell after the first check (and solves everything)',
    make: () => insertAfter(solved(), 'double-check', code('exit', 'process.exit(1);')),
    score: 7,
  },
  {
    student: 'loops', does: 'loops forever inside the function three checks call',
    make: () => setSource(solved(), 'double-solution', 'function double(x: number): number {\n  for (;;) { /* forever */ }\n}'),
    score: 3, messages: { double: /did not finish within the time limit/ },
  },
  {
    student: 'loops-in-promise', does: 'starts an endless loop in a promise callback from the function the first check calls',
    make: () => setSource(solved(), 'double-solution', 'let started = false;\nfunction double(x: number): number {\n  if (!started) { started = true; Promise.resolve().then(() => { for (;;) { /* forever */ } }); }\n  return 2 * x;\n}'),
    score: 3, messages: { double: /did not finish within the time limit/, 'double-large': /did not finish within the time limit/ }, note: /stopped the judge/,
  },
  {
    student: 'prints-100mb', does: 'prints 100 MB (and solves everything)',
    make: () => insertAfter(solved(), 'setup', code('flood', 'const chunk = "x".repeat(1 << 20);\nfor (let i = 0; i < 100; i++) console.log(chunk);')),
    score: 7,
  },
  {
    student: 'huge-display', does: 'sends 60 MB through display updates of one output (and solves everything)',
    make: () => solvedWith('const d = (require("tslab") as any).newDisplay();\nfor (let i = 0; i < 60; i++) d.html("<p>" + "x".repeat(1 << 20) + "</p>");'),
    score: 7,
  },
  { student: 'not-json', does: 'is not valid JSON', make: () => '{"cells": [ {"cell_type": "code", ', score: 0, messages: { double: /not a readable notebook/ } },
  {
    student: 'deep-json', does: 'is valid JSON nested 100,000 levels deep in its metadata',
    make: () => JSON.stringify(solved()).replace('"metadata":{', `"metadata":{"deep":${'['.repeat(100_000)}${']'.repeat(100_000)},`),
    score: 0, messages: { double: /nested more than 64 levels/ },
  },
  {
    student: 'other-kernel', does: 'names the python3 kernel (and solves everything in TypeScript)',
    make: () => { const nb = solved(); nb.metadata.kernelspec = { name: 'python3', display_name: 'Python 3', language: 'python' }; return nb; },
    score: 7, note: /names kernel "python3"; it was graded as a "reglab-ts" notebook/,
  },
];

export const MEAN_ABS_SOURCE = MEAN_ABS;
