/**
 * release: the tiny fixture released as data; determinism; the CI check that the committed student
 * notebooks are exactly what `npm run release` makes from their sources; refusing to overwrite a copy
 * someone worked in.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { CheckCellError, checkCells } from '../../../src/tools/grader/check-cells';
import { releaseFiles, releaseNotebook } from '../../../src/tools/grader/release';
import { Notebook, joinMultiline, readNotebook, serializeNotebook, writeNotebook } from '../../../src/tools/notebook/notebook-io';
import { SOURCE_DIR, SOURCE_FILE } from './catalog';

const REPO = path.resolve(__dirname, '../../..');
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'reglab-release-'));

describe('releaseNotebook', () => {
  const src = readNotebook(SOURCE_FILE);
  const nb = releaseNotebook(src, SOURCE_FILE);

  it('keeps cells, ids and order; stubs solutions; locks check cells with namespaced metadata', () => {
    expect(nb.cells.map((c) => c.id)).toEqual(src.cells.map((c) => c.id));
    const text = nb.cells.map((c) => joinMultiline(c.source)).join('\n');
    expect(text).not.toMatch(/SOLUTION|return 2 \* x/);
    expect(joinMultiline(nb.cells.find((c) => c.id === 'double-solution')!.source)).toBe('/** 2x. */\nfunction double(x: number): number {\n  // TODO: your code here\n  throw new rl.NotImplementedError();\n}');
    expect(nb.cells.find((c) => c.id === 'double-check')!.metadata).toEqual({ deletable: false, editable: false, reglab: { check: { id: 'double', points: 2 } } });
    expect(nb.cells.find((c) => c.id === 'setup')!.metadata).toEqual({});
    expect(checkCells(nb).map((c) => [c.cellId, c.id, c.points])).toEqual([['double-check', 'double', 2], ['mean-abs-check', 'mean-abs', 3], ['async-check', 'double-async', 1]]);
    expect(src.cells.find((c) => c.id === 'double-check')!.metadata).toEqual({ reglab: { check: { id: 'double', points: 2 } } }); // the source is not changed
  });

  it('clears outputs, execution counts and timing, and is deterministic to the byte', () => {
    const ran = structuredClone(src);
    for (const c of ran.cells) if (c.cell_type === 'code') Object.assign(c, { outputs: [{ output_type: 'stream', name: 'stdout', text: 'x' }], execution_count: 3, metadata: { ...c.metadata, execution: { 'iopub.status.busy': 't' } } });
    expect(serializeNotebook(releaseNotebook(ran))).toBe(serializeNotebook(nb));
    expect(serializeNotebook(releaseNotebook(src))).toBe(serializeNotebook(releaseNotebook(src)));
  });

  it('derives check metadata from the code; refuses cells without ids, ambiguous check calls and duplicate check ids', () => {
    const noId = structuredClone(src);
    delete (noId.cells[1] as { id?: string }).id;
    expect(() => releaseNotebook(noId, 'x.ipynb')).toThrow(/x\.ipynb: cell 1 has no id/);
    const bad = structuredClone(src);
    bad.cells.find((c) => c.id === 'double-check')!.metadata = { reglab: { check: { id: 'double', points: 5 } } }; // stale, hand-written
    expect(bad.cells.find((c) => c.id === 'double-check')!.metadata).not.toEqual(releaseNotebook(src).cells.find((c) => c.id === 'double-check')!.metadata);
    expect((releaseNotebook(bad).cells.find((c) => c.id === 'double-check')!.metadata as any).reglab.check).toEqual({ id: 'double', points: 2 }); // the code wins
    const nonLiteral = structuredClone(src);
    nonLiteral.cells.find((c) => c.id === 'double-check')!.source = 'const POINTS = 2;\nrl.check("double", POINTS, (t) => t.isTrue(true, "x"));';
    expect(() => releaseNotebook(nonLiteral, 'x.ipynb')).toThrow(CheckCellError);
    expect(() => releaseNotebook(nonLiteral, 'x.ipynb')).toThrow(/x\.ipynb: cell double-check: line 2: rl\.check\(\.\.\.\): the points must be a number literal, got `POINTS`/);
    const twoCalls = structuredClone(src);
    twoCalls.cells.find((c) => c.id === 'double-check')!.source = 'rl.check("a", 1, () => true);\nrl.check("b", 1, () => true);';
    expect(() => releaseNotebook(twoCalls, 'x.ipynb')).toThrow(/makes 2 \(a on line 1, b on line 2\): split it into cells/);
    const dup = structuredClone(src);
    const second = dup.cells.find((c) => c.id === 'mean-abs-check')!;
    second.source = 'rl.check("double", 3, (t) => t.isTrue(true, "x"));';
    expect(() => releaseNotebook(dup, 'x.ipynb')).toThrow(/check id "double" is also used by cell double-check/);
  });
});

describe('releaseFiles', () => {
  it('the committed student notebooks are exactly the release of their sources (CI: run npm run release)', () => {
    const results = releaseFiles({ sourceDir: path.join(REPO, 'notebooks/source'), outDir: path.join(REPO, 'notebooks'), check: true });
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) expect(r.status, `${r.target} is ${r.status}: run npm run release`).toBe('unchanged');
  });

  it('writes missing copies, then reports them unchanged; --check reports out-of-date copies without writing', () => {
    const out = tmp();
    expect(releaseFiles({ sourceDir: SOURCE_DIR, outDir: out, check: true })[0].status).toBe('missing');
    expect(fs.existsSync(path.join(out, '01_tiny.ipynb'))).toBe(false);
    expect(releaseFiles({ sourceDir: SOURCE_DIR, outDir: out })[0].status).toBe('written');
    const first = fs.readFileSync(path.join(out, '01_tiny.ipynb'), 'utf8');
    expect(releaseFiles({ sourceDir: SOURCE_DIR, outDir: out })[0].status).toBe('unchanged');
    const stale = readNotebook(path.join(out, '01_tiny.ipynb'));
    stale.cells[0].source = 'old text';
    writeNotebook(path.join(out, '01_tiny.ipynb'), stale, { overwrite: true });
    expect(releaseFiles({ sourceDir: SOURCE_DIR, outDir: out, check: true })[0].status).toBe('out-of-date');
    expect(releaseFiles({ sourceDir: SOURCE_DIR, outDir: out })[0].status).toBe('written');
    expect(fs.readFileSync(path.join(out, '01_tiny.ipynb'), 'utf8')).toBe(first);
  });

  it('does not overwrite a copy someone worked in (outputs, or code where a stub was) unless forced', () => {
    const out = tmp();
    releaseFiles({ sourceDir: SOURCE_DIR, outDir: out });
    const file = path.join(out, '01_tiny.ipynb');
    const worked: Notebook = readNotebook(file);
    worked.cells.find((c) => c.id === 'double-solution')!.source = 'function double(x: number): number {\n  return x * 2;\n}';
    worked.cells[0].source = 'my notes';
    writeNotebook(file, worked, { overwrite: true });
    const refused = releaseFiles({ sourceDir: SOURCE_DIR, outDir: out })[0];
    expect(refused.status).toBe('refused');
    expect(refused.reason).toMatch(/cell double-solution has code where a stub was; pass --update to merge the release into it keeping the code, or --force/);
    expect(readNotebook(file).cells[0].source).toBe('my notes');
    expect(releaseFiles({ sourceDir: SOURCE_DIR, outDir: out, force: true })[0].status).toBe('written');
  });

  it('refuses a source with unbalanced markers before writing anything, naming file, cell and line', () => {
    const src = tmp();
    const out = tmp();
    const nb = readNotebook(SOURCE_FILE);
    nb.cells.find((c) => c.id === 'mean-abs-solution')!.source = 'function meanAbs(xs: number[]): number {\n  // BEGIN SOLUTION\n  return 0;\n}';
    writeNotebook(path.join(src, '02_bad.ipynb'), nb);
    fs.copyFileSync(SOURCE_FILE, path.join(src, '01_tiny.ipynb'));
    expect(() => releaseFiles({ sourceDir: src, outDir: out })).toThrow(/02_bad\.ipynb: cell mean-abs-solution, line 2: \/\/ BEGIN SOLUTION is never closed/);
    expect(fs.readdirSync(out)).toEqual([]);
  });
});
