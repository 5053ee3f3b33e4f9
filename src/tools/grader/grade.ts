/**
 * Grading a batch: load the release (the student copies made in memory from the sources, so the
 * canonical checks are the sources' even if committed copies lag) and the hidden checks, find the
 * submissions, grade them `jobs` at a time, and write DIR/grades.json, DIR/junit.xml, DIR/summary.md
 * and DIR/feedback/<student>/<file>.ipynb. Submissions are only read; an output path that is a
 * submission is refused, and the output folder is never searched for submissions.
 *
 * Left out on purpose: command-line parsing and exit codes (tools/cli/grade-cli.ts).
 */
import * as fs from 'fs';
import * as path from 'path';
import { readNotebook, writeNotebook } from '../notebook/notebook-io';
import { GradeOptions, ReleaseEntry, SubmissionGrade, gradeSubmission } from './grade-one';
import { loadHiddenChecks } from './hidden';
import { mapPool } from './pool';
import { notebookFiles, release } from './release';
import { junitXml } from './report-junit';
import { StudentTotal, studentTotals, summaryMarkdown } from './report-summary';
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

export async function gradeAll(opts: GradeAllOptions): Promise<GradeAllResult> {
  const t0 = Date.now();
  const release = loadRelease(opts.sourceDir, opts.hiddenDir);
  if (release.length === 0) throw new Error(`no source notebooks in ${opts.sourceDir}`);
  const byName = new Map(release.map((r) => [r.name, r]));
  const outDir = path.resolve(opts.outDir);
  const { submissions, skipped } = findSubmissions(opts.paths, release.map((r) => r.name), [outDir]);
  const feedbackPath = (s: { student: string; file: string }) => path.join(outDir, 'feedback', safe(s.student), path.basename(s.file));
  const outputs = [path.join(outDir, 'grades.json'), path.join(outDir, 'junit.xml'), path.join(outDir, 'summary.md'), ...submissions.map(feedbackPath)];
  const clash = submissions.find((s) => outputs.includes(path.resolve(s.file)));
  if (clash) throw new Error(`refusing to write over the submission ${clash.file}: choose another --out`);
  fs.mkdirSync(outDir, { recursive: true });
  const written: string[] = [];
  let done = 0;
  const grades = await mapPool(submissions, opts.jobs, async (sub) => {
    const { grade, feedback } = await gradeSubmission(sub, byName.get(sub.notebook)!, opts);
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
  const report = { reglab_grades: 1, notebooks: release.map((r) => r.name), students: totals, submissions: grades, skipped, seconds };
  const files: [string, string][] = [
    ['grades.json', JSON.stringify(report, null, 2) + '\n'],
    ['junit.xml', junitXml(grades)],
    ['summary.md', summaryMarkdown(grades, release.map((r) => r.name), skipped, seconds)],
  ];
  for (const [name, text] of files) {
    fs.writeFileSync(path.join(outDir, name), text);
    written.push(path.join(outDir, name));
  }
  return { grades, skipped, totals, belowMin, written, seconds };
}
