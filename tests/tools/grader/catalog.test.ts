/**
 * The attack and fault catalog (catalog.ts) graded in one batch the way a course grades: two jobs,
 * hidden checks, the executed feedback notebook on (so the sandboxed kernel meets every attack too).
 * Every submission gets exactly the score it earned, with its message, note or flag; the batch
 * finishes; no submission, installed file, kernel spec or hidden check is changed; nothing a student
 * started is still running; feedback never shows hidden check source or inputs and stays small. The
 * attacks that target the check machinery are first shown to work on a plain run (no grader), so
 * their 0 is meaningful.
 *
 * Needs `npm run build` (the judge and the kernel load dist/) and a sandbox: bubblewrap as root. In CI
 * (CI=true) a missing sandbox fails the test; elsewhere it is skipped with the reason.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { execFileSync } from 'child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ICodeCell } from '@jupyterlab/nbformat';
import { CheckResult, checkResultIn } from '../../../src/lib/checks';
import { GradeAllResult, gradeAll } from '../../../src/tools/grader/grade';
import { libraryExportNames } from '../../../src/tools/grader/judge/judge';
import { mapPool } from '../../../src/tools/grader/pool';
import { detectIsolation } from '../../../src/tools/grader/sandbox';
import { serializeNotebook } from '../../../src/tools/notebook/notebook-io';
import { executeNotebook } from '../../../src/tools/notebook/runner';
import { userDataDir } from '../../../src/tools/notebook/runner/kernelspec';
import { CASES, Ctx, FIXTURES, HIDDEN_DIR, INSTALL, MAX, SOURCE_DIR } from './catalog';

const CELL_TIMEOUT_MS = 6000;
const isolation = detectIsolation();
const ready = isolation.kind === 'bwrap';
if (!ready && process.env.CI) throw new Error(`the catalog needs bubblewrap as root: ${isolation.why}`);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reglab-catalog-'));
const subs = path.join(dir, 'submissions');
const out = path.join(dir, 'out');
const hash = (f: string) => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex');
const ctx: Ctx = { subs, out, hidden: HIDDEN_DIR, install: INSTALL, specs: userDataDir() };
const guarded = [path.join(INSTALL, 'dist', 'index.js'), path.join(HIDDEN_DIR, '01_tiny.ts'), path.join(SOURCE_DIR, '01_tiny.ipynb'), path.join(userDataDir(), 'kernels', 'reglab-ts', 'kernel.json')].filter((f) => fs.existsSync(f));
const before = new Map<string, string>();
const files = new Map<string, string>();
let result: GradeAllResult;

/** Every output of a feedback notebook as text (what its cells showed, not their source). */
function outputsText(file: string): string {
  const nb = JSON.parse(fs.readFileSync(file, 'utf8')) as { cells: { outputs?: unknown[] }[] };
  return nb.cells.flatMap((c) => c.outputs ?? []).map((o) => JSON.stringify(o)).join('\n');
}

/** Processes started by a sandbox of this batch: uids in the sandbox range. */
function sandboxProcesses(): string[] {
  const ps = execFileSync('ps', ['-eo', 'uid=,pid=,args='], { encoding: 'utf8' });
  return ps.split('\n').filter((l) => { const uid = Number(l.trim().split(/\s+/)[0]); return uid >= 200_000 && uid < 1_900_000; });
}

describe.skipIf(!ready)(`attack and fault catalog (isolation: ${isolation.kind})`, () => {
  beforeAll(async () => {
    for (const f of guarded) before.set(f, hash(f));
    for (const c of CASES) {
      const made = c.make(ctx);
      const file = path.join(subs, c.student, '01_tiny.ipynb');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, typeof made === 'string' ? made : serializeNotebook(made));
      files.set(c.student, hash(file));
    }
    const t0 = Date.now();
    result = await gradeAll({
      paths: [subs], outDir: out, sourceDir: SOURCE_DIR, hiddenDir: HIDDEN_DIR, install: INSTALL, isolation: isolation.kind!, jobs: 2,
      cellTimeoutMs: CELL_TIMEOUT_MS, trainingBudgetMs: 60_000, memoryMb: 1024, maxOutputBytes: 200_000, executedFeedback: true,
      feedbackCellTimeoutMs: 10_000, libraryExports: libraryExportNames(INSTALL),
    });
    console.log(`catalog: ${CASES.length} submissions graded in ${((Date.now() - t0) / 1000).toFixed(1)} s (2 jobs, judge + executed feedback, ${isolation.kind}); ` +
      result.grades.map((g) => `${g.student} ${g.seconds.toFixed(1)} s`).join(', '));
    await new Promise((r) => setTimeout(r, 5000)); // what a detached process would need to strike after the kernel
  }, 900_000);

  it.each(CASES.map((c) => [c.student, c] as const))('%s: exactly the score it earned', (student, c) => {
    const g = result.grades.find((x) => x.student === student)!;
    expect(g, `${student} was graded`).toBeDefined();
    const why = `${student} (${c.does}): ${JSON.stringify(g.checks.map((k) => [k.id, k.points, k.message]))} notes ${JSON.stringify(g.notes)} flags ${JSON.stringify(g.flags)}`;
    expect(g.score, why).toBe(c.score);
    expect(g.max, why).toBe(MAX);
    expect(g.status, why).toBe(['not-json', 'deep-json'].includes(student) ? 'unreadable' : 'graded');
    for (const [id, re] of Object.entries(c.messages ?? {})) expect(g.checks.find((k) => k.id === id)?.message, why).toMatch(re);
    if (c.note) expect(g.notes.join('\n'), why).toMatch(c.note);
    if (c.flag) expect(g.flags.join('\n'), why).toMatch(c.flag);
    for (const k of g.checks) expect(k.points, why).toBe(k.passed ? k.max : 0);
    if (g.status === 'graded') {
      const fb = outputsText(path.join(out, 'feedback', student, '01_tiny.ipynb'));
      if (c.feedback) expect(fb, why).toMatch(c.feedback);
      if (c.notFeedback) expect(fb, why).not.toMatch(c.notFeedback);
    }
  });

  it('honest work in any shape gets no false note or flag', () => {
    for (const s of ['honest-full', 'nbformat-44', 'pasted-cells', 'html-like-strings']) {
      const g = result.grades.find((x) => x.student === s)!;
      expect([s, g.notes, g.flags]).toEqual([s, [], []]);
    }
  });

  it('changes no submission, installed file, kernel spec or hidden check; plants nothing; leaves no process running', () => {
    for (const c of CASES) expect(hash(path.join(subs, c.student, '01_tiny.ipynb')), c.student).toBe(files.get(c.student));
    for (const f of guarded) expect(hash(f), f).toBe(before.get(f));
    expect(fs.existsSync(path.join(subs, 'zz-planted'))).toBe(false);
    const graded = JSON.parse(fs.readFileSync(path.join(out, 'grades.json'), 'utf8'));
    expect(graded.complete).toBe(true);
    expect(graded.submissions).toHaveLength(CASES.length);
    expect(graded.isolation).toBe('bwrap');
    expect(sandboxProcesses()).toEqual([]);
  });

  it('writes the reports and one small feedback notebook per readable submission', () => {
    for (const f of ['grades.json', 'junit.xml', 'summary.md']) expect(fs.existsSync(path.join(out, f)), f).toBe(true);
    const junit = fs.readFileSync(path.join(out, 'junit.xml'), 'utf8');
    expect((junit.match(/<testcase /g) ?? []).length).toBe(CASES.length * 4);
    for (const c of CASES.filter((x) => !['not-json', 'deep-json'].includes(x.student))) {
      const file = path.join(out, 'feedback', c.student, '01_tiny.ipynb');
      expect(fs.existsSync(file), c.student).toBe(true);
      expect(fs.statSync(file).size, c.student).toBeLessThan(3_000_000);
    }
  });

  it('never shows hidden check source or inputs in feedback', () => {
    for (const c of CASES.filter((x) => !['not-json', 'deep-json'].includes(x.student))) {
      const t = fs.readFileSync(path.join(out, 'feedback', c.student, '01_tiny.ipynb'), 'utf8');
      expect(t, c.student).not.toContain('123456789');
      expect(t, c.student).not.toContain('double of a secret');
      expect(t, c.student).toContain('hidden check double-large');
    }
  });

  it('the check-machinery attacks do forge passes when the notebook is simply run (so the judge is what stops them)', async () => {
    const attacks = CASES.filter((c) => c.plainRunPasses);
    const forged = await mapPool(attacks, 2, async (c) => {
      const { notebook } = await executeNotebook(c.make(ctx) as never, { cwd: FIXTURES, cellTimeoutMs: CELL_TIMEOUT_MS });
      return notebook.cells.flatMap((cell) => (cell.cell_type === 'code' ? (cell as ICodeCell).outputs : []))
        .map(checkResultIn).filter((r) => r !== undefined && (r as CheckResult).passed).length;
    });
    attacks.forEach((c, i) => expect(forged[i], `${c.student}: forged passes on a plain run`).toBeGreaterThan(0));
  }, 180_000);
});
