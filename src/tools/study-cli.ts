/**
 * `npm run study [-- options]`: the regularization study from the command line. Prints progress per
 * epoch and per run, then the table; writes JSON and a self-contained HTML report. Interrupt it and
 * run the same command again: finished runs are kept.
 *
 * Left out on purpose: every setting as a flag (edit src/study/plans.ts; the config hash notices).
 */
import * as path from 'node:path';
import { defaultPlan, quickPlan } from '../study/plans';
import { runStudy, defaultWorkers } from '../study/study';

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

interface CliArgs {
  quick: boolean;
  out?: string;
  json?: string;
  html?: string;
  workers?: number;
  conditions?: string[];
  fresh: boolean;
  quiet: boolean;
  help: boolean;
}

export function parseArgs(argv: readonly string[]): CliArgs {
  const args: CliArgs = { quick: false, fresh: false, quiet: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`study: ${a} needs a value`);
      return v;
    };
    if (a === '--quick') args.quick = true;
    else if (a === '--fresh') args.fresh = true;
    else if (a === '--quiet') args.quiet = true;
    else if (a === '--help' || a === '-h') args.help = true;
    else if (a === '--out') args.out = value();
    else if (a === '--json') args.json = value();
    else if (a === '--html') args.html = value();
    else if (a === '--conditions') args.conditions = value().split(',').map((c) => c.trim()).filter((c) => c !== '');
    else if (a === '--workers') {
      const v = value();
      const n = Number(v);
      if (!(Number.isInteger(n) && n >= 1)) throw new Error(`study: --workers must be a positive integer, got '${v}'`);
      args.workers = n;
    } else throw new Error(`study: unknown option '${a}'\n\n${USAGE}`);
  }
  return args;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const plan = args.quick ? quickPlan() : defaultPlan();
  if (args.conditions) {
    const known = plan.conditions.map((c) => c.name);
    const unknown = args.conditions.filter((c) => !known.includes(c));
    if (unknown.length > 0) throw new Error(`study: unknown condition(s) ${unknown.join(', ')}; the ${plan.name} study has ${known.join(', ')}`);
    plan.conditions = plan.conditions.filter((c) => args.conditions!.includes(c.name));
  }
  const outDir = args.out ?? path.join('study-out', plan.name);
  const outcome = await runStudy({
    plan,
    outDir,
    workers: args.workers,
    jsonFile: args.json,
    htmlFile: args.html,
    fresh: args.fresh,
    epochLines: !args.quiet,
    command: ['npm run study', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' '),
  });
  return outcome.failed.length > 0 ? 1 : 0;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (e: Error) => {
      console.error(e.message);
      process.exit(2);
    },
  );
}
