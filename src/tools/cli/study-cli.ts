/**
 * `npm run study [-- options]`: the regularization study from the command line. Prints progress per
 * epoch and per run, then the table; writes JSON and a self-contained HTML report. Interrupt it and
 * run the same command again: finished runs are kept.
 *
 * Left out on purpose: every setting as a flag (edit src/tools/study/plans.ts; the config hash notices).
 */
import * as path from 'node:path';
import { defaultPlan, quickPlan } from '../study/plans';
import { runStudy, defaultWorkers } from '../study/study';
import { UsageError, parseCli, pathOpt, runCli } from './cli-args';
import { packageRoot } from '../base/package-root';

const USAGE = `usage: npm run study -- [options]

  --quick              tiny study (hidden 32, 4 epochs, 2 seeds): under a minute
  --out DIR            results directory (default study-out/default, or study-out/quick)
  --json FILE          also write the table and runs as JSON to FILE
  --html FILE          write the HTML report here (default DIR/report.html)
  --workers N          worker processes (default ${defaultWorkers()})
  --conditions A,B     only these conditions (names as in the table)
  --fresh              ignore finished runs in DIR and run everything again
  --quiet              no per-epoch lines
  --help               this text`;

runCli('study', USAGE, async () => {
  const args = parseCli(process.argv.slice(2), {
    quick: 'flag', out: 'string', json: 'string', html: 'string', workers: 'integer', conditions: 'string', fresh: 'flag', quiet: 'flag', help: 'flag',
  });
  if (args.flags.has('help') || args.positional.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  if (args.positional.length) throw new UsageError(`unexpected argument '${args.positional[0]}'`);
  const plan = args.flags.has('quick') ? quickPlan() : defaultPlan();
  const conditions = args.values.get('conditions')?.split(',').map((c) => c.trim()).filter((c) => c !== '');
  if (conditions) {
    const known = plan.conditions.map((c) => c.name);
    const unknown = conditions.filter((c) => !known.includes(c));
    if (unknown.length > 0) throw new Error(`unknown condition(s) ${unknown.join(', ')}; the ${plan.name} study has ${known.join(', ')}`);
    plan.conditions = plan.conditions.filter((c) => conditions.includes(c.name));
  }
  const outcome = await runStudy({
    plan,
    outDir: pathOpt(args, 'out', path.join(packageRoot(), 'study-out', plan.name)),
    workers: args.numbers.get('workers'),
    jsonFile: pathOpt(args, 'json', undefined),
    htmlFile: pathOpt(args, 'html', undefined),
    fresh: args.flags.has('fresh'),
    epochLines: !args.flags.has('quiet'),
    command: ['npm run study', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' '),
  });
  return outcome.failed.length > 0 ? 1 : 0;
});
