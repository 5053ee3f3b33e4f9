import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { findSubmissions, matchRelease } from '../../../src/tools/grader/submissions';

const NAMES = ['01_dropout', '02_layer_norm'];

function tree(files: string[]): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'reglab-subs-'));
  for (const f of files) {
    fs.mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
    fs.writeFileSync(path.join(root, f), '{}');
  }
  return root;
}

describe('submissions', () => {
  it('match release notebooks by exact name, name prefix or number', () => {
    expect(matchRelease('/x/01_dropout.ipynb', NAMES)).toBe('01_dropout');
    expect(matchRelease('01_dropout (1).ipynb', NAMES)).toBe('01_dropout');
    expect(matchRelease('02_layer_norm-Copy1.ipynb', NAMES)).toBe('02_layer_norm');
    expect(matchRelease('02_my_norm.ipynb', NAMES)).toBe('02_layer_norm');
    expect(matchRelease('scratch.ipynb', NAMES)).toBeNull();
    expect(matchRelease('03_weight_decay.ipynb', NAMES)).toBeNull();
  });

  it('find one notebook, a folder of notebooks, and a folder per student; skip checkpoints, the output folder and strangers', () => {
    const root = tree([
      'alice/01_dropout.ipynb', 'alice/work/02_layer_norm.ipynb', 'alice/.ipynb_checkpoints/01_dropout-checkpoint.ipynb',
      'bob/01_dropout.ipynb', 'bob/scratch.ipynb', 'class/out/feedback/bob/01_dropout.ipynb', 'single/02_layer_norm.ipynb',
    ]);
    const perStudent = findSubmissions([root], NAMES, [path.join(root, 'class/out')]);
    expect(perStudent.submissions.map((s) => [s.student, path.relative(root, s.file), s.notebook])).toEqual([
      ['alice', 'alice/01_dropout.ipynb', '01_dropout'], ['alice', 'alice/work/02_layer_norm.ipynb', '02_layer_norm'],
      ['bob', 'bob/01_dropout.ipynb', '01_dropout'], ['single', 'single/02_layer_norm.ipynb', '02_layer_norm'],
    ]);
    expect(perStudent.skipped.map((s) => path.relative(root, s.file))).toEqual(['bob/scratch.ipynb']);
    const folder = findSubmissions([path.join(root, 'bob')], NAMES);
    expect(folder.submissions.map((s) => [s.student, s.notebook])).toEqual([['bob', '01_dropout']]);
    const one = findSubmissions([path.join(root, 'alice/work/02_layer_norm.ipynb')], NAMES);
    expect(one.submissions.map((s) => [s.student, s.notebook])).toEqual([['work', '02_layer_norm']]);
    expect(() => findSubmissions([path.join(root, 'nobody')], NAMES)).toThrow(/no such file or folder/);
  });
});
