/**
 * `npm run grade -- <submission paths...> --out DIR [--hidden DIR] [--min-score X] [--jobs N] [--shard K/N]
 *   [--cell-timeout S] [--memory MB] [--max-output-bytes N] [--source DIR] [--cwd DIR] [--quiet]`
 *
 * Grades student notebooks (src/tools/grader/grade.ts; a path may be an LMS download, zip or folder) and
 * writes DIR/grades.json, DIR/junit.xml, DIR/summary.md, DIR/gradebook.csv, DIR/gradescope/<student>/results.json
 * and DIR/feedback/<student>/<notebook>.ipynb. --shard K/N grades the K-th of N parts of the students
 * (`npm run grade-merge` joins the parts). --min-score is each student's share of
 * the points (0..1, or a percentage like 60%). Exit codes: 0 grading completed, 1 some student below
 * --min-score, 2 bad usage, nothing to grade, or a submission the grader could not run (kernel
 * would not start: not the student's fault, so not a score).
 */
import * as path from 'path';
import { gradeAll } from '../grader/grade';
import { parseShard } from '../grader/shard';
import { UsageError, parseCli, pathOpt, runCli, userPath } from './cli-args';
import { GRADE_OPTION_SPEC, GRADE_OPTION_USAGE, gradeOptions, minScore } from './grade-options';
import { packageRoot } from '../base/package-root';

const USAGE = 'usage: npm run grade -- <submission paths or LMS zips...> --out DIR [--hidden DIR] [--min-score X] [--jobs N] [--shard K/N] ' +
  `${GRADE_OPTION_USAGE} [--quiet]`;


runCli('grade', USAGE, async () => {
  const args = parseCli(process.argv.slice(2), {
    ...GRADE_OPTION_SPEC, out: 'string', hidden: 'string', 'min-score': 'string', jobs: 'integer', quiet: 'flag', shard: 'string',
  });
  let shard;
  try {
    shard = args.values.has('shard') ? parseShard(args.values.get('shard')!) : undefined;
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (args.positional.length === 0) throw new UsageError('no submissions given');
  if (!args.values.has('out')) throw new UsageError('--out DIR is required');
  const root = packageRoot();
  const result = await gradeAll({
    paths: args.positional.map(userPath),
    outDir: userPath(args.values.get('out')!),
    ...gradeOptions(args, root),
    hiddenDir: pathOpt(args, 'hidden', undefined),
    jobs: args.numbers.get('jobs') ?? 2,
    minScore: minScore(args.values.get('min-score')),
    shard,
    onGraded: args.flags.has('quiet') ? undefined : (g, done, total) =>
      console.error(`[${done}/${total}] ${g.student}/${g.notebook}: ${g.status === 'graded' ? `${g.score}/${g.max}` : g.status} (${g.seconds.toFixed(1)} s)`),
  });
  for (const s of result.skipped) console.error(`grade: skipped ${s.file}: ${s.reason}`);
  if (result.grades.length === 0 && shard) {
    console.error(`grade: shard ${shard.index}/${shard.count} has no students (fewer students than shards); wrote empty reports`);
    return 0;
  }
  if (result.grades.length === 0) {
    console.error('grade: no submissions found');
    return 2;
  }
  console.error(`grade: ${result.grades.length} submission(s) in ${result.seconds.toFixed(1)} s; wrote ${path.join(args.values.get('out')!, 'summary.md')}`);
  const errors = result.grades.filter((g) => g.status === 'error');
  if (errors.length) {
    console.error(`grade: ${errors.length} submission(s) could not be graded: ${errors.map((g) => `${g.student}/${g.notebook}: ${g.notes[0]}`).join('; ')}`);
    return 2;
  }
  for (const t of result.belowMin) console.error(`grade: ${t.student} has ${t.score}/${t.max}, below --min-score`);
  return result.belowMin.length ? 1 : 0;
});
