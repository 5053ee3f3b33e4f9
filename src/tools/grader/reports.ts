/**
 * Every report of a batch, from one list of submission grades: grades.json, junit.xml, summary.md,
 * gradebook.csv and Gradescope's results.json per student (gradescope/<student>/results.json, and
 * results.json itself when the batch is one student, where a Gradescope autograder's run_autograder reads
 * it: `--out /autograder/results`). A single run (grade.ts) and a merge of shards (merge.ts) both write
 * through here, in one canonical order (students by code point, then the release's notebook order), so
 * the merged reports are the single run's.
 *
 * Left out on purpose: grading, and the feedback notebooks (written per submission by grade.ts).
 */
import * as path from 'path';
import { writeFileAtomic } from '../base/fs-atomic';
import type { SubmissionGrade } from './grade-one';
import { gradebookCsv } from './report-gradebook';
import { gradescopeResults } from './report-gradescope';
import { junitXml } from './report-junit';
import { studentTotals, summaryMarkdown } from './report-summary';
import { byCodePoint, type Shard } from './shard';
import type { Skipped } from './submissions';

export interface BatchReport {
  grades: SubmissionGrade[];
  notebooks: string[];
  skipped: Skipped[];
  seconds: number;
  /** What the grades depend on (the sources and hidden checks): shards must agree on it. */
  releaseSha256: string;
  /** False while grading, or when the run was interrupted (the reports hold the grades so far). */
  complete: boolean;
  /** How student code was isolated (sandbox.ts). */
  isolation?: string;
  /** Set when this run graded one shard of the students. */
  shard?: Shard & { students: string[] };
}

/** Students by code point, then the release's notebook order, then file. */
export function canonicalOrder(grades: readonly SubmissionGrade[], notebooks: readonly string[]): SubmissionGrade[] {
  const at = (n: string) => { const i = notebooks.indexOf(n); return i < 0 ? notebooks.length : i; };
  return [...grades].sort((a, b) => byCodePoint(a.student, b.student) || at(a.notebook) - at(b.notebook) || byCodePoint(a.file, b.file));
}

const safe = (s: string): string => s.replace(/[^\w.\- ]+/g, '_').replace(/^\.+/, '_') || '_';

/** grades.json of the batch (also rewritten after every graded submission, with complete: false). */
export function gradesJson(batch: BatchReport): string {
  const grades = canonicalOrder(batch.grades, batch.notebooks);
  const json = {
    reglab_grades: 1,
    complete: batch.complete,
    ...(batch.isolation !== undefined ? { isolation: batch.isolation } : {}),
    release_sha256: batch.releaseSha256,
    notebooks: batch.notebooks,
    ...(batch.shard ? { shard: batch.shard } : {}),
    students: studentTotals(grades),
    submissions: grades,
    skipped: batch.skipped,
    seconds: batch.seconds,
  };
  return JSON.stringify(json, null, 2) + '\n';
}

/** The report files (path relative to the output folder, text), in canonical order. */
export function reportFiles(batch: BatchReport): [string, string][] {
  const grades = canonicalOrder(batch.grades, batch.notebooks);
  const totals = studentTotals(grades);
  const files: [string, string][] = [
    ['grades.json', gradesJson(batch)],
    ['junit.xml', junitXml(grades)],
    ['summary.md', summaryMarkdown(grades, batch.notebooks, batch.skipped, batch.seconds, { complete: batch.complete, isolation: batch.isolation })],
    ['gradebook.csv', gradebookCsv(grades, batch.notebooks)],
  ];
  for (const t of totals) {
    const results = JSON.stringify(gradescopeResults(grades.filter((g) => g.student === t.student)), null, 2) + '\n';
    files.push([path.join('gradescope', safe(t.student), 'results.json'), results]);
    if (totals.length === 1) files.push(['results.json', results]);
  }
  return files;
}

/** Writes every report into `outDir` (atomically, file by file); returns the paths written. */
export function writeReports(outDir: string, batch: BatchReport): string[] {
  return reportFiles(batch).map(([rel, text]) => {
    const file = path.join(outDir, rel);
    writeFileAtomic(file, text, { mkdir: true });
    return file;
  });
}
