/**
 * The architecture, enforced from the import graph: every relative import in src/ goes from a folder
 * to a folder of lower rank (or stays inside its folder). The learner's library (src/lib) never
 * reaches the tooling (src/tools), and nothing inside src/ imports the package entry src/index.ts.
 * The ranks below are the README's architecture picture, bottom to top.
 */
import * as fs from 'fs';
import * as path from 'path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(__dirname, '../src');

/** Folder -> rank. Folders of equal rank must not import each other. */
export const RANKS: Record<string, number> = {
  'lib/text': 0, // formatting numbers, escaping HTML: neutral helpers
  'lib/numbers': 1, // Rng, Matrix, the JS reference GEMM kernels, numerical gradients
  'lib/data': 2, 'lib/layers': 2, 'lib/regularize': 2, 'lib/checks': 2,
  'lib/optim': 3, 'lib/model': 3,
  'lib/train': 4, 'lib/generate': 4,
  'lib/plots': 5,
  'lib/display': 6,
  index: 7, // src/index.ts, the learner API
  'tools/base': 10, // atomic writes, the package root
  'tools/notebook': 11, // .ipynb I/O and the Jupyter runner
  'tools/grader': 12, 'tools/study': 12, 'tools/bench': 12,
  'tools/cli': 13, // the command-line entry points: nothing imports them
};

function folderOf(file: string): string {
  const rel = path.relative(SRC, file).split(path.sep);
  return rel.length === 1 ? 'index' : `${rel[0]}/${rel[1]}`;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

/** Every relative import (static, dynamic, require, export-from) of a file, resolved to a file. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm)].map((m) => m[1]);
  return specs.map((s) => {
    const base = path.resolve(path.dirname(file), s);
    const hit = [`${base}.ts`, path.join(base, 'index.ts'), base].find((p) => fs.existsSync(p) && fs.statSync(p).isFile());
    if (!hit) throw new Error(`${path.relative(SRC, file)}: import '${s}' resolves to no file`);
    return hit;
  });
}

describe('layout: arrows point down', () => {
  const files = sourceFiles(SRC);

  it('every source file sits in a ranked folder', () => {
    expect(files.map(folderOf).filter((f) => !(f in RANKS))).toEqual([]);
  });

  it('no folder imports a folder of the same or a higher rank', () => {
    const bad: string[] = [];
    for (const file of files) {
      const from = folderOf(file);
      for (const target of importsOf(file)) {
        const to = folderOf(target);
        if (to !== from && !(RANKS[to] < RANKS[from])) bad.push(`${path.relative(SRC, file)} -> ${path.relative(SRC, target)} (${from} ${RANKS[from]} -> ${to} ${RANKS[to]})`);
        if (to === 'index' && from !== 'index') bad.push(`${path.relative(SRC, file)} imports the package entry src/index.ts`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('finds real imports (the test is not vacuous)', () => {
    const all = files.flatMap(importsOf);
    expect(all.length).toBeGreaterThan(200);
    expect(all.some((t) => folderOf(t) === 'lib/numbers')).toBe(true);
  });
});
