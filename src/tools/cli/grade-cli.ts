/**
 * `npm run grade -- <submission paths or LMS zips...> --out DIR [--hidden DIR] [--min-score X] [--jobs N]
 *   [--shard K/N] [--resume] [--cell-timeout S] [--training-budget S] [--memory MB] [--max-output-bytes N]
 *   [--executed-feedback] [--no-cache] [--unsandboxed] [--source DIR] [--quiet]`
 *
 * Grades student notebooks (src/tools/grader/grade.ts; a path may be an LMS download, zip or folder) and
 * writes DIR/grades.json, DIR/junit.xml, DIR/summary.md, DIR/gradebook.csv, DIR/gradescope/<student>/results.json
 * and DIR/feedback/<student>/<notebook>.ipynb. Student code runs only in sandboxes (grader/sandbox.ts); with
 * none available the grader refuses unless told --unsandboxed. --shard K/N grades the K-th of N parts of
 * the students (`npm run grade-merge` joins the parts). --min-score is each student's share of the points
 * (0..1, or a percentage like 60%). SIGINT/SIGTERM stop every sandbox and write the grades finished so far
 * (`complete: false`); run again with --resume. The options shared with `npm run check`: grade-options.ts.
 * Exit codes: 0 grading completed, 1 some student below --min-score, 2 bad usage, nothing to grade,
 * no sandbox, or a submission the grader could not run (not the student's fault, so not a score);
 * 130/143 interrupted by SIGINT/SIGTERM.
 */
import * as path from 'path';
import { gradeAll } from '../grader/grade';
import { parseShard } from '../grader/shard';
import { UsageError, parseCli, pathOpt, runCli, userPath } from './cli-args';
import { GRADE_OPTION_SPEC, GRADE_OPTION_USAGE, chooseIsolation, gradeOptions, minScore } from './grade-options';
import { packageRoot } from '../base/package-root';

const USAGE = 'usage: npm run grade -- <submission paths or LMS zips...> --out DIR [--hidden DIR] [--min-score X] [--jobs N] ' +
  `[--shard K/N] [--resume] ${GRADE_OPTION_USAGE} [--quiet]`;

runCli('grade', USAGE, async () => {
  const args = parseCli(process.argv.slice(2), {
    ...GRADE_OPTION_SPEC, out: 'string', hidden: 'string', 'min-score': 'string', jobs: 'integer', shard: 'string', quiet: 'flag', resume: 'flag',
  });
  let shard;
  try {
    shard = args.values.has('shard') ? parseShard(args.values.get('shard')!) : undefined;
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (args.positional.length === 0) throw new UsageError('no submissions given');
  if (!args.values.has('out')) throw new UsageError('--out DIR is required');
  const mins = minScore(args.values.get('min-score'));
  const isolation = chooseIsolation(args, 'grade');
  if (isolation === null) return 2;
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
    ...gradeOptions(args, root, isolation),
    hiddenDir: pathOpt(args, 'hidden', undefined),
    jobs: args.numbers.get('jobs') ?? 2,
    resume: args.flags.has('resume'),
    minScore: mins,
    shard,
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
  const handedIn = result.grades.filter((g) => g.status !== 'missing').length;
  if (handedIn === 0 && shard) {
    console.error(`grade: shard ${shard.index}/${shard.count} has no students (fewer students than shards); wrote empty reports`);
    return 0;
  }
  if (handedIn === 0) {
    console.error('grade: no submissions found');
    return 2;
  }
  console.error(`grade: ${handedIn} submission(s) in ${result.seconds.toFixed(1)} s (isolation: ${isolation}); wrote ${path.join(args.values.get('out')!, 'summary.md')}`);
  const errors = result.grades.filter((g) => g.status === 'error');
  if (errors.length) {
    console.error(`grade: ${errors.length} submission(s) could not be graded: ${errors.map((g) => `${g.student}/${g.notebook} (${g.file}): ${g.notes[0]}`).join('; ')}`);
    return 2;
  }
  for (const t of result.belowMin) console.error(`grade: ${t.student} has ${t.score}/${t.max}, below --min-score`);
  return result.belowMin.length ? 1 : 0;
});
