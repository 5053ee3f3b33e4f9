/**
 * Executing a whole notebook, cell by cell, through a real Jupyter kernel, recording outputs the
 * way nbclient does; returns a new nbformat 4.5 notebook and one CellRun per code cell.
 *
 * Copes with tslab: after a failing cell it aborts every request that arrives within 200 ms, so the
 * next cell is sent only after a pause, and an `abort` reply is resent (never lost or skipped).
 * A cell over its time limit is interrupted, then its kernel killed and a new kernel started for the
 * next cell; a kernel that dies is that cell's error. The kernel is always shut down.
 * Left out: widgets, stdin, parallel notebooks (one kernel per call).
 */
import * as path from 'path';
import type { ICodeCell } from '@jupyterlab/nbformat';
import { isCodeCell, joinMultiline, Notebook, upgradeToV45 } from '../notebook-io';
import { describeExit, Kernel, KernelLaunch } from './kernel';
import { findKernelSpec, KernelSpec } from './kernelspec';
import { OutputRecorder } from './outputs';
import { CellResult, runCell } from './run-cell';

export interface ExecuteOptions {
  /** Default: notebook.metadata.kernelspec.name. */
  kernelName?: string;
  /** Use this spec instead of looking `kernelName` up (the grader runs its own install's tslab). */
  kernelSpec?: KernelSpec;
  /** Start each kernel inside a wrapper (the grader's sandbox). */
  launch?: KernelLaunch;
  /** Where the notebook file lives; the default kernel working dir is its folder. */
  notebookPath?: string;
  /** Kernel working dir; default: the notebook's folder, else process.cwd(). */
  cwd?: string;
  /** Per-cell limit: interrupt, then kill + restart; recorded as that cell's error. */
  cellTimeoutMs?: number;
  /** After a failing cell (error, timeout, dead kernel): run the rest or skip it. Default 'continue'. */
  onError?: 'continue' | 'stop';
  env?: Record<string, string>;
  /** Heap limit of a Node kernel (--max-old-space-size). */
  memoryLimitMb?: number;
  /** Output bytes kept per cell; the rest is cut with a note. Default: no limit. */
  maxOutputBytes?: number;
  /** Output bytes kept for the whole notebook (every cell together). Default: no limit. */
  maxNotebookOutputBytes?: number;
  /** Called after each code cell with its recorded cell and its run. */
  onCell?: (index: number, cell: ICodeCell, run: CellRun) => void;
  /** Aborting stops the run, shuts the kernel down and rejects. */
  signal?: AbortSignal;
  /** How long an interrupted cell may take to stop before its kernel is killed. Default 2000. */
  interruptGraceMs?: number;
  /** Kernel startup limit. Default 60000. */
  startupTimeoutMs?: number;
  /**
   * Pause after a failed cell before sending the next one: tslab aborts requests that arrive
   * within 200 ms of an error. Default 250. An aborted cell is resent anyway; 0 is for tests.
   */
  abortPauseMs?: number;
}

export interface CellRun {
  /** Index in notebook.cells. */
  index: number;
  status: 'ok' | 'error' | 'timeout' | 'died' | 'skipped';
  ms: number;
  /** Resends after tslab's post-error abort. */
  resent?: number;
  /** The kernel exited or was killed during this cell: later cells run in a new kernel. */
  kernelEnded?: true;
}

/** The run was stopped through ExecuteOptions.signal (the kernel has been shut down). */
export class ExecutionCancelledError extends Error {
  constructor() {
    super('notebook execution cancelled');
    this.name = 'ExecutionCancelledError';
  }
}

export interface ExecuteResult {
  notebook: Notebook;
  cells: CellRun[];
}

/** tslab aborts requests arriving within 200 ms of an error; wait a little longer. */
const ABORT_PAUSE_MS = 250;
/** Pause before resending an aborted cell, and how often to try. */
const RESEND_PAUSE_MS = 250;
const MAX_RESENDS = 8;

export async function executeNotebook(nb: Notebook, opts: ExecuteOptions = {}): Promise<ExecuteResult> {
  const notebook = upgradeToV45(structuredClone(nb));
  const kernelName = opts.kernelSpec?.name ?? opts.kernelName ?? notebook.metadata.kernelspec?.name;
  if (!kernelName) throw new Error('notebook has no metadata.kernelspec.name; name the kernel to use (kernelName)');
  const spec = opts.kernelSpec ?? findKernelSpec(kernelName);
  const cwd = opts.cwd ?? (opts.notebookPath ? path.dirname(path.resolve(opts.notebookPath)) : process.cwd());
  const recorder = new OutputRecorder(notebook.cells, opts.maxOutputBytes ?? Infinity, opts.maxNotebookOutputBytes ?? Infinity);
  const cells: CellRun[] = [];
  let kernel: Kernel | null = null;
  let count = 0;
  let stopped = false;
  let pauseUntil = 0;
  try {
    for (let index = 0; index < notebook.cells.length; index++) {
      const cell = notebook.cells[index];
      if (!isCodeCell(cell)) continue;
      const code = joinMultiline(cell.source);
      if (stopped || !code.trim()) {
        // nbclient leaves empty cells alone; cells skipped by a stop lose stale outputs.
        if (stopped) Object.assign(cell, { outputs: [], execution_count: null });
        const run: CellRun = { index, status: 'skipped', ms: 0 };
        cells.push(run);
        opts.onCell?.(index, cell, run);
        continue;
      }
      if (opts.signal?.aborted) throw new ExecutionCancelledError();
      if (!kernel || kernel.exit) {
        kernel = await Kernel.start(spec, { cwd, env: opts.env, memoryLimitMb: opts.memoryLimitMb, startupTimeoutMs: opts.startupTimeoutMs, launch: opts.launch });
        if (kernel.info.language_info) notebook.metadata.language_info = kernel.info.language_info;
        pauseUntil = 0;
      }
      await sleep(pauseUntil - Date.now());
      const started = Date.now();
      count += 1;
      let result: CellResult;
      let resent = 0;
      for (;;) {
        if (resent) await sleep(pauseUntil - Date.now());
        result = await runCell(kernel, recorder, index, code, {
          timeoutMs: opts.cellTimeoutMs, interruptGraceMs: opts.interruptGraceMs ?? 2000, iopubTimeoutMs: 4000, signal: opts.signal,
        });
        if (result.outcome !== 'abort' || resent >= MAX_RESENDS) {
          if (result.outcome !== 'ok') pauseUntil = Date.now() + (opts.abortPauseMs ?? ABORT_PAUSE_MS);
          break;
        }
        pauseUntil = Date.now() + RESEND_PAUSE_MS;
        resent += 1;
      }
      if (result.outcome === 'cancelled') throw new ExecutionCancelledError();
      cell.execution_count = count;
      const run: CellRun = { index, status: statusOf(result), ms: Date.now() - started, ...(resent ? { resent } : {}) };
      recordFailure(cell, result, kernel, opts);
      if (result.killed || kernel.exit) {
        run.kernelEnded = true;
        await kernel.kill();
        kernel = null;
      }
      cells.push(run);
      opts.onCell?.(index, cell, run);
      if (run.status !== 'ok' && opts.onError === 'stop') stopped = true;
    }
  } finally {
    if (kernel) await (kernel as Kernel).shutdown();
  }
  return { notebook, cells };
}

function statusOf(result: CellResult): CellRun['status'] {
  switch (result.outcome) {
    case 'ok':
      return 'ok';
    case 'timeout':
      return 'timeout';
    case 'died':
      return 'died';
    default:
      return 'error';
  }
}

/** Failures the kernel cannot report itself become an error output, as nbclient's exceptions would. */
function recordFailure(cell: ICodeCell, result: CellResult, kernel: Kernel, opts: ExecuteOptions): void {
  let ename: string;
  let evalue: string;
  if (result.outcome === 'timeout') {
    ename = 'CellTimeoutError';
    evalue = `Cell execution timed out after ${(opts.cellTimeoutMs ?? 0) / 1000} s` +
      (result.killed ? '; the kernel did not stop on interrupt and was killed (later cells run in a new kernel)' : '; the kernel was interrupted');
  } else if (result.outcome === 'died') {
    ename = 'DeadKernelError';
    const next = opts.onError === 'stop' ? 'the run stops here' : 'later cells run in a new kernel (earlier state is lost)';
    const fatal = /^.*(FATAL ERROR|out of memory).*$/m.exec(kernel.processOutput)?.[0].trim();
    evalue = `Kernel died while executing this cell (${describeExit(kernel.exit!)}${fatal ? `: ${fatal}` : ''}); ${next}`;
  } else if (result.outcome === 'abort') {
    ename = 'KernelAbortError';
    evalue = `The kernel aborted this cell ${MAX_RESENDS + 1} times in a row`;
  } else {
    return;
  }
  const tail = result.outcome === 'died' ? kernel.processOutput.trim().split('\n').filter(Boolean).slice(-5) : [];
  cell.outputs.push({ output_type: 'error', ename, evalue, traceback: [`${ename}: ${evalue}`, ...tail] });
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
