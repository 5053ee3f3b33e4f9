/**
 * The judge's plain-data parts, without running a realm: matching submission cells to the release
 * (ids, content, similarity, added cells), choosing the cells checks need, the names a cell declares
 * and uses, SES-safe source, what may be cached, which release cells are pure, and the JSON depth scan.
 */
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { jsonDepth } from '../../../../src/tools/grader/grade-one';
import { loadRelease } from '../../../../src/tools/grader/grade';
import { pureCells } from '../../../../src/tools/grader/judge/cache';
import { cellNames } from '../../../../src/tools/grader/judge/cell-names';
import { faithfulReason } from '../../../../src/tools/grader/judge/faithful';
import { judgedNotebook } from '../../../../src/tools/grader/judge/judged-notebook';
import { libraryExportNames } from '../../../../src/tools/grader/judge/judge';
import { matchCells } from '../../../../src/tools/grader/judge/match-cells';
import { selectForChecks } from '../../../../src/tools/grader/judge/select-cells';
import { sesSafeSource } from '../../../../src/tools/grader/judge/ses-source';
import * as ts from 'typescript';
import { SOURCES, submissionFor } from './wrong-solutions';

const INSTALL = path.resolve(__dirname, '../../../..');
const exports = libraryExportNames(INSTALL);
const rel = new Map(loadRelease(SOURCES).map((r) => [r.name, r]));
const c = (id: string | null, source: string, type = 'code') => ({ id, type, source });

describe('matchCells', () => {
  const release = [c('md', '# Title', 'markdown'), c('setup', 'import * as rl from "reglab";'), c('ex', 'function f(x: number): number {\n  // TODO: your code here\n  throw new rl.NotImplementedError();\n}'), c('check', 'rl.check("f", 1, (t) => t.closeTo(f(1), 2));'), c('demo', 'console.log(f(2));')];
  const exercise = [false, false, true, false, false];

  it('matches by id, and places added cells after the cell they follow', () => {
    const sub = [c('md', '# Title', 'markdown'), c('setup', 'import * as rl from "reglab";'), c('mine', 'const helper = 1;'), c('ex', 'function f(x: number): number {\n  return 2 * x;\n}'), c('check', 'edited')];
    const m = matchCells(release, exercise, sub);
    expect(m.bySlot).toEqual([0, 1, 3, 4, -1]);
    expect(m.how).toEqual(['id', 'id', 'id', 'id', 'missing']);
    expect(m.added).toEqual([{ sub: 2, after: 1 }]);
  });

  it('matches nbformat 4.4 notebooks (no ids) by content and the exercise by its shared lines', () => {
    const sub = [c(null, '# Title', 'markdown'), c(null, 'import * as rl from "reglab";'), c(null, 'function f(x: number): number {\n  return x + x;\n}'), c(null, 'rl.check("f", 1, () => true);'), c(null, 'console.log(f(2));'), c(null, 'scratch()')];
    const m = matchCells(release, exercise, sub);
    expect(m.bySlot).toEqual([0, 1, 2, 3, 4]);
    expect(m.how).toEqual(['content', 'content', 'similar', 'content', 'content']);
    expect(m.added).toEqual([{ sub: 5, after: 4 }]);
  });

  it('does not take an unrelated cell for a missing exercise', () => {
    const sub = [c(null, 'import * as rl from "reglab";'), c(null, 'const x = 1;'), c(null, 'rl.check("f", 1, () => true);')];
    const m = matchCells(release, exercise, sub);
    expect(m.bySlot[2]).toBe(-1);
    expect(m.added).toEqual([{ sub: 1, after: 1 }]);
  });
});

describe('the judged notebook and the cells checks need', () => {
  it('01: exercises from the submission, checks canonical, demos and training left out, each check forbidding its exercise\'s reference', () => {
    const sub = submissionFor({ notebook: '01_dropout', name: 'x', regions: {}, added: [['data', 'function helper(): number {\n  return 1;\n}'], ['train-runs', 'console.log("an experiment");']] });
    const j = judgedNotebook(rel.get('01_dropout')!, sub, exports);
    expect(j.cells.map((x) => `${x.role}:${x.cellId}`)).toEqual([
      'release:setup', 'student:forward-solution', 'check:forward-train-check', 'check:forward-eval-check', 'release:scaling-plot', 'student:backward-solution',
      'check:backward-check', 'release:data', 'student:added-16', 'release:train-runs', 'student:added-18', 'release:summary-table',
    ]);
    expect(j.cells.find((x) => x.cellId === 'forward-train-check')!.check).toEqual({ id: 'dropout-forward-train', points: 2, hidden: false, forbidden: ['dropoutForward'] });
    // the backward check runs the library's forward (not the learner's), so only dropoutBackward is forbidden there
    expect(j.cells.find((x) => x.cellId === 'backward-check')!.check!.forbidden.sort()).toEqual(['dropoutBackward']);
    expect(selectForChecks(j.cells).map((x) => x.cellId)).toEqual(['setup', 'forward-solution', 'forward-train-check', 'forward-eval-check', 'backward-solution', 'backward-check']);
    expect(j.notes).toEqual([]);
  });

  it('05: the checks need the training cells; the helper a student added is pulled in only when used', () => {
    const sub = submissionFor({ notebook: '05_full_pipeline', name: 'x', regions: { 'copy-solution': 'return share(samples, trainNames);' }, added: [['setup', 'function share(s: readonly string[], t: ReadonlySet<string>): number {\n  return s.filter((x) => t.has(x)).length / s.length;\n}']] });
    const chosen = selectForChecks(judgedNotebook(rel.get('05_full_pipeline')!, sub, exports).cells).map((x) => x.cellId);
    expect(chosen).toEqual(expect.arrayContaining(['added-2', 'copy-solution', 'data', 'baseline-run', 'regularized-run', 'samples', 'check-val', 'check-copy']));
    expect(chosen).not.toContain('telltale-plot');
  });

  it('05: the baseline run is pure (no student code reaches it), the regularized run is not', () => {
    const j = judgedNotebook(rel.get('05_full_pipeline')!, rel.get('05_full_pipeline')!.released, exports);
    const pure = pureCells(j.cells);
    const id = (cellId: string) => j.cells.find((x) => x.cellId === cellId)!.index;
    expect(pure.has(id('baseline-run'))).toBe(true);
    expect(pure.has(id('data'))).toBe(true);
    expect(pure.has(id('regularized-run'))).toBe(false);
    expect(pure.has(id('samples'))).toBe(false);
  });
});

describe('cell names', () => {
  it('declared: top-level functions, classes, variables (destructured), imports; used: identifiers but not property names', () => {
    const n = cellNames('import * as rl from "reglab";\nconst { a, b: [c] } = f();\nfunction g() { return rl.zeros(h, 1).data; }\nclass K {}\ninterface I {}');
    expect([...n.declared].sort()).toEqual(['I', 'K', 'a', 'c', 'g', 'rl']);
    expect(n.used.has('h')).toBe(true);
    expect(n.used.has('zeros')).toBe(false);
    expect(n.used.has('data')).toBe(false);
  });
});

describe('SES-safe source', () => {
  it('escapes what SES rejects inside literals and blanks it in comments, without changing what the code does', () => {
    const js = 'const a = "x --> y <!-- z"; // a --> comment\nconst b = `import(${1}) -->`;\n/* eval(1) */ const r = /-->/.test("-->");\nresult = [a, b, r];';
    const safe = sesSafeSource(js, ts);
    expect(safe).not.toMatch(/<!--|-->|import\(|eval\(/);
    const run = (src: string) => new Function(`let result; ${src}; return result;`)();
    expect(run(safe)).toEqual(run(js));
    expect(sesSafeSource('const plain = 1;', ts)).toBe('const plain = 1;');
  });
});

describe('what may be cached', () => {
  it('plain data, typed arrays, Maps and Sets do; functions, class instances, getters and symbols do not', () => {
    expect(faithfulReason({ a: [1, 'x', null], b: new Float64Array(3), m: new Map([['k', new Set([1])]]), d: new Date(0) })).toBeNull();
    expect(faithfulReason({ f: () => 1 })).toBe('holds a function at .f');
    expect(faithfulReason({ r: new (class R {})() })).toBe('holds a class instance at .r');
    expect(faithfulReason({ get g() { return 1; } })).toBe('has a getter at .g');
    expect(faithfulReason({ [Symbol('s')]: 1 })).toBe('has symbol keys at the top');
  });
});

describe('jsonDepth', () => {
  it('counts brackets outside strings and stops early', () => {
    expect(jsonDepth('{"a": [1, {"b": "[[[["}]}')).toBe(3);
    expect(jsonDepth('"\\"[[["')).toBe(0);
    expect(jsonDepth('['.repeat(1_000_000), 64)).toBe(65);
  });
});
