/**
 * Reading a graded run: one result per injected check cell, taken only from that cell's outputs and
 * only if it carries the signature made with that cell's key (signature.ts). Anything else, printed
 * PASS lines, check outputs of student cells, unsigned or altered results, counts for nothing.
 * A check cell without a valid result earns 0 with the reason: time limit, dead kernel, an error
 * (tslab's compile errors included), or no result at all.
 *
 * Left out on purpose: partial credit, and scoring anything the grader did not inject.
 */
import type { ICodeCell, IOutput } from '@jupyterlab/nbformat';
import { CheckResult, checkResultIn } from '../../lib/checks/result';
import { Notebook, joinMultiline } from '../notebook/notebook-io';
import type { CellRun } from '../notebook/runner/execute';
import { GUARD_INDEX, GradingPlan, InjectedCheck, WRAPPER_LINES } from './inject';
import { SIGNATURE_KEY, verifyResult } from './signature';

/** A check's grade: its result as the check reported it (points recomputed from passed), and where it came from. */
export interface CheckGrade extends CheckResult {
  cellId: string;
  hidden: boolean;
  /** verified: a signed result was found; otherwise why there was none. */
  status: 'verified' | 'no-result' | 'error' | 'timeout' | 'died' | 'skipped';
}

/** The guard cell did not run: a grader problem, not the student's. */
export class GuardError extends Error {
  constructor(detail: string) {
    super(`the grader's guard cell failed: ${detail}`);
    this.name = 'GuardError';
  }
}

const cut = (s: string, n = 300): string => (s.length > n ? s.slice(0, n - 3) + '...' : s);

/**
 * The error lines of a cell, for messages: error outputs' "Name: value", and from stderr only the lines
 * that are error messages or tslab's compile errors ("3:5 - Cannot find name 'f'."), never code lines
 * (a stack excerpt of a hidden check would show its source).
 */
export function cellErrorText(cell: ICodeCell): string {
  const parts: string[] = [];
  for (const o of cell.outputs) {
    if (o.output_type === 'error') parts.push(`${o.ename}: ${o.evalue}`);
    else if (o.output_type === 'stream' && o.name === 'stderr') {
      parts.push(...joinMultiline(o.text).split('\n').map((l) => l.trim()).filter((l) => /^([\w.]*Error|Uncaught)\b.*:|^\d+:\d+ - /.test(l)).slice(0, 3));
    }
  }
  return cut([...new Set(parts)].join('; '));
}

function checkOutputs(cell: ICodeCell): IOutput[] {
  return cell.outputs.filter((o) => (o.output_type === 'display_data' || o.output_type === 'execute_result') && checkResultIn(o) !== undefined);
}

/** One CheckGrade per injected check, in plan order. Throws GuardError when the guard cell failed. */
export function readResults(executed: Notebook, runs: CellRun[], plan: GradingPlan, cellTimeoutMs: number): CheckGrade[] {
  const runAt = new Map(runs.map((r) => [r.index, r]));
  const guardRun = runAt.get(GUARD_INDEX);
  if (guardRun?.status !== 'ok') throw new GuardError(`${guardRun?.status ?? 'not run'}: ${cellErrorText(executed.cells[GUARD_INDEX] as ICodeCell) || 'no output'}`);
  return plan.checks.map((c) => gradeCheck(executed, runAt, c, cellTimeoutMs, plan.guardName));
}

/** An injected cell's error text in the student's terms: lines of the canonical code, no grader internals. */
function injectedErrorText(cell: ICodeCell, guardName: string): string {
  const text = cellErrorText(cell);
  if (text.includes(guardName)) return "the grader's check library is not in this kernel";
  return text.replace(/(^|; )(\d+):(\d+) - /g, (_, sep: string, line: string, col: string) => `${sep}line ${Math.max(1, Number(line) - WRAPPER_LINES)}:${col} - `);
}

function gradeCheck(executed: Notebook, runAt: Map<number, CellRun>, c: InjectedCheck, cellTimeoutMs: number, guardName: string): CheckGrade {
  const cell = executed.cells[c.index] as ICodeCell;
  const base = { id: c.id, cellId: c.cellId, max: c.points, hidden: c.hidden };
  const outs = checkOutputs(cell);
  const signed = outs.filter((o) => verifyResult(c.key, checkResultIn(o), (o.metadata as Record<string, any> | undefined)?.[SIGNATURE_KEY]?.sig));
  const ignored = outs.length - signed.length;
  const ignoredNote = ignored ? ` (${ignored} check-result output${ignored > 1 ? 's' : ''} in this cell without the grader's signature ignored)` : '';
  if (signed.length > 0) {
    const r = checkResultIn(signed[0]) as CheckResult; // verifyResult checked its shape
    if (r.id !== c.id) return { ...base, points: 0, passed: false, message: `the check cell reported check ${JSON.stringify(r.id)}, expected ${JSON.stringify(c.id)}`, status: 'error' };
    const grade: CheckGrade = { ...base, points: r.passed ? c.points : 0, passed: r.passed, message: r.message + ignoredNote, status: 'verified' };
    for (const k of ['expected', 'got', 'hint'] as const) if (typeof r[k] === 'string') grade[k] = r[k];
    if (r.notImplemented) grade.notImplemented = true;
    return grade;
  }
  const run = runAt.get(c.index);
  const status = run?.status ?? 'skipped';
  let message: string;
  if (status === 'timeout') message = `the check did not finish within the time limit (${cellTimeoutMs / 1000} s)`;
  else if (status === 'died') message = `the kernel died while running this check: ${injectedErrorText(cell, guardName)}`;
  else if (status === 'error') message = `the check cell failed: ${injectedErrorText(cell, guardName) || 'an error without a message'}`;
  else if (status === 'skipped') message = 'the check cell did not run';
  else message = 'the check cell finished without a result';
  const restart = restartBefore(executed, runAt, c.index);
  if (restart) message += ` (${restart})`;
  return { ...base, points: 0, passed: false, message: message + ignoredNote, status: status === 'ok' ? 'no-result' : status };
}

/** "the kernel restarted after cell X ..." when an earlier cell ended its kernel, else null. */
function restartBefore(executed: Notebook, runAt: Map<number, CellRun>, index: number): string | null {
  for (let i = index - 1; i >= 0; i--) {
    const run = runAt.get(i);
    if (run?.kernelEnded) {
      return `the kernel was restarted after cell ${executed.cells[i].id} ${run.status === 'timeout' ? 'timed out' : 'ended it'}, so everything defined before it was gone`;
    }
  }
  return null;
}
