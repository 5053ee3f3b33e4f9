/**
 * The grading options `npm run grade` and `npm run check` share, with the same defaults, so a student's own
 * check runs their notebook exactly as the course grader does (same limits, same kernel folder).
 *
 * Also --min-score, which `npm run grade` and `npm run grade-merge` read alike.
 * Left out on purpose: the options only a batch has (--out, --jobs, --shard, --hidden).
 */
import * as path from 'path';
import type { GradeOptions } from '../grader/grade-one';
import { type Parsed, type Spec, UsageError, pathOpt } from './cli-args';

export const GRADE_OPTION_SPEC: Spec = { 'cell-timeout': 'number', memory: 'number', 'max-output-bytes': 'number', source: 'string', cwd: 'string' };

export const GRADE_OPTION_USAGE = '[--cell-timeout S] [--memory MB] [--max-output-bytes N] [--source DIR] [--cwd DIR]';

/** The per-submission options from parsed arguments (defaults: 300 s per cell, 2048 MB, 1 MB of output). */
export function gradeOptions(args: Parsed, root: string): GradeOptions & { sourceDir: string } {
  return {
    sourceDir: pathOpt(args, 'source', path.join(root, 'notebooks', 'source')),
    cwd: pathOpt(args, 'cwd', path.join(root, 'notebooks')),
    cellTimeoutMs: (args.numbers.get('cell-timeout') ?? 300) * 1000, // a training cell can take minutes on a loaded machine
    memoryLimitMb: args.numbers.get('memory') ?? 2048,
    maxOutputBytes: args.numbers.get('max-output-bytes') ?? 1_000_000,
  };
}

/** --min-score: a share 0..1 or a percentage like 60%; undefined when not given. */
export function minScore(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = v.endsWith('%') ? Number(v.slice(0, -1)) / 100 : Number(v);
  if (!(Number.isFinite(n) && n >= 0 && n <= 1)) throw new UsageError(`--min-score must be a share 0..1 or a percentage, got '${v}'`);
  return n;
}
