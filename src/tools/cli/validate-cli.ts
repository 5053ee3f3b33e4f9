/**
 * `npm run validate [-- NAME...] [--static | --checks-only] [--kernel-catalogs] [--jobs N] [--cell-timeout S] [--source DIR] [--students DIR]`
 *
 * Validates the instructor sources (src/tools/grader/validate.ts): static checks, then each notebook run
 * with its solutions and as released (stubs), then its answer catalog through the grader's judge (each
 * wrong answer caught and named, each valid one at full marks, a catch rate per check; --no-catalogs
 * skips it, --kernel-catalogs runs it in the kernel). --checks-only: static checks, then the solutions
 * and the stubs through the judge only (checks and the cells they need; no kernel, no figures, no catalogs). Prints one table row per finding; exit 0 when every
 * row is ok, 1 when one is not (the row names notebook and cell), 2 on bad usage.
 */
import * as path from 'path';
import { notebookFiles } from '../grader/release';
import { formatTable, validateNotebooks } from '../grader/validate';
import { parseCli, pathOpt, runCli } from './cli-args';
import { packageRoot } from '../base/package-root';

const USAGE = 'usage: npm run validate [-- NAME...] [--static | --checks-only] [--no-catalogs] [--kernel-catalogs] [--jobs N] [--cell-timeout S] [--source DIR] [--students DIR]';

runCli('validate', USAGE, async () => {
  const args = parseCli(process.argv.slice(2), { static: 'flag', 'checks-only': 'flag', 'no-catalogs': 'flag', 'kernel-catalogs': 'flag', jobs: 'integer', 'cell-timeout': 'number', source: 'string', students: 'string' });
  const root = packageRoot();
  const sourceDir = pathOpt(args, 'source', path.join(root, 'notebooks', 'source'));
  const studentDir = pathOpt(args, 'students', path.join(root, 'notebooks'));
  const files = notebookFiles(sourceDir, args.positional.length ? args.positional : undefined);
  const rows = await validateNotebooks(files, {
    studentDir, execute: !args.flags.has('static'), catalogs: !args.flags.has('no-catalogs'), kernelCatalogs: args.flags.has('kernel-catalogs'), checksOnly: args.flags.has('checks-only'), jobs: args.numbers.get('jobs') ?? 2,
    cellTimeoutMs: (args.numbers.get('cell-timeout') ?? 120) * 1000,
    onRun: (name, which, s) => console.error(`validate: ran ${name} with ${which} in ${s.toFixed(1)} s`),
  });
  process.stdout.write(formatTable(rows));
  const failed = rows.filter((r) => !r.ok);
  console.error(failed.length ? `validate: ${failed.length} problem(s): ${failed.map((r) => `${r.notebook} ${r.cell} (${r.item})`).join('; ')}` : `validate: ${files.length} notebook(s) ok`);
  return failed.length ? 1 : 0;
});
