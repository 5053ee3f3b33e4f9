/**
 * Running one cell in the judge realm the way tslab's executor runs it in the kernel:
 *  - compiled by tslab's converter against `prevDecl` (the declarations of the cells that ran before);
 *    a cell with type errors does not run, and its errors read as tslab prints them ("3:5 - ...");
 *  - run as `(function (exports, require) { ... })` (async when it has a top-level await) in its
 *    compartment: student and release cells in the student compartment, check cells in the trusted one;
 *  - `prevDecl` advances only when the cell compiled and ran without throwing, while what a throwing
 *    cell assigned before the throw stays visible to later cells (as in tslab);
 *  - a check cell's `rl.check` records into the judge; async checks the cell did not await are awaited.
 * Synchronous code runs under V8's watchdog (`vm` timeout), which stops an infinite loop even inside a
 * student's try/catch; an awaited promise gets the same limit.
 *
 * Left out on purpose: tslab's `%module` and browser cells (reported as unsupported) and printing.
 */
import * as v8 from 'v8';
import * as vm from 'vm';
import type { CheckResult } from '../../../lib/checks/result';
import type { CachedBindings, CellStatus, RealmCell, RealmMessage } from './protocol';
import type { Realm } from './realm-library';
import { NotebookScope, requireFor } from './realm-scope';
import { sesSafeSource } from './ses-source';
import { faithfulReason } from './faithful';

interface Compartment { evaluate(src: string, opts?: object): unknown }

export interface NotebookRun {
  realm: Realm;
  scope: NotebookScope;
  student: Compartment;
  trusted: Compartment;
  prevDecl: string;
  skip: ReadonlySet<number>;
  exportBindings: ReadonlySet<number>;
}

const MAX_TEXT = 2000;
const clip = (s: string): string => (s.length > MAX_TEXT ? s.slice(0, MAX_TEXT - 3) + '...' : s);

function describe(e: unknown): string {
  try {
    if (e instanceof Error) return `${e.name}: ${e.message}`;
    if (typeof e === 'string') return `the string ${JSON.stringify(e)}`;
    return `${String(e)}`;
  } catch {
    return 'a value that cannot be printed';
  }
}

type Settled = { value: unknown } | { error: unknown } | { timeout: true };
function settle(p: unknown, ms: number): Promise<Settled> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ timeout: true }), ms);
    Promise.resolve(p).then((value) => { clearTimeout(timer); resolve({ value }); }, (error) => { clearTimeout(timer); resolve({ error }); });
  });
}

/** Plain copy of a result, every field coerced (nothing of the objects student code touched leaves the realm). */
function plainResult(r: CheckResult): CheckResult {
  const out: CheckResult = { id: String(r.id), points: Number(r.points), max: Number(r.max), passed: r.passed === true, message: clip(String(r.message)) };
  for (const k of ['expected', 'got', 'hint'] as const) if (r[k] !== undefined) out[k] = clip(String(r[k]));
  if (r.notImplemented === true) out.notImplemented = true;
  return out;
}

export async function runCell(run: NotebookRun, cell: RealmCell): Promise<Extract<RealmMessage, { type: 'cell-end' }>> {
  const started = Date.now();
  const end = (status: CellStatus, extra: Partial<Extract<RealmMessage, { type: 'cell-end' }>> = {}) =>
    ({ type: 'cell-end' as const, index: cell.index, status, ms: Date.now() - started, ...extra });
  const { realm, scope } = run;
  if (run.skip.has(cell.index)) return end('timeout', { message: `did not finish within ${cell.timeLimitMs / 1000} s (it stopped the judge; the judge went on without it)` });
  const meta = realm.getCodeMetadata(cell.source);
  if (meta.module || meta.mode === 'browser') return end('error', { message: "tslab's %module and browser cells are not supported by the grader" });
  const c = realm.converter.convert(run.prevDecl, cell.source);
  if (c.diagnostics.length > 0) {
    return end('compile-error', { message: clip(c.diagnostics.slice(0, 3).map((d) => `${d.start.line + 1}:${d.start.character + 1} - ${d.messageText}`).join('; ')) });
  }
  if (cell.cached) {
    for (const [name, b64] of Object.entries(cell.cached)) scope.define(name, v8.deserialize(Buffer.from(b64, 'base64')));
    run.prevDecl = c.declOutput || '';
    return end('ok', { message: 'computed once for every submission (it needs no student code)' });
  }
  if (cell.deferred) {
    run.prevDecl = c.declOutput || '';
    return end('ok', { message: 'computed once for every submission (it needs no student code), in parallel' });
  }
  if (!c.output) {
    run.prevDecl = c.declOutput || '';
    return end('ok');
  }
  const role = cell.role;
  const url = role === 'check' ? realm.urls.trusted : role === 'release' ? realm.urls.release : `${realm.urls.student}:${cell.cellId.replace(/[^\w.-]/g, '_').slice(0, 64)}`;
  const prefix = c.hasToplevelAwait ? '(async function (exports, require) { ' : '(function (exports, require) { ';
  const code = sesSafeSource(`${prefix}${c.output}\n})`, realm.ts) + `\n//# sourceURL=${url}`;
  const runStart = Date.now();
  const results: (CheckResult | Promise<CheckResult>)[] = [];
  realm.recordInto.results = role === 'check' ? results : null;
  const window = role === 'check' ? realm.tracker.open(cell.check?.forbidden ?? []) : null;
  let failed: string | null = null;
  let status: CellStatus = 'ok';
  try {
    const compartment = role === 'check' ? run.trusted : run.student;
    const fn = compartment.evaluate(code, { __rejectSomeDirectEvalExpressions__: false }) as (e: object, r: unknown) => unknown;
    const req = requireFor(role, realm.lib, realm.trustedLib);
    const ret = vm.runInNewContext('run()', { run: () => fn(scope.exportsFor(role, c.lastExpressionVar), req) }, { timeout: cell.timeLimitMs });
    if (c.hasToplevelAwait) {
      const s = await settle(ret, cell.timeLimitMs);
      if ('timeout' in s) status = 'timeout';
      else if ('error' in s) failed = describe(s.error);
    }
  } catch (e) {
    if ((e as { code?: string } | null)?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') status = 'timeout';
    else failed = describe(e);
  } finally {
    realm.recordInto.results = null;
  }
  const settled: CheckResult[] = [];
  for (const r of results) {
    if (!(r instanceof Promise)) settled.push(r);
    else {
      const s = await settle(r, cell.timeLimitMs);
      if ('value' in s) settled.push(s.value as CheckResult);
      else status = 'timeout';
    }
  }
  const violations = window ? window.close() : [];
  const runMs = Date.now() - runStart;
  if (status === 'timeout') return end('timeout', { runMs, message: `did not finish within ${cell.timeLimitMs / 1000} s`, ...(role === 'check' ? { results: settled.map(plainResult), violations } : {}) });
  if (c.lastExpressionVar && scope.shared[c.lastExpressionVar] != null) scope.forget(c.lastExpressionVar);
  if (failed === null) run.prevDecl = c.declOutput || '';
  const extra: Partial<Extract<RealmMessage, { type: 'cell-end' }>> = { runMs };
  if (role === 'check') Object.assign(extra, { results: settled.map(plainResult), violations });
  if (failed === null && run.exportBindings.has(cell.index)) Object.assign(extra, exportBindings(scope, cell.declares ?? []));
  return failed === null ? end('ok', extra) : end('error', { ...extra, message: clip(failed) });
}

/** The cell's bindings, serialized, or why they cannot be reused (a function, a class instance, ...). */
function exportBindings(scope: NotebookScope, names: string[]): { bindings?: CachedBindings; uncacheable?: string } {
  const bindings: CachedBindings = {};
  for (const name of names) {
    const v = scope.releaseValue(name);
    const why = faithfulReason(v);
    if (why) return { uncacheable: `${name} ${why}` };
    bindings[name] = v8.serialize(v).toString('base64');
  }
  return { bindings };
}
