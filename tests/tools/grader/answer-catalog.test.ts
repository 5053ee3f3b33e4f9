/**
 * Answer catalogs without a kernel: the format (entries, regions, lists, the errors that name a line),
 * splicing an entry into a notebook (markers kept, indentation, several regions, unknown cells), and
 * judging check results (caught, named, contained; valid entries at full marks).
 */
import { describe, expect, it } from 'vitest';
import { CatalogError, catalogPathFor, parseCatalog } from '../../../src/tools/grader/answer-catalog';
import { changedCells, VariantError, variantNotebook } from '../../../src/tools/grader/answer-variant';
import { judgeEntry } from '../../../src/tools/grader/answer-verdict';
import type { CheckResult } from '../../../src/lib/checks/result';
import type { Notebook } from '../../../src/tools/notebook/notebook-io';

const CATALOG = `# Answer catalog: demo
notes for authors
- skip: plot, train

## forward-no-scaling
- kind: wrong
- region: forward-solution
- fails: fwd-check
- may-fail: bwd-check
- names: / keepProb
- names: scale
- through: fwd-check-cell

Forgets the 1/p.

\`\`\`ts
return x;
\`\`\`

## both-regions
- kind: valid
- region: two#2
- region: two
\`\`\`ts
const b = 2;
\`\`\`
\`\`\`ts
  const a = 1;
\`\`\`
`;

const nb: Notebook = {
  nbformat: 4, nbformat_minor: 5, metadata: {},
  cells: [
    { cell_type: 'code', id: 'setup', metadata: {}, source: 'import * as rl from "reglab";', outputs: [], execution_count: null },
    { cell_type: 'code', id: 'forward-solution', metadata: {}, source: 'function f(x) {\n  // BEGIN SOLUTION\n  return x * 2;\n  // END SOLUTION\n}', outputs: [], execution_count: null },
    { cell_type: 'code', id: 'two', metadata: {}, source: 'function a() {\n    // BEGIN SOLUTION\n    old();\n    // END SOLUTION\n}\nfunction b() {\n  // BEGIN SOLUTION\n  old();\n  // END SOLUTION\n}', outputs: [], execution_count: null },
  ],
};

describe('the catalog format', () => {
  it('reads entries, regions, lists and notes', () => {
    const c = parseCatalog(CATALOG, 'demo.catalog.md');
    expect(c.skip).toEqual(['plot', 'train']);
    expect(c.entries.map((e) => e.name)).toEqual(['forward-no-scaling', 'both-regions']);
    const [w, v] = c.entries;
    expect(w).toMatchObject({ kind: 'wrong', regions: [{ cellId: 'forward-solution', index: 1 }], fails: ['fwd-check'], mayFail: ['bwd-check'], names: ['/ keepProb', 'scale'], through: 'fwd-check-cell', note: 'Forgets the 1/p.', code: ['return x;'], line: 5 });
    expect(v).toMatchObject({ kind: 'valid', regions: [{ cellId: 'two', index: 2 }, { cellId: 'two', index: 1 }], code: ['const b = 2;', '  const a = 1;'] });
    expect(catalogPathFor('notebooks/source/01_dropout.ipynb')).toBe('notebooks/source/01_dropout.catalog.md');
  });

  it.each([
    ['## Bad Name\n- kind: wrong', /:1: entry name "Bad Name"/],
    ['## a\n- kind: wrong\n- region: c\n- fails: x\n```ts\nx\n```\n## a\n- kind: valid\n- region: c\n```ts\nx\n```', /:8: entry name a is used twice/],
    ['## a\n- kind: maybe', /:2: kind must be wrong or valid/],
    ['## a\n- kind: wrong\n- region: c\n```ts\nx\n```', /:1: entry a: a wrong entry needs "- fails:/],
    ['## a\n- kind: valid\n- region: c\n- fails: x\n```ts\nx\n```', /valid entry must keep full marks/],
    ['## a\n- kind: wrong\n- region: c\n- region: d\n- fails: x\n```ts\nx\n```', /2 region line\(s\) but 1 code block/],
    ['## a\n- kind: wrong\n- region: c\n- fails: x\n```ts\nx', /:5: code block is never closed/],
    ['- fails: x\n## a', /:1: "- fails:" before the first entry/],
    ['## a\n- kind: wrong\n- fails: x, y\n- may-fail: y\n- region: c\n```ts\nx\n```', /y listed under both fails and may-fail/],
  ])('refuses %j with a line number', (text, message) => {
    expect(() => parseCatalog(text, 'c.md')).toThrow(CatalogError);
    expect(() => parseCatalog(text, 'c.md')).toThrow(message);
  });
});

describe('splicing an entry', () => {
  it('replaces the region bodies, keeps the markers, re-indents, leaves the source notebook alone', () => {
    const c = parseCatalog(CATALOG);
    const v = variantNotebook(nb, c.entries[1]);
    expect(v.cells[2].source).toBe('function a() {\n    // BEGIN SOLUTION\n    const a = 1;\n    // END SOLUTION\n}\nfunction b() {\n  // BEGIN SOLUTION\n  const b = 2;\n  // END SOLUTION\n}');
    expect(nb.cells[2].source).toContain('old();');
    expect(variantNotebook(nb, c.entries[0]).cells[1].source).toBe('function f(x) {\n  // BEGIN SOLUTION\n  return x;\n  // END SOLUTION\n}');
    expect(changedCells(nb, c.entries[1])).toEqual([2]);
  });

  it('says which entry does not fit', () => {
    const e = { ...parseCatalog(CATALOG).entries[0], regions: [{ cellId: 'nope', index: 1 }] };
    expect(() => variantNotebook(nb, e)).toThrow(VariantError);
    expect(() => variantNotebook(nb, { ...e, regions: [{ cellId: 'forward-solution', index: 2 }] })).toThrow(/entry forward-no-scaling: cell forward-solution has 1 solution region\(s\), not a region #2/);
  });
});

describe('judging an entry', () => {
  const r = (id: string, passed: boolean, extra: Partial<CheckResult> = {}): CheckResult => ({ id, points: passed ? 2 : 0, max: 2, passed, message: passed ? 'ok' : 'out is off', ...extra });
  const run = (results: CheckResult[], cellErrors: string[] = []) => ({ results: new Map(results.map((x) => [x.id, x])), checkIds: ['fwd-check', 'bwd-check', 'other'], cellErrors });
  const wrong = parseCatalog(CATALOG).entries[0];

  it('a wrong entry: caught, named, contained', () => {
    const v = judgeEntry(wrong, run([r('fwd-check', false, { hint: 'divide by / keepProb to scale' }), r('bwd-check', false), r('other', true)]));
    expect(v).toMatchObject({ ok: true, caught: true, named: true, contained: true, problems: [] });
  });

  it('a wrong entry that passes, is not named, says not implemented, or cascades, is not ok', () => {
    expect(judgeEntry(wrong, run([r('fwd-check', true), r('bwd-check', true), r('other', true)])).problems).toEqual(['fwd-check kept its points: the mistake is not caught']);
    const unnamed = judgeEntry(wrong, run([r('fwd-check', false, { hint: 'something else' }), r('bwd-check', true), r('other', true)]));
    expect([unnamed.caught, unnamed.named, unnamed.ok]).toEqual([true, false, false]);
    expect(unnamed.problems[0]).toMatch(/does not say "\/ keepProb"/);
    const stub = judgeEntry(wrong, run([r('fwd-check', false, { notImplemented: true, hint: '/ keepProb scale' }), r('bwd-check', true), r('other', true)]));
    expect(stub.problems).toContain('fwd-check says "not implemented", not what is wrong');
    const cascade = judgeEntry(wrong, run([r('fwd-check', false, { hint: '/ keepProb scale' }), r('bwd-check', true), r('other', false)]));
    expect([cascade.contained, cascade.ok]).toEqual([false, false]);
    expect(cascade.problems[0]).toMatch(/^other lost its points too \(a cascade/);
    expect(judgeEntry(wrong, run([r('bwd-check', true), r('other', true)])).problems).toContain('fwd-check: the check cell showed no result');
  });

  it('a valid entry needs every check at full marks and no failed cell', () => {
    const valid = parseCatalog(CATALOG).entries[1];
    expect(judgeEntry(valid, run([r('fwd-check', true), r('bwd-check', true), r('other', true)])).ok).toBe(true);
    expect(judgeEntry(valid, run([r('fwd-check', true), r('bwd-check', false), r('other', true)])).problems).toEqual(['bwd-check lost its points: out is off']);
    expect(judgeEntry(valid, run([r('fwd-check', true), r('bwd-check', true), r('other', true)], ['plot: error: boom'])).problems).toEqual(['cell failed: plot: error: boom']);
  });
});
