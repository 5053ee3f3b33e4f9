/**
 * Re-releasing into a copy a learner worked in (update-copy.ts, `npm run release -- --update`): their
 * code survives, the release's changes arrive, nothing is overwritten without being asked.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import type { ICodeCell } from '@jupyterlab/nbformat';
import { Notebook, joinMultiline, readNotebook, serializeNotebook, writeNotebook } from '../../../src/tools/notebook/notebook-io';
import { releaseFiles, releaseNotebook } from '../../../src/tools/grader/release';
import { UpdateError, updateCopy } from '../../../src/tools/grader/update-copy';

const SOURCE = path.resolve(__dirname, '../../fixtures/submissions/source/01_tiny.ipynb');
const cell = (nb: Notebook, id: string) => nb.cells.find((c) => c.id === id)!;
const text = (nb: Notebook, id: string) => joinMultiline(cell(nb, id).source);
const setText = (nb: Notebook, id: string, s: string) => { cell(nb, id).source = s; };

/** The learner's copy: double solved (and run), meanAbs untouched, a demo cell edited, a cell of their own. */
function workedCopy(): Notebook {
  const copy = releaseNotebook(readNotebook(SOURCE));
  setText(copy, 'double-solution', '/** 2x. */\nfunction double(x: number): number {\n  return x + x; // mine\n}');
  (cell(copy, 'double-solution') as ICodeCell).outputs = [{ output_type: 'stream', name: 'stdout', text: 'ran\n' }];
  setText(copy, 'setup', 'import * as rl from "reglab";\nconst rng = new rl.Rng(42); // my seed');
  const mine = { cell_type: 'code' as const, id: 'my-notes', metadata: {}, source: 'console.log(double(21)); // trying it out', outputs: [], execution_count: null };
  copy.cells.splice(copy.cells.findIndex((c) => c.id === 'double-solution') + 1, 0, mine);
  return copy;
}

/** The next release: new intro text, a stricter check, and meanAbs with a new signature. */
function nextSource(): Notebook {
  const src = readNotebook(SOURCE);
  setText(src, 'intro', '# Tiny, second edition\nNow with a better explanation.');
  setText(src, 'double-check', 'rl.check("double", 2, (t) => {\n  t.closeTo(double(3), 6, 1e-12, "double(3)");\n  t.closeTo(double(0), 0, 0, "double(0)");\n});');
  setText(src, 'mean-abs-solution', text(src, 'mean-abs-solution').replace('function meanAbs(xs: number[]): number {', 'function meanAbs(xs: readonly number[]): number {'));
  return src;
}

describe('updateCopy', () => {
  it("keeps the learner's code and cells, brings the release's changes, and says what it did", () => {
    const { notebook: nb, notes, kept } = updateCopy(releaseNotebook(nextSource()), workedCopy());
    expect(text(nb, 'double-solution')).toContain('return x + x; // mine'); // their exercise code
    expect((cell(nb, 'double-solution') as ICodeCell).outputs).toHaveLength(1); // and its output
    expect(nb.cells.map((c) => c.id).indexOf('my-notes')).toBe(nb.cells.map((c) => c.id).indexOf('double-solution') + 1); // their own cell, in place
    expect(text(nb, 'intro')).toContain('second edition'); // the release's new text
    expect(text(nb, 'double-check')).toContain('double(0)'); // the release's new check, locked as released
    expect(cell(nb, 'double-check').metadata).toMatchObject({ editable: false, deletable: false, reglab: { check: { id: 'double', points: 2 } } });
    expect(text(nb, 'setup')).toBe('import * as rl from "reglab";\nconst rng = new rl.Rng(1);'); // the release's setup ...
    expect(text(nb, 'setup-yours')).toContain('new rl.Rng(42); // my seed'); // ... and theirs kept right below it
    // meanAbs changed in the release while the copy still has the old stub: the copy's cell stays (it could hold
    // lines of theirs), the new exercise follows it
    expect(text(nb, 'mean-abs-solution')).toContain('function meanAbs(xs: number[]): number {');
    expect(text(nb, 'mean-abs-solution-updated')).toContain('readonly number[]');
    expect(notes.join('\n')).toMatch(/cell mean-abs-solution: the release changed this exercise; your cell \(its stub still in place/);
    expect(kept).toBe(2);
    expect(notes.join('\n')).toMatch(/cell setup: updated by the release; your edited version is kept below it as setup-yours/);
    expect(notes.join('\n')).toMatch(/cell my-notes: not in the release; kept after double-solution/);
    expect(new Set(nb.cells.map((c) => c.id)).size).toBe(nb.cells.length);
  });

  it('when the release changes the code around an exercise the learner solved, theirs stays and the new one follows', () => {
    const copy = workedCopy();
    setText(copy, 'mean-abs-solution', '/** mean |x_i|. */\nfunction meanAbs(xs: number[]): number {\n  let s = 0;\n  for (const x of xs) s += Math.abs(x);\n  return s / xs.length;\n}');
    const { notebook: nb, notes, kept } = updateCopy(releaseNotebook(nextSource()), copy);
    expect(text(nb, 'mean-abs-solution')).toContain('for (const x of xs) s += Math.abs(x);');
    expect(text(nb, 'mean-abs-solution-updated')).toContain('function meanAbs(xs: readonly number[]): number {');
    expect(nb.cells.map((c) => c.id).indexOf('mean-abs-solution-updated')).toBe(nb.cells.map((c) => c.id).indexOf('mean-abs-solution') + 1);
    expect(kept).toBe(2);
    expect(notes.join('\n')).toMatch(/cell mean-abs-solution: the release changed the code around the exercise; your code is kept/);
  });

  it('an unchanged release changes nothing the learner wrote, and takes an untouched exercise as released', () => {
    const copy = workedCopy();
    const { notebook: nb, kept } = updateCopy(releaseNotebook(readNotebook(SOURCE)), copy);
    for (const id of ['double-solution', 'my-notes']) expect(text(nb, id)).toBe(text(copy, id));
    expect(text(nb, 'mean-abs-solution')).toBe(text(releaseNotebook(readNotebook(SOURCE)), 'mean-abs-solution'));
    expect(nb.cells.some((c) => c.id === 'mean-abs-solution-updated')).toBe(false);
    expect(kept).toBe(1);
  });

  it('refuses a copy without cell ids (nbformat 4.4), changing nothing', () => {
    const old = workedCopy();
    old.nbformat_minor = 4;
    for (const c of old.cells) delete (c as { id?: string }).id;
    expect(() => updateCopy(releaseNotebook(nextSource()), old, 'old.ipynb')).toThrow(UpdateError);
    expect(() => updateCopy(releaseNotebook(nextSource()), old, 'old.ipynb')).toThrow(/old\.ipynb: cell 0 has no id .* nothing was changed/);
  });
});

describe('npm run release -- --update', () => {
  it('refuses to replace a worked-in copy unless asked; --update merges it after a backup of the copy as it was', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reglab-update-'));
    const sources = path.join(dir, 'source'), out = path.join(dir, 'students');
    fs.mkdirSync(sources);
    fs.mkdirSync(out);
    writeNotebook(path.join(sources, '01_tiny.ipynb'), nextSource());
    const target = path.join(out, '01_tiny.ipynb');
    writeNotebook(target, workedCopy());
    const before = fs.readFileSync(target, 'utf8');
    const refused = releaseFiles({ sourceDir: sources, outDir: out });
    expect(refused[0].status).toBe('refused');
    expect(refused[0].reason).toMatch(/pass --update to merge the release into it keeping the code, or --force/);
    expect(fs.readFileSync(target, 'utf8')).toBe(before);
    const [r] = releaseFiles({ sourceDir: sources, outDir: out, update: true });
    expect(r.status).toBe('updated');
    expect(fs.readFileSync(r.backup!, 'utf8')).toBe(before);
    expect(path.basename(r.backup!)).toBe('01_tiny.before-update.ipynb');
    const updated = readNotebook(target);
    expect(text(updated, 'double-solution')).toContain('return x + x; // mine');
    expect(text(updated, 'intro')).toContain('second edition');
    expect(r.notes!.join('\n')).toMatch(/kept your code in 2 cell/);
    // a second update keeps the first backup and writes another
    const [again] = releaseFiles({ sourceDir: sources, outDir: out, update: true });
    expect(again.status).toBe('updated');
    expect(path.basename(again.backup!)).toBe('01_tiny.before-update-2.ipynb');
    expect(serializeNotebook(readNotebook(target))).toBe(serializeNotebook(updated)); // idempotent on its own output
    // edits made after an update are kept by the next one too
    const edited = readNotebook(target);
    setText(edited, 'setup', 'import * as rl from "reglab";\nconst rng = new rl.Rng(7); // changed my mind');
    const third = updateCopy(releaseNotebook(nextSource()), edited).notebook;
    expect(third.cells.filter((c) => joinMultiline(c.source).includes('changed my mind'))).toHaveLength(1);
    expect(third.cells.filter((c) => joinMultiline(c.source).includes('my seed'))).toHaveLength(1);
  });
});
