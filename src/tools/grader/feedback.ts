/**
 * The feedback notebook a student gets back: their executed notebook with the grader's guard cell
 * removed, each injected check cell showing the canonical check code (hidden checks show a line
 * saying so, and only their result), signatures stripped, and a first markdown cell with the score
 * and one row per check.
 *
 * Left out on purpose: the instructor-only flags (grades.json has them) and any hidden check source.
 */
import type { ICodeCell, IMarkdownCell } from '@jupyterlab/nbformat';
import { checkResultIn } from '../../lib/checks/result';
import { Notebook } from '../notebook/notebook-io';
import { GUARD_INDEX, GradingPlan } from './inject';
import type { CheckGrade } from './results';
import { SIGNATURE_KEY } from './signature';

/** `checks` in plan order, as readResults gives them. */
export interface FeedbackSummary { student: string; notebook: string; score: number; max: number; checks: CheckGrade[]; notes: string[] }

const md = (s: string): string => s.replace(/[|\\`*_<>]/g, (c) => `\\${c}`).replace(/\n/g, ' ');

/** The markdown of the score cell. */
export function scoreMarkdown(s: FeedbackSummary): string {
  const rows = s.checks.map((c) => `| ${c.passed ? 'PASS' : 'FAIL'} | ${md(c.id)}${c.hidden ? ' (hidden)' : ''} | ${c.points}/${c.max} | ${md(c.message)} |`);
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

export function feedbackNotebook(executed: Notebook, plan: GradingPlan, summary: FeedbackSummary): Notebook {
  const nb = structuredClone(executed);
  const byIndex = new Map(plan.checks.map((c, k) => [c.index, k]));
  const cells = nb.cells.flatMap((cell, i) => {
    if (i === GUARD_INDEX) return [];
    const k = byIndex.get(i);
    if (k === undefined) return [cell];
    const c = plan.checks[k];
    const grade = summary.checks[k];
    const code = cell as ICodeCell;
    code.source = c.hidden ? `// hidden check ${c.id} (${c.points} point${c.points === 1 ? '' : 's'}): its code is not shown` : c.source;
    // Errors and stderr of injected cells show the wrapper (and the key); the grade's message says what went wrong.
    code.outputs = code.outputs.filter((o) => checkResultIn(o) !== undefined || (!c.hidden && o.output_type !== 'error' && !(o.output_type === 'stream' && o.name === 'stderr')));
    if (grade.status !== 'verified') code.outputs.push({ output_type: 'stream', name: 'stderr', text: `${grade.id}: 0/${grade.max}: ${grade.message}\n` });
    for (const o of code.outputs) if (o.metadata && typeof o.metadata === 'object') delete (o.metadata as Record<string, unknown>)[SIGNATURE_KEY];
    return [code];
  });
  const score: IMarkdownCell = { cell_type: 'markdown', id: 'reglab-feedback-score', metadata: {}, source: scoreMarkdown(summary) };
  nb.cells = [score, ...cells];
  return nb;
}
