/**
 * `npm run release [-- NAME...] [--check] [--force] [--source DIR] [--out DIR]`
 *
 * Makes the student copies notebooks/NN_name.ipynb from the instructor sources notebooks/source/
 * (src/tools/grader/release.ts). --check writes nothing and fails when a copy is missing or out of date
 * (for CI). A copy someone has worked in (saved outputs, a stub replaced by code) is not replaced
 * without --force; --update merges the release into it instead, keeping the learner's code (matched by
 * cell id, after a backup NAME.before-update.ipynb). Exit codes: 0 done / up to date, 1 out of date or refused, 2 bad usage or a
 * source with bad markers or check cells (the message names file, cell and line).
 */
import * as path from 'path';
import { releaseFiles } from '../grader/release';
import { UsageError, parseCli, pathOpt, runCli } from './cli-args';
import { packageRoot } from '../base/package-root';

const USAGE = 'usage: npm run release [-- NAME...] [--check] [--update | --force] [--source DIR] [--out DIR]';

runCli('release', USAGE, async () => {
  const args = parseCli(process.argv.slice(2), { check: 'flag', force: 'flag', update: 'flag', source: 'string', out: 'string' });
  if (args.flags.has('update') && args.flags.has('force')) throw new UsageError('--update keeps the learner\'s code and --force replaces it: pass one of them');
  const root = packageRoot();
  const sourceDir = pathOpt(args, 'source', path.join(root, 'notebooks', 'source'));
  const outDir = pathOpt(args, 'out', path.join(root, 'notebooks'));
  const results = releaseFiles({ sourceDir, outDir, check: args.flags.has('check'), force: args.flags.has('force'), update: args.flags.has('update'), names: args.positional.length ? args.positional : undefined });
  for (const r of results) {
    console.log(`${r.status.padEnd(11)} ${path.relative(process.cwd(), r.target)}${r.reason ? `: ${r.reason}` : ''}${r.backup ? ` (backup: ${path.relative(process.cwd(), r.backup)})` : ''}`);
    for (const n of r.notes ?? []) console.log(`            ${n}`);
  }
  const bad = results.filter((r) => r.status === 'out-of-date' || r.status === 'missing' || r.status === 'refused');
  if (bad.length && args.flags.has('check')) console.error(`release: ${bad.length} student notebook(s) out of date with their sources; run npm run release`);
  return bad.length ? 1 : 0;
});
