/**
 * The README's example GitHub Actions workflow is what a course copies: its commands must be this package's
 * scripts, its matrix must list shards 1..N, each job must grade `--shard K/N` of that N, and the merge job
 * must merge all N artifacts.
 */
import * as fs from 'fs';
import * as path from 'path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..');
const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const workflow = /```yaml\n(# \.github\/workflows\/grade\.yml[\s\S]*?)```/.exec(readme)?.[1] ?? '';
const scripts = Object.keys(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts);

describe('the README example workflow', () => {
  it('uses only npm scripts this package has', () => {
    expect(workflow).not.toBe('');
    const used = [...workflow.matchAll(/npm run ([\w-]+)/g)].map((m) => m[1]);
    expect(used.sort()).toEqual(['grade', 'grade-merge', 'kernel']);
    for (const s of used) expect(scripts).toContain(s);
  });

  it('grades every shard of one N and merges them all', () => {
    const matrix = /shard: \[([\d, ]+)\]/.exec(workflow)![1].split(',').map(Number);
    const n = matrix.length;
    expect(matrix).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    expect(workflow).toContain(`--shard \${{ matrix.shard }}/${n}`);
    const merged = /npm run grade-merge -- (.*) --out/.exec(workflow)![1].split(' ');
    expect(merged).toEqual(matrix.map((k) => `shards/graded-${k}`));
    expect(workflow).toMatch(/name: "graded-\$\{\{ matrix\.shard \}\}"/);
  });
});
