/**
 * One running kernel process: started from its kernel spec, reached through its channels, and
 * always ended (shutdown_request, then SIGKILL of its process group; a process 'exit' hook kills
 * whatever is still alive if the caller crashes).
 *
 * The kernel runs in its own process group, so a Ctrl-C meant for the runner does not reach it;
 * interrupts are sent on purpose (SIGINT or interrupt_request, per the spec's interrupt_mode).
 * Left out: restarting in place (the runner starts a new Kernel instead), stdin input.
 */
import * as fs from 'fs';
import { ChildProcess, spawn } from 'child_process';
import { randomUUID } from 'crypto';
import { KernelChannels, MessageChannel } from './channels';
import { ConnectionInfo, newConnectionDir, newConnectionInfo, newIpcConnectionInfo, removeConnectionFile, writeConnectionFile } from './connection';
import { KernelSpec } from './kernelspec';
import { Message } from './wire';

export interface KernelStartOptions {
  cwd: string;
  env?: Record<string, string>;
  /** Adds --max-old-space-size for a Node kernel (through NODE_OPTIONS). */
  memoryLimitMb?: number;
  startupTimeoutMs?: number;
  /** Runs the kernel inside something (a sandbox: grader/sandbox.ts). */
  launch?: KernelLaunch;
}

/**
 * How to start a kernel inside a wrapper: the kernel's argv becomes `wrap(argv, dir).argv`, where `dir`
 * is the folder of the connection file (and of the sockets: a sandbox without a network needs ipc).
 * With `infoFd`, the wrapper writes `{"child-pid": N}` to that fd (bubblewrap's --info-fd: N is the
 * sandbox's init): interrupts go to N's children (the kernel), not to the wrapper.
 */
export interface KernelLaunch {
  transport: 'tcp' | 'ipc';
  /** Called with the connection folder before the kernel starts (e.g. to give the sandbox's uid access). */
  prepare?(dir: string): void;
  wrap(argv: string[], dir: string): { argv: string[]; infoFd?: number };
}

export interface KernelExit { code: number | null; signal: NodeJS.Signals | null }

/** The kernel did not come up (exited, or no kernel_info_reply in time). */
export class KernelStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KernelStartError';
  }
}

type Handler = (channel: MessageChannel, msg: Message) => void;

export class Kernel {
  exit: KernelExit | null = null;
  /** The kernel_info_reply content (language_info etc.). */
  info: Record<string, any> = {};
  private readonly handlers = new Set<Handler>();
  private readonly wakers = new Set<() => void>();
  private output = '';
  /** The kernel's own process when a wrapper (a sandbox) runs it (KernelLaunch.infoFd). */
  innerPid: number | null = null;

  private constructor(
    readonly spec: KernelSpec,
    private readonly child: ChildProcess,
    readonly channels: KernelChannels,
    private readonly connectionFile: string,
  ) {}

  /** Spawns the kernel of `spec` and waits until both shell and iopub answer. */
  static async start(spec: KernelSpec, opts: KernelStartOptions): Promise<Kernel> {
    const dir = newConnectionDir();
    const info: ConnectionInfo = opts.launch?.transport === 'ipc' ? newIpcConnectionInfo(spec.name, dir) : await newConnectionInfo(spec.name);
    const file = writeConnectionFile(info, dir);
    opts.launch?.prepare?.(dir);
    const specArgv = spec.argv.map((a) => a.replace(/\{connection_file\}/g, file).replace(/\{resource_dir\}/g, spec.resourceDir));
    const wrapped = opts.launch ? opts.launch.wrap(specArgv, dir) : { argv: specArgv };
    const argv = wrapped.argv;
    const env: NodeJS.ProcessEnv = { ...process.env, ...spec.env, ...opts.env };
    if (opts.memoryLimitMb) env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ''} --max-old-space-size=${Math.round(opts.memoryLimitMb)}`.trim();
    if (!opts.launch && !fs.existsSync(opts.cwd)) throw new KernelStartError(`kernel working directory does not exist: ${opts.cwd}`);
    const stdio: ('ignore' | 'pipe')[] = ['ignore', 'pipe', 'pipe'];
    if (wrapped.infoFd !== undefined) while (stdio.length <= wrapped.infoFd) stdio.push('pipe');
    const child = spawn(argv[0], argv.slice(1), { cwd: fs.existsSync(opts.cwd) ? opts.cwd : undefined, env, stdio, detached: true });
    track(child);
    let kernel: Kernel | null = null;
    const channels = new KernelChannels(info, randomUUID(), (channel, msg) => kernel?.dispatch(channel, msg));
    kernel = new Kernel(spec, child, channels, file);
    if (wrapped.infoFd !== undefined) {
      let text = '';
      child.stdio[wrapped.infoFd]?.on('data', (d: Buffer) => {
        text += d.toString();
        const m = /"child-pid"\s*:\s*(\d+)/.exec(text);
        if (m) kernel!.innerPid = Number(m[1]);
      });
    }
    await kernel.waitReady(opts.startupTimeoutMs ?? 60_000);
    return kernel;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** The last few KB the kernel process wrote to its own stdout/stderr (not iopub). */
  get processOutput(): string {
    return this.output;
  }

  /** Listens to every message; returns the function that stops listening. */
  onMessage(handler: Handler): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  send<C>(channel: 'shell' | 'control' | 'stdin', msgType: string, content: C): Message<C> {
    return this.channels.send(channel, msgType, content);
  }

  /**
   * Resolves true as soon as `done()` holds (checked after every message and on exit), false after
   * `timeoutMs` or when `signal` aborts.
   */
  until(done: () => boolean, timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
    if (done()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const finish = (ok: boolean) => {
        clearTimeout(timer);
        this.wakers.delete(check);
        signal?.removeEventListener('abort', onAbort);
        resolve(ok);
      };
      const check = () => done() && finish(true);
      const onAbort = () => finish(false);
      const timer = setTimeout(() => finish(done()), Math.max(0, timeoutMs));
      this.wakers.add(check);
      signal?.addEventListener('abort', onAbort);
    });
  }

  /** Interrupts the running cell the way the spec asks (SIGINT by default). */
  interrupt(): void {
    if (this.exit) return;
    if (this.spec.interrupt_mode === 'message') this.send('control', 'interrupt_request', {});
    else {
      const targets = this.innerPid !== null ? childrenOf(this.innerPid) : this.child.pid ? [this.child.pid] : [];
      for (const pid of targets) {
        try { process.kill(pid, 'SIGINT'); } catch { /* already gone */ }
      }
    }
  }

  /** Asks the kernel to shut down, then kills what is left of its process group. Idempotent. */
  async shutdown(graceMs = 1500): Promise<void> {
    if (!this.exit) {
      this.send('control', 'shutdown_request', { restart: false });
      await this.until(() => this.exit !== null, graceMs);
    }
    await this.kill();
  }

  /** SIGKILL to the kernel's process group; waits for the exit. Idempotent. */
  async kill(): Promise<void> {
    killGroup(this.child);
    if (this.child.pid !== undefined) await this.until(() => this.exit !== null, 5000);
    this.channels.close();
    removeConnectionFile(this.connectionFile);
  }

  private dispatch(channel: MessageChannel, msg: Message): void {
    for (const h of this.handlers) h(channel, msg);
    for (const w of [...this.wakers]) w();
  }

  private async waitReady(timeoutMs: number): Promise<void> {
    const keep = (chunk: Buffer) => (this.output = (this.output + chunk.toString()).slice(-4000));
    this.child.stdout?.on('data', keep);
    this.child.stderr?.on('data', keep);
    this.child.on('exit', (code, signal) => {
      this.exit = { code, signal };
      live.delete(this.child);
      for (const w of [...this.wakers]) w();
    });
    const spawnError = new Promise<Error>((resolve) => this.child.once('error', resolve));
    let reply: Message | null = null;
    let iopubSeen = false;
    const stop = this.onMessage((channel, msg) => {
      if (channel === 'iopub') iopubSeen = true;
      if (channel === 'shell' && msg.header.msg_type === 'kernel_info_reply') reply = msg;
    });
    const deadline = Date.now() + timeoutMs;
    let failure: string | null = null;
    spawnError.then((e) => (failure = `cannot run ${this.spec.argv[0]}: ${e.message}`));
    try {
      while (!(reply && iopubSeen)) {
        if (failure) break;
        if (this.exit) {
          failure = `kernel '${this.spec.name}' exited during startup (${describeExit(this.exit)})`;
          break;
        }
        if (Date.now() > deadline) {
          failure = `kernel '${this.spec.name}' did not answer kernel_info_request within ${timeoutMs} ms`;
          break;
        }
        this.send('shell', 'kernel_info_request', {});
        await this.until(() => (reply !== null && iopubSeen) || this.exit !== null || failure !== null, 250);
      }
    } finally {
      stop();
    }
    if (failure) {
      await this.kill();
      const tail = this.output.trim().split('\n').slice(-5).join('\n');
      throw new KernelStartError(tail ? `${failure}\n${tail}` : failure);
    }
    this.info = (reply as Message | null)?.content ?? {};
  }
}

/** The processes whose parent is `pid` (from /proc; [] where there is no /proc). */
function childrenOf(pid: number): number[] {
  const found: number[] = [];
  let entries: string[] = [];
  try { entries = fs.readdirSync('/proc'); } catch { return found; }
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${e}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) found.push(Number(e));
    } catch { /* gone */ }
  }
  return found;
}

/** "exit code 1" / "signal SIGKILL". */
export function describeExit(exit: KernelExit): string {
  return exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code}`;
}

/** Kernels still running; killed by a process 'exit' hook if the caller ends without shutting down. */
const live = new Set<ChildProcess>();
let exitHookInstalled = false;

function track(child: ChildProcess): void {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', () => live.forEach(killGroup));
  }
  live.add(child);
}

function killGroup(child: ChildProcess): void {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}
