/**
 * grades as Markdown for a CI step summary (or a person): one row per student, one column per
 * notebook, then the checks that failed, the flags to review and the files that were skipped.
 *
 * Left out on purpose: anything per check that passed (grades.json and junit.xml have it).
 */
import type { SubmissionGrade } from './grade-one';
import type { Skipped } from './submissions';

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const pct = (score: number, max: number): string => (max > 0 ? `${Math.round((100 * score) / max)}%` : '-');

export interface StudentTotal { student: string; score: number; max: number }

/** Score and max per student, over the submissions graded. */
export function studentTotals(grades: SubmissionGrade[]): StudentTotal[] {
  const by = new Map<string, StudentTotal>();
  for (const g of grades) {
    const t = by.get(g.student) ?? { student: g.student, score: 0, max: 0 };
    t.score += g.score;
    t.max += g.max;
    by.set(g.student, t);
  }
  return [...by.values()];
}

export function summaryMarkdown(grades: SubmissionGrade[], notebooks: string[], skipped: Skipped[], seconds: number, run: { complete?: boolean; isolation?: string } = {}): string {
  const handed = grades.filter((g) => g.status !== 'missing');
  const lines = [`# Grades`, '', `${handed.length} submission${handed.length === 1 ? '' : 's'} from ${studentTotals(grades).length} student(s), graded in ${seconds.toFixed(1)} s` +
    `${run.isolation ? ` (student code isolated by: ${run.isolation === 'bwrap' ? 'bubblewrap namespaces + a separate uid' : run.isolation === 'setpriv' ? 'a separate uid only' : 'nothing (--unsandboxed)'})` : ''}.`, ''];
  if (run.complete === false) lines.push('**Incomplete: the grader was interrupted; the grades below are the ones finished.**', '');
  lines.push(`| student | ${notebooks.map(cell).join(' | ')} | total |`, `|---|${notebooks.map(() => '---|').join('')}---|`);
  for (const t of studentTotals(grades)) {
    const cols = notebooks.map((n) => {
      const gs = grades.filter((g) => g.student === t.student && g.notebook === n);
      return gs.length ? gs.map((g) => (g.status === 'graded' ? `${g.score}/${g.max}` : g.status === 'missing' ? `missing (0/${g.max})` : `${g.status}`)).join(', ') : '-';
    });
    lines.push(`| ${cell(t.student)} | ${cols.join(' | ')} | ${t.score}/${t.max} (${pct(t.score, t.max)}) |`);
  }
  const failed = grades.filter((g) => g.status !== 'missing').flatMap((g) => g.checks.filter((c) => !c.passed).map((c) => `- ${g.student} / ${g.notebook} / ${c.id}${c.hidden ? ' (hidden)' : ''}: ${c.message}`));
  if (failed.length) lines.push('', '## Failed checks', '', ...failed.map(cell));
  const notes = grades.flatMap((g) => g.notes.map((n) => `- ${g.student} / ${g.notebook}: ${n}`));
  if (notes.length) lines.push('', '## Notes', '', ...notes.map(cell));
  const flags = grades.flatMap((g) => g.flags.map((f) => `- ${g.student} / ${g.notebook}: ${f}`));
  if (flags.length) lines.push('', '## Flags to review (they do not change a score)', '', ...flags.map(cell));
  if (skipped.length) lines.push('', '## Skipped files', '', ...skipped.map((s) => cell(`- ${s.file}: ${s.reason}`)));
  return lines.join('\n') + '\n';
}
