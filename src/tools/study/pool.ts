/**
 * A pool of worker processes (child_process.fork of worker.ts) that trains independent runs in
 * parallel, one run per worker at a time, in the order given. Each run is deterministic from its
 * spec, so which worker takes it does not matter. A worker that dies fails its run, and a fresh
 * worker takes over the remaining queue.
 *
 * Processes rather than threads: a run is seconds to minutes of pure compute with tiny messages,
 * and a crashed or killed process cannot take the parent with it. Under ts-node or vitest (this file
 * is .ts) the workers load TypeScript through ts-node's transpile-only hook.
 *
 * Left out on purpose: retries, timeouts, work stealing (runs are taken from one shared queue).
 */
import { fork, ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { RunSpec } from './matrix';
import { RunEpoch, RunResult } from './run-one';

export type ToWorker = { type: 'run'; spec: RunSpec } | { type: 'exit' };
export type ToParent =
  | { type: 'epoch'; id: string; record: RunEpoch }
  | { type: 'done'; id: string; result: RunResult }
  | { type: 'failed'; id: string; message: string };

export interface PoolEvents {
  onStart?: (spec: RunSpec) => void;
  onEpoch?: (spec: RunSpec, record: RunEpoch) => void;
  onDone: (spec: RunSpec, result: RunResult) => void;
  onFailed: (spec: RunSpec, message: string) => void;
}

/** The worker script beside this file, and how to start it (ts-node for .ts sources). */
export function workerCommand(): { file: string; execArgv: string[] } {
  const ext = path.extname(__filename);
  const file = path.join(__dirname, `worker${ext}`);
  return ext === '.ts' ? { file, execArgv: ['-r', 'ts-node/register/transpile-only'] } : { file, execArgv: [] };
}

/** Trains every spec on `workers` processes; resolves when all have finished or failed. */
export function runPool(specs: readonly RunSpec[], workers: number, events: PoolEvents): Promise<void> {
  if (!(Number.isInteger(workers) && workers >= 1)) throw new RangeError(`runPool: workers must be a positive integer, got ${workers}`);
  const queue = [...specs];
  const cmd = workerCommand();
  let alive = 0;
  return new Promise<void>((resolve) => {
    if (queue.length === 0) return resolve();
    const start = (): void => {
      const child: ChildProcess = fork(cmd.file, [], { execArgv: cmd.execArgv, serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      alive++;
      let current: RunSpec | null = null;
      const next = (): void => {
        current = queue.shift() ?? null;
        if (current === null) {
          child.send({ type: 'exit' } satisfies ToWorker);
          return;
        }
        events.onStart?.(current);
        child.send({ type: 'run', spec: current } satisfies ToWorker);
      };
      child.on('message', (msg: ToParent) => {
        if (current === null || msg.id !== current.id) return;
        if (msg.type === 'epoch') events.onEpoch?.(current, msg.record);
        else {
          if (msg.type === 'done') events.onDone(current, msg.result);
          else events.onFailed(current, msg.message);
          next();
        }
      });
      child.on('exit', (code, signal) => {
        alive--;
        if (current !== null) {
          events.onFailed(current, `worker process ended (${signal ?? `exit code ${code}`}) during the run`);
          current = null;
          if (queue.length > 0) start();
        }
        if (alive === 0) resolve();
      });
      next();
    };
    for (let i = 0; i < Math.min(workers, queue.length); i++) start();
  });
}
