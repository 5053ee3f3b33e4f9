/**
 * The benchmark of issues 2 and 13: one full training step of the char LM (batch N=32, unroll T=32,
 * embedding D=32, hidden 64/128/256) in reglab (WebAssembly kernels on one thread, on two threads, and
 * the JavaScript reference kernels), in TensorFlow.js (CPU backend) and in PyTorch (float64 and
 * float32, one thread and two), all in ONE run and interleaved: round after round, every contender
 * takes a few steps, so a machine that gets busier or quieter affects them alike and the ratios are fair.
 *
 * Each step is timed in wall time and in CPU time (of the whole process, all its threads). msPerStep is
 * the wall-time median (what two threads shorten); cpuMsPerStep the CPU median (robust to a loaded
 * machine for one thread; for two threads it is the cost of both).
 *
 * How flops are counted: the matrix products one reglab step performs are logged, and each product
 * C(M, N) = A(M, K)·B(K, N) counts 2·M·N·K flops; elementwise work counts nothing. The others do the
 * same products, so the same count gives their rates. "Products alone" replays the logged products
 * through the kernels on buffers in the kernels' memory, interleaved too: the step's rate as a share
 * of it says how much of the step is not matrix products.
 *
 * Left out on purpose: GPUs, tfjs-node, accuracy (the tests cover that).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Rng } from '../../lib/numbers/rng';
import { namesDataset } from '../../lib/data/dataset';
import { GemmCall, PreparedB, gemm, gemmB, prepareB } from '../../lib/numbers/matmul';
import { homeFloats, inArena, kernelKind, useKernels } from '../../lib/kernels/kernels';
import { benchBatches, countFlops, recordStep, reglabStep, StepShape } from './reglab-step';
import { median } from './timing';
import { loadTfjs, tfjsStep } from './tfjs-step';
import { TorchSession } from './torch-bench';

export type Impl = 'reglab' | 'reglab-2t' | 'reglab-js' | 'tfjs' | 'torch' | 'torch-2t' | 'torch-f64' | 'torch-f64-2t';

export interface BenchRow {
  impl: Impl;
  hidden: number;
  /** Median wall time of one step. */
  msPerStep: number;
  tokensPerSec: number;
  gflops: number;
  /** Median CPU time of one step (all threads of the process). */
  cpuMsPerStep: number;
  dtype: 'float64' | 'float32';
  threads: 1 | 2;
  runs: number;
  /** reglab only: the step's products replayed alone through the kernels (GFLOP/s, CPU), and the step's share of that rate. */
  matmulGflops?: number;
  matmulShare?: number;
}

export interface BenchOptions {
  hidden?: number[];
  tfjs?: boolean;
  torch?: boolean;
  /** Wall milliseconds of steps each contender gets per hidden size, at least (default 2000; slow ones get at least 3 steps). */
  minMs?: number;
  log?: (line: string) => void;
}

export const BENCH_SHAPE = { N: 32, T: 32, D: 32 };

/**
 * A closure replaying the logged products alone, on buffers of the right sizes (in the kernels' memory)
 * filled with random numbers. Products whose B was prepared in the step (the recurrent weights) read
 * a B prepared once per replay, as the step prepares it once per sequence (the packing is timed).
 */
export function matmulReplay(calls: GemmCall[]): () => void {
  const rng = new Rng(0);
  const buffers = new Map<string, { a: Float64Array; b: Float64Array; c: Float64Array }>();
  const fill = (n: number) => { const v = homeFloats(n); for (let i = 0; i < n; i++) v[i] = rng.uniform(-1, 1); return v; };
  const work = calls.map((call) => {
    const key = `${call.kind} ${call.M} ${call.N} ${call.K}`;
    let buf = buffers.get(key);
    if (!buf) buffers.set(key, (buf = { a: fill(call.M * call.K), b: fill(call.K * call.N), c: homeFloats(call.M * call.N) }));
    return { call, key, ...buf };
  });
  return () => inArena(() => {
    const prepared = new Map<string, PreparedB>();
    for (const w of work) {
      const { kind, M, N, K } = w.call;
      if (w.call.prepared && kind !== 'TN') {
        let B = prepared.get(w.key);
        if (!B) prepared.set(w.key, (B = prepareB(kind, K, N, w.b)));
        gemmB(M, w.a, B, w.c);
      } else gemm(w.call, w.a, w.b, w.c);
    }
  });
}

/** One contender: takes `n` steps and returns each one's wall and CPU milliseconds. */
interface Contender {
  impl: Impl | 'products'; dtype: BenchRow['dtype']; threads: 1 | 2; steps: (n: number) => Promise<{ wall: number[]; cpu: number[] }>;
  /** Untimed, after each turn: waits until the contender's background work (a child's spinning threads) has stopped. */
  settle?: () => Promise<void>;
}

const cpuMs = (): number => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };

/**
 * A full garbage collection, run between two contenders' turns (untimed), so one contender's garbage
 * (the JS kernels and tfjs make tens of MB a step) is not collected, by V8's background threads, on
 * another's clock. A contender's own garbage is still collected on its own clock during its turn.
 */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as (() => void) | undefined;
  return typeof gc === 'function' ? gc : () => undefined;
}

/** A JS step as a contender: per-step wall and CPU time in this process. */
function local(run: () => unknown): Contender['steps'] {
  return async (n) => {
    const wall: number[] = [], cpu: number[] = [];
    for (let i = 0; i < n; i++) {
      const w = performance.now(), c = cpuMs();
      run();
      wall.push(performance.now() - w);
      cpu.push(cpuMs() - c);
    }
    return { wall, cpu };
  };
}

/** Round robin: every contender takes steps worth ~roundMs per round, until each has minMs of steps (and 3 steps). */
async function interleave(cs: Contender[], minMs: number, log: (l: string) => void): Promise<{ wall: number[]; cpu: number[] }[]> {
  const got = cs.map(() => ({ wall: [] as number[], cpu: [] as number[] }));
  const per = cs.map(() => 0); // a step's wall ms, measured in the warm-up
  for (let i = 0; i < cs.length; i++) {
    const w = await cs[i].steps(2); // warm-up (JIT, first allocations), not kept
    await cs[i].settle?.();
    per[i] = Math.max(0.1, median(w.wall));
  }
  const roundMs = Math.max(100, minMs / 8);
  const gc = collector();
  for (let round = 0; ; round++) {
    let done = true;
    for (let i = 0; i < cs.length; i++) {
      const spent = got[i].wall.reduce((a, b) => a + b, 0);
      if (spent >= minMs && got[i].wall.length >= 3) continue;
      done = false;
      gc();
      const r = await cs[i].steps(Math.max(1, Math.round(roundMs / per[i])));
      got[i].wall.push(...r.wall);
      got[i].cpu.push(...r.cpu);
      await cs[i].settle?.();
    }
    if (done) break;
    if (round > 200) { log('interleave: stopped after 200 rounds'); break; }
  }
  return got;
}

export async function runBench(opts: BenchOptions = {}): Promise<BenchRow[]> {
  const hidden = opts.hidden ?? [64, 128, 256];
  const minMs = opts.minMs ?? 2000;
  const log = opts.log ?? (() => undefined);
  const data = namesDataset();
  const { N, T, D } = BENCH_SHAPE;
  const V = data.vocab.size;
  const batches = benchBatches(data.tokens.train, N, T);
  const tokens = N * T;
  if (kernelKind() !== 'wasm') log('WebAssembly kernels unavailable (or REGLAB_KERNEL=js): the reglab rows all run the JavaScript kernels, no reglab-2t');
  const tf = opts.tfjs === false ? null : await loadTfjs();
  if (tf && 'error' in tf) log(`tfjs skipped: ${tf.error}`);
  const torch1 = opts.torch === false ? null : TorchSession.start({ N, T, D, V }, 1);
  const torch2 = torch1 && !('error' in torch1) ? TorchSession.start({ N, T, D, V }, 2) : null;
  if (torch1 && 'error' in torch1) log(`torch skipped: ${torch1.error}`);
  const rows: BenchRow[] = [];
  try {
    for (const H of hidden) {
      const shape: StepShape = { N, T, D, H, V };
      const step = reglabStep(shape, batches);
      step();
      const calls = recordStep(step);
      const flops = countFlops(calls);
      const cs: Contender[] = [
        { impl: 'reglab', dtype: 'float64', threads: 1, steps: local(step) },
        { impl: 'products', dtype: 'float64', threads: 1, steps: local(matmulReplay(calls)) },
        { impl: 'reglab-js', dtype: 'float64', threads: 1, steps: local(reglabStep(shape, batches, { kernel: 'js' })) },
      ];
      if (kernelKind() === 'wasm') cs.push({ impl: 'reglab-2t', dtype: 'float64', threads: 2, steps: local(reglabStep(shape, batches, { threads: 2 })) });
      let dispose = (): void => undefined;
      if (tf && !('error' in tf)) {
        const t = tfjsStep(tf.tf, shape, batches);
        dispose = t.dispose;
        cs.push({ impl: 'tfjs', dtype: 'float32', threads: 1, steps: local(t.step) });
      }
      let torchVersion = '';
      for (const [impl, dtype, threads] of [['torch-f64', 'float64', 1], ['torch-f64-2t', 'float64', 2], ['torch', 'float32', 1], ['torch-2t', 'float32', 2]] as const) {
        const session = threads === 1 ? torch1 : torch2;
        if (!session || 'error' in session) continue;
        cs.push({ impl, dtype, threads, steps: async (n) => { const r = await session.run(H, dtype, n); torchVersion = r.torch; return r; }, settle: () => session.settle() });
      }
      const got = await interleave(cs, minMs, log);
      dispose();
      const products = got[1];
      const matmulCpu = median(products.cpu);
      cs.forEach((c, i) => {
        if (c.impl === 'products') return;
        const ms = median(got[i].wall);
        const row: BenchRow = { impl: c.impl, hidden: H, msPerStep: ms, tokensPerSec: tokens / (ms / 1000), gflops: flops / (ms * 1e6),
          cpuMsPerStep: median(got[i].cpu), dtype: c.dtype, threads: c.threads, runs: got[i].wall.length };
        if (c.impl === 'reglab') {
          row.matmulGflops = flops / (matmulCpu * 1e6);
          row.matmulShare = (flops / (row.cpuMsPerStep * 1e6)) / row.matmulGflops;
        }
        rows.push(row);
      });
      log(`H=${H}: ${calls.length} products = ${(flops / 1e9).toFixed(3)} GFLOP/step; products alone ${matmulCpu.toFixed(1)} ms CPU${torchVersion ? `; torch ${torchVersion}` : ''}`);
    }
  } finally {
    for (const s of [torch1, torch2]) if (s && !('error' in s)) s.close();
  }
  return rows;
}

export interface ShapeRow { kind: GemmCall['kind']; M: number; N: number; K: number; hidden: number; calls: number; wasmGflops: number; jsGflops: number }

/**
 * GFLOP/s of each distinct product shape of the step at each hidden size, through the WebAssembly
 * kernel and through the JS kernel, interleaved, CPU time (`npm run bench -- --shapes`).
 */
export async function productShapes(hidden: number[], minMs = 300): Promise<ShapeRow[]> {
  const data = namesDataset();
  const { N, T, D } = BENCH_SHAPE;
  const batches = benchBatches(data.tokens.train, N, T);
  const out: ShapeRow[] = [];
  for (const H of hidden) {
    const calls = recordStep(reglabStep({ N, T, D, H, V: data.vocab.size }, batches));
    const shapes = new Map<string, { call: GemmCall; count: number }>();
    for (const c of calls) {
      const k = `${c.kind} ${c.M} ${c.N} ${c.K}`;
      const e = shapes.get(k);
      if (e) e.count++; else shapes.set(k, { call: c, count: 1 });
    }
    for (const { call, count } of shapes.values()) {
      // a prepared B is packed once for all of the step's products of its shape, as in the step
      const batch = call.prepared ? Array.from({ length: count }, () => call) : [call];
      const wasm = matmulReplay(batch);
      const js = reglabJs(matmulReplay(batch));
      const flops = 2 * call.M * call.N * call.K * batch.length;
      const reps = Math.max(1, Math.round(2e7 / flops));
      const [w, j] = await interleave([
        { impl: 'products', dtype: 'float64', threads: 1, steps: local(() => { for (let r = 0; r < reps; r++) wasm(); }) },
        { impl: 'products', dtype: 'float64', threads: 1, steps: local(() => { for (let r = 0; r < reps; r++) js(); }) },
      ], minMs, () => undefined);
      out.push({ ...call, hidden: H, calls: count, wasmGflops: (reps * flops) / (median(w.cpu) * 1e6), jsGflops: (reps * flops) / (median(j.cpu) * 1e6) });
    }
  }
  return out;
}

/** fn run with the JS kernels forced. */
function reglabJs(fn: () => void): () => void {
  return () => {
    const before = kernelKind();
    useKernels('js');
    try { fn(); } finally { useKernels(before); }
  };
}
