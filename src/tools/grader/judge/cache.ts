/**
 * Release cells that need no student code, computed once per release instead of once per student.
 * 05's baseline run (30 epochs, no regularization) depends only on the release's own cells, so every
 * submission would train the same model again. A release cell is "pure" when every name it uses, and
 * transitively every name those cells use, is declared by a release cell: in the judge's scope a
 * student cell cannot re-bind such names for release code (realm-scope.ts), so the cell computes the
 * same values whatever the submission holds.
 *
 * The pure cells the checks need run once in a realm with no student code at all; each one's bindings
 * are kept when they survive serialization unchanged (faithful.ts: plain data, typed arrays, Maps;
 * not functions or class instances) and the cell changed nothing an earlier cell defined. A student's
 * realm then compiles the cell as usual (its types matter to later cells) and takes the bindings
 * instead of running it. Cheap cells are not worth it and run as usual.
 *
 * Left out on purpose: caching across grader runs (a stale cache would be a silent wrong grade).
 */
import { cellNames } from './cell-names';
import { JudgeOptions, TRAINS, realmJob, runWithRestarts } from './judge';
import { JudgeRelease, judgedNotebook } from './judged-notebook';
import type { CachedBindings, JudgedCell } from './protocol';
import { selectForChecks } from './select-cells';

/** Cells that take less than this are run in every realm (a cache entry costs its bytes on every job). */
const WORTH_MS = 300;

/** The pure release cells among `cells` (see the header). */
export function pureCells(cells: readonly JudgedCell[]): Set<number> {
  const names = cells.map((c) => cellNames(c.source));
  const pure = new Set<number>();
  cells.forEach((c, k) => {
    if (c.role !== 'release') return;
    const ok = [...names[k].used].every((n) => cells.slice(0, k).every((d, i) => !names[i].declared.has(n) || pure.has(d.index)));
    if (ok) pure.add(c.index);
  });
  return pure;
}

/** Ids of the pure release cells the checks need that train: worth computing once, in parallel with the students' realms. */
export function pureTrainingCells(rel: JudgeRelease, libraryExports: ReadonlySet<string>): string[] {
  const judged = judgedNotebook(rel, rel.released, libraryExports);
  const pure = pureCells(judged.cells);
  return selectForChecks(judged.cells).filter((c) => pure.has(c.index) && TRAINS.test(c.source)).map((c) => c.cellId);
}

export interface ReleaseCacheResult {
  bindings: Map<string, CachedBindings>;
  /** CPU time of the release-only realm. */
  cpuSeconds: number;
  /** Why pure cells worth caching were not cached (for the log). */
  skipped: string[];
  seconds: number;
}

/** Runs the release's pure, needed cells once (no student code) and returns the bindings worth reusing, by cell id. */
export async function buildReleaseCache(rel: JudgeRelease, opts: Omit<JudgeOptions, 'cached' | 'deferred' | 'checksOnly'>): Promise<ReleaseCacheResult> {
  const t0 = Date.now();
  const judged = judgedNotebook(rel, rel.released, opts.libraryExports);
  const pure = pureCells(judged.cells);
  const needed = selectForChecks(judged.cells).filter((c) => pure.has(c.index));
  const bindings = new Map<string, CachedBindings>();
  const skipped: string[] = [];
  if (needed.length === 0) return { bindings, skipped, seconds: 0, cpuSeconds: 0 };
  const cells = needed.map((c) => ({ ...c, declares: [...cellNames(c.source).declared] }));
  const job = realmJob(cells, opts, { exportBindings: cells.map((c) => c.index) });
  const { ends, boot } = await runWithRestarts(job, { ...opts, maxRestarts: 0 }, 512 * 1024 * 1024);
  for (const c of cells) {
    const e = ends.get(c.index);
    if (!e || e.status !== 'ok' || (e.runMs ?? e.ms) < WORTH_MS) continue;
    if (e.bindings) bindings.set(c.cellId, e.bindings);
    else if (e.uncacheable) skipped.push(`${c.cellId}: ${e.uncacheable}`);
  }
  return { bindings, skipped, seconds: (Date.now() - t0) / 1000, cpuSeconds: (boot.cpu ?? 0) / 1000 };
}
