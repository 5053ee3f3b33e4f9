/**
 * Things in a submission worth a human look, reported next to the score and never changing it:
 *  - student code (cells that differ from the release) reaching for the machinery around the checks:
 *    require, process, globalThis, prototypes, property definitions, the stack, eval, tslab, the
 *    check-result MIME type, or redefining `rl`;
 *  - student cells that displayed a check result or printed a PASS/FAIL line themselves (ignored).
 * A flag is a reason to read the code, not a verdict: the threat model in the README says which
 * attacks the grader stops by itself and which only show up here.
 *
 * Left out on purpose: any attempt at parsing TypeScript; these are plain patterns.
 */
import type { ICodeCell } from '@jupyterlab/nbformat';
import { checkResultIn } from '../../lib/checks/result';
import { Notebook, isCodeCell, joinMultiline } from '../notebook/notebook-io';
import type { GradingPlan } from './inject';

const PATTERNS: [RegExp, string][] = [
  [/\brequire\s*\(|\bimport\s*\(|\bfrom\s+["'](?!reglab["'])/, 'loads a module other than reglab'],
  [/\bprocess\b/, 'uses process'],
  [/\bglobalThis\b|\bglobal\b|__tslab__/, 'reaches for the global object'],
  [/\bprototype\b|__proto__|setPrototypeOf/, 'touches a prototype'],
  [/\bdefineProperty\b|\bReflect\b|\bProxy\b|\bfreeze\b/, 'defines or intercepts properties'],
  [/prepareStackTrace|\.caller\b|\bcallee\b|captureStackTrace/, 'inspects the call stack'],
  [/\beval\s*\(|\bFunction\s*\(|\bnew\s+Function\b/, 'evaluates code from strings'],
  [/\btslab\b|vnd\.reglab|lastWriteDisplayData|display_data/, 'talks to the notebook display machinery'],
  [/(?:^|[^\w$.])(?:const|let|var|function|class)\s+(?:rl|Math|JSON|Object|Array|Number)\b/m, 'redefines rl or a built-in'],
];

/** Flags for one graded run: static ones on changed student cells, output ones on student cells. */
export function submissionFlags(submission: Notebook, release: Notebook, executed: Notebook, plan: GradingPlan): string[] {
  const released = new Map(release.cells.map((c) => [c.id, joinMultiline(c.source)]));
  const flags: string[] = [];
  for (const cell of submission.cells) {
    if (!isCodeCell(cell)) continue;
    const text = joinMultiline(cell.source);
    if (released.get(cell.id) === text) continue;
    for (const [re, what] of PATTERNS) if (re.test(text)) flags.push(`cell ${cell.id ?? '?'} ${what}`);
  }
  executed.cells.forEach((cell, i) => {
    if (plan.injected.has(i) || !isCodeCell(cell)) return;
    const outs = (cell as ICodeCell).outputs;
    if (outs.some((o) => checkResultIn(o) !== undefined)) {
      flags.push(`cell ${cell.id} displayed a check result of its own (ignored: only the grader's check cells count)`);
    }
    if (outs.some((o) => o.output_type === 'stream' && /\b(PASS|FAIL) \[\d/.test(joinMultiline(o.text)))) {
      flags.push(`cell ${cell.id} printed a line that looks like a check result (ignored: printed text counts for nothing)`);
    }
  });
  return flags;
}
