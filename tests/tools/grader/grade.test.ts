/**
 * Fair accounting and local faults in a batch (grade.ts, grade-cli.ts), on two tiny release notebooks:
 *  - one graded submission per student and notebook (the exact name wins, else the newest), the others
 *    listed as skipped with the file graded instead;
 *  - a student's maximum includes every released notebook: one not handed in scores 0 with a note;
 *  - grades.json is complete:false while grading and rewritten after each submission; --resume reuses
 *    the grades of files that did not change;
 *  - an output path that is a folder is refused before anything is graded, naming it;
 *  - SIGTERM stops the batch, writes the grades so far and leaves no sandbox process running;
 *  - without a sandbox the grader refuses unless told --unsandboxed.
 * Needs `npm run build` and a sandbox (bubblewrap as root; in CI a missing one fails).
 */
import { spawn, spawnSync, execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { gradeAll, GradeAllOptions } from '../../../src/tools/grader/grade';
import { libraryExportNames } from '../../../src/tools/grader/judge/judge';
import { detectIsolation } from '../../../src/tools/grader/sandbox';
import { Notebook, serializeNotebook } from '../../../src/tools/notebook/notebook-io';
import { releaseNotebook } from '../../../src/tools/grader/release';
import { INSTALL, SOURCE_FILE, released, setSource, solved } from './catalog';

const found = detectIsolation();
if (found.kind !== 'bwrap' && process.env.CI) throw new Error(`no bubblewrap sandbox: ${found.why}`);
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'reglab-grade-'));

const code = (id: string, source: string) => ({ cell_type: 'code' as const, id, metadata: {}, source, outputs: [], execution_count: null });
/** A second release notebook: one exercise worth 2 points. */
function pairSource(): Notebook {
  return {
    nbformat: 4, nbformat_minor: 5, metadata: { kernelspec: { name: 'reglab-ts', display_name: 'TypeScript (reglab)', language: 'typescript' }, language_info: { name: 'typescript' } },
    cells: [
      code('setup', 'import * as rl from "reglab";'),
      code('triple-solution', 'function triple(x: number): number {\n  // BEGIN SOLUTION\n  return 3 * x;\n  // END SOLUTION\n}'),
      code('triple-check', 'rl.check("triple", 2, (t) => {\n  t.closeTo(triple(2), 6, 1e-12, "triple(2)");\n});'),
    ],
  } as Notebook;
}
function sources(): string {
  const dir = tmp();
  fs.copyFileSync(SOURCE_FILE, path.join(dir, '01_tiny.ipynb'));
  fs.writeFileSync(path.join(dir, '02_pair.ipynb'), serializeNotebook(pairSource()));
  return dir;
}
const pairSolved = (): Notebook => pairSource();
const pairReleased = (): Notebook => releaseNotebook(pairSource(), '02_pair.ipynb');
function put(root: string, rel: string, nb: Notebook, ageS = 0): string {
  const file = path.join(root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, serializeNotebook(nb));
  const t = Date.now() / 1000 - ageS;
  fs.utimesSync(file, t, t);
  return file;
}
const base = (src: string, subs: string, out: string): GradeAllOptions => ({
  paths: [subs], outDir: out, sourceDir: src, install: INSTALL, isolation: found.kind ?? 'none', jobs: 2, cellTimeoutMs: 10_000, trainingBudgetMs: 60_000,
  memoryMb: 1024, maxOutputBytes: 200_000, executedFeedback: false, libraryExports: libraryExportNames(INSTALL),
});
const sandboxProcesses = () => execFileSync('ps', ['-eo', 'uid=,args='], { encoding: 'utf8' }).split('\n')
  .filter((l) => { const uid = Number(l.trim().split(/\s+/)[0]); return uid >= 200_000 && uid < 1_900_000 && l.includes(INSTALL); });

describe.skipIf(found.kind !== 'bwrap')('grading a batch', () => {
  it('grades one file per student and notebook, counts missing notebooks, reports progress and resumes', async () => {
    const src = sources();
    const subs = tmp();
    const out = path.join(tmp(), 'out');
    put(subs, 'ann/01_tiny.ipynb', solved(), 100);
    put(subs, 'ann/01_tiny (1).ipynb', released(), 0); // newer, but not the exact name
    put(subs, 'bob/01_tiny-Copy1.ipynb', released(), 100);
    const bobNewest = put(subs, 'bob/01_tiny (2).ipynb', solved(), 0);
    put(subs, 'bob/02_pair.ipynb', pairReleased(), 0);
    put(subs, 'cat/02_pair.ipynb', pairSolved(), 0);
    const progress: { complete: boolean; n: number }[] = [];
    const first = await gradeAll({ ...base(src, subs, out), onGraded: () => {
      const g = JSON.parse(fs.readFileSync(path.join(out, 'grades.json'), 'utf8'));
      progress.push({ complete: g.complete, n: g.submissions.filter((x: { status: string }) => x.status !== 'missing').length });
    } });
    expect(first.complete).toBe(true);
    expect(progress.map((p) => p.complete)).toEqual([false, false, false, false]);
    expect(progress.map((p) => p.n)).toEqual([1, 2, 3, 4]);
    const graded = JSON.parse(fs.readFileSync(path.join(out, 'grades.json'), 'utf8'));
    expect(graded.complete).toBe(true);
    expect(graded.students).toEqual([{ student: 'ann', score: 6, max: 8 }, { student: 'bob', score: 6, max: 8 }, { student: 'cat', score: 2, max: 8 }]);
    const of = (student: string, notebook: string) => graded.submissions.find((g: { student: string; notebook: string }) => g.student === student && g.notebook === notebook);
    expect(of('ann', '02_pair')).toMatchObject({ status: 'missing', score: 0, max: 2 });
    expect(of('ann', '02_pair').notes).toEqual(['02_pair was not handed in: it counts 0 of its 2 points']);
    expect(of('cat', '01_tiny')).toMatchObject({ status: 'missing', score: 0, max: 6 });
    expect(of('bob', '01_tiny').file).toBe(bobNewest);
    expect(graded.skipped.map((s: { file: string; reason: string }) => [path.relative(subs, s.file), s.reason.replace(subs, '')])).toEqual([
      ['ann/01_tiny (1).ipynb', 'another file of ann for 01_tiny was graded: /ann/01_tiny.ipynb (one per student and notebook: the exact name wins, else the newest)'],
      ['bob/01_tiny-Copy1.ipynb', 'another file of bob for 01_tiny was graded: /bob/01_tiny (2).ipynb (one per student and notebook: the exact name wins, else the newest)'],
    ]);
    expect(fs.readFileSync(path.join(out, 'summary.md'), 'utf8')).toContain('| ann | 6/6 | missing (0/2) | 6/8 (75%) |');

    put(subs, 'cat/02_pair.ipynb', pairReleased(), 0); // changed: graded again; the others are reused
    const again = await gradeAll({ ...base(src, subs, out), resume: true });
    const seconds = (r: typeof first, student: string, notebook: string) => r.grades.find((g) => g.student === student && g.notebook === notebook)!.seconds;
    expect(seconds(again, 'ann', '01_tiny')).toBe(seconds(first, 'ann', '01_tiny'));
    expect(again.grades.find((g) => g.student === 'cat' && g.notebook === '02_pair')!.score).toBe(0);
  }, 300_000);

  it('refuses an output folder it cannot write before grading anything, naming the path', async () => {
    const src = sources();
    const subs = tmp();
    put(subs, 'ann/01_tiny.ipynb', solved());
    const out = tmp();
    fs.mkdirSync(path.join(out, 'grades.json'));
    await expect(gradeAll(base(src, subs, out))).rejects.toThrow(`cannot write ${path.join(out, 'grades.json')}: it is a folder`);
    expect(fs.existsSync(path.join(out, 'feedback'))).toBe(false);
  });

  it('on SIGTERM stops every sandbox, writes the grades so far (complete: false) and exits 143', async () => {
    const src = sources();
    const subs = tmp();
    const out = path.join(tmp(), 'out');
    put(subs, 'ann/01_tiny.ipynb', solved());
    for (const s of ['bob', 'cat', 'dan']) put(subs, `${s}/01_tiny.ipynb`, setSource(solved(), 'double-solution', 'function double(x: number): number {\n  for (;;) { /* forever */ }\n}'));
    const child = spawn(process.execPath, [path.join(INSTALL, 'dist/tools/cli/grade-cli.js'), subs, '--out', out, '--source', src, '--jobs', '1', '--cell-timeout', '30'], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, INIT_CWD: INSTALL } });
    let stderr = '';
    await new Promise<void>((resolve) => child.stderr!.on('data', (d: Buffer) => { stderr += d; if (/\[1\/4\]/.test(stderr)) resolve(); }));
    await new Promise((r) => setTimeout(r, 2000)); // bob's judge is looping now
    expect(sandboxProcesses().length).toBeGreaterThan(0);
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((r) => child.once('close', (c) => r(c)));
    expect(code, stderr).toBe(143);
    expect(stderr).toMatch(/SIGTERM: stopping every sandbox and writing the grades finished so far/);
    const graded = JSON.parse(fs.readFileSync(path.join(out, 'grades.json'), 'utf8'));
    expect(graded.complete).toBe(false);
    expect(graded.submissions.map((g: { student: string; score: number }) => [g.student, g.score])).toEqual([['ann', 6]]);
    for (let i = 0; i < 30 && sandboxProcesses().length > 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(sandboxProcesses()).toEqual([]);
  }, 120_000);

  it('refuses to run student code without a sandbox unless told --unsandboxed', () => {
    const src = sources();
    const subs = tmp();
    put(subs, 'ann/01_tiny.ipynb', solved());
    fs.chmodSync(subs, 0o755);
    const out = path.join(tmp(), 'out');
    fs.chmodSync(path.dirname(out), 0o777);
    const asNobody = ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, path.join(INSTALL, 'dist/tools/cli/grade-cli.js'), subs, '--out', out, '--source', src];
    const r = spawnSync('/usr/bin/setpriv', asNobody, { encoding: 'utf8', env: { ...process.env, INIT_CWD: INSTALL } });
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/grade: no sandbox for student code: the grader is not running as root.*Refusing to grade.*--unsandboxed/);
    expect(fs.existsSync(path.join(out, 'grades.json'))).toBe(false);
  });
});
