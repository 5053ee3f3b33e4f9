/**
 * Grading a batch: load the release (the student copies made in memory from the sources, so the
 * canonical checks are the sources' even if committed copies lag) and the hidden checks, find the
 * submissions (an LMS download, zip or folder, is first unpacked per student into DIR/intake/: intake.ts),
 * keep this shard's students (--shard K/N: shard.ts), grade them `jobs` at a time, and write the reports
 * (reports.ts: grades.json, junit.xml, summary.md, gradebook.csv, Gradescope results.json) and
 * DIR/feedback/<student>/<file>.ipynb. Submissions are only read; an output path that is a
 * submission is refused, and the output folder is never searched for submissions.
 *
 * Left out on purpose: command-line parsing and exit codes (tools/cli/grade-cli.ts).
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { readNotebook, serializeNotebook, writeNotebook } from '../notebook/notebook-io';
import { GradeOptions, ReleaseEntry, SubmissionGrade, gradeSubmission } from './grade-one';
import { loadHiddenChecks } from './hidden';
import { mapPool } from './pool';
import { notebookFiles, release } from './release';
import { intakeFolder, intakeZip, isLmsDownload } from './intake';
import { StudentTotal, studentTotals } from './report-summary';
import { writeReports } from './reports';
import { inShard, shardStudents, type Shard } from './shard';
import { Skipped, findSubmissions } from './submissions';

export interface GradeAllOptions extends GradeOptions {
  paths: string[];
  outDir: string;
  /** Instructor sources (notebooks/source). */
  sourceDir: string;
  hiddenDir?: string;
  jobs: number;
  /** Each student's total share of points must reach this (0..1), else they are listed in belowMin. */
  minScore?: number;
  /** Grade only this deterministic part of the students (shard.ts). */
  shard?: Shard;
  onGraded?: (grade: SubmissionGrade, done: number, total: number) => void;
}

export interface GradeAllResult {
  grades: SubmissionGrade[];
  skipped: Skipped[];
  totals: StudentTotal[];
  belowMin: StudentTotal[];
  written: string[];
  seconds: number;
}

/** The release notebooks with their canonical and hidden checks. */
export function loadRelease(sourceDir: string, hiddenDir?: string): ReleaseEntry[] {
  if (hiddenDir && !fs.statSync(hiddenDir, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`--hidden ${hiddenDir}: not a folder`);
  return notebookFiles(sourceDir).map((file) => {
    const name = path.basename(file, '.ipynb');
    const { notebook, checks } = release(readNotebook(file), file);
    const hidden = hiddenDir ? loadHiddenChecks(hiddenDir, name, checks.map((c) => c.id)) : [];
    return { name, file, notebook, checks, hidden };
  });
}

const safe = (s: string): string => s.replace(/[^\w.\- ]+/g, '_') || '_';

/** A fingerprint of what grades depend on (the release notebooks and hidden checks): shards must share it. */
export function releaseFingerprint(release: ReleaseEntry[]): string {
  const h = crypto.createHash('sha256');
  for (const r of release) h.update(r.name).update(serializeNotebook(r.notebook)).update(JSON.stringify(r.hidden));
  return h.digest('hex');
}

/**
 * The paths to search for submissions: each LMS download among `paths` (a zip, or a folder of LMS-named
 * files) unpacked per student into outDir/intake/<name>/ (made afresh), others as given; what the intake
 * skipped; and, per unpacked file, where it came from (`<zip>:<entry>`, or the file in the LMS folder), which
 * the reports name instead of the unpacked copy.
 */
export async function intakePaths(paths: string[], outDir: string): Promise<{ paths: string[]; skipped: Skipped[]; origin: Map<string, string> }> {
  const out: string[] = [];
  const skipped: Skipped[] = [];
  const origin = new Map<string, string>();
  for (const given of paths) {
    const p = path.resolve(given);
    if (!isLmsDownload(p)) {
      out.push(given);
      continue;
    }
    const into = path.join(outDir, 'intake', safe(path.basename(p)));
    fs.rmSync(into, { recursive: true, force: true });
    fs.mkdirSync(into, { recursive: true });
    const r = fs.statSync(p).isFile() ? await intakeZip(p, into) : intakeFolder(p, into);
    out.push(into);
    skipped.push(...r.skipped);
    for (const [file, who] of r.files) origin.set(file, who.entry);
  }
  return { paths: out, skipped, origin };
}

export async function gradeAll(opts: GradeAllOptions): Promise<GradeAllResult> {
  const t0 = Date.now();
  const release = loadRelease(opts.sourceDir, opts.hiddenDir);
  if (release.length === 0) throw new Error(`no source notebooks in ${opts.sourceDir}`);
  const byName = new Map(release.map((r) => [r.name, r]));
  const outDir = path.resolve(opts.outDir);
  const intake = await intakePaths(opts.paths, outDir);
  const found = findSubmissions(intake.paths, release.map((r) => r.name), [outDir]);
  // Reports name an unpacked file by where it came from (the zip entry), never by its copy in outDir.
  const named = (text: string): string => [...intake.origin].reduce((t, [copy, from]) => t.split(copy).join(from), text);
  const skipped = [...intake.skipped, ...found.skipped.map((k) => ({ file: named(k.file), reason: named(k.reason) }))];
  const submissions = inShard(found.submissions, opts.shard);
  const feedbackPath = (s: { student: string; file: string }) => path.join(outDir, 'feedback', safe(s.student), path.basename(s.file));
  const outputs = [path.join(outDir, 'grades.json'), path.join(outDir, 'junit.xml'), path.join(outDir, 'summary.md'), ...submissions.map(feedbackPath)];
  const clash = submissions.find((s) => outputs.includes(path.resolve(s.file)));
  if (clash) throw new Error(`refusing to write over the submission ${clash.file}: choose another --out`);
  fs.mkdirSync(outDir, { recursive: true });
  const written: string[] = [];
  let done = 0;
  const grades = await mapPool(submissions, opts.jobs, async (sub) => {
    const { grade, feedback } = await gradeSubmission(sub, byName.get(sub.notebook)!, opts);
    if (intake.origin.has(sub.file)) {
      grade.file = intake.origin.get(sub.file)!;
      grade.notes = grade.notes.map(named);
      grade.flags = grade.flags.map(named);
    }
    if (feedback) {
      const file = feedbackPath(sub);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      writeNotebook(file, feedback, { overwrite: true });
      written.push(file);
    }
    opts.onGraded?.(grade, ++done, submissions.length);
    return grade;
  });
  const seconds = (Date.now() - t0) / 1000;
  const totals = studentTotals(grades);
  const belowMin = opts.minScore === undefined ? [] : totals.filter((t) => t.max === 0 || t.score / t.max < opts.minScore!);
  const shard = opts.shard ? { ...opts.shard, students: [...shardStudents(found.submissions.map((x) => x.student), opts.shard)] } : undefined;
  written.push(...writeReports(outDir, { grades, notebooks: release.map((r) => r.name), skipped, seconds, releaseSha256: releaseFingerprint(release), shard }));
  return { grades, skipped, totals, belowMin, written, seconds };
}
