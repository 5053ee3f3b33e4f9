/**
 * One training step on both cores: the batch's N streams are split, streams [0, N0) on this thread and
 * [N0, N) on a worker thread, both reading the same weights in the kernels' shared memory. Each half
 * runs forward and backward with its share of the loss (N_half / N), so the worker's gradients are
 * simply added to this thread's: one reduction per step. Then clipping and the optimizer run here,
 * as in trainStep.
 *
 *   seed  = rng.nextUint32()            drawn first, every step: the worker's dropout generator
 *   half0 = forward+backward(streams 0..N0-1, this thread's carried state, rng)       } at once
 *   half1 = forward+backward(streams N0..N-1, the worker's carried state, Rng(seed))  }
 *   grads = half0 + half1;  loss = (N0 loss0 + N1 loss1) / N
 *
 * Deterministic for a seed and this thread count (the same numbers every run), though not the same
 * bits as one thread: the sums over the batch are split in two, and the dropout masks are drawn from
 * two generators. Gradient checks and notebook checks use one thread.
 *
 * The worker waits on a control block in the shared memory (Atomics.wait), so the step stays an
 * ordinary synchronous call. One worker serves the whole process, started on first use and not keeping
 * the process alive.
 *
 * Left out on purpose: more than two threads, splitting a step's products across threads (a barrier
 * per time step: when a thread is descheduled the other waits), evaluation on two threads.
 */
import { join } from 'node:path';
import { MessageChannel, MessagePort, Worker, receiveMessageOnPort } from 'node:worker_threads';
import { Batch } from '../data/batches';
import { charLMBackward, charLMForward, CharLMParams, decayWeightsOnly } from '../model/char-lm';
import { clipGradNorm, globalNorm } from '../optim/clip';
import { addL2Grad } from '../regularize/l2';
import { addInto } from '../layers/linear';
import { homeFloats, inArena, isHome, wasmKernels } from '../kernels/kernels';
import { StepCarry, StepSetup } from './step';

/** The control block: Int32 slots in the shared memory. */
export const CTL = { job: 0, done: 1, cmd: 2, status: 3, N1: 4, T: 5, seed: 6, reset: 7, Nall: 8, ready: 9, tokens: 10, capacity: 11 } as const;
export const CMD = { setup: 1, step: 2 } as const;
const CTL_BYTES = 64, OUT_BYTES = 64;
/** How long a step may take before the worker is declared lost. */
const TIMEOUT_MS = 10 * 60_000;

/** The worker's side of a setup: config and where each parameter and its gradient buffer live. */
export interface WorkerSetup {
  config: StepSetup['config'];
  /** name, rows, cols, byte address of the parameter, byte address of the worker's gradient */
  layout: [string, number, number, number, number][];
}

/** Slices [n0, n1) of a time-major batch's streams: x[t*N + n] -> x'[t*(n1-n0) + n - n0]. */
export function streams(batch: Batch, n0: number, n1: number): Batch {
  const { N, T } = batch, M = n1 - n0;
  const x = new Int32Array(M * T), y = new Int32Array(M * T);
  for (let t = 0; t < T; t++) {
    x.set(batch.x.subarray(t * N + n0, t * N + n1), t * M);
    y.set(batch.y.subarray(t * N + n0, t * N + n1), t * M);
  }
  return { N: M, T, x, y };
}

export class StepThreads {
  private worker: Worker;
  private port: MessagePort;
  private ctl: Int32Array;
  private out: Float64Array;
  private tokens: Int32Array;
  private seq = 0;
  private grads1: Record<string, Float64Array> = {};
  private setupOf: StepSetup | null = null;

  constructor() {
    const k = wasmKernels();
    if (!k) throw new RangeError('threads: 2 needs the WebAssembly kernels (shared memory); they are not available here (or REGLAB_KERNEL=js)');
    const ctlAt = k.home.take(CTL_BYTES + OUT_BYTES);
    if (ctlAt < 0) throw new RangeError('threads: the kernels memory is full');
    this.ctl = new Int32Array(k.home.memory.buffer, ctlAt, CTL_BYTES / 4);
    this.out = new Float64Array(k.home.memory.buffer, ctlAt + CTL_BYTES, OUT_BYTES / 8);
    this.tokens = new Int32Array(0);
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const ts = __filename.endsWith('.ts'); // run from the sources (the tests): the worker compiles them too
    this.worker = new Worker(join(__dirname, `step-worker.${ts ? 'ts' : 'js'}`), {
      workerData: { memory: k.home.memory, ctlAt, port: port2 },
      transferList: [port2],
      execArgv: ts ? ['-r', 'ts-node/register/transpile-only'] : [],
    });
    this.worker.unref();
    this.wait(() => Atomics.load(this.ctl, CTL.ready) === 1, 'start');
  }

  /** Blocks until done() (the worker answers through the control block). */
  private wait(done: () => boolean, what: string): void {
    const t0 = Date.now();
    while (!done()) {
      if (Date.now() - t0 > TIMEOUT_MS) throw new Error(`threads: the step worker did not ${what} within ${TIMEOUT_MS / 60_000} minutes`);
      Atomics.wait(this.ctl, CTL.done, Atomics.load(this.ctl, CTL.done), 100);
    }
  }

  private post(cmd: number): void {
    this.seq++;
    Atomics.store(this.ctl, CTL.cmd, cmd);
    Atomics.store(this.ctl, CTL.job, this.seq);
    Atomics.notify(this.ctl, CTL.job);
  }

  private finish(): void {
    this.wait(() => Atomics.load(this.ctl, CTL.done) === this.seq, 'answer');
    if (Atomics.load(this.ctl, CTL.status) !== 0) {
      const msg = receiveMessageOnPort(this.port)?.message as string | undefined;
      throw new Error(`threads: the step worker failed: ${msg ?? 'no message'}`);
    }
  }

  private setup(setup: StepSetup): void {
    const layout: WorkerSetup['layout'] = [];
    this.grads1 = {};
    for (const [name, m] of Object.entries(setup.params)) {
      if (!isHome(m.data)) throw new RangeError(`threads: parameter '${name}' is not in the kernels' memory (copy it there with homeParams, as train does)`);
      const g = homeFloats(m.data.length);
      if (!isHome(g)) throw new RangeError('threads: the kernels memory is full');
      this.grads1[name] = g;
      layout.push([name, m.rows, m.cols, m.data.byteOffset, g.byteOffset]);
    }
    this.port.postMessage({ config: setup.config, layout } satisfies WorkerSetup);
    this.post(CMD.setup);
    this.finish();
    this.setupOf = setup;
  }

  /** The worker's tokens: x then y, each T*N1 (a bigger block when needed). */
  private tokenBlock(n: number): Int32Array {
    if (this.tokens.length < 2 * n) {
      const k = wasmKernels()!;
      const at = k.home.take(8 * n);
      if (at < 0) throw new RangeError('threads: the kernels memory is full');
      this.tokens = new Int32Array(k.home.memory.buffer, at, 2 * n);
      this.ctl[CTL.tokens] = at;
      this.ctl[CTL.capacity] = n;
    }
    return this.tokens;
  }

  /** trainStep on two threads (see the header). */
  step(setup: StepSetup, batch: Batch, carry: StepCarry): StepCarry {
    if (this.setupOf !== setup) this.setup(setup);
    const { N, T } = batch;
    if (N < 2) throw new RangeError(`threads: 2 needs at least 2 streams per batch, got N=${N}`);
    if (setup.layers?.dropout || setup.layers?.layerNorm) throw new RangeError('threads: 2 cannot run your own layers (the worker thread cannot call functions defined on this one); use one thread');
    const N0 = Math.ceil(N / 2), N1 = N - N0;
    return inArena(() => {
      const theirs = streams(batch, N0, N), tok = this.tokenBlock(N1 * T);
      tok.set(theirs.x, 0);
      tok.set(theirs.y, N1 * T);
      this.ctl[CTL.N1] = N1; this.ctl[CTL.T] = T; this.ctl[CTL.Nall] = N;
      this.ctl[CTL.seed] = setup.rng.nextUint32() | 0;
      this.ctl[CTL.reset] = carry.state === null ? 1 : 0;
      this.post(CMD.step);
      const fwd = charLMForward(setup.params, setup.config, streams(batch, 0, N0), carry.state, 'train', setup.rng);
      const grads = charLMBackward(fwd.cache, N0 / N);
      this.finish();
      for (const [name, g] of Object.entries(grads)) addInto(g.data, this.grads1[name]); // the one reduction
      const loss = (N0 * fwd.loss + N1 * this.out[0]) / N;
      const l2 = setup.l2 ?? 0;
      carry.penalty = l2 > 0 ? addL2Grad(setup.params, grads, l2, setup.decayFilter ?? decayWeightsOnly) : 0;
      carry.gradNorm = setup.clip !== undefined ? clipGradNorm(grads, setup.clip) : globalNorm(grads);
      carry.loss = loss;
      carry.updated = Number.isFinite(loss) && Number.isFinite(carry.gradNorm);
      if (carry.updated) setup.optimizer.step(setup.params as CharLMParams, grads);
      carry.state = fwd.state;
      return carry;
    });
  }
}

let shared: StepThreads | null = null;

/** The process's two-thread stepper (started on first use). */
export function stepThreads(): StepThreads {
  return (shared ??= new StepThreads());
}
