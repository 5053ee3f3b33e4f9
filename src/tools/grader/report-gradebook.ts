/**
 * grades as a gradebook CSV a spreadsheet or an LMS gradebook import reads: one row per student, one
 * column per release notebook (its score), then total, max and percent. RFC 4180 (comma-separated, CRLF
 * line ends, a field with a comma, quote or line break in double quotes, quotes doubled). A cell that a
 * spreadsheet would run as a formula (starting with = + - @, a tab or a carriage return: a student name
 * is whatever the LMS download said) gets a leading apostrophe, as OWASP advises for CSV injection.
 *
 * A notebook not handed in scores 0; one the grader could not run (status error, not the student's doing)
 * is left empty so the gap shows, and counts 0 in the total until it is graded again.
 * Left out: LMS-specific import columns (Canvas wants its own SIS ids; map the student column to them).
 */
import type { SubmissionGrade } from './grade-one';

type Grade = Pick<SubmissionGrade, 'student' | 'notebook' | 'status' | 'score' | 'max'>;

/** One CSV field: quoted when needed, formula-like text defused. */
export function csvField(value: string | number): string {
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const round = (x: number, digits: number): string => (Math.round(x * 10 ** digits) / 10 ** digits).toFixed(digits);

/** The CSV text; students in the order of `grades` (first appearance), notebooks in release order. */
export function gradebookCsv(grades: readonly Grade[], notebooks: readonly string[]): string {
  const students = [...new Set(grades.map((g) => g.student))];
  const rows = [['student', ...notebooks, 'total', 'max', 'percent'].map(csvField).join(',')];
  for (const student of students) {
    const mine = grades.filter((g) => g.student === student);
    const cols = notebooks.map((n) => {
      const g = mine.find((x) => x.notebook === n);
      return !g || g.status === 'error' ? '' : String(g.score);
    });
    const score = mine.reduce((s, g) => s + g.score, 0);
    const max = mine.reduce((s, g) => s + g.max, 0);
    rows.push([csvField(student), ...cols, String(score), String(max), max > 0 ? round((100 * score) / max, 1) : ''].join(','));
  }
  return rows.join('\r\n') + '\r\n';
}
