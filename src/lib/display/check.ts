/**
 * A check in a notebook: `rl.check(id, points, fn)` evaluates it (src/lib/checks, plain data) and
 * shows the result as one output (check-bundle.ts). Never throws: a check cell must report, whatever
 * happens.
 *
 * Left out on purpose: deciding pass or fail (src/lib/checks does that).
 */
import type { Asserts } from '../checks/asserts';
import { CheckFn, CheckOptions, evaluateCheck } from '../checks/run';
import type { CheckResult } from '../checks/result';
import { checkBundle } from './check-bundle';
import { uniqueId } from './ids';
import { emit } from './show';

/**
 * Runs the check and shows its result. Returns nothing for a synchronous fn, and a promise (that never
 * rejects) for an async one: end an async check cell with `await rl.check(...)`.
 */
export function check(id: string, points: number, fn: (t: Asserts) => Promise<unknown>, opts?: CheckOptions): Promise<void>;
export function check(id: string, points: number, fn: CheckFn, opts?: CheckOptions): void;
export function check(id: string, points: number, fn: CheckFn, opts: CheckOptions = {}): void | Promise<void> {
  const outcome = evaluateCheck(id, points, fn, opts);
  if (outcome instanceof Promise) return outcome.then(showCheck);
  showCheck(outcome);
}

/** Shows one check result as one output. */
export function showCheck(result: CheckResult): void {
  try {
    emit(uniqueId('reglab-check'), checkBundle(result), false);
  } catch (e) {
    try { process.stdout.write(`reglab: could not show check result: ${String(e)}\n`); } catch { /* nothing left */ }
  }
}
