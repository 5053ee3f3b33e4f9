/**
 * A student's grades in Gradescope's autograder format (results.json, as its "Autograder
 * Specifications" document: /autograder/results/results.json): the total score, execution_time in seconds,
 * an output for the whole submission, and one test per check with name, score, max_score, status, output
 * and visibility. Visible checks are "visible"; hidden checks are "after_published" and their output only
 * says passed or failed (their messages can carry the hidden inputs; grades.json keeps them). Text output
 * (output_format "text"). A notebook not handed in, unreadable or not graded gives its checks 0 with the
 * reason.
 *
 * Left out: leaderboards, per-test tags and numbers, Gradescope's submission_metadata.json (who the student is
 * comes from our own intake).
 */
import type { SubmissionGrade } from './grade-one';

export interface GradescopeTest {
  name: string;
  score: number;
  max_score: number;
  status: 'passed' | 'failed';
  output: string;
  output_format: 'text';
  visibility: 'visible' | 'after_published';
}

export interface GradescopeResults {
  score: number;
  execution_time: number;
  output: string;
  output_format: 'text';
  visibility: 'visible';
  stdout_visibility: 'hidden';
  tests: GradescopeTest[];
}

type Grade = Pick<SubmissionGrade, 'student' | 'notebook' | 'status' | 'score' | 'max' | 'checks' | 'notes' | 'seconds'>;

/** What a student may see of a check's message (a hidden check: only pass or fail). */
function studentMessage(c: Grade['checks'][number]): string {
  if (c.hidden) return c.passed ? 'passed (a hidden check)' : 'failed (a hidden check: its details stay with your instructor)';
  const lines = [c.message];
  if (!c.passed) {
    if (c.expected !== undefined) lines.push(`expected: ${c.expected}`);
    if (c.got !== undefined) lines.push(`got: ${c.got}`);
    if (c.hint !== undefined) lines.push(`hint: ${c.hint}`);
  }
  return lines.join('\n');
}

/** results.json for one student: every notebook's checks as tests, in the order given. */
export function gradescopeResults(grades: readonly Grade[]): GradescopeResults {
  const tests: GradescopeTest[] = grades.flatMap((g) => g.checks.map((c) => ({
    name: `${g.notebook}: ${c.id}${c.hidden ? ' (hidden)' : ''}`,
    score: c.points,
    max_score: c.max,
    status: c.passed ? 'passed' as const : 'failed' as const,
    output: studentMessage(c),
    output_format: 'text' as const,
    visibility: c.hidden ? 'after_published' as const : 'visible' as const,
  })));
  const score = grades.reduce((s, g) => s + g.score, 0);
  const max = grades.reduce((s, g) => s + g.max, 0);
  const lines = [`reglab: ${score}/${max} points`, ...grades.map((g) => `${g.notebook}: ${g.status === 'graded' ? `${g.score}/${g.max}` : `${g.status}, ${g.score}/${g.max}`}`),
    ...grades.flatMap((g) => g.notes.map((n) => `${g.notebook}: ${n}`))];
  return {
    score,
    execution_time: Math.round(grades.reduce((s, g) => s + g.seconds, 0)),
    output: lines.join('\n'),
    output_format: 'text',
    visibility: 'visible',
    stdout_visibility: 'hidden',
    tests,
  };
}
