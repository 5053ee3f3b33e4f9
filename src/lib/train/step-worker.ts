/**
 * The worker thread of two-threads.ts: joins the main thread's kernels memory, then loops: wait on the
 * control block, run the job (a setup, or forward+backward of its streams), answer.
 */
import { MessagePort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { joinKernels, inArena } from '../kernels/kernels';
import { Rng } from '../numbers/rng';
import { charLMBackward, charLMForward, CharLMParams, LMState } from '../model/char-lm';
import { CMD, CTL, WorkerSetup } from './two-threads';

const { memory, ctlAt, port } = workerData as { memory: WebAssembly.Memory; ctlAt: number; port: MessagePort };
const k = joinKernels(memory, 1);
const ctl = new Int32Array(memory.buffer, ctlAt, 16);
const out = new Float64Array(memory.buffer, ctlAt + 64, 8);
let setup: WorkerSetup | null = null;
let params: CharLMParams | null = null;
let grads: Record<string, Float64Array> = {};
let state: LMState | null = null;

function run(cmd: number): void {
  if (cmd === CMD.setup) {
    setup = receiveMessageOnPort(port)!.message as WorkerSetup;
    const p: Record<string, { rows: number; cols: number; data: Float64Array }> = {};
    grads = {};
    for (const [name, rows, cols, at, g] of setup.layout) {
      p[name] = { rows, cols, data: k.home.at(at, rows * cols) };
      grads[name] = k.home.at(g, rows * cols);
    }
    params = p as unknown as CharLMParams;
    state = null;
    return;
  }
  if (cmd !== CMD.step || !setup || !params) throw new Error(`unexpected job ${cmd}`);
  const N = ctl[CTL.N1], T = ctl[CTL.T];
  const tok = new Int32Array(memory.buffer, ctl[CTL.tokens], 2 * ctl[CTL.capacity]);
  const batch = { N, T, x: tok.slice(0, N * T), y: tok.slice(N * T, 2 * N * T) };
  if (ctl[CTL.reset]) state = null;
  const rng = new Rng(ctl[CTL.seed] >>> 0);
  inArena(() => {
    const fwd = charLMForward(params!, setup!.config, batch, state, 'train', rng);
    const g = charLMBackward(fwd.cache, N / ctl[CTL.Nall]);
    for (const [name, m] of Object.entries(g)) grads[name].set(m.data);
    out[0] = fwd.loss;
    state = fwd.state; // copies, outside the arena
  });
}

Atomics.store(ctl, CTL.ready, 1);
Atomics.notify(ctl, CTL.done);
let seen = 0;
for (;;) {
  Atomics.wait(ctl, CTL.job, seen);
  const job = Atomics.load(ctl, CTL.job);
  if (job === seen) continue;
  seen = job;
  try {
    run(ctl[CTL.cmd]);
    Atomics.store(ctl, CTL.status, 0);
  } catch (e) {
    Atomics.store(ctl, CTL.status, 1);
    port.postMessage(String((e as Error)?.stack ?? e));
  }
  Atomics.store(ctl, CTL.done, seen);
  Atomics.notify(ctl, CTL.done);
}
