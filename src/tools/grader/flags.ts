/**
 * Things in a submission worth a human look, reported next to the score and never changing it:
 *  - student code (exercise cells and cells the student added) reaching for the machinery around checks:
 *    require, process, globalThis, prototypes, property definitions, the stack, eval, tslab, the
 *    check-result MIME type, or redefining `rl`;
 *  - student cells that displayed a check result or printed a PASS/FAIL line themselves (ignored).
 * A flag is a reason to read the code, not a verdict; it never changes a score (the judge decides
 * scores where student code cannot reach).
 *
 * Left out on purpose: any attempt at parsing TypeScript; these are plain patterns.
 */
import type { ICodeCell } from '@jupyterlab/nbformat';
import { checkResultIn } from '../../lib/checks/result';
import { Notebook, isCodeCell, joinMultiline } from '../notebook/notebook-io';
import type { JudgedNotebook } from './judge/judged-notebook';

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

/**
 * Flags for one judged submission: patterns in the student's cells (exercise cells and cells they
 * added), the judge's reference calls outside checks, and, when the feedback ran, student cells that
 * displayed a check result or printed a PASS/FAIL line themselves.
 */
export function submissionFlags(judged: JudgedNotebook, judgeFlags: string[], executed: Notebook | null): string[] {
  const flags: string[] = [];
  const studentIds = new Set<string>();
  for (const cell of judged.cells) {
    if (cell.role !== 'student') continue;
    studentIds.add(cell.cellId);
    const stub = judged.stubs.get(cell.cellId) ?? '';
    for (const [re, what] of PATTERNS) if (re.test(cell.source) && !re.test(stub)) flags.push(`cell ${cell.cellId} ${what}`);
  }
  for (const f of judgeFlags) flags.push(`outside the checks, ${f} (the library's own implementation of an exercise)`);
  for (const cell of executed?.cells ?? []) {
    if (!isCodeCell(cell) || !studentIds.has(String(cell.id))) continue;
    const outs = (cell as ICodeCell).outputs;
    if (outs.some((o) => checkResultIn(o) !== undefined)) {
      flags.push(`cell ${cell.id} displayed a check result of its own (ignored: only the judge's verdicts count)`);
    }
    if (outs.some((o) => o.output_type === 'stream' && /\b(PASS|FAIL) \[\d/.test(joinMultiline(o.text)))) {
      flags.push(`cell ${cell.id} printed a line that looks like a check result (ignored: printed text counts for nothing)`);
    }
  }
  return flags;
}
