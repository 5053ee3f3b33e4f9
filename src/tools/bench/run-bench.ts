/**
 * The benchmark of issue 2: one full training step of the char LM (batch N=32, unroll T=32,
 * embedding D=32, hidden 64/128/256) in reglab, in TensorFlow.js (CPU backend) and in PyTorch.
 *
 * How flops are counted: the matrix products one reglab step performs are logged, and each
 * product C(M, N) = A(M, K)·B(K, N) counts 2·M·N·K flops (a multiply and an add per term); the
 * elementwise work (gates, softmax, Adam) counts nothing. The other implementations do the same
 * products, so the same count is used for their rates. The reference rate is those logged products
 * replayed alone through src/lib/numbers/matmul.ts in the same run, alternating with the step so both see the
 * same machine: the step's rate as a share of it says how much of the step is overhead rather than
 * arithmetic. (The replay reuses one buffer per shape, so its data is warmer in cache than the
 * step's: if anything this flatters the reference and understates the share.)
 *
 * Left out on purpose: multiple threads, GPUs, tfjs-node, accuracy (the tests cover that).
 */
import { Rng } from '../../lib/numbers/rng';
import { namesDataset } from '../../lib/data/dataset';
import { GemmCall, gemm } from '../../lib/numbers/matmul';
import { benchBatches, countFlops, recordStep, reglabStep, StepShape } from './reglab-step';
import { timeInterleaved, timeIt } from './timing';
import { loadTfjs, tfjsStep } from './tfjs-step';
import { runTorch } from './torch-bench';

export interface BenchRow {
  impl: 'reglab' | 'tfjs' | 'torch';
  hidden: number;
  msPerStep: number;
  tokensPerSec: number;
  gflops: number;
  dtype: 'float64' | 'float32';
  runs: number;
  /** reglab only: the step's products alone through the blocked kernel, and the step's share of that rate. */
  matmulGflops?: number;
  matmulShare?: number;
}

export interface BenchOptions {
  hidden?: number[];
  tfjs?: boolean;
  torch?: boolean;
  /** Minimum timed milliseconds per measurement (default 1500; tfjs gets at least 3 runs). */
  minMs?: number;
  log?: (line: string) => void;
}

export const BENCH_SHAPE = { N: 32, T: 32, D: 32 };

/** A closure replaying the logged products alone, on buffers of the right sizes filled with random numbers. */
export function matmulReplay(calls: GemmCall[]): () => void {
  const rng = new Rng(0);
  const buffers = new Map<string, { a: Float64Array; b: Float64Array; c: Float64Array }>();
  const fill = (n: number) => Float64Array.from({ length: n }, () => rng.uniform(-1, 1));
  const work = calls.map((call) => {
    const key = `${call.kind} ${call.M} ${call.N} ${call.K}`;
    let buf = buffers.get(key);
    if (!buf) buffers.set(key, (buf = { a: fill(call.M * call.K), b: fill(call.K * call.N), c: new Float64Array(call.M * call.N) }));
    return { call, ...buf };
  });
  return () => { for (const w of work) gemm(w.call, w.a, w.b, w.c); };
}

export async function runBench(opts: BenchOptions = {}): Promise<BenchRow[]> {
  const hidden = opts.hidden ?? [64, 128, 256];
  const minMs = opts.minMs ?? 1500;
  const log = opts.log ?? (() => undefined);
  const data = namesDataset();
  const { N, T, D } = BENCH_SHAPE;
  const V = data.vocab.size;
  const batches = benchBatches(data.tokens.train, N, T);
  const tokens = N * T;
  const rows: BenchRow[] = [];
  const flopsOf = new Map<number, number>();
  const row = (impl: BenchRow['impl'], H: number, ms: number, dtype: BenchRow['dtype'], runs: number): BenchRow =>
    ({ impl, hidden: H, msPerStep: ms, tokensPerSec: tokens / (ms / 1000), gflops: flopsOf.get(H)! / (ms * 1e6), dtype, runs });

  for (const H of hidden) {
    const shape: StepShape = { N, T, D, H, V };
    const step = reglabStep(shape, batches);
    step();
    const calls = recordStep(step);
    flopsOf.set(H, countFlops(calls));
    const [t, mm] = timeInterleaved([step, matmulReplay(calls)], { minMs });
    const matmulMs = mm.medianMs;
    const r = row('reglab', H, t.medianMs, 'float64', t.runs);
    r.matmulGflops = flopsOf.get(H)! / (matmulMs * 1e6);
    r.matmulShare = r.gflops / r.matmulGflops;
    rows.push(r);
    log(`reglab  H=${H}: ${t.medianMs.toFixed(1)} ms/step, ${calls.length} products = ${(flopsOf.get(H)! / 1e9).toFixed(3)} GFLOP/step; products alone ${matmulMs.toFixed(1)} ms`);
  }

  if (opts.tfjs !== false) {
    const loaded = await loadTfjs();
    if ('error' in loaded) log(`tfjs skipped: ${loaded.error}`);
    else {
      for (const H of hidden) {
        const { step, dispose } = tfjsStep(loaded.tf, { N, T, D, H, V }, batches);
        const t = timeIt(step, { warmup: 1, minRuns: 3, minMs: Math.min(minMs, 3000) });
        dispose();
        rows.push(row('tfjs', H, t.medianMs, 'float32', t.runs));
        log(`tfjs    H=${H}: ${t.medianMs.toFixed(1)} ms/step (${t.runs} runs)`);
      }
    }
  }

  if (opts.torch !== false) {
    const out = runTorch({ N, T, D, V, hidden, dtypes: ['float32', 'float64'], minMs: Math.min(minMs, 1000) });
    if ('error' in out) log(`torch skipped: ${out.error}`);
    else {
      for (const r of out.results) {
        rows.push(row('torch', r.hidden, r.msPerStep, r.dtype, r.runs));
        log(`torch   H=${r.hidden} ${r.dtype}: ${r.msPerStep.toFixed(1)} ms/step (torch ${r.torch}, 1 thread)`);
      }
    }
  }
  return rows;
}
