/**
 * The grading options `npm run grade` and `npm run check` share, with the same defaults and the same choice
 * of sandbox, so a student's own check judges their notebook exactly as the course grader does (the same
 * judge, limits and isolation).
 *
 * Also --min-score, which `npm run grade` and `npm run grade-merge` read alike.
 * Left out on purpose: the options only a batch has (--out, --jobs, --shard, --hidden, --resume).
 */
import * as path from 'path';
import type { GradeOptions } from '../grader/grade-one';
import { libraryExportNames } from '../grader/judge/judge';
import { detectIsolation, type Isolation } from '../grader/sandbox';
import { type Parsed, type Spec, UsageError, pathOpt } from './cli-args';

export const GRADE_OPTION_SPEC: Spec = {
  'cell-timeout': 'number', 'training-budget': 'number', memory: 'number', 'max-output-bytes': 'number',
  'executed-feedback': 'flag', 'no-cache': 'flag', unsandboxed: 'flag', source: 'string',
};

export const GRADE_OPTION_USAGE = '[--cell-timeout S] [--training-budget S] [--memory MB] [--max-output-bytes N] ' +
  '[--executed-feedback] [--no-cache] [--unsandboxed] [--source DIR]';

/**
 * The sandbox for student code: bubblewrap where it works, a weaker one said, none only with --unsandboxed
 * (said). Null (the reason printed) when there is none: the caller exits 2.
 */
export function chooseIsolation(args: Parsed, tool: string): Isolation | null {
  if (args.flags.has('unsandboxed')) {
    console.error(`${tool}: --unsandboxed: student code runs with your rights, without a sandbox (only for code you trust)`);
    return 'none';
  }
  const found = detectIsolation();
  if (found.kind === null) {
    console.error(`${tool}: no sandbox for student code: ${found.why}. Refusing to grade; run as root with bubblewrap (Debian: bubblewrap, util-linux), or pass --unsandboxed for code you trust`);
    return null;
  }
  if (found.kind !== 'bwrap') console.error(`${tool}: weaker isolation: ${found.why}`);
  return found.kind;
}

/** The judge's options from parsed arguments (defaults: 60 s per cell, 900 s of release training, 2048 MB, 1 MB of output). */
export function gradeOptions(args: Parsed, root: string, isolation: Isolation): GradeOptions & { sourceDir: string; cache: boolean } {
  return {
    sourceDir: pathOpt(args, 'source', path.join(root, 'notebooks', 'source')),
    install: root,
    isolation,
    cellTimeoutMs: (args.numbers.get('cell-timeout') ?? 60) * 1000,
    trainingBudgetMs: (args.numbers.get('training-budget') ?? 900) * 1000,
    memoryMb: args.numbers.get('memory') ?? 2048,
    maxOutputBytes: args.numbers.get('max-output-bytes') ?? 1_000_000,
    executedFeedback: args.flags.has('executed-feedback'),
    cache: !args.flags.has('no-cache'),
    libraryExports: libraryExportNames(root),
  };
}

/** --min-score: a share 0..1 or a percentage like 60%; undefined when not given. */
export function minScore(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = v.endsWith('%') ? Number(v.slice(0, -1)) / 100 : Number(v);
  if (!(Number.isFinite(n) && n >= 0 && n <= 1)) throw new UsageError(`--min-score must be a share 0..1 or a percentage, got '${v}'`);
  return n;
}
