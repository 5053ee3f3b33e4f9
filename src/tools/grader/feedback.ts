/**
 * The feedback notebook a student gets back: the notebook the judge judged (the release with their
 * exercise cells and the cells they added), executed in a sandboxed kernel when asked (plots and
 * prints), each check cell showing the judge's verdict (hidden checks: a line saying so, and only their
 * verdict), and a first markdown cell with the score, one row per check, and the notes.
 *
 * Left out on purpose: the instructor-only flags (grades.json has them) and any hidden check source.
 */
import type { ICodeCell, IMarkdownCell, IMimeBundle } from '@jupyterlab/nbformat';
import type { CheckResult } from '../../lib/checks/result';
import { checkBundle } from '../../lib/display/check-bundle';
import { Notebook } from '../notebook/notebook-io';
import type { CheckVerdict } from './judge/judge';
import type { JudgedNotebook } from './judge/judged-notebook';

export type CheckGrade = CheckVerdict;

/** The checks in notebook order, as the judge gives them. */
export interface FeedbackSummary { student: string; notebook: string; score: number; max: number; checks: CheckGrade[]; notes: string[] }

const md = (s: string): string => s.replace(/[|\\`*_<>]/g, (c) => `\\${c}`).replace(/\n/g, ' ');

/**
 * What the student sees of a check's message. A hidden check's message can carry its inputs (a failing
 * value, or text the student's own code put into an error it threw), so students see only that it
 * passed or failed; grades.json keeps the full message for the instructor.
 */
export function shownMessage(c: CheckGrade): string {
  return c.hidden ? `${c.passed ? 'passed' : 'failed'} (a hidden check: its details stay with your instructor)` : c.message;
}

/** The markdown of the score cell. */
export function scoreMarkdown(s: FeedbackSummary): string {
  const rows = s.checks.map((c) => `| ${c.passed ? 'PASS' : 'FAIL'} | ${md(c.id)}${c.hidden ? ' (hidden)' : ''} | ${c.points}/${c.max} | ${md(shownMessage(c))} |`);
  return [
    `# Feedback: ${md(s.notebook)} (${md(s.student)})`,
    '',
    `**Score: ${s.score} / ${s.max}**`,
    '',
    '| | check | points | message |',
    '|---|---|---|---|',
    ...rows,
    ...(s.notes.length ? ['', ...s.notes.map((n) => `- ${md(n)}`)] : []),
    '',
  ].join('\n');
}

/**
 * `judged` (executed by the feedback kernel, or as it is) with every check cell showing the judge's
 * verdict as its only output, hidden checks as a placeholder line with their verdict, and the score
 * cell on top. Outputs the kernel produced in check cells are dropped: they never count, and a
 * submission could have made them say anything.
 */
export function feedbackNotebook(judged: JudgedNotebook, executed: Notebook | null, summary: FeedbackSummary): Notebook {
  const nb = structuredClone(executed ?? judged.notebook);
  const byCell = new Map(summary.checks.map((c) => [c.cellId, c]));
  const seen = new Set<string>();
  nb.cells.forEach((cell, i) => {
    if (typeof cell.id !== 'string' || seen.has(cell.id)) cell.id = `cell-${i}`;
    seen.add(cell.id as string);
    const grade = byCell.get(String(cell.id));
    if (!grade || cell.cell_type !== 'code') return;
    const code = cell as ICodeCell;
    const result: CheckResult = { id: grade.id, points: grade.points, max: grade.max, passed: grade.passed, message: shownMessage(grade) };
    if (!grade.hidden) for (const k of ['expected', 'got', 'hint'] as const) if (grade[k] !== undefined) result[k] = grade[k];
    if (grade.notImplemented) result.notImplemented = true;
    code.outputs = [{ output_type: 'display_data', data: checkBundle(result) as IMimeBundle, metadata: {} }];
  });
  const score: IMarkdownCell = { cell_type: 'markdown', id: 'reglab-feedback-score', metadata: {}, source: scoreMarkdown(summary) };
  nb.cells = [score, ...nb.cells.filter((c) => c.id !== score.id)];
  return nb;
}
