/**
 * `npm run bench [-- --json FILE] [--hidden 64,128,256] [--no-tfjs] [--no-torch] [--min-ms 2000] [--shapes]`
 * (--shapes: instead, GFLOP/s of each product shape of the step, WebAssembly vs JS kernel, CPU time)
 *
 * Times one training step of the char LM in reglab (WebAssembly kernels on one and two threads, and the
 * JavaScript kernels), TensorFlow.js (CPU) and PyTorch (f64 and f32, one and two threads), interleaved
 * in one run; prints ms/step, CPU ms, tokens/s and GFLOP/s with the ratios issues 2 and 13 ask for, and
 * with --json writes the rows as a JSON array of { impl, hidden, msPerStep, tokensPerSec, gflops,
 * cpuMsPerStep, dtype, threads, runs, ... } (impl: reglab, reglab-2t, reglab-js, tfjs, torch, torch-2t,
 * torch-f64, torch-f64-2t; torch without f64 is float32).
 * A benchmark, not a test: it never fails on a slow machine, it reports.
 */
import { writeFileSync } from 'node:fs';
import { BENCH_SHAPE, productShapes, runBench } from '../bench/run-bench';
import { benchTable, benchTargets } from '../bench/bench-table';
import { UsageError, parseCli, pathOpt, runCli } from './cli-args';

const USAGE = 'usage: npm run bench -- [--json FILE] [--hidden 64,128,256] [--no-tfjs] [--no-torch] [--min-ms 2000] [--shapes]';

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

runCli('bench', USAGE, async () => {
  const args = parseCli(process.argv.slice(2), { json: 'string', hidden: 'string', 'no-tfjs': 'flag', 'no-torch': 'flag', 'min-ms': 'number', shapes: 'flag', help: 'flag' });
  if (args.flags.has('help') || args.positional.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  if (args.positional.length) throw new UsageError(`unexpected argument '${args.positional[0]}'`);
  const hidden = hiddenSizes(args.values.get('hidden'));
  const json = pathOpt(args, 'json', undefined);
  const { N, T, D } = BENCH_SHAPE;
  const t0 = performance.now();
  if (args.flags.has('shapes')) {
    console.log(`GFLOP/s of each product shape of the step (N=${N} T=${T} D=${D}), WebAssembly vs JS kernel, interleaved, CPU time`);
    console.log(`${'product'.padEnd(22)}${pad('hidden', 7)}${pad('calls', 6)}${pad('wasm', 8)}${pad('js', 8)}${pad('ratio', 7)}`);
    const shapes = await productShapes(hidden, args.numbers.get('min-ms') ?? 300);
    for (const r of shapes) {
      console.log(`${`${r.kind} (${r.M}, ${r.N}, ${r.K})`.padEnd(22)}${pad(r.hidden, 7)}${pad(r.calls, 6)}${pad(r.wasmGflops.toFixed(1), 8)}${pad(r.jsGflops.toFixed(1), 8)}${pad((r.wasmGflops / r.jsGflops).toFixed(1), 7)}`);
    }
    if (json) writeFileSync(json, JSON.stringify(shapes, null, 1) + '\n');
    return 0;
  }
  console.log(`reglab bench: one training step of the char LM (forward, backward, clip, Adam), N=${N} T=${T} D=${D}; every contender interleaved, round by round`);
  console.log('ms/step: median wall time; CPU ms: median CPU time of the process (all threads). GFLOP/s counts 2·M·N·K per matrix product of the step; elementwise work counts nothing.\n');
  const rows = await runBench({
    hidden, tfjs: !args.flags.has('no-tfjs'), torch: !args.flags.has('no-torch'), minMs: args.numbers.get('min-ms') ?? 2000, log: (l) => console.log('  ' + l),
  });
  console.log('\n' + benchTable(rows) + '\n');
  for (const line of benchTargets(rows)) console.log(line);
  console.log(`(${((performance.now() - t0) / 1000).toFixed(0)} s in all)`);
  if (json) {
    writeFileSync(json, JSON.stringify(rows, null, 1) + '\n');
    console.log(`wrote ${json}`);
  }
  return 0;
});
