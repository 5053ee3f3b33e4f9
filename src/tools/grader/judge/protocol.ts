/**
 * What the grader side of the judge sends to the judge realm (one notebook, as plain data on stdin)
 * and what the realm answers (one JSON line per event on fd 3). Both sides import only this file's
 * types, so the realm process needs nothing of the grader's.
 *
 * Left out on purpose: any code; the realm is in realm-*.ts, the grader side in judge.ts.
 */
import type { CheckResult } from '../../../lib/checks/result';

/** release: a cell of the release run as released; student: an exercise cell or a cell the student added; check: a canonical check cell (visible or hidden). */
export type CellRole = 'release' | 'student' | 'check';

export interface JudgedCheck {
  id: string;
  points: number;
  hidden: boolean;
  /** Library exports that the code under test must not call while this check runs (reference implementations). */
  forbidden: string[];
}

export interface JudgedCell {
  /** Position in the judged notebook. */
  index: number;
  role: CellRole;
  /** The release's cell id, or the submission's id for a cell the student added. */
  cellId: string;
  source: string;
  /** A cell with a solution region in the source (taken whole from the submission). */
  exercise?: boolean;
  check?: JudgedCheck;
}

/** Bindings a release cell computed in a run without student code (cache.ts), by name, v8-serialized (base64). */
export type CachedBindings = Record<string, string>;

export interface RealmCell extends JudgedCell {
  /** Synchronous and asynchronous limit for this cell. */
  timeLimitMs: number;
  /** Top-level names the cell declares (cell-names.ts); what an exportBindings run serializes. */
  declares?: string[];
  /** Set: do not run the cell, take these bindings (it still compiles, for the types of later cells). */
  cached?: CachedBindings;
  /** Like cached, but the bindings arrive later on stdin (a release-only realm is computing them meanwhile). */
  deferred?: boolean;
  /** Deferred cells whose bindings this cell needs (it mentions their names, directly or through earlier cells): wait for them first. */
  waitFor?: number[];
}

/** Lines the grader writes to the realm's stdin after the job (one JSON line each). */
export type RealmInput =
  | { type: 'bindings'; index: number; bindings: CachedBindings }
  /** The bindings will not come: the realm stops with `rerun`, and the grader runs the job without deferring. */
  | { type: 'no-bindings'; index: number };

export interface RealmJob {
  /** The read-only install: package.json, dist/, node_modules/. */
  install: string;
  /** Working folder (tslab's rootDir: where `import "reglab"` resolves). */
  workDir: string;
  /** Random per run; names the trusted code's frames (reference-calls.ts). */
  token: string;
  cells: RealmCell[];
  /** Cells that stopped an earlier realm (restart-and-skip): reported as timed out, not run. */
  skip: number[];
  /** Warm the library's kernels up before lockdown (realm-warmup.ts): worth it when cells train. */
  warmUp?: boolean;
  /** Export the bindings of these cells after they run (cache.ts, release-only runs). */
  exportBindings?: number[];
}

export type CellStatus = 'ok' | 'error' | 'compile-error' | 'timeout' | 'skipped';

export type RealmMessage =
  | { type: 'ready'; ms: { compiler: number; warmup: number; lockdown: number }; kernels?: 'wasm' | 'js' }
  | { type: 'cell-start'; index: number }
  | {
    /** ms: compile and run; runMs: the run alone. */
    type: 'cell-end'; index: number; status: CellStatus; ms: number; runMs?: number; message?: string;
    /** Check cells: the results the trusted `rl.check` recorded, and the reference calls seen while it ran. */
    results?: CheckResult[]; violations?: string[];
    /** exportBindings cells: the bindings, or why they cannot be cached. */
    bindings?: CachedBindings; uncacheable?: string;
  }
  | { type: 'done'; flags: string[]; /** CPU time of the realm process (user + system), ms. */ cpuMs: number }
  /** Cell `index` waits for deferred bindings (the grader's time limit pauses). */
  | { type: 'waiting'; index: number; for: number[] }
  | { type: 'resumed'; index: number }
  /** A deferred cell's bindings will not come: run the job again without deferring. */
  | { type: 'rerun'; index: number }
  | { type: 'crash'; message: string };
