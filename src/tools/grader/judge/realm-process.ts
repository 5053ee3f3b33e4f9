/**
 * One judge realm process, seen from the grader: spawned (inside the sandbox) with its job on stdin,
 * read line by line on fd 3, and watched. It is killed, as a whole, when
 *  - a cell runs past its limit plus a grace period (the realm stops synchronous loops itself; this
 *    catches a loop in a promise or timer, and a compiler stuck on a pathological type),
 *  - the release cells together run past the training budget,
 *  - it writes more than the protocol allows (a flood cannot fill the grader's memory),
 *  - the caller aborts (SIGTERM/SIGINT of the grader).
 * The result says which cell was running when it stopped, so the caller can restart without it.
 *
 * Left out on purpose: restarts and verdicts (judge.ts).
 */
import { spawn } from 'child_process';
import type { RealmInput, RealmJob, RealmMessage } from './protocol';

export interface RealmRun {
  messages: RealmMessage[];
  /** How the process ended. */
  exit: { code: number | null; signal: string | null };
  /** Why the grader stopped it (null: it ended by itself). */
  stopped: 'cell-limit' | 'training-budget' | 'startup' | 'flood' | 'aborted' | null;
  /** The cell that was running when it ended without finishing (null: it finished, or ended between cells). */
  runningCell: number | null;
  /** The last lines the process wrote to stderr (for a crash report). */
  stderr: string;
}

export interface RealmLaunch {
  /** Sandbox prefix + node + realm-main.js. */
  argv: string[];
  env?: NodeJS.ProcessEnv;
  startupMs: number;
  graceMs: number;
  /** Budget of the release cells together (ms). */
  trainingBudgetMs: number;
  maxProtocolBytes: number;
  signal?: AbortSignal;
  /** Called once the realm runs, with a way to send it more input (deferred bindings). */
  onStart?: (send: (m: RealmInput) => void) => void;
}

/** Live realm processes, killed if the grader exits without waiting for them. */
const live = new Set<import('child_process').ChildProcess>();
let hooked = false;
function track(child: import('child_process').ChildProcess): void {
  if (!hooked) {
    hooked = true;
    process.on('exit', () => { for (const c of live) killTree(c); });
  }
  live.add(child);
  child.on('exit', () => live.delete(child));
}
function killTree(child: import('child_process').ChildProcess): void {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
  try { process.kill(-child.pid, 'SIGKILL'); } catch { try { child.kill('SIGKILL'); } catch { /* gone */ } }
}

export function runRealm(job: RealmJob, launch: RealmLaunch): Promise<RealmRun> {
  return new Promise((resolve) => {
    const child = spawn(launch.argv[0], launch.argv.slice(1), { stdio: ['pipe', 'ignore', 'pipe', 'pipe'], detached: true, env: launch.env });
    track(child);
    const messages: RealmMessage[] = [];
    const byIndex = new Map(job.cells.map((c) => [c.index, c]));
    let stopped: RealmRun['stopped'] = null;
    let running: number | null = null;
    let ready = false;
    let trainingMs = 0;
    let received = 0;
    let buf = '';
    let stderr = '';
    let deadline: ReturnType<typeof setTimeout> | null = null;
    const stop = (why: NonNullable<RealmRun['stopped']>) => {
      if (stopped === null) stopped = why;
      killTree(child);
    };
    const arm = (ms: number, why: NonNullable<RealmRun['stopped']>) => {
      if (deadline) clearTimeout(deadline);
      deadline = setTimeout(() => stop(why), Math.max(0, ms));
    };
    const onAbort = () => stop('aborted');
    launch.signal?.addEventListener('abort', onAbort);
    if (launch.signal?.aborted) stop('aborted');
    arm(launch.startupMs, 'startup');
    const onMessage = (m: RealmMessage) => {
      messages.push(m);
      if (m.type === 'ready') ready = true;
      if (m.type === 'cell-start') {
        running = m.index;
        const cell = byIndex.get(m.index);
        if (!cell) return;
        if (cell.role === 'release') {
          const left = launch.trainingBudgetMs - trainingMs;
          arm(Math.min(left, cell.timeLimitMs) + launch.graceMs, left <= cell.timeLimitMs ? 'training-budget' : 'cell-limit');
        } else {
          arm(cell.timeLimitMs + launch.graceMs, 'cell-limit');
        }
      }
      if (m.type === 'waiting') {
        if (deadline) clearTimeout(deadline); // the wait is the release-only realm's time, limited there
        deadline = null;
      }
      if (m.type === 'resumed') arm(launch.graceMs + 60_000, 'cell-limit');
      if (m.type === 'cell-end') {
        running = null;
        if (byIndex.get(m.index)?.role === 'release') trainingMs += m.ms;
        arm(launch.graceMs + 60_000, 'cell-limit'); // between cells: compiling the next one starts at once
      }
      if (m.type === 'done' || m.type === 'crash' || m.type === 'rerun') {
        if (deadline) clearTimeout(deadline);
      }
    };
    child.stdio[3]!.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > launch.maxProtocolBytes) return stop('flood');
      buf += chunk.toString('utf8');
      let k: number;
      while ((k = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, k);
        buf = buf.slice(k + 1);
        try {
          onMessage(JSON.parse(line) as RealmMessage);
        } catch {
          stop('flood'); // the realm writes only JSON lines; anything else means it is not the realm talking
        }
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => { stderr = (stderr + chunk.toString('utf8')).slice(-4000); });
    child.stdin!.on('error', () => undefined);
    child.stdin!.write(JSON.stringify(job) + '\n');
    launch.onStart?.((m) => {
      if (child.exitCode === null && child.signalCode === null && child.stdin!.writable) child.stdin!.write(JSON.stringify(m) + '\n');
    });
    child.on('exit', () => child.stdin!.destroy());
    child.on('close', (code, signal) => {
      if (deadline) clearTimeout(deadline);
      launch.signal?.removeEventListener('abort', onAbort);
      void ready;
      resolve({ messages, exit: { code, signal }, stopped, runningCell: messages.some((m) => m.type === 'done') ? null : running, stderr });
    });
  });
}
