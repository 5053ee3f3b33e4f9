/**
 * The names cells share, as tslab shares them: every cell's top-level declarations are properties of
 * one `exports` object that later cells read (`exports.dropoutForward(...)` in the compiled code). As in
 * tslab, a property defined with a getter stores the getter's value (TypeScript's re-exports), and
 * `__esModule` is ignored.
 *
 * Two layers, so the notebook's own code keeps what the notebook defined: a name that a release cell
 * defined (rl, data, baseline, ...) is kept aside for release and check cells; a student cell that
 * re-binds it changes it for student code only. Check cells see the trusted view of the library under
 * whatever name the notebook imported it as; what a check cell declares (05's `needRegularized`, a
 * helper the later checks call) is kept for check cells only, out of student code's reach; tslab's
 * last-expression variable stays local to its cell.
 *
 * Left out on purpose: objects a release cell made stay shared (a student cell can mutate them, as in
 * the kernel); see the README's threat model.
 */
import type { CellRole } from './protocol';

declare const harden: <T>(x: T) => T;

export class NotebookScope {
  /** What student code sees: the latest binding of every name. */
  readonly shared: Record<string, unknown> = Object.create(null);
  /** Names release cells defined, with the release's binding. */
  private readonly release = new Map<string, unknown>();
  /** Names check cells declared, for later check cells only. */
  private readonly checks = new Map<string, unknown>();

  constructor(private readonly toTrusted: Map<unknown, unknown>) {}

  /** The `exports` object one cell of `role` runs with. */
  exportsFor(role: CellRole, lastExpressionVar?: string): object {
    const shared = this.shared;
    const release = this.release;
    const checks = this.checks;
    const toTrusted = this.toTrusted;
    const local: Record<string, unknown> = Object.create(null);
    const write = (p: string | symbol, v: unknown): boolean => {
      if (p === '__esModule' || typeof p === 'symbol') return true;
      if (role === 'check') {
        local[p] = v;
        if (p !== lastExpressionVar) checks.set(p, v);
      } else {
        shared[p] = v;
        if (role === 'release') release.set(p, v);
      }
      return true;
    };
    const read = (p: string | symbol): unknown => {
      if (typeof p === 'symbol') return undefined;
      if (role === 'check' && p in local) return local[p];
      if (role === 'check' && checks.has(p)) return checks.get(p);
      const v = role !== 'student' && release.has(p) ? release.get(p) : shared[p];
      return role === 'check' && toTrusted.has(v) ? toTrusted.get(v) : v;
    };
    return new Proxy(shared, {
      get: (_t, p) => read(p),
      set: (_t, p, v) => write(p, v),
      defineProperty: (_t, p, attrs) => write(p, attrs.get ? attrs.get() : attrs.value),
      has: (_t, p) => typeof p === 'string' && (p in shared || p in local || (role === 'check' && checks.has(p))),
      deleteProperty: (_t, p) => {
        if (typeof p === 'string') delete (role === 'check' ? local : shared)[p];
        return true;
      },
      getOwnPropertyDescriptor: (_t, p) => {
        const v = read(p);
        return v === undefined && !(typeof p === 'string' && (p in shared || (role === 'check' && checks.has(p)))) ? undefined : { value: v, writable: true, enumerable: true, configurable: true };
      },
      ownKeys: () => Reflect.ownKeys(shared),
    });
  }

  /** Bindings taken from a cache instead of running the cell (as if a release cell had defined them). */
  define(name: string, value: unknown): void {
    this.shared[name] = value;
    this.release.set(name, value);
  }

  /** tslab deletes the last-expression variable after printing it. */
  forget(name: string): void {
    delete this.shared[name];
    this.release.delete(name);
  }

  /** Current binding of `name` as release code sees it. */
  releaseValue(name: string): unknown {
    return this.release.has(name) ? this.release.get(name) : this.shared[name];
  }
}

/** The `require` a cell gets: "reglab" only (the trusted view for check cells). */
export function requireFor(role: CellRole, lib: object, trustedLib: object): (id: string) => object {
  return harden((id: string) => {
    if (id === 'reglab') return role === 'check' ? trustedLib : lib;
    throw new TypeError(`Cannot find module '${String(id)}': the grader's judge gives notebook code the module "reglab" only`);
  });
}
