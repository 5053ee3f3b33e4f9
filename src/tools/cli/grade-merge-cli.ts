/**
 * `npm run grade-merge -- SHARD_DIR... --out DIR [--min-score X]`
 *
 * Joins the outputs of `npm run grade -- ... --shard K/N` jobs (grader/merge.ts checks that they are the N
 * parts of one batch) into DIR: the same reports a single run over every student writes (grader/reports.ts)
 * and every shard's feedback notebooks. Exit codes as `npm run grade`: 0 done, 1 some student below
 * --min-score, 2 bad usage, shards that do not fit together, or a submission that could not be graded.
 */
import * as fs from 'fs';
import * as path from 'path';
import { mergeShards } from '../grader/merge';
import { studentTotals } from '../grader/report-summary';
import { writeReports } from '../grader/reports';
import { UsageError, parseCli, runCli, userPath } from './cli-args';
import { minScore } from './grade-options';

const USAGE = 'usage: npm run grade-merge -- SHARD_DIR... --out DIR [--min-score X]';


/** Copies every file under `from` to the same place under `to`; a different file already there is an error. */
function copyTree(from: string, to: string): number {
  let n = 0;
  for (const e of fs.readdirSync(from, { withFileTypes: true })) {
    const src = path.join(from, e.name);
    const dst = path.join(to, e.name);
    if (e.isDirectory()) n += copyTree(src, dst);
    else if (e.isFile()) {
      if (fs.existsSync(dst) && !fs.readFileSync(dst).equals(fs.readFileSync(src))) throw new Error(`${dst} exists and differs from ${src}: merge into an empty --out`);
      fs.mkdirSync(to, { recursive: true });
      fs.copyFileSync(src, dst);
      n++;
    }
  }
  return n;
}

runCli('grade-merge', USAGE, async () => {
  const args = parseCli(process.argv.slice(2), { out: 'string', 'min-score': 'string' });
  if (args.positional.length === 0) throw new UsageError('no shard folders given');
  if (!args.values.has('out')) throw new UsageError('--out DIR is required');
  const mins = minScore(args.values.get('min-score'));
  const out = userPath(args.values.get('out')!);
  const dirs = args.positional.map(userPath);
  if (dirs.some((d) => path.resolve(d) === path.resolve(out))) throw new UsageError('--out must not be one of the shard folders');
  const merged = mergeShards(dirs);
  fs.mkdirSync(out, { recursive: true });
  let feedback = 0;
  for (const dir of merged.feedbackDirs) feedback += copyTree(dir, path.join(out, 'feedback'));
  writeReports(out, { grades: merged.grades, notebooks: merged.notebooks, skipped: merged.skipped, seconds: merged.seconds, releaseSha256: merged.releaseSha256, complete: true, isolation: merged.isolation });
  const totals = studentTotals(merged.grades);
  console.error(`grade-merge: ${dirs.length} shards, ${totals.length} student(s), ${merged.grades.length} submission(s), ${feedback} feedback notebook(s); wrote ${path.join(out, 'summary.md')}`);
  const errors = merged.grades.filter((g) => g.status === 'error');
  if (errors.length) {
    console.error(`grade-merge: ${errors.length} submission(s) could not be graded: ${errors.map((g) => `${g.student}/${g.notebook}`).join(', ')}`);
    return 2;
  }
  const below = mins === undefined ? [] : totals.filter((t) => t.max === 0 || t.score / t.max < mins);
  for (const t of below) console.error(`grade-merge: ${t.student} has ${t.score}/${t.max}, below --min-score`);
  return below.length ? 1 : 0;
});
