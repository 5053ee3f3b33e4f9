/**
 * Grading one submission: read it (an unreadable, too large or too deeply nested file earns 0 with
 * the reason), judge it (judge/judge.ts: the verdicts, computed where student code cannot reach), and
 * build the feedback notebook, executed in a sandboxed kernel when asked (its outputs never count).
 * Never writes files and never throws for anything a student did; a judge that cannot start gives
 * status 'error' naming the file.
 *
 * Left out on purpose: finding submissions, parallelism and reports (grade.ts).
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { Notebook, NotebookError, parseNotebook } from '../notebook/notebook-io';
import { executeNotebook } from '../notebook/runner/execute';
import { CheckGrade, feedbackNotebook } from './feedback';
import { feedbackKernelLaunch, feedbackKernelSpec } from './feedback-kernel';
import { submissionFlags } from './flags';
import { JudgeCancelled, judgeNotebook } from './judge/judge';
import type { JudgeRelease } from './judge/judged-notebook';
import type { CachedBindings } from './judge/protocol';
import type { Isolation } from './sandbox';
import type { Submission } from './submissions';

export type { CheckGrade };

export interface ReleaseEntry extends JudgeRelease {
  file: string;
}

export interface GradeOptions {
  /** The package root (its dist/ and node_modules/ are what sandboxes see). */
  install: string;
  isolation: Isolation;
  cellTimeoutMs: number;
  trainingBudgetMs: number;
  memoryMb: number;
  maxOutputBytes: number;
  /** Run the feedback notebook in a sandboxed kernel (plots, prints); otherwise it shows the verdicts only. */
  executedFeedback: boolean;
  /** Per-cell limit of that run (default: the cell limit, at least 300 s: the notebook's training cells run there in full). */
  feedbackCellTimeoutMs?: number;
  libraryExports: ReadonlySet<string>;
  /** Release cells computed once without student code (cache.ts), per release notebook; deferred: still being computed. */
  cached?: ReadonlyMap<string, ReadonlyMap<string, CachedBindings>>;
  deferred?: ReadonlyMap<string, ReadonlyMap<string, Promise<CachedBindings | null>>>;
  signal?: AbortSignal;
}

export interface SubmissionGrade {
  student: string;
  notebook: string;
  file: string;
  /** graded; unreadable (the file is not a notebook we can read); error (the judge could not run: not the student's doing); missing (nothing handed in). */
  status: 'graded' | 'unreadable' | 'error' | 'missing';
  score: number;
  max: number;
  checks: CheckGrade[];
  /** For the student: restored check cells, cells that failed, restarts of the judge. */
  notes: string[];
  /** For the instructor (flags.ts). */
  flags: string[];
  seconds: number;
  /** sha256 of the submitted file (resuming reuses a grade only for the same bytes). */
  sha256?: string;
  /** CPU time the judge's realm processes used for this submission (restarts included). */
  judgeCpuSeconds?: number;
}

/** A feedback cell may take this long at least (the notebook's own training cells run there in full). */
const FEEDBACK_CELL_MS = 300_000;

/** Larger files are not read (a notebook of this workbook is well under 1 MB). */
export const MAX_SUBMISSION_BYTES = 32 * 1024 * 1024;
/** Deeper JSON is refused before parsing (Jupyter writes depth < 10; deep nesting overflows stacks later). */
export const MAX_JSON_DEPTH = 64;

/** The nesting depth of JSON text (brackets outside strings), stopping as soon as it exceeds `limit`. */
export function jsonDepth(text: string, limit = Infinity): number {
  let depth = 0;
  let most = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > most) most = depth;
      if (most > limit) return most;
    } else if (c === 93 || c === 125) depth--;
  }
  return most;
}

/** The submission as a notebook, or why not (in the student's terms). */
export function readSubmission(file: string): { notebook: Notebook; sha256: string } | { reason: string; sha256?: string } {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch (e) {
    return { reason: `cannot read it (${(e as Error).message})` };
  }
  if (!st.isFile()) return { reason: 'it is not a file' };
  if (st.size > MAX_SUBMISSION_BYTES) return { reason: `it is ${st.size} bytes; a submission may have at most ${MAX_SUBMISSION_BYTES}` };
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file);
  } catch (e) {
    return { reason: `cannot read it (${(e as Error).message})` };
  }
  const sha256 = crypto.createHash('sha256').update(buf).digest('hex');
  const text = buf.toString('utf8');
  const depth = jsonDepth(text, MAX_JSON_DEPTH);
  if (depth > MAX_JSON_DEPTH) return { reason: `its JSON is nested more than ${MAX_JSON_DEPTH} levels deep`, sha256 };
  try {
    return { notebook: parseNotebook(text, file), sha256 };
  } catch (e) {
    return { reason: e instanceof NotebookError ? e.reason : (e as Error).message, sha256 };
  }
}

/** Every check at 0 with the same reason (the submission was not judged). */
export function ungraded(rel: JudgeRelease, reason: string): CheckGrade[] {
  const all = [...rel.checks.map((c) => ({ id: c.id, cellId: c.cellId, points: c.points, hidden: false })), ...rel.hidden.map((h) => ({ id: h.id, cellId: h.cellId, points: h.points, hidden: true }))];
  return all.map((c) => ({ id: c.id, cellId: c.cellId, points: 0, max: c.points, passed: false, message: reason, hidden: c.hidden, status: 'not-judged' as const }));
}

const total = (checks: CheckGrade[], k: 'points' | 'max'): number => checks.reduce((s, c) => s + c[k], 0);

export async function gradeSubmission(sub: Submission, rel: ReleaseEntry, opts: GradeOptions): Promise<{ grade: SubmissionGrade; feedback: Notebook | null }> {
  const t0 = Date.now();
  const finish = (status: SubmissionGrade['status'], checks: CheckGrade[], notes: string[], flags: string[] = [], sha256?: string) =>
    ({ student: sub.student, notebook: sub.notebook, file: sub.file, status, score: total(checks, 'points'), max: total(checks, 'max'), checks, notes, flags, seconds: (Date.now() - t0) / 1000, ...(sha256 ? { sha256 } : {}) });
  const read = readSubmission(sub.file);
  if ('reason' in read) {
    return { grade: finish('unreadable', ungraded(rel, `not graded: the submission is not a readable notebook (${read.reason})`), [`${path.basename(sub.file)}: ${read.reason}`], [], read.sha256), feedback: null };
  }
  try {
    const notes: string[] = [];
    const want = rel.released.metadata.kernelspec?.name;
    const named = read.notebook.metadata.kernelspec?.name;
    if (named !== want) notes.push(`the submission names kernel ${JSON.stringify(named ?? null)}; it was graded as a ${JSON.stringify(want)} notebook, the course kernel`);
    const verdict = await judgeNotebook(rel, read.notebook, { ...opts, cached: opts.cached?.get(rel.name), deferred: opts.deferred?.get(rel.name) });
    notes.push(...verdict.notes);
    let executed: Notebook | null = null;
    if (opts.executedFeedback) {
      try {
        const workDir = path.join(opts.install, 'notebooks');
        const run = await executeNotebook(verdict.judged.notebook, {
          kernelSpec: feedbackKernelSpec(opts.install), launch: feedbackKernelLaunch(opts.install, opts.isolation, opts.memoryMb, workDir), cwd: workDir,
          cellTimeoutMs: opts.feedbackCellTimeoutMs ?? Math.max(opts.cellTimeoutMs, FEEDBACK_CELL_MS), memoryLimitMb: opts.isolation === 'none' ? opts.memoryMb : undefined,
          maxOutputBytes: opts.maxOutputBytes, maxNotebookOutputBytes: opts.maxOutputBytes * 4, signal: opts.signal,
        });
        executed = run.notebook;
      } catch (e) {
        if (opts.signal?.aborted) throw new JudgeCancelled();
        notes.push(`the feedback notebook could not be executed (${(e as Error).message.split('\n')[0]}); it shows the verdicts without outputs`);
      }
    }
    const flags = submissionFlags(verdict.judged, verdict.flags, executed);
    const grade: SubmissionGrade = { ...finish('graded', verdict.checks, notes, flags, read.sha256), judgeCpuSeconds: (verdict.boot.cpu ?? 0) / 1000 };
    return { grade, feedback: feedbackNotebook(verdict.judged, executed, grade) };
  } catch (e) {
    if (e instanceof JudgeCancelled) throw e;
    const msg = (e as Error)?.message ?? String(e);
    return { grade: finish('error', ungraded(rel, `not graded: ${msg.split('\n')[0]}`), [`grading ${path.basename(sub.file)} failed: ${msg}`], [], read.sha256), feedback: null };
  }
}
