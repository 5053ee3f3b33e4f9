/**
 * `npm run grade -- <submission paths...> --out DIR [--hidden DIR] [--min-score X] [--jobs N]
 *   [--cell-timeout S] [--training-budget S] [--memory MB] [--max-output-bytes N] [--executed-feedback]
 *   [--resume] [--no-cache] [--unsandboxed] [--source DIR] [--quiet]`
 *
 * Grades student notebooks (src/tools/grader/grade.ts) and writes DIR/grades.json, DIR/junit.xml,
 * DIR/summary.md and DIR/feedback/<student>/<notebook>.ipynb. Student code runs only in sandboxes
 * (grader/sandbox.ts); with none available the grader refuses unless told --unsandboxed. --min-score
 * is each student's share of the points (0..1, or a percentage like 60%). SIGINT/SIGTERM stop every
 * sandbox and write the grades finished so far (`complete: false`); run again with --resume.
 * Exit codes: 0 grading completed, 1 some student below --min-score, 2 bad usage, nothing to grade,
 * no sandbox, or a submission the grader could not run (not the student's fault, so not a score);
 * 130/143 interrupted by SIGINT/SIGTERM.
 */
import * as path from 'path';
import { gradeAll } from '../grader/grade';
import { libraryExportNames } from '../grader/judge/judge';
import { detectIsolation, Isolation } from '../grader/sandbox';
import { UsageError, parseCli, pathOpt, runCli, userPath } from './cli-args';
import { packageRoot } from '../base/package-root';

const USAGE = 'usage: npm run grade -- <submission paths...> --out DIR [--hidden DIR] [--min-score X] [--jobs N] ' +
  '[--cell-timeout S] [--training-budget S] [--memory MB] [--max-output-bytes N] [--executed-feedback] [--resume] [--no-cache] [--unsandboxed] [--source DIR] [--quiet]';

function minScore(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = v.endsWith('%') ? Number(v.slice(0, -1)) / 100 : Number(v);
  if (!(Number.isFinite(n) && n >= 0 && n <= 1)) throw new UsageError(`--min-score must be a share 0..1 or a percentage, got '${v}'`);
  return n;
}

runCli('grade', USAGE, async () => {
  const args = parseCli(process.argv.slice(2), {
    out: 'string', hidden: 'string', 'min-score': 'string', jobs: 'integer', 'cell-timeout': 'number', 'training-budget': 'number', memory: 'number',
    'max-output-bytes': 'number', source: 'string', quiet: 'flag', 'executed-feedback': 'flag', resume: 'flag', 'no-cache': 'flag', unsandboxed: 'flag',
  });
  if (args.positional.length === 0) throw new UsageError('no submissions given');
  if (!args.values.has('out')) throw new UsageError('--out DIR is required');
  const mins = minScore(args.values.get('min-score'));
  const found = detectIsolation();
  let isolation: Isolation;
  if (args.flags.has('unsandboxed')) {
    isolation = 'none';
    console.error('grade: --unsandboxed: student code runs with your rights, without a sandbox (only for code you trust)');
  } else if (found.kind === null) {
    console.error(`grade: no sandbox for student code: ${found.why}. Refusing to grade; run as root with bubblewrap (Debian: bubblewrap, util-linux), or pass --unsandboxed for code you trust`);
    return 2;
  } else {
    isolation = found.kind;
    if (isolation !== 'bwrap') console.error(`grade: weaker isolation: ${found.why}`);
  }
  const quiet = args.flags.has('quiet');
  const controller = new AbortController();
  let signalled: NodeJS.Signals | null = null;
  const onSignal = (sig: NodeJS.Signals) => {
    if (signalled) process.exit(sig === 'SIGINT' ? 130 : 143); // a second signal: leave now (sandboxes die with us)
    signalled = sig;
    console.error(`grade: ${sig}: stopping every sandbox and writing the grades finished so far`);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const root = packageRoot();
  const result = await gradeAll({
    paths: args.positional.map(userPath),
    outDir: userPath(args.values.get('out')!),
    sourceDir: pathOpt(args, 'source', path.join(root, 'notebooks', 'source')),
    hiddenDir: pathOpt(args, 'hidden', undefined),
    install: root,
    isolation,
    jobs: args.numbers.get('jobs') ?? 2,
    cellTimeoutMs: (args.numbers.get('cell-timeout') ?? 60) * 1000,
    trainingBudgetMs: (args.numbers.get('training-budget') ?? 900) * 1000,
    memoryMb: args.numbers.get('memory') ?? 2048,
    maxOutputBytes: args.numbers.get('max-output-bytes') ?? 1_000_000,
    executedFeedback: args.flags.has('executed-feedback'),
    resume: args.flags.has('resume'),
    cache: !args.flags.has('no-cache'),
    libraryExports: libraryExportNames(root),
    minScore: mins,
    signal: controller.signal,
    onLog: quiet ? undefined : (line) => console.error(line),
    onGraded: quiet ? undefined : (g, done, total) =>
      console.error(`[${done}/${total}] ${g.student}/${g.notebook}: ${g.status === 'graded' ? `${g.score}/${g.max}` : g.status} (${g.seconds.toFixed(1)} s${g.judgeCpuSeconds ? `, judge ${g.judgeCpuSeconds.toFixed(1)} s CPU` : ''})`),
  });
  for (const s of result.skipped) console.error(`grade: skipped ${s.file}: ${s.reason}`);
  if (signalled) {
    console.error(`grade: interrupted; ${result.grades.filter((g) => g.status !== 'missing').length} grade(s) written to ${path.join(args.values.get('out')!, 'grades.json')} (complete: false; --resume continues)`);
    return signalled === 'SIGINT' ? 130 : 143;
  }
  if (result.grades.filter((g) => g.status !== 'missing').length === 0) {
    console.error('grade: no submissions found');
    return 2;
  }
  console.error(`grade: ${result.grades.filter((g) => g.status !== 'missing').length} submission(s) in ${result.seconds.toFixed(1)} s (isolation: ${isolation}); wrote ${path.join(args.values.get('out')!, 'summary.md')}`);
  const errors = result.grades.filter((g) => g.status === 'error');
  if (errors.length) {
    console.error(`grade: ${errors.length} submission(s) could not be graded: ${errors.map((g) => `${g.student}/${g.notebook} (${g.file}): ${g.notes[0]}`).join('; ')}`);
    return 2;
  }
  for (const t of result.belowMin) console.error(`grade: ${t.student} has ${t.score}/${t.max}, below --min-score`);
  return result.belowMin.length ? 1 : 0;
});
