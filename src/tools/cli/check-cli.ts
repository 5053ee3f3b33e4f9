/**
 * `npm run check -- MY.ipynb [--notebook NN_name] [--write-submission DIR] [--force] [--json FILE]
 *   [--cell-timeout S] [--training-budget S] [--memory MB] [--max-output-bytes N] [--unsandboxed] [--source DIR]`
 *
 * A student's own check before handing in (nbgrader's Validate, otter's check_all): grades one notebook
 * exactly as the course grader does: the notebook, copied byte for byte under its release name, goes through
 * the grader itself (grader/grade.ts gradeAll: the same judge in the same sandbox, the release made from the
 * same sources, the same limits and defaults as `npm run grade`: cli/grade-options.ts), and the score table
 * of that grade is printed. The course may also run
 * hidden checks, which a student does not have; the table says so. --write-submission DIR writes the
 * notebook, byte for byte, as DIR/<release name>.ipynb, the name the grader matches first, and prints its
 * sha256 (refusing to replace a file there unless --force). --json FILE writes the grade as grades.json
 * holds it. Exit codes: 0 full marks, 1 some check failed, 2 bad usage or a notebook that could not be
 * graded, or no sandbox (--unsandboxed as for grade).
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import * as os from 'os';
import { gradeAll, loadRelease } from '../grader/grade';
import { matchRelease } from '../grader/submissions';
import { packageRoot } from '../base/package-root';
import { UsageError, parseCli, pathOpt, runCli, userPath } from './cli-args';
import { GRADE_OPTION_SPEC, GRADE_OPTION_USAGE, chooseIsolation, gradeOptions } from './grade-options';

const USAGE = `usage: npm run check -- MY.ipynb [--notebook NN_name] [--write-submission DIR] [--force] [--json FILE] ${GRADE_OPTION_USAGE}`;

const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - s.length));

runCli('check', USAGE, async () => {
  const args = parseCli(process.argv.slice(2), { ...GRADE_OPTION_SPEC, notebook: 'string', 'write-submission': 'string', force: 'flag', json: 'string' });
  if (args.positional.length !== 1) throw new UsageError(args.positional.length ? 'give one notebook' : 'no notebook given');
  const file = userPath(args.positional[0]);
  if (!fs.statSync(file, { throwIfNoEntry: false })?.isFile()) throw new UsageError(`${args.positional[0]}: no such file`);
  const root = packageRoot();
  const sourceDir = pathOpt(args, 'source', path.join(root, 'notebooks', 'source'));
  const release = loadRelease(sourceDir);
  const names = release.map((r) => r.name);
  const name = args.values.get('notebook') ?? matchRelease(file, names);
  const rel = release.find((r) => r.name === name);
  if (!rel) throw new UsageError(`${path.basename(file)} matches no release notebook (${names.join(', ')}); name it like one, or pass --notebook NAME`);

  const submissionDir = args.values.has('write-submission') ? userPath(args.values.get('write-submission')!) : null;
  const submissionFile = submissionDir ? path.join(submissionDir, `${rel.name}.ipynb`) : null;
  const inPlace = submissionFile !== null && path.resolve(submissionFile) === path.resolve(file);
  if (submissionFile && !inPlace && fs.existsSync(submissionFile) && !args.flags.has('force')) throw new UsageError(`${submissionFile} exists; pass --force to replace it`);

  const isolation = chooseIsolation(args, 'check');
  if (isolation === null) return 2;
  console.error(`check: grading ${file} as ${rel.name}, as the course grader does (the same judge and limits; isolation: ${isolation})`);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'reglab-check-'));
  let found;
  try {
    const copy = path.join(work, 'you', `${rel.name}.ipynb`);
    fs.mkdirSync(path.dirname(copy));
    fs.copyFileSync(file, copy);
    const result = await gradeAll({ paths: [path.dirname(copy)], outDir: path.join(work, 'graded'), ...gradeOptions(args, root, isolation), jobs: 1 });
    found = result.grades.find((g) => g.notebook === rel.name && g.status !== 'missing');
    if (found) found = { ...found, file, notes: found.notes.map((n) => n.split(copy).join(file)) };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  if (!found) throw new Error(`the grader did not grade ${file}`);
  const grade = found;
  const rows = grade.checks.map((c) => [c.passed ? 'PASS' : 'FAIL', `${c.points}/${c.max}`, c.id, c.message.split('\n')[0]]);
  const w = [4, Math.max(6, ...rows.map((r) => r[1].length)), Math.max(5, ...rows.map((r) => r[2].length))];
  console.log(`${pad('', w[0])}  ${pad('points', w[1])}  ${pad('check', w[2])}  message`);
  for (const r of rows) console.log(`${pad(r[0], w[0])}  ${pad(r[1], w[1])}  ${pad(r[2], w[2])}  ${r[3]}`);
  console.log(`\n${rel.name}: ${grade.score}/${grade.max} points${grade.status === 'graded' ? '' : ` (${grade.status})`}`);
  for (const n of grade.notes) console.log(`note: ${n}`);
  if (rel.hidden.length === 0) console.log('(your course may also run hidden checks when it grades; they are not part of this check)');

  if (args.values.has('json')) fs.writeFileSync(userPath(args.values.get('json')!), JSON.stringify(grade, null, 2) + '\n');
  if (submissionDir && submissionFile) {
    if (inPlace) {
      console.log(`submission: ${submissionFile} is already the file to hand in`);
    } else {
      fs.mkdirSync(submissionDir, { recursive: true });
      fs.copyFileSync(file, submissionFile);
    }
    const sha = createHash('sha256').update(fs.readFileSync(submissionFile)).digest('hex');
    console.log(`submission: hand in ${submissionFile} (sha256 ${sha})`);
  }
  if (grade.status === 'error' || grade.status === 'unreadable') return 2;
  return grade.score === grade.max ? 0 : 1;
});
