/**
 * Grading a batch: load the release (the student copies made in memory from the sources, so the
 * canonical checks are the sources' even if committed copies lag) and the hidden checks, find the
 * submissions (one per student and notebook), grade them `jobs` at a time, and write DIR/grades.json,
 * DIR/junit.xml, DIR/summary.md and DIR/feedback/<student>/<file>.ipynb.
 *
 * Faults stay local: whatever one submission is or does, it gets its own grade with the reason and
 * everyone else gets theirs. grades.json is rewritten atomically after every graded submission
 * (`complete: false` until the end), so a crash or an interrupt leaves the grades so far readable;
 * `resume` reuses them for files whose bytes did not change. A feedback file that cannot be written
 * is a note on that grade. Each student's maximum includes every released notebook: one not handed in
 * scores 0 with a note. Submissions are only read; an output path that is a submission is refused,
 * and the output folder is never searched for submissions. Nothing here runs student code: the judge
 * (judge/) and the feedback kernel run it in sandboxes.
 *
 * Left out on purpose: command-line parsing, signals and exit codes (tools/cli/grade-cli.ts).
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { writeFileAtomic } from '../base/fs-atomic';
import { readNotebook, serializeNotebook } from '../notebook/notebook-io';
import { GradeOptions, ReleaseEntry, SubmissionGrade, gradeSubmission, ungraded } from './grade-one';
import { loadHiddenChecks } from './hidden';
import { buildReleaseCache, pureTrainingCells } from './judge/cache';
import { JudgeCancelled, releaseTrains } from './judge/judge';
import type { CachedBindings } from './judge/protocol';
import { notebookFiles, release } from './release';
import { junitXml } from './report-junit';
import { StudentTotal, studentTotals, summaryMarkdown } from './report-summary';
import { Skipped, Submission, findSubmissions } from './submissions';

export interface GradeAllOptions extends Omit<GradeOptions, 'cached' | 'deferred' | 'signal'> {
  paths: string[];
  outDir: string;
  /** Instructor sources (notebooks/source). */
  sourceDir: string;
  hiddenDir?: string;
  jobs: number;
  /** Each student's total share of points must reach this (0..1), else they are listed in belowMin. */
  minScore?: number;
  /** Reuse grades of an earlier (interrupted) run in outDir for files whose bytes did not change. */
  resume?: boolean;
  /** Compute release cells that need no student code once per batch (default true). */
  cache?: boolean;
  signal?: AbortSignal;
  onGraded?: (grade: SubmissionGrade, done: number, total: number) => void;
  onLog?: (line: string) => void;
}

export interface GradeAllResult {
  grades: SubmissionGrade[];
  skipped: Skipped[];
  totals: StudentTotal[];
  belowMin: StudentTotal[];
  written: string[];
  seconds: number;
  /** False when the run was interrupted (the reports hold the grades so far). */
  complete: boolean;
}

/** The release notebooks with their sources, canonical checks and hidden checks. */
export function loadRelease(sourceDir: string, hiddenDir?: string): ReleaseEntry[] {
  if (hiddenDir && !fs.statSync(hiddenDir, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`--hidden ${hiddenDir}: not a folder`);
  return notebookFiles(sourceDir).map((file) => {
    const name = path.basename(file, '.ipynb');
    const source = readNotebook(file);
    const { notebook, checks } = release(source, file);
    const hidden = hiddenDir ? loadHiddenChecks(hiddenDir, name, checks.map((c) => c.id)) : [];
    return { name, file, source, released: notebook, checks, hidden };
  });
}

const safe = (s: string): string => s.replace(/[^\w.\- ]+/g, '_').replace(/^\.+/, '_') || '_';

/** A fingerprint of what grades depend on (sources and hidden checks): resuming needs the same one. */
function releaseFingerprint(rel: ReleaseEntry[]): string {
  const h = crypto.createHash('sha256');
  for (const r of rel) h.update(r.name).update(serializeNotebook(r.source)).update(JSON.stringify(r.hidden));
  return h.digest('hex');
}

/** The reports' folder must be usable before anything is graded (a clear error, not a lost batch). */
function checkOutDir(outDir: string): void {
  const st = fs.statSync(outDir, { throwIfNoEntry: false });
  if (st && !st.isDirectory()) throw new Error(`--out ${outDir} is a file, not a folder`);
  fs.mkdirSync(outDir, { recursive: true });
  for (const f of ['grades.json', 'junit.xml', 'summary.md']) {
    const p = path.join(outDir, f);
    if (fs.statSync(p, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`cannot write ${p}: it is a folder (remove it or choose another --out)`);
  }
  const probe = path.join(outDir, `.reglab-write-test-${process.pid}`);
  try {
    fs.writeFileSync(probe, '');
    fs.rmSync(probe);
  } catch (e) {
    throw new Error(`cannot write into --out ${outDir}: ${(e as Error).message}`);
  }
}

function previousGrades(outDir: string, fingerprint: string): Map<string, SubmissionGrade> {
  const byFile = new Map<string, SubmissionGrade>();
  try {
    const old = JSON.parse(fs.readFileSync(path.join(outDir, 'grades.json'), 'utf8')) as { release_sha256?: string; submissions?: SubmissionGrade[] };
    if (old.release_sha256 !== fingerprint) return byFile;
    for (const g of old.submissions ?? []) if (g.sha256 && g.status !== 'error' && g.status !== 'missing') byFile.set(`${g.student}\u0000${g.file}`, g);
  } catch {
    /* nothing to resume */
  }
  return byFile;
}

const fileSha = (file: string): string | null => {
  try {
    return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  } catch {
    return null;
  }
};

export async function gradeAll(opts: GradeAllOptions): Promise<GradeAllResult> {
  const t0 = Date.now();
  const log = opts.onLog ?? (() => undefined);
  const rel = loadRelease(opts.sourceDir, opts.hiddenDir);
  if (rel.length === 0) throw new Error(`no source notebooks in ${opts.sourceDir}`);
  const byName = new Map(rel.map((r) => [r.name, r]));
  const outDir = path.resolve(opts.outDir);
  const { submissions, skipped } = findSubmissions(opts.paths, rel.map((r) => r.name), [outDir]);
  // the long jobs first (notebooks whose checks need training), so the jobs finish together; reports keep the found order
  const trains = new Map(rel.map((r) => [r.name, releaseTrains(r, opts.libraryExports)]));
  const order = submissions.map((_, k) => k).sort((a, b) => Number(trains.get(submissions[b].notebook)) - Number(trains.get(submissions[a].notebook)) || a - b);
  const feedbackPath = (s: { student: string; file: string }) => path.join(outDir, 'feedback', safe(s.student), safe(path.basename(s.file)));
  const outputs = [path.join(outDir, 'grades.json'), path.join(outDir, 'junit.xml'), path.join(outDir, 'summary.md'), ...submissions.map(feedbackPath)];
  const clash = submissions.find((s) => outputs.includes(path.resolve(s.file)));
  if (clash) throw new Error(`refusing to write over the submission ${clash.file}: choose another --out`);
  checkOutDir(outDir);
  const fingerprint = releaseFingerprint(rel);
  const earlier = opts.resume ? previousGrades(outDir, fingerprint) : new Map<string, SubmissionGrade>();

  const caches = new Map<string, Promise<Map<string, CachedBindings>>>();
  const cacheFor = (name: string): Promise<Map<string, CachedBindings>> => {
    if (opts.cache === false) return Promise.resolve(new Map());
    let p = caches.get(name);
    if (!p) {
      p = buildReleaseCache(byName.get(name)!, { ...opts, signal: opts.signal }).then((c) => {
        if (c.bindings.size) log(`grade: ${name}: ${[...c.bindings.keys()].join(', ')} computed once for all submissions (${c.seconds.toFixed(1)} s, ${c.cpuSeconds.toFixed(1)} s CPU)`);
        for (const s of c.skipped) log(`grade: ${name}: not cached: ${s}`);
        return c.bindings;
      }, (e) => {
        if (e instanceof JudgeCancelled) throw e;
        log(`grade: ${name}: no cache (${(e as Error).message.split('\n')[0]}); every submission runs every cell`);
        return new Map<string, CachedBindings>();
      });
      caches.set(name, p);
    }
    return p;
  };
  const wanted = new Map<string, number>();
  for (const s of submissions) wanted.set(s.notebook, (wanted.get(s.notebook) ?? 0) + 1);
  // Release cells that train without student code start at once in a realm of their own; the students'
  // realms go on without them and wait where their results are needed (or take them, once computed).
  const training = new Map(rel.map((r) => [r.name, opts.cache === false ? [] : pureTrainingCells(r, opts.libraryExports)]));
  const settled = new Map<string, Map<string, CachedBindings>>();
  for (const [name] of wanted) {
    if ((training.get(name) ?? []).length === 0) continue;
    void cacheFor(name).then((m) => settled.set(name, m), () => undefined);
  }

  const grades: (SubmissionGrade | undefined)[] = new Array(submissions.length);
  const written: string[] = [];
  let done = 0;
  let interrupted = false;
  const missingFor = (): SubmissionGrade[] => {
    const students = [...new Set(submissions.map((s) => s.student))];
    const had = new Set(submissions.map((s) => `${s.student}\u0000${s.notebook}`));
    return students.flatMap((student) => rel.filter((r) => !had.has(`${student}\u0000${r.name}`)).map((r): SubmissionGrade => {
      const checks = ungraded(r, 'not handed in');
      return { student, notebook: r.name, file: '', status: 'missing', score: 0, max: checks.reduce((a, c) => a + c.max, 0), checks, notes: [`${r.name} was not handed in: it counts 0 of its ${checks.reduce((a, c) => a + c.max, 0)} points`], flags: [], seconds: 0 };
    }));
  };
  const report = (complete: boolean) => {
    const all = [...(grades.filter(Boolean) as SubmissionGrade[]), ...(complete || !interrupted ? missingFor() : [])];
    const totals = studentTotals(all);
    return { all, totals, text: JSON.stringify({ reglab_grades: 1, complete, isolation: opts.isolation, release_sha256: fingerprint, notebooks: rel.map((r) => r.name), students: totals, submissions: all, skipped, seconds: (Date.now() - t0) / 1000 }, null, 2) + '\n' };
  };
  const writeProgress = () => {
    try {
      writeFileAtomic(path.join(outDir, 'grades.json'), report(false).text);
    } catch (e) {
      log(`grade: could not update ${path.join(outDir, 'grades.json')}: ${(e as Error).message}`);
    }
  };

  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < submissions.length && !interrupted) {
      const k = order[next++];
      const sub = submissions[k];
      const sha = fileSha(sub.file);
      const old = sha ? earlier.get(`${sub.student}\u0000${sub.file}`) : undefined;
      let grade: SubmissionGrade;
      if (old && old.sha256 === sha) {
        grade = { ...old, notes: [...old.notes] };
      } else {
        try {
          const r = byName.get(sub.notebook)!;
          const ids = training.get(r.name) ?? [];
          const done = settled.get(r.name);
          const cached = new Map([[r.name, done ?? new Map<string, CachedBindings>()]]);
          const deferred = new Map([[r.name, new Map(done || ids.length === 0 ? [] : ids.map((id) => [id, cacheFor(r.name).then((m) => m.get(id) ?? null, () => null)] as const))]]);
          const { grade: g, feedback } = await gradeSubmission(sub, r, { ...opts, cached, deferred, signal: opts.signal });
          grade = g;
          if (feedback) {
            const file = feedbackPath(sub);
            try {
              writeFileAtomic(file, serializeNotebook(feedback), { mkdir: true });
              written.push(file);
            } catch (e) {
              grade.notes.push(`the feedback notebook could not be written to ${file}: ${(e as Error).message}`);
            }
          }
        } catch (e) {
          if (e instanceof JudgeCancelled || opts.signal?.aborted) {
            interrupted = true;
            return;
          }
          const r = byName.get(sub.notebook)!;
          const checks = ungraded(r, `not graded: ${(e as Error).message.split('\n')[0]}`);
          grade = { student: sub.student, notebook: sub.notebook, file: sub.file, status: 'error', score: 0, max: checks.reduce((a, c) => a + c.max, 0), checks, notes: [`grading failed: ${(e as Error).message}`], flags: [], seconds: 0 };
        }
      }
      grades[k] = grade;
      writeProgress();
      opts.onGraded?.(grade, ++done, submissions.length);
    }
  };
  if (!(Number.isInteger(opts.jobs) && opts.jobs >= 1)) throw new RangeError(`jobs must be an integer >= 1, got ${opts.jobs}`);
  const onAbort = () => { interrupted = true; };
  opts.signal?.addEventListener('abort', onAbort);
  try {
    await Promise.all(Array.from({ length: Math.min(opts.jobs, Math.max(1, submissions.length)) }, worker));
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
  }
  const complete = !interrupted;
  const { all, totals, text } = report(complete);
  const seconds = (Date.now() - t0) / 1000;
  const belowMin = !complete || opts.minScore === undefined ? [] : totals.filter((t) => t.max === 0 || t.score / t.max < opts.minScore!);
  const files: [string, string][] = [
    ['grades.json', text],
    ['junit.xml', junitXml(all)],
    ['summary.md', summaryMarkdown(all, rel.map((r) => r.name), skipped, seconds, { complete, isolation: opts.isolation })],
  ];
  for (const [name, body] of files) {
    writeFileAtomic(path.join(outDir, name), body);
    written.push(path.join(outDir, name));
  }
  return { grades: all, skipped, totals, belowMin, written, seconds, complete };
}

export type { Submission };
