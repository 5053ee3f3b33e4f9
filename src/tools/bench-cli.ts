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

interface CliOptions { json?: string; hidden: number[]; tfjs: boolean; torch: boolean; minMs: number }

function parseArgs(argv: string[]): CliOptions {
  const o: CliOptions = { hidden: [64, 128, 256], tfjs: true, torch: true, minMs: 1500 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`bench: ${a} needs a value`);
      return v;
    };
    if (a === '--json') o.json = value();
    else if (a === '--hidden') o.hidden = value().split(',').map((s) => {
      const h = Number(s);
      if (!(Number.isInteger(h) && h >= 1)) throw new Error(`bench: --hidden takes positive integers, got '${s}'`);
      return h;
    });
    else if (a === '--no-tfjs') o.tfjs = false;
    else if (a === '--no-torch') o.torch = false;
    else if (a === '--min-ms') o.minMs = Number(value());
    else if (a === '--help' || a === '-h') {
      console.log('usage: npm run bench -- [--json FILE] [--hidden 64,128,256] [--no-tfjs] [--no-torch] [--min-ms 1500]');
      process.exit(0);
    } else throw new Error(`bench: unknown argument '${a}' (try --help)`);
  }
  if (!(o.minMs > 0)) throw new Error(`bench: --min-ms must be > 0`);
  return o;
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

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const { N, T, D } = BENCH_SHAPE;
  const t0 = performance.now();
  console.log(`reglab bench: one training step of the char LM (forward, backward, clip, Adam), N=${N} T=${T} D=${D}, one thread`);
  console.log('GFLOP/s counts 2·M·N·K per matrix product of the step (forward and backward); elementwise work counts nothing.\n');
  const rows = await runBench({ hidden: o.hidden, tfjs: o.tfjs, torch: o.torch, minMs: o.minMs, log: (l) => console.log('  ' + l) });
  console.log('\n' + table(rows) + '\n');
  for (const line of targets(rows)) console.log(line);
  console.log(`(${((performance.now() - t0) / 1000).toFixed(0)} s in all)`);
  if (o.json) {
    writeFileSync(o.json, JSON.stringify(rows, null, 1) + '\n');
    console.log(`wrote ${o.json}`);
  }
}

main().catch((e: Error) => {
  console.error(e.message);
  process.exit(1);
});
