/**
 * "Calling the reference is not doing the exercise", detected at run time in the judge realm.
 *
 * The library's own implementation of an exercise (rl.dropoutForward for the notebook's
 * dropoutForward) is replaced, in the exports object of the module that defines it, by a wrapper. The
 * library calls its own functions through those exports objects (`(0, dropout_1.dropoutForward)(...)`),
 * so the wrapper sees direct calls (rl.dropoutForward in a student cell) and indirect ones (a student
 * calling rl.train, which calls dropoutForward) alike. For a class (rl.EarlyStopping) the constructor and
 * the prototype's methods are wrapped.
 *
 * On a call the wrapper asks V8 who is calling (CallSite objects of the real Error, captured before
 * lockdown): the nearest frame that is not library, judge or Node code decides. A frame of a check cell
 * or of a release cell (their code carries `//# sourceURL=` names with a random token student code
 * never sees) is the notebook's own code: fine. Any other frame (a student cell, code a student made
 * with eval, or a callback with no notebook frame below it) is the student's. While a check runs whose
 * code under test must not call that function, the call is a violation of that check; at any other
 * time it is only a flag for the instructor.
 *
 * Left out on purpose: anything static (searching the code for `rl.dropoutForward` would miss
 * `rl["dropout" + "Forward"]` and catch honest comparisons outside the exercise).
 */

/** The `//# sourceURL` names of check code, release code, and (a prefix, `<student>:<cell id>`) student code. */
export interface CallerNames { trusted: string; release: string; student: string }

export type Caller = { who: 'trusted' | 'release' } | { who: 'student'; fn: string };

interface CallSite { getScriptNameOrSourceURL(): string | null; isEval(): boolean; getFunctionName(): string | null; getMethodName(): string | null }
interface V8ErrorConstructor { new(): Error; prepareStackTrace?: (e: Error, s: CallSite[]) => unknown; stackTraceLimit: number }

export class ReferenceTracker {
  /** Set while a check runs: the exports it forbids and what it saw. */
  private window: { forbidden: ReadonlySet<string>; violations: string[] } | null = null;
  private readonly outside: string[] = [];
  /** Off while the judge warms the library up. */
  enabled = false;

  constructor(private readonly names: CallerNames, private readonly V8Error: V8ErrorConstructor) {}

  /** Who called: walks V8's call sites from the innermost frame outwards. */
  caller(): Caller {
    const E = this.V8Error;
    const prep = E.prepareStackTrace;
    const limit = E.stackTraceLimit;
    let sites: CallSite[] = [];
    E.stackTraceLimit = 200;
    E.prepareStackTrace = (_e, s) => s;
    try {
      sites = new E().stack as unknown as CallSite[];
    } finally {
      E.prepareStackTrace = prep;
      E.stackTraceLimit = limit;
    }
    for (const s of Array.isArray(sites) ? sites : []) {
      const url = s.getScriptNameOrSourceURL();
      if (url === this.names.trusted) return { who: 'trusted' };
      if (url === this.names.release) return { who: 'release' };
      if (url?.startsWith(this.names.student) || s.isEval()) {
        const fn = s.getFunctionName() || s.getMethodName();
        const cell = url?.startsWith(`${this.names.student}:`) ? url.slice(this.names.student.length + 1) : null;
        return { who: 'student', fn: fn && fn !== 'eval' ? fn : cell ? `the code of cell ${cell}` : '(code made with eval)' };
      }
      // library, judge, ses or node code, and built-ins (Array.prototype.map): keep walking
    }
    return { who: 'student', fn: '(a callback with no notebook code below it)' };
  }

  private seen(name: string, what: string): void {
    if (!this.enabled) return;
    const c = this.caller();
    if (c.who !== 'student') return;
    const text = `${c.fn} calls rl.${what}`;
    const w = this.window;
    if (w && w.forbidden.has(name)) {
      if (!w.violations.includes(text)) w.violations.push(text);
    } else if (this.outside.length < 20 && !this.outside.includes(text)) {
      this.outside.push(text);
    }
  }

  /** The wrapper that stands for library export `name` (a function or a class; classes get their methods wrapped in place). */
  wrap<T>(name: string, fn: T): T {
    if (typeof fn !== 'function') return fn;
    const tracker = this;
    const f = fn as unknown as (...a: unknown[]) => unknown;
    if (/^class\b/.test(Function.prototype.toString.call(f))) {
      const proto = (f as unknown as { prototype: Record<string, unknown> }).prototype;
      for (const key of Object.getOwnPropertyNames(proto)) {
        const d = Object.getOwnPropertyDescriptor(proto, key)!;
        if (key === 'constructor' || typeof d.value !== 'function') continue;
        const method = d.value as (...a: unknown[]) => unknown;
        proto[key] = { [key](this: unknown, ...args: unknown[]) { tracker.seen(name, `${name}.${key}`); return Reflect.apply(method, this, args); } }[key];
      }
      return new Proxy(f, {
        construct(target, args, newTarget) {
          tracker.seen(name, `${name} (new ${name})`);
          return Reflect.construct(target, args, newTarget);
        },
      }) as unknown as T;
    }
    return { [name](this: unknown, ...args: unknown[]) { tracker.seen(name, name); return Reflect.apply(f, this, args); } }[name] as unknown as T;
  }

  /** Runs `body` as the window of one check; returns what it saw. The window stays open until the returned promise settles. */
  open(forbidden: readonly string[]): { violations: string[]; close: () => string[] } {
    const w = { forbidden: new Set(forbidden), violations: [] as string[] };
    this.window = w;
    return { violations: w.violations, close: () => { if (this.window === w) this.window = null; return [...w.violations]; } };
  }

  /** Reference calls seen outside every check window (flags). */
  flags(): string[] {
    return [...this.outside];
  }
}
