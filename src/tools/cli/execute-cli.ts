/**
 * `npm run execute -- IN.ipynb --out OUT.ipynb [--timeout S] [--stop-on-error] [--overwrite]`
 * (also --kernel NAME, --cwd DIR, --max-output-bytes N, --memory-mb N, --quiet).
 *
 * Executes a notebook headless through its kernel and writes the executed copy. Never writes over
 * an existing file (the input included) unless --overwrite. Exit codes: 0 every cell ran ok,
 * 1 some cell failed (the notebook is still written), 2 bad usage / unreadable notebook / unknown
 * kernel / kernel that does not start, 130 interrupted (Ctrl-C; the kernel is shut down).
 */
import * as fs from 'fs';
import * as path from 'path';
import { NotebookError, readNotebook, writeNotebook } from '../notebook/notebook-io';
import { executeNotebook, ExecuteOptions, ExecutionCancelledError } from '../notebook/runner/execute';

const USAGE = 'usage: npm run execute -- IN.ipynb --out OUT.ipynb [--timeout S] [--stop-on-error] [--overwrite] ' +
  '[--kernel NAME] [--cwd DIR] [--max-output-bytes N] [--memory-mb N] [--quiet]';

interface Args { input: string; out: string; overwrite: boolean; quiet: boolean; opts: ExecuteOptions }

class UsageError extends Error {}

function parseArgs(argv: string[]): Args {
  const opts: ExecuteOptions = {};
  let input = '';
  let out = '';
  let overwrite = false;
  let quiet = false;
  const value = (i: number, flag: string) => {
    if (i >= argv.length || argv[i].startsWith('--')) throw new UsageError(`${flag} needs a value`);
    return argv[i];
  };
  const number = (i: number, flag: string) => {
    const n = Number(value(i, flag));
    if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${flag} must be a positive number, got '${argv[i]}'`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--out') out = value(++i, a);
    else if (a === '--timeout') opts.cellTimeoutMs = number(++i, a) * 1000;
    else if (a === '--stop-on-error') opts.onError = 'stop';
    else if (a === '--overwrite') overwrite = true;
    else if (a === '--quiet') quiet = true;
    else if (a === '--kernel') opts.kernelName = value(++i, a);
    else if (a === '--cwd') opts.cwd = value(++i, a);
    else if (a === '--max-output-bytes') opts.maxOutputBytes = number(++i, a);
    else if (a === '--memory-mb') opts.memoryLimitMb = number(++i, a);
    else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
    else if (!input) input = a;
    else throw new UsageError(`unexpected argument '${a}'`);
  }
  if (!input) throw new UsageError('no input notebook given');
  if (!out) throw new UsageError('--out is required (to replace the input, pass --out IN.ipynb --overwrite)');
  if (!overwrite && fs.existsSync(out)) {
    const what = path.resolve(out) === path.resolve(input) ? 'is the input notebook' : 'already exists';
    throw new UsageError(`${out} ${what}; pass --overwrite to replace it`);
  }
  return { input, out, overwrite, quiet, opts };
}

async function main(argv: string[]): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`execute: ${e.message}\n${USAGE}`);
    return 2;
  }
  const nb = readNotebook(args.input);
  const controller = new AbortController();
  const onSignal = () => {
    console.error('\nexecute: interrupted, shutting the kernel down');
    controller.abort();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const total = nb.cells.filter((c) => c.cell_type === 'code').length;
  let done = 0;
  const t0 = Date.now();
  const { notebook, cells } = await executeNotebook(nb, {
    notebookPath: args.input,
    ...args.opts,
    signal: controller.signal,
    onCell: (index, _cell, run) => {
      done += 1;
      if (!args.quiet) console.error(`[${done}/${total}] cell ${index}: ${run.status} (${(run.ms / 1000).toFixed(2)} s)`);
    },
  });
  writeNotebook(args.out, notebook, { overwrite: args.overwrite });
  const failed = cells.filter((c) => c.status === 'error' || c.status === 'timeout' || c.status === 'died');
  const ok = cells.filter((c) => c.status === 'ok').length;
  const skipped = cells.filter((c) => c.status === 'skipped').length;
  const summary = `${ok}/${cells.length} code cells ok` + (skipped ? `, ${skipped} skipped` : '') +
    (failed.length ? `; failed: ${failed.map((c) => `cell ${c.index} (${c.status})`).join(', ')}` : '');
  console.error(`execute: ${summary}; wrote ${args.out} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return failed.length ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: Error) => {
    console.error(`execute: ${e instanceof NotebookError ? e.message : e.message.split('\n')[0]}`);
    process.exit(e instanceof ExecutionCancelledError ? 130 : 2);
  },
);
