/**
 * The README's API tour is code a reader will paste: it must type-check (strict) against the built
 * library, imported by package name as a notebook does, and run. Needs `npm run build` (npm test does).
 */
import { describe, expect, it } from 'vitest';
import * as fs from 'fs';
import * as path from 'path';
import { execFileSync } from 'child_process';
import * as ts from 'typescript';

const ROOT = path.resolve(__dirname, '..');

function tourSource(): string {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const m = /```ts\n([\s\S]*?)```/.exec(readme);
  if (!m) throw new Error('README.md has no ```ts block');
  return m[1];
}

describe('README API tour', () => {
  const dir = path.join(ROOT, 'artifacts', 'readme-tour');
  const file = path.join(dir, 'tour.ts');

  it('type-checks in strict mode against the built package', () => {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(file, tourSource());
    const program = ts.createProgram([file], {
      strict: true, noEmit: true, target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10, types: ['node'], skipLibCheck: true,
    });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(diagnostics).toEqual([]);
  });

  it('runs and trains', () => {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(file, tourSource());
    const out = execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', file], { cwd: ROOT, encoding: 'utf8', timeout: 50_000 });
    expect(out).toMatch(/epoch 3: train \d\.\d{3}, val \d\.\d{3}/);
    expect(out).toMatch(/^(overfitting|underfitting|unstable|healthy)$/m);
    const share = Number(out.trim().split('\n').pop());
    expect(share).toBeGreaterThanOrEqual(0);
    expect(share).toBeLessThanOrEqual(1);
  }, 60_000);
});
