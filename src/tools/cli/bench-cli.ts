/**
 * `npm run bench [-- --json FILE] [--hidden 64,128,256] [--no-tfjs] [--no-torch] [--min-ms 1500]`
 *
 * Times one training step of the char LM in reglab, TensorFlow.js (CPU) and PyTorch (one thread),
 * prints ms/step, tokens/s and GFLOP/s with the comparisons issue 2 asks for, and with --json writes
 * the rows as a JSON array of { impl, hidden, msPerStep, tokensPerSec, gflops, dtype, runs, ... }.
 * A benchmark, not a test: it never fails on a slow machine, it reports.
 */
import { writeFileSync } from 'node:fs';
import { BENCH_SHAPE, BenchRow, runBench } from '../bench/run-bench';
import { UsageError, parseCli, pathOpt, runCli } from './cli-args';

const USAGE = 'usage: npm run bench -- [--json FILE] [--hidden 64,128,256] [--no-tfjs] [--no-torch] [--min-ms 1500]';

/** The --hidden list: positive integers, comma-separated. */
function hiddenSizes(v: string | undefined): number[] {
  if (v === undefined) return [64, 128, 256];
  return v.split(',').map((s) => {
    const h = Number(s);
    if (!(Number.isInteger(h) && h >= 1)) throw new UsageError(`--hidden takes positive integers, got '${s}'`);
    return h;
  });
}

const pad = (s: string | number, n: number): string => String(s).padStart(n);

function table(rows: BenchRow[]): string {
  const lines = [`${'impl'.padEnd(14)}${pad('hidden', 7)}${pad('ms/step', 10)}${pad('tokens/s', 10)}${pad('GFLOP/s', 9)}  compared`];
  for (const r of rows) {
    const own = rows.find((x) => x.impl === 'reglab' && x.hidden === r.hidden);
    let note = '';
    if (r.impl === 'reglab') note = `${(100 * r.matmulShare!).toFixed(0)}% of the blocked matmul alone (${r.matmulGflops!.toFixed(2)} GFLOP/s)`;
    else if (own && r.impl === 'tfjs') note = `reglab is ${(r.msPerStep / own.msPerStep).toFixed(1)}x faster`;
    else if (own && r.impl === 'torch') note = r.msPerStep < own.msPerStep
      ? `${(own.msPerStep / r.msPerStep).toFixed(1)}x faster than reglab`
      : `reglab is ${(r.msPerStep / own.msPerStep).toFixed(1)}x faster`;
    const name = r.impl === 'reglab' ? 'reglab f64' : r.impl === 'tfjs' ? 'tfjs-cpu f32' : `torch ${r.dtype === 'float32' ? 'f32' : 'f64'}`;
    lines.push(`${name.padEnd(14)}${pad(r.hidden, 7)}${pad(r.msPerStep.toFixed(1), 10)}${pad(Math.round(r.tokensPerSec), 10)}${pad(r.gflops.toFixed(2), 9)}  ${note}`);
  }
  return lines.join('\n');
}

function targets(rows: BenchRow[]): string[] {
  const own = rows.find((r) => r.impl === 'reglab' && r.hidden === 128);
  if (!own) return ['targets are stated for hidden 128, which was not run'];
  const out = [`target: step >= 70% of the blocked-matmul rate at hidden 128: ${(100 * own.matmulShare!).toFixed(0)}% -> ${own.matmulShare! >= 0.7 ? 'met' : 'NOT met'}`];
  const tf = rows.find((r) => r.impl === 'tfjs' && r.hidden === 128);
  if (tf) out.push(`target: >= 5x faster than tfjs at hidden 128: ${(tf.msPerStep / own.msPerStep).toFixed(1)}x -> ${tf.msPerStep / own.msPerStep >= 5 ? 'met' : 'NOT met'}`);
  return out;
}

runCli('bench', USAGE, async () => {
  const args = parseCli(process.argv.slice(2), { json: 'string', hidden: 'string', 'no-tfjs': 'flag', 'no-torch': 'flag', 'min-ms': 'number', help: 'flag' });
  if (args.flags.has('help') || args.positional.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  if (args.positional.length) throw new UsageError(`unexpected argument '${args.positional[0]}'`);
  const hidden = hiddenSizes(args.values.get('hidden'));
  const json = pathOpt(args, 'json', undefined);
  const { N, T, D } = BENCH_SHAPE;
  const t0 = performance.now();
  console.log(`reglab bench: one training step of the char LM (forward, backward, clip, Adam), N=${N} T=${T} D=${D}, one thread`);
  console.log('GFLOP/s counts 2·M·N·K per matrix product of the step (forward and backward); elementwise work counts nothing.\n');
  const rows = await runBench({
    hidden, tfjs: !args.flags.has('no-tfjs'), torch: !args.flags.has('no-torch'), minMs: args.numbers.get('min-ms') ?? 1500, log: (l) => console.log('  ' + l),
  });
  console.log('\n' + table(rows) + '\n');
  for (const line of targets(rows)) console.log(line);
  console.log(`(${((performance.now() - t0) / 1000).toFixed(0)} s in all)`);
  if (json) {
    writeFileSync(json, JSON.stringify(rows, null, 1) + '\n');
    console.log(`wrote ${json}`);
  }
  return 0;
});
