/**
 * A PyTorch session for the benchmark: src/tools/bench/torch_step.py started once with the system
 * Python (if PyTorch is importable there), asked for a few training steps at a time, so its steps can
 * be interleaved with reglab's in one run. Each answer gives every step's wall and CPU time.
 *
 * One session per thread count, with OMP_NUM_THREADS, OPENBLAS_NUM_THREADS and MKL_NUM_THREADS set to
 * it: Debian's PyTorch calls OpenBLAS (pthreads), whose own pool ignores torch.set_num_threads, so a
 * "one thread" run without the variables uses two (measured: CPU 40 ms for a 21 ms step), and one
 * process switching between 1 and 2 threads oversubscribes the cores (steps 10x slower).
 *
 * After a multi-threaded step OpenBLAS's threads keep spinning for about 0.1 s (measured: 100-110 ms of
 * the child's CPU in the second after a two-thread turn), on both cores: `settle()` waits until the
 * child's CPU time stops advancing, so that spin is not charged to the next contender's turn (with it,
 * reglab's one-thread step and the products alone measured 12-15% slower). PyTorch's own steps are left
 * as they are (no OPENBLAS_THREAD_TIMEOUT or wait policy set).
 *
 * Left out on purpose: installing PyTorch; any Python other than /usr/bin/python3 or python3 on PATH.
 */
import { ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface, Interface } from 'node:readline';

/** The script sits in src/tools/bench; from dist/tools/bench or src/tools/bench both resolve to the same file. */
export const TORCH_SCRIPT = resolve(__dirname, '../../../src/tools/bench/torch_step.py');

export interface TorchSteps { wall: number[]; cpu: number[]; torch: string }

export class TorchSession {
  private constructor(private proc: ChildProcessWithoutNullStreams, private lines: Interface, private pending: ((l: string) => void)[]) {}

  /** Starts the script, or says why it cannot. */
  static start(shape: { N: number; T: number; D: number; V: number }, threads: 1 | 2): TorchSession | { error: string } {
    const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
    if (!existsSync(TORCH_SCRIPT)) return { error: `${TORCH_SCRIPT} not found` };
    const probe = spawnSync(python, ['-c', 'import torch'], { encoding: 'utf8' });
    if (probe.status !== 0) return { error: `PyTorch is not importable by ${python} (${(probe.stderr || String(probe.error ?? '')).trim().split('\n').pop()})` };
    const n = String(threads);
    const proc = spawn(python, [TORCH_SCRIPT, JSON.stringify({ ...shape, threads })], { env: { ...process.env, OMP_NUM_THREADS: n, OPENBLAS_NUM_THREADS: n, MKL_NUM_THREADS: n } });
    const pending: ((l: string) => void)[] = [];
    const lines = createInterface({ input: proc.stdout });
    lines.on('line', (l) => pending.shift()?.(l));
    let err = '';
    proc.stderr.on('data', (d) => { err += String(d); });
    proc.on('exit', (code) => { while (pending.length) pending.shift()!(JSON.stringify({ error: `torch_step.py exited (${code}): ${err.trim().split('\n').slice(-3).join(' | ')}` })); });
    return new TorchSession(proc, lines, pending);
  }

  /** `steps` training steps at this hidden size and dtype. */
  run(hidden: number, dtype: 'float32' | 'float64', steps: number): Promise<TorchSteps> {
    return new Promise((ok, fail) => {
      this.pending.push((line) => {
        const r = JSON.parse(line);
        if (r.error) fail(new Error(r.error));
        else ok(r as TorchSteps);
      });
      this.proc.stdin.write(JSON.stringify({ op: 'run', hidden, dtype, steps }) + '\n');
    });
  }

  /**
   * Resolves once the child has used no CPU for two polls in a row (20 ms apart), or after maxMs. Where
   * /proc is missing it waits a fixed 300 ms.
   */
  async settle(maxMs = 2000): Promise<void> {
    const sleep = (ms: number) => new Promise<void>((ok) => setTimeout(ok, ms));
    const ticks = (): number | null => {
      try {
        const f = readFileSync(`/proc/${this.proc.pid}/stat`, 'utf8').split(')').pop()!.trim().split(/\s+/);
        return Number(f[11]) + Number(f[12]); // utime + stime of every thread, in clock ticks
      } catch {
        return null;
      }
    };
    let last = ticks();
    if (last === null) return sleep(300);
    const t0 = performance.now();
    for (let still = 0; still < 2 && performance.now() - t0 < maxMs;) {
      await sleep(20);
      const now = ticks();
      if (now === null) return;
      still = now === last ? still + 1 : 0;
      last = now;
    }
  }

  close(): void {
    this.proc.stdin.end(JSON.stringify({ op: 'quit' }) + '\n');
    this.lines.close();
  }
}
