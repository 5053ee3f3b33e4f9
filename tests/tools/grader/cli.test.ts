/**
 * The three commands as a user runs them (compiled: run `npm run build` first): exit codes, usage
 * errors, the CI check of release, validate's table, and grade with --min-score on two tiny
 * submissions (one judge run each; grading needs a sandbox: skipped without one, except in CI).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { serializeNotebook } from '../../../src/tools/notebook/notebook-io';
import { FIXTURES, HIDDEN_DIR, SOURCE_DIR, released, solved } from './catalog';
import { detectIsolation } from '../../../src/tools/grader/sandbox';

const REPO = path.resolve(__dirname, '../../..');
const run = (tool: string, args: string[]) => spawnSync(process.execPath, [path.join(REPO, 'dist/tools/cli', `${tool}-cli.js`), ...args], { cwd: REPO, encoding: 'utf8', env: { ...process.env, INIT_CWD: REPO } });
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'reglab-cli-'));

describe('release-cli', () => {
  it('--check passes on the committed notebooks and fails (1) on a missing copy; bad usage exits 2', () => {
    expect(run('release', ['--check']).status).toBe(0);
    const out = tmp();
    const missing = run('release', ['--check', '--source', SOURCE_DIR, '--out', out]);
    expect(missing.status).toBe(1);
    expect(missing.stdout).toMatch(/missing\s+.*01_tiny\.ipynb/);
    expect(missing.stderr).toMatch(/out of date with their sources; run npm run release/);
    expect(run('release', ['--source', SOURCE_DIR, '--out', out]).status).toBe(0);
    expect(run('release', ['--check', '--source', SOURCE_DIR, '--out', out]).status).toBe(0);
    const bad = run('release', ['--frobnicate']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/unknown option --frobnicate\nusage: npm run release/);
  });
});

describe('validate-cli', () => {
  it('--static prints the table and exits 1 naming the cell with a committed output', () => {
    const r = run('validate', ['--static', '--source', path.join(FIXTURES, 'flawed-source'), '--students', tmp()]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/01_flawed\s+ran\s+no committed outputs\s+FAIL/);
    expect(r.stderr).toMatch(/validate: 2 problem\(s\): 01_flawed ran \(no committed outputs\); 01_flawed - \(student copy up to date\)/);
  });
});

const sandboxed = detectIsolation().kind !== null;

describe.skipIf(!sandboxed && !process.env.CI)('grade-cli', () => {
  it('grades a folder per student, writes the reports, and exits 1 when a student is below --min-score', () => {
    const subs = tmp();
    for (const [student, nb] of [['ann', solved()], ['ben', released()]] as const) {
      fs.mkdirSync(path.join(subs, student));
      fs.writeFileSync(path.join(subs, student, '01_tiny.ipynb'), serializeNotebook(nb));
    }
    const out = path.join(tmp(), 'graded');
    const r = run('grade', [subs, '--out', out, '--source', SOURCE_DIR, '--hidden', HIDDEN_DIR, '--min-score', '50%', '--cell-timeout', '20']);
    expect(r.stderr).toMatch(/ann\/01_tiny: 7\/7/);
    expect(r.stderr).toMatch(/ben\/01_tiny: 0\/7/);
    expect(r.stderr).toMatch(/grade: ben has 0\/7, below --min-score/);
    expect(r.status).toBe(1);
    const grades = JSON.parse(fs.readFileSync(path.join(out, 'grades.json'), 'utf8'));
    expect(grades.students).toEqual([{ student: 'ann', score: 7, max: 7 }, { student: 'ben', score: 0, max: 7 }]);
    expect(fs.readFileSync(path.join(out, 'summary.md'), 'utf8')).toContain('| ann | 7/7 | 7/7 (100%) |');
    expect(fs.existsSync(path.join(out, 'feedback/ben/01_tiny.ipynb'))).toBe(true);
  }, 60_000);

  it('exits 2 on bad usage and when there is nothing to grade', () => {
    expect(run('grade', ['x']).stderr).toMatch(/--out DIR is required/);
    expect(run('grade', ['x', '--out', tmp(), '--min-score', '3']).stderr).toMatch(/--min-score must be a share 0\.\.1 or a percentage/);
    const empty = run('grade', [tmp(), '--out', tmp(), '--source', SOURCE_DIR]);
    expect(empty.status).toBe(2);
    expect(empty.stderr).toMatch(/no submissions found/);
  });
});
