/**
 * Grading one submission: read it (an unreadable file earns 0 with the reason), build the plan
 * (inject.ts), run it in a fresh kernel of the release's kernel spec with the time, memory and output
 * limits, read the signed results (results.ts), and build the feedback notebook. Never writes files
 * and never throws for anything a student did; infrastructure failures (kernel does not start, guard
 * cell fails) give status 'error'.
 *
 * Left out on purpose: finding submissions, parallelism and reports (grade.ts).
 */
import type { ICodeCell } from '@jupyterlab/nbformat';
import { Notebook, NotebookError, readNotebook } from '../notebook/notebook-io';
import { ExecuteOptions, executeNotebook } from '../notebook/runner/execute';
import type { CheckCell } from './check-cells';
import { feedbackNotebook } from './feedback';
import { submissionFlags } from './flags';
import { HiddenCheck, planGrading } from './inject';
import { CheckGrade, cellErrorText, readResults } from './results';
import type { Submission } from './submissions';

export interface ReleaseEntry {
  name: string;
  file: string;
  /** The student copy made from the source (release.ts): canonical check cells, kernel spec. */
  notebook: Notebook;
  checks: CheckCell[];
  hidden: HiddenCheck[];
}

/** The run limits, and the kernel's working directory `cwd` (where `import "reglab"` resolves): the student copies' folder. */
export type GradeOptions = Required<Pick<ExecuteOptions, 'cellTimeoutMs' | 'maxOutputBytes' | 'cwd'>> & Pick<ExecuteOptions, 'memoryLimitMb'>;

export interface SubmissionGrade {
  student: string;
  notebook: string;
  file: string;
  status: 'graded' | 'unreadable' | 'error';
  score: number;
  max: number;
  checks: CheckGrade[];
  /** For the student: restored check cells, kernel differences, cells that timed out or died. */
  notes: string[];
  /** For the instructor (flags.ts). */
  flags: string[];
  seconds: number;
}

/** Every check at 0 with the same reason (the submission was not run). */
function ungraded(rel: ReleaseEntry, reason: string): CheckGrade[] {
  const all = [...rel.checks.map((c) => ({ ...c, hidden: false })), ...rel.hidden.map((h) => ({ ...h, hidden: true }))];
  return all.map((c) => ({ id: c.id, cellId: c.cellId, points: 0, max: c.points, passed: false, message: reason, hidden: c.hidden, status: 'skipped' as const }));
}

const total = (checks: CheckGrade[], k: 'points' | 'max'): number => checks.reduce((s, c) => s + c[k], 0);

export async function gradeSubmission(sub: Submission, rel: ReleaseEntry, opts: GradeOptions): Promise<{ grade: SubmissionGrade; feedback: Notebook | null }> {
  const t0 = Date.now();
  const finish = (status: SubmissionGrade['status'], checks: CheckGrade[], notes: string[], flags: string[] = [], feedback: Notebook | null = null) => ({
    grade: { student: sub.student, notebook: sub.notebook, file: sub.file, status, score: total(checks, 'points'), max: total(checks, 'max'), checks, notes, flags, seconds: (Date.now() - t0) / 1000 },
    feedback,
  });
  let submission: Notebook;
  try {
    submission = readNotebook(sub.file);
  } catch (e) {
    const reason = e instanceof NotebookError ? e.reason : (e as Error).message;
    return finish('unreadable', ungraded(rel, `not graded: the submission is not a readable notebook (${reason})`), [`${sub.file}: ${reason}`]);
  }
  const notes: string[] = [];
  const want = rel.notebook.metadata.kernelspec?.name;
  const named = submission.metadata.kernelspec?.name;
  if (named !== want) notes.push(`the submission names kernel ${JSON.stringify(named ?? null)}; it was graded with ${JSON.stringify(want)}, the course kernel`);
  const plan = planGrading(submission, rel.notebook, rel.checks, rel.hidden);
  for (const c of plan.checks) {
    if (c.submitted === 'edited') notes.push(`check cell ${c.cellId} (${c.id}) had been edited; the original check was run`);
    if (c.submitted === 'missing') notes.push(`check cell ${c.cellId} (${c.id}) was missing; the original check was put back and run`);
  }
  let run;
  try {
    run = await executeNotebook(plan.notebook, { cwd: opts.cwd, cellTimeoutMs: opts.cellTimeoutMs, memoryLimitMb: opts.memoryLimitMb, maxOutputBytes: opts.maxOutputBytes });
  } catch (e) {
    return finish('error', ungraded(rel, `not graded: ${(e as Error).message.split('\n')[0]}`), [`grading failed: ${(e as Error).message}`]);
  }
  let checks: CheckGrade[];
  try {
    checks = readResults(run.notebook, run.cells, plan, opts.cellTimeoutMs);
  } catch (e) {
    return finish('error', ungraded(rel, `not graded: ${(e as Error).message}`), [(e as Error).message]);
  }
  for (const r of run.cells) {
    if (plan.injected.has(r.index) || (r.status !== 'timeout' && r.status !== 'died')) continue;
    const cell = run.notebook.cells[r.index] as ICodeCell;
    notes.push(`cell ${cell.id} ${r.status === 'timeout' ? `hit the time limit (${opts.cellTimeoutMs / 1000} s)` : 'ended the kernel'}: ${cellErrorText(cell)}`);
  }
  const flags = submissionFlags(submission, rel.notebook, run.notebook, plan);
  const result = finish('graded', checks, notes, flags);
  result.feedback = feedbackNotebook(run.notebook, plan, { ...result.grade });
  return result;
}
