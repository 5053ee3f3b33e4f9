/**
 * The globals of the two compartments (student code and check code), beyond the frozen shared
 * intrinsics SES gives every compartment (Object, Array, JSON, Promise, Map, ...):
 *  - `console`, whose methods do nothing (the judge shows nothing; printing costs time);
 *  - timers with opaque number ids (`setTimeout`, `setInterval`, `queueMicrotask`, ...);
 *  - the start compartment's `Math` and `Date` (SES's compartment versions throw on `Math.random()` and
 *    `Date.now()`, which notebook code may call), `Float64Array`/`Float32Array` (SES leaves them out of
 *    compartments for a NaN side channel that does not matter here), `structuredClone`, `performance.now`.
 * No `require`, `process`, `Buffer`, `globalThis` escape or file system. Every value is hardened and,
 * after the compartments are made, so is each compartment's `globalThis` (`globalThis.Math = fake`
 * fails).
 *
 * Left out on purpose: Node's other globals (`Buffer`, `TextEncoder` is SES's own); a cell that uses
 * them fails here with a ReferenceError, as it would in a browser.
 */
declare const harden: <T>(x: T) => T;

export function compartmentGlobals(): Record<string, unknown> {
  const noop = () => undefined;
  const consoleMethods = ['log', 'error', 'warn', 'info', 'debug', 'trace', 'dir', 'table', 'time', 'timeEnd', 'timeLog', 'group', 'groupEnd', 'count', 'assert'];
  const quiet = Object.fromEntries(consoleMethods.map((k) => [k, noop]));
  const timers = new Map<number, ReturnType<typeof setTimeout>>();
  let next = 0;
  const callable = (f: unknown): ((...a: unknown[]) => unknown) => (typeof f === 'function' ? (f as (...a: unknown[]) => unknown) : noop);
  return harden({
    console: quiet,
    Math, Date, Float64Array, Float32Array,
    structuredClone: (v: unknown, o?: StructuredSerializeOptions) => structuredClone(v, o),
    queueMicrotask: (f: unknown) => queueMicrotask(() => void callable(f)()),
    setTimeout: (f: unknown, ms?: number, ...args: unknown[]) => {
      const id = ++next;
      timers.set(id, setTimeout(() => { timers.delete(id); callable(f)(...args); }, Number(ms) || 0));
      return id;
    },
    clearTimeout: (id: number) => { clearTimeout(timers.get(id)); timers.delete(id); },
    setInterval: (f: unknown, ms?: number, ...args: unknown[]) => {
      const id = ++next;
      timers.set(id, setInterval(() => callable(f)(...args), Math.max(1, Number(ms) || 0)));
      return id;
    },
    clearInterval: (id: number) => { clearInterval(timers.get(id)); timers.delete(id); },
    setImmediate: (f: unknown, ...args: unknown[]) => {
      const id = ++next;
      timers.set(id, setTimeout(() => { timers.delete(id); callable(f)(...args); }, 0));
      return id;
    },
    performance: { now: () => performance.now() },
  });
}
