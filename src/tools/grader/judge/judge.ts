/**
 * The judge: one submitted notebook and its release in, one verdict per check out, as plain data.
 * Used by the grader (grade-one.ts), and meant for `npm run check` and validate's wrong-answer
 * catalogs too: whoever calls it gets the verdicts the course gets.
 *
 *  1. rebuild the notebook from the release with the submission's exercise cells and added cells
 *     (judged-notebook.ts), and keep the cells the checks need (select-cells.ts);
 *  2. run them in a judge realm (realm-main.ts) inside the sandbox: student code in a Compartment of a
 *     locked-down realm, check code in another, results recorded by the judge itself;
 *  3. when the realm stops inside a cell (an infinite loop in a promise, memory, a flood of output)
 *     restart it without that cell, at most `maxRestarts` times: that cell counts as timed out, and
 *     the checks after it are still judged;
 *  4. turn each check cell's outcome into a verdict: its result, or why there is none, in the terms the
 *     student's own notebook would show (a type error, a throw, the time limit); a check whose code
 *     under test called the library's own implementation fails with that reason.
 *
 * Left out on purpose: files, reports and the feedback kernel (grade-one.ts), and points arithmetic
 * beyond "passed: all points, else 0".
 */
import * as path from 'path';
import { randomBytes } from 'crypto';
import type { CheckResult } from '../../../lib/checks/result';
import type { Notebook } from '../../notebook/notebook-io';
import { COMPILER_MB, Isolation, installPaths, sandbox } from '../sandbox';
import { JudgeRelease, JudgedNotebook, judgedNotebook } from './judged-notebook';
import type { CachedBindings, JudgedCell, RealmCell, RealmJob, RealmMessage } from './protocol';
import { RealmRun, runRealm } from './realm-process';
import { selectForChecks } from './select-cells';
import { cellNames } from './cell-names';

export interface JudgeOptions {
  /** The package root whose dist/ and node_modules/ the realm uses (read-only in the sandbox). */
  install: string;
  isolation: Isolation;
  /** Limit of each student and check cell. */
  cellTimeoutMs: number;
  /** Limit of the release's own cells together (the training the checks need). */
  trainingBudgetMs: number;
  /** Address-space limit of the realm process. */
  memoryMb: number;
  /** The names the learner library exports (a check's reference implementations are found among them). */
  libraryExports: ReadonlySet<string>;
  /** Run only what the checks need (default true); false runs every code cell. */
  checksOnly?: boolean;
  maxRestarts?: number;
  /** Bindings of release cells computed once without student code (cache.ts), by release cell id. */
  cached?: ReadonlyMap<string, CachedBindings>;
  /** The same, still being computed: the realm goes on without these cells and waits where their names are needed. */
  deferred?: ReadonlyMap<string, Promise<CachedBindings | null>>;
  signal?: AbortSignal;
}

export type VerdictStatus = 'judged' | 'compile-error' | 'error' | 'timeout' | 'no-result' | 'not-judged';

export interface CheckVerdict extends CheckResult {
  cellId: string;
  hidden: boolean;
  status: VerdictStatus;
  /** The code under test called these reference implementations (the check failed for it). */
  referenceCalls?: string[];
}

export interface CellOutcome { index: number; cellId: string; role: JudgedCell['role']; status: string; ms: number; message?: string }

export interface NotebookVerdict {
  checks: CheckVerdict[];
  /** For the student. */
  notes: string[];
  /** For the instructor (reference calls outside checks). */
  flags: string[];
  judged: JudgedNotebook;
  cells: CellOutcome[];
  restarts: number;
  isolation: Isolation;
  seconds: number;
  /** How long the realm took to boot (compiler, warm-up, lockdown), ms. */
  boot: Record<string, number>;
  /** The kernels the library ran on in the realm (null: it did not start). */
  kernels: 'wasm' | 'js' | null;
}

/** The judge could not run at all (not the student's doing: the realm would not start). */
export class JudgeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JudgeError';
  }
}

export class JudgeCancelled extends Error {
  constructor() {
    super('judging cancelled');
    this.name = 'JudgeCancelled';
  }
}

const GRACE_MS = 15_000;
const STARTUP_MS = 180_000; // the compiler and the warm-up take seconds, minutes on a machine at load 17

/** Calls into the library's training and sampling loops: a realm that runs them warms the kernels up first. */
export const TRAINS = /\b(train|evaluateLoss|sampleNames|charLM\w+|lstm\w*Forward|lnLstm\w*Forward|lstm\w*Backward|lnLstm\w*Backward)\s*\(/;

export function realmEntry(install: string): string {
  return path.join(install, 'dist', 'tools', 'grader', 'judge', 'realm-main.js');
}

/** The realm job for `cells` (already chosen), with limits and cached bindings. */
export function realmJob(cells: JudgedCell[], opts: Pick<JudgeOptions, 'install' | 'cellTimeoutMs' | 'trainingBudgetMs' | 'cached' | 'deferred'>, extra: Partial<RealmJob> = {}): RealmJob {
  const isDeferred = (c: JudgedCell) => c.role === 'release' && !opts.cached?.has(c.cellId) && !!opts.deferred?.has(c.cellId);
  const names = cells.map((c) => cellNames(c.source));
  const realmCells: RealmCell[] = cells.map((c, k) => {
    // what the cell reads while it runs: its own names, and the bodies of the functions it may call
    const reads = new Set(names[k].now);
    for (const n of reads) {
      for (let i = k; i >= 0; i--) {
        const body = names[i].bodies.get(n);
        if (body) for (const m of body) reads.add(m);
      }
    }
    const deps = new Set<number>();
    for (const n of reads) for (let i = 0; i < k; i++) if (isDeferred(cells[i]) && names[i].declared.has(n)) deps.add(cells[i].index);
    return {
      ...c,
      timeLimitMs: c.role === 'release' ? opts.trainingBudgetMs : opts.cellTimeoutMs,
      ...(c.role === 'release' && opts.cached?.has(c.cellId) ? { cached: opts.cached.get(c.cellId) } : {}),
      ...(isDeferred(c) ? { deferred: true, declares: [...names[k].declared] } : {}),
      ...(!isDeferred(c) && deps.size ? { waitFor: [...deps] } : {}),
    };
  });
  const warmUp = realmCells.some((c) => !c.cached && TRAINS.test(c.source));
  return { install: opts.install, workDir: path.join(opts.install, 'notebooks'), token: randomBytes(16).toString('hex'), cells: realmCells, skip: [], warmUp, ...extra };
}

let saidJs = false;
/** Once per process: the realm could not instantiate the WebAssembly kernels (same verdicts, slower checks). */
function sayJsKernelsOnce(): void {
  if (saidJs) return;
  saidJs = true;
  process.stderr.write('reglab judge: the WebAssembly kernels are unavailable in the judge realm; checks run on the JavaScript kernels (same results, slower)\n');
}

/** Runs a realm job with restart-and-skip; every cell-end (first attempt wins), and what stopped it. */
export async function runWithRestarts(job: RealmJob, opts: Pick<JudgeOptions, 'install' | 'isolation' | 'memoryMb' | 'trainingBudgetMs' | 'maxRestarts' | 'signal' | 'deferred'>, maxProtocolBytes = 16 * 1024 * 1024):
  Promise<{ ends: Map<number, Extract<RealmMessage, { type: 'cell-end' }>>; flags: string[]; stops: { cell: number; why: string }[]; finished: boolean; boot: Record<string, number>; kernels: 'wasm' | 'js' | null }> {
  let boot: Record<string, number> = {};
  let kernels: 'wasm' | 'js' | null = null;
  const ends = new Map<number, Extract<RealmMessage, { type: 'cell-end' }>>();
  const stops: { cell: number; why: string }[] = [];
  const flags = new Set<string>();
  const maxRestarts = opts.maxRestarts ?? 3;
  for (let attempt = 0; ; attempt++) {
    const { prefix } = sandbox(opts.isolation, { ro: installPaths(opts.install), cwd: job.workDir, memoryMb: opts.memoryMb + COMPILER_MB });
    const heap = Math.max(256, Math.round(opts.memoryMb * 0.8));
    const feeds = job.cells.filter((c) => c.deferred).map((c) => ({ index: c.index, promise: opts.deferred!.get(c.cellId)! }));
    const run: RealmRun = await runRealm({ ...job, skip: stops.map((s) => s.cell) }, {
      onStart: (send) => {
        for (const f of feeds) f.promise.then((b) => send(b ? { type: 'bindings', index: f.index, bindings: b } : { type: 'no-bindings', index: f.index }), () => send({ type: 'no-bindings', index: f.index }));
      },
      argv: [...prefix, process.execPath, `--max-old-space-size=${heap}`, '--stack-size=2000', realmEntry(opts.install)],
      env: opts.isolation === 'none' ? { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp' } : undefined,
      startupMs: STARTUP_MS, graceMs: GRACE_MS, trainingBudgetMs: opts.trainingBudgetMs, maxProtocolBytes, signal: opts.signal,
    });
    for (const m of run.messages) {
      if (m.type === 'cell-end' && !ends.has(m.index)) ends.set(m.index, m);
      if (m.type === 'done') m.flags.forEach((f) => flags.add(f));
      if (m.type === 'ready' && attempt === 0) boot = { ...m.ms };
      if (m.type === 'ready' && attempt === 0) { kernels = m.kernels ?? 'js'; if (kernels === 'js') sayJsKernelsOnce(); }
      if (m.type === 'done') boot.cpu = (boot.cpu ?? 0) + m.cpuMs;
    }
    if (run.stopped === 'aborted') throw new JudgeCancelled();
    if (run.messages.some((m) => m.type === 'done')) return { ends, flags: [...flags], stops, finished: true, boot, kernels };
    const rerun = run.messages.find((m): m is Extract<RealmMessage, { type: 'rerun' }> => m.type === 'rerun');
    if (rerun) {
      // a deferred cell's bindings did not come: it runs here after all (every verdict of this attempt is dropped)
      job = { ...job, cells: job.cells.map((c) => (c.index === rerun.index ? { ...c, deferred: undefined } : { ...c, waitFor: c.waitFor?.filter((i) => i !== rerun.index) })) };
      ends.clear();
      attempt--;
      continue;
    }
    const ready = run.messages.some((m) => m.type === 'ready');
    const crash = run.messages.find((m): m is Extract<RealmMessage, { type: 'crash' }> => m.type === 'crash');
    if (!ready) throw new JudgeError(`the judge did not start (${crash?.message ?? run.stopped ?? describeExit(run)}): ${run.stderr.trim().split('\n').slice(-3).join(' | ')}`);
    if (run.runningCell === null) {
      if (crash) throw new JudgeError(`the judge failed between cells: ${crash.message}`);
      return { ends, flags: [...flags], stops, finished: false, boot, kernels };
    }
    stops.push({ cell: run.runningCell, why: stopReason(run, opts) });
    if (attempt >= maxRestarts) return { ends, flags: [...flags], stops, finished: false, boot, kernels };
  }
}

function describeExit(run: RealmRun): string {
  return run.exit.signal ? `signal ${run.exit.signal}` : `exit code ${run.exit.code}`;
}

function stopReason(run: RealmRun, opts: Pick<JudgeOptions, 'memoryMb' | 'trainingBudgetMs'>): string {
  if (run.stopped === 'cell-limit') return 'it did not finish within its time limit (code left running in a promise or timer, or a compiler that never finished)';
  if (run.stopped === 'training-budget') return `the notebook's own cells ran past the training budget (${opts.trainingBudgetMs / 1000} s in all)`;
  if (run.stopped === 'flood') return 'it made the judge write more than it may';
  if (/heap out of memory|bad_alloc|Allocation failed|out of memory/i.test(run.stderr) || run.exit.signal === 'SIGABRT' || run.exit.code === 134) return `it ran out of memory (the limit is ${opts.memoryMb} MB)`;
  return `the judge process ended (${describeExit(run)})`;
}

const failureText = (status: string, message: string | undefined, limitMs: number): string => {
  if (status === 'timeout') return `the check did not finish within the time limit (${limitMs / 1000} s)`;
  if (status === 'compile-error' || status === 'error') return `the check cell failed: ${message || 'an error without a message'}`;
  return 'the check cell finished without a result';
};

export async function judgeNotebook(rel: JudgeRelease, submission: Notebook, opts: JudgeOptions): Promise<NotebookVerdict> {
  const t0 = Date.now();
  const judged = judgedNotebook(rel, submission, opts.libraryExports);
  const chosen = opts.checksOnly === false ? judged.cells : selectForChecks(judged.cells);
  const job = realmJob(chosen, opts);
  const { ends, flags, stops, finished, boot, kernels } = await runWithRestarts(job, opts);
  const notes = [...judged.notes];
  const byIndex = new Map(judged.cells.map((c) => [c.index, c]));
  for (const s of stops) notes.push(`cell ${byIndex.get(s.cell)?.cellId} stopped the judge: ${s.why}; the judge ran the notebook again without it`);
  const cells: CellOutcome[] = chosen.map((c) => {
    const e = ends.get(c.index);
    return { index: c.index, cellId: c.cellId, role: c.role, status: e?.status ?? 'not-run', ms: e?.ms ?? 0, ...(e?.message ? { message: e.message } : {}) };
  });
  for (const c of cells) {
    if (c.role === 'check' || c.status === 'ok' || c.status === 'not-run') continue;
    const what = c.status === 'compile-error' ? 'does not compile' : c.status === 'timeout' ? 'did not finish within its time limit' : 'failed';
    notes.push(`cell ${c.cellId} ${what}: ${c.message ?? ''}`.trim());
  }
  const checks: CheckVerdict[] = chosen.filter((c) => c.role === 'check').map((c) => {
    const spec = c.check!;
    const base = { id: spec.id, cellId: c.cellId, max: spec.points, hidden: spec.hidden };
    const e = ends.get(c.index);
    if (!e) {
      const why = finished ? 'the check cell did not run' : `not judged: the judge stopped ${stops.length} time${stops.length === 1 ? '' : 's'} before this check (${stops.map((s) => s.why).join('; ') || 'it ended'})`;
      return { ...base, points: 0, passed: false, message: why, status: 'not-judged' as const };
    }
    const results = e.results ?? [];
    const r = results.find((x) => x.id === spec.id);
    if (!r) {
      const other = results[0];
      const message = other ? `the check cell reported check ${JSON.stringify(other.id)}, expected ${JSON.stringify(spec.id)}` : failureText(e.status, e.message, c.role === 'release' ? opts.trainingBudgetMs : opts.cellTimeoutMs);
      const status: VerdictStatus = e.status === 'ok' ? 'no-result' : (e.status as VerdictStatus);
      return { ...base, points: 0, passed: false, message, status };
    }
    const v: CheckVerdict = { ...base, points: r.passed ? spec.points : 0, passed: r.passed, message: r.message, status: 'judged' };
    for (const k of ['expected', 'got', 'hint'] as const) if (r[k] !== undefined) v[k] = r[k];
    if (r.notImplemented) v.notImplemented = true;
    if (e.violations && e.violations.length > 0) {
      Object.assign(v, {
        passed: false, points: 0, referenceCalls: e.violations, expected: undefined, got: undefined,
        message: `${e.violations.join('; ')}: that is the library's own implementation of what this exercise asks you to write, so this check does not count it`,
        hint: 'Write the computation yourself; the check compares your code with the library, so calling the library proves nothing.',
      });
      delete v.expected;
      delete v.got;
    }
    return v;
  });
  return { checks, notes, flags, judged, cells, restarts: stops.length, isolation: opts.isolation, seconds: (Date.now() - t0) / 1000, boot, kernels };
}

/** True when the checks of `rel` need release cells that train (the long jobs: a batch starts them first). */
export function releaseTrains(rel: JudgeRelease, libraryExports: ReadonlySet<string>): boolean {
  return selectForChecks(judgedNotebook(rel, rel.released, libraryExports).cells).some((c) => c.role === 'release' && TRAINS.test(c.source));
}

/** The names the install's learner library exports (dist/index.js; build first). */
export function libraryExportNames(install: string): Set<string> {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  return new Set(Object.keys(require(path.join(install, 'dist', 'index.js')) as object));
}
