/**
 * The assertions a check function receives as `t`. Each one either records a short pass note
 * ("dx: relative error 3e-10 < 1e-7", the check's pass message) or records and throws a CheckFailure
 * with expected / got / hint. A failure counts even if some code swallows the thrown error.
 *
 *   rl.check('dropout-backward', 2, (t) => {
 *     t.relError(dx, dxNumeric, 1e-7, 'dx');
 *   });
 *
 * Left out on purpose: deep structural diffs and snapshot testing. The last argument of every
 * assertion is either a name for the value ('dx') or { what, hint }.
 */
import { worstRelError } from '../numbers/gradcheck';
import { formatNumber } from '../text/format';
import { CheckFailure, FailureDetails } from './failure';
import { isNotImplemented } from './not-implemented';
import { stackText } from './stack';
import { Flat, flatten, indexText, preview, shapeText } from './numeric';

export type Label = string | { what?: string; hint?: string };

/** An error constructor, for `throws(fn, RangeError)`. */
export type ErrorClass = abstract new (...args: never[]) => Error;

export interface Asserts {
  /** |got - expected| <= tol (default 1e-6). */
  closeTo(got: unknown, expected: number, tol?: number, label?: Label): void;
  /** cs231n relative error max |g - e| / max(1e-8, |g| + |e|) below `threshold` (default 1e-7); returns it. */
  relError(got: unknown, expected: unknown, threshold?: number, label?: Label): number;
  /** Elementwise |g - e| <= atol + rtol |e| (numpy allclose; defaults atol 1e-8, rtol 1e-5), same shape. */
  arraysClose(got: unknown, expected: unknown, tol?: { atol?: number; rtol?: number }, label?: Label): void;
  /** Deep equality of plain data (numbers, strings, booleans, arrays, plain objects). */
  equal(got: unknown, expected: unknown, label?: Label): void;
  /** Passes when `condition` is truthy; `message` says what should hold. */
  isTrue(condition: unknown, message: string, details?: FailureDetails): void;
  /**
   * `fn()` must throw: an error whose message contains `match` (string) or matches it (RegExp), or an
   * instance of `match` (an error class such as RangeError, also matched by name across realms).
   * A NotImplementedError passes through.
   */
  throws(fn: () => unknown, match?: string | RegExp | ErrorClass, label?: Label): void;
  /**
   * `fn()` must return normally; returns its value. Anything it throws (except NotImplementedError,
   * which passes through) is a failure carrying the label's hint, e.g. "eval mode (mask null) threw".
   */
  returns<T>(fn: () => T, label?: Label): T;
  /** Adds a line to the pass message. */
  note(text: string): void;
  readonly notes: readonly string[];
  /** Assertions made so far, and the failures among them. */
  readonly count: number;
  readonly failures: readonly CheckFailure[];
}

const DIGITS = 7;
const f = (x: number): string => formatNumber(x, DIGITS);
const split = (label: Label | undefined, fallback: string): { what: string; hint?: string } =>
  typeof label === 'string' ? { what: label } : { what: label?.what ?? fallback, hint: label?.hint };

/** A fresh `t` for one check run. */
export function createAsserts(): Asserts {
  const notes: string[] = [];
  const failures: CheckFailure[] = [];
  let count = 0;
  const pass = (note: string): void => { count += 1; notes.push(note); };
  const fail = (message: string, details: FailureDetails): never => {
    count += 1;
    const e = new CheckFailure(message, details);
    failures.push(e);
    throw e;
  };
  /** flatten, but a non-numeric value is a recorded failure. */
  const numeric = (v: unknown, what: string, role: 'got' | 'expected', hint?: string): Flat => {
    try { return flatten(v, what, role); } catch (e) { return fail((e as Error).message, { got: (e as CheckFailure).got, hint }); }
  };
  /** Shapes must match, except a 1-D array may stand for any shape of the same size. */
  const sameShape = (g: Flat, e: Flat, what: string, hint?: string): void => {
    const ok = g.data.length === e.data.length && (g.shape.join() === e.shape.join() || g.shape.length === 1 || e.shape.length === 1);
    if (!ok) fail(`${what}: wrong shape`, { expected: shapeText(e.shape), got: shapeText(g.shape), hint });
  };

  return {
    closeTo(got, expected, tol = 1e-6, label) {
      const { what, hint } = split(label, 'value');
      if (typeof got !== 'number' || Number.isNaN(got)) fail(`${what}: expected a number`, { expected: `${f(expected)} ± ${f(tol)}`, got: preview(got), hint });
      const diff = Math.abs((got as number) - expected);
      if (!(diff <= tol)) fail(`${what} is off by ${f(diff)} (tolerance ${f(tol)})`, { expected: `${f(expected)} ± ${f(tol)}`, got: f(got as number), hint });
      pass(`${what} = ${formatNumber(got as number)} ≈ ${formatNumber(expected)}`);
    },

    relError(got, expected, threshold = 1e-7, label) {
      const { what, hint } = split(label, 'value');
      const g = numeric(got, what, 'got', hint);
      const e = numeric(expected, what, 'expected', hint);
      sameShape(g, e, what, hint);
      const { worst, at } = worstRelError(g.data, e.data);
      if (!(worst < threshold)) {
        const where = `${indexText(g.shape, at)}${indexText(g.shape, at) ? ' ' : ''}`;
        fail(`${what}: relative error ${f(worst)} is not below ${formatNumber(threshold)}`, {
          expected: `relative error < ${formatNumber(threshold)}`,
          got: `relative error ${f(worst)} (worst ${where}got ${f(g.data[at])}, expected ${f(e.data[at])})`, hint,
        });
      }
      pass(`${what}: relative error ${formatNumber(worst, 2)} < ${formatNumber(threshold)}`);
      return worst;
    },

    arraysClose(got, expected, tol = {}, label) {
      const { what, hint } = split(label, 'values');
      const atol = tol.atol ?? 1e-8;
      const rtol = tol.rtol ?? 1e-5;
      const g = numeric(got, what, 'got', hint);
      const e = numeric(expected, what, 'expected', hint);
      sameShape(g, e, what, hint);
      let bad = 0;
      let first = -1;
      let maxDiff = 0;
      for (let i = 0; i < g.data.length; i++) {
        const d = Math.abs(g.data[i] - e.data[i]);
        if (!(d <= atol + rtol * Math.abs(e.data[i]))) { bad += 1; if (first < 0) first = i; }
        if (d > maxDiff) maxDiff = d;
      }
      if (bad > 0) {
        fail(`${what}: ${bad} of ${g.data.length} values differ; first at ${indexText(g.shape, first) || 'the value'}: got ${f(g.data[first])}, expected ${f(e.data[first])}`, {
          expected: preview(expected), got: preview(got), hint,
        });
      }
      pass(`${what}: ${g.data.length} value${g.data.length === 1 ? '' : 's'} match (max |diff| ${formatNumber(maxDiff, 2)})`);
    },

    equal(got, expected, label) {
      const { what, hint } = split(label, 'value');
      if (!deepEqual(got, expected)) fail(`${what} is not what was expected`, { expected: preview(expected), got: preview(got), hint });
      pass(`${what} = ${preview(expected, 60)}`);
    },

    isTrue(condition, message, details = {}) {
      if (!condition) fail(message, details);
      pass(message);
    },

    throws(fn, match, label) {
      const { what, hint } = split(label, 'the call');
      const wanted = typeof match === 'function' ? `a ${match.name}` : match === undefined ? 'an error' : `an error matching ${String(match)}`;
      let returned: unknown;
      try {
        returned = fn();
      } catch (err) {
        if (isNotImplemented(err)) throw err; // a stub must not pass a "this should throw" check
        const msg = err instanceof Error ? err.message : String(err);
        const name = errorName(err);
        const ok = match === undefined ? true
          : typeof match === 'function' ? err instanceof match || name === match.name
            : typeof match === 'string' ? msg.includes(match) : match.test(msg);
        if (!ok) fail(`${what} threw, but not ${wanted}`, { expected: wanted, got: `${name}: ${JSON.stringify(msg)}`, hint });
        pass(`${what} threw ${typeof match === 'function' ? `${name} ` : ''}"${msg.length > 80 ? msg.slice(0, 77) + '...' : msg}"`);
        return;
      }
      fail(`${what} should throw, but returned normally`, { expected: wanted, got: `returned ${preview(returned)}`, hint });
    },

    returns(fn, label) {
      const { what, hint } = split(label, 'the call');
      try {
        const value = fn();
        pass(`${what} returned`);
        return value;
      } catch (err) {
        if (isNotImplemented(err) || err instanceof CheckFailure) throw err;
        return fail(`${what} threw ${errorName(err)}: ${err instanceof Error ? err.message : String(err)}`, { expected: 'a normal return', got: `${errorName(err)}${where(err)}`, hint });
      }
    },

    note(text) { notes.push(String(text)); },
    notes,
    get count() { return count; },
    failures,
  };
}

/** The name of a thrown value's class ("RangeError"), without throwing. */
function errorName(err: unknown): string {
  try {
    return err instanceof Error ? err.name : typeof err === 'object' && err !== null && typeof (err as Error).name === 'string' ? (err as Error).name : typeof err;
  } catch {
    return 'a value';
  }
}

/** " in dropoutBackward", from the first frame of a thrown error's stack that is a notebook cell (tslab runs cells as evalmachine scripts). */
export function where(err: unknown): string {
  try {
    const stack = stackText(err);
    for (const line of stack.split('\n').slice(1)) {
      const m = /^\s*at (?:(?:Proxy|Object|Function)\.)?([\w$.<>]+) \(evalmachine\.<anonymous>/.exec(line);
      if (m && !/^<anonymous>$/.test(m[1])) return ` in ${m[1]}`;
    }
  } catch { /* no stack to read */ }
  return '';
}

/** Equality of plain data; numbers by ===, except NaN equals NaN. Typed arrays compare like arrays. */
function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b || (typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b))) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const arrayish = (v: object): boolean => Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView));
  if (arrayish(a) || arrayish(b)) {
    if (!arrayish(a) || !arrayish(b)) return false;
    const x = a as ArrayLike<unknown>;
    const y = b as ArrayLike<unknown>;
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!deepEqual(x[i], y[i])) return false;
    return true;
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
