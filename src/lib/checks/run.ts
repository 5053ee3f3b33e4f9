/**
 * Running a check: `evaluateCheck(id, points, fn)` calls `fn(t)` (sync or async), catches everything
 * and turns the outcome into one CheckResult, plain data. It never throws and never rejects:
 *   - every assertion passed            -> PASS, all points, the assertions' notes as the message
 *   - an assertion failed               -> FAIL with expected / got / hint
 *   - the code threw NotImplementedError -> FAIL "not implemented yet" (notImplemented: true)
 *   - anything else thrown or rejected  -> FAIL "threw TypeError: ..."
 *   - an async fn past `timeoutMs`      -> FAIL "timed out"
 *   - no assertion made (and fn did not return true), or fn returned false -> FAIL
 * The id and points are literals in the check cell, so the cell itself declares what it is worth.
 *
 * Left out on purpose: showing the result (the notebook's `rl.check` in src/lib/display/check.ts does
 * that), interrupting a synchronous infinite loop (impossible in-process; the runner's per-cell time
 * limit handles it) and partial credit.
 */
import { Asserts, createAsserts, where } from './asserts';
import { CheckFailure } from './failure';
import { NOT_IMPLEMENTED, NotImplementedError, isNotImplemented } from './not-implemented';
import { preview } from './numeric';
import { CheckResult } from './result';

export type CheckFn = (t: Asserts) => unknown;

export interface CheckOptions {
  /** Shown on failure when the failing assertion has no hint of its own. */
  hint?: string;
  /** Limit for an async check (default 60 s). */
  timeoutMs?: number;
}

export const CHECK_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/;
const DEFAULT_TIMEOUT_MS = 60_000;
const MAX_TEXT = 2000;
const NOT_IMPLEMENTED_HINT = 'Write your code in the exercise cell above (replace the `throw new rl.NotImplementedError();` line), run that cell, then run this check again.';

/** The check's result, always as a promise (for tests and tools). */
export async function runCheck(id: string, points: number, fn: CheckFn, opts: CheckOptions = {}): Promise<CheckResult> {
  return evaluateCheck(id, points, fn, opts);
}

/** The result, synchronously when fn is synchronous, else a promise that never rejects. */
export function evaluateCheck(id: string, points: number, fn: CheckFn, opts: CheckOptions = {}): CheckResult | Promise<CheckResult> {
  try {
    return evaluate(id, points, fn, opts ?? {});
  } catch (e) { // only a hostile thrown value (e.g. a Proxy that throws on every access) gets here
    return result(typeof id === 'string' ? id : '(no id)', typeof points === 'number' && points >= 0 ? points : 0, false, `the check crashed: ${describeThrown(e)}`);
  }
}

function evaluate(id: string, points: number, fn: CheckFn, opts: CheckOptions): CheckResult | Promise<CheckResult> {
  const bad = badDeclaration(id, points, fn);
  if (bad) return bad;
  const t = createAsserts();
  let returned: unknown;
  try {
    returned = fn(t);
  } catch (e) {
    return fromThrown(id, points, e, t, opts);
  }
  if (!isThenable(returned)) return fromReturned(id, points, returned, t, opts);
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CheckFailure(`timed out after ${timeoutMs / 1000} s`, { hint: opts.hint })), timeoutMs);
  });
  return Promise.race([Promise.resolve(returned), timeout])
    .then((v) => fromReturned(id, points, v, t, opts), (e) => fromThrown(id, points, e, t, opts))
    .catch((e) => result(id, points, false, `the check crashed: ${describeThrown(e)}`))
    .finally(() => clearTimeout(timer));
}

function badDeclaration(id: unknown, points: unknown, fn: unknown): CheckResult | null {
  const max = typeof points === 'number' && Number.isFinite(points) && points >= 0 ? points : 0;
  const shownId = typeof id === 'string' && id !== '' ? id : '(no id)';
  if (typeof id !== 'string' || !CHECK_ID.test(id)) return result(shownId, max, false, `bad check declaration: id must be letters, digits, '_', '.', ':' or '-', got ${preview(id)}`);
  if (max !== points) return result(shownId, max, false, `bad check declaration: points must be a finite number >= 0, got ${preview(points)}`);
  if (typeof fn !== 'function') return result(shownId, max, false, `bad check declaration: expected a function (t) => { ... }, got ${preview(fn)}`);
  return null;
}

function fromReturned(id: string, max: number, returned: unknown, t: Asserts, opts: CheckOptions): CheckResult {
  if (t.failures.length > 0) return fromThrown(id, max, t.failures[0], t, opts); // a failure someone caught still fails
  if (returned === false) return result(id, max, false, 'the check returned false', { hint: opts.hint });
  if (t.count === 0 && returned !== true) return result(id, max, false, 'the check made no assertion (use t.closeTo, t.relError, t.isTrue, ...)');
  return result(id, max, true, t.notes.join('; ') || 'passed');
}

function fromThrown(id: string, max: number, e: unknown, t: Asserts, opts: CheckOptions): CheckResult {
  if (isNotImplemented(e)) {
    const message = safe(() => (e as Error).message) || NOT_IMPLEMENTED;
    return result(id, max, false, message.includes(NOT_IMPLEMENTED) ? message : `${NOT_IMPLEMENTED}: ${message}`, { hint: safe(() => (e as NotImplementedError).rerun) || NOT_IMPLEMENTED_HINT, notImplemented: true });
  }
  const failure = e instanceof CheckFailure ? e : t.failures[0];
  if (failure) return result(id, max, false, failure.message, { expected: failure.expected, got: failure.got, hint: failure.hint ?? opts.hint });
  return result(id, max, false, `threw ${describeThrown(e)}${safe(() => where(e)) ?? ''}`, {
    hint: opts.hint ?? 'The code under test threw an error before the check could compare results; the message names it.',
  });
}

function result(id: string, max: number, passed: boolean, message: string, extra: Partial<CheckResult> = {}): CheckResult {
  const r: CheckResult = { id, points: passed ? max : 0, max, passed, message: clip(message) };
  for (const k of ['expected', 'got', 'hint'] as const) if (typeof extra[k] === 'string') r[k] = clip(extra[k] as string);
  if (extra.notImplemented) r.notImplemented = true;
  return r;
}

/** "TypeError: x is not a function", "the string 'oops'", "null": whatever was thrown, without throwing. */
export function describeThrown(e: unknown): string {
  return safe(() => {
    if (e instanceof Error) return `${e.name}: ${e.message}`;
    if (typeof e === 'string') return `the string ${JSON.stringify(e)}`;
    if (e !== null && typeof e === 'object' && typeof (e as Error).message === 'string') return `${(e as Error).name ?? 'object'}: ${(e as Error).message}`;
    return preview(e);
  }) || 'a value that cannot be printed';
}

function isThenable(v: unknown): v is PromiseLike<unknown> {
  return safe(() => v !== null && (typeof v === 'object' || typeof v === 'function') && typeof (v as PromiseLike<unknown>).then === 'function') === true;
}

function safe<T>(f: () => T): T | undefined {
  try { return f(); } catch { return undefined; }
}

const clip = (s: string): string => (s.length > MAX_TEXT ? s.slice(0, MAX_TEXT - 3) + '...' : s);
