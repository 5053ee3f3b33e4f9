/**
 * Booting the judge realm, in this order (each step needs the one before):
 *  1. tslab's converter (its TypeScript 5.0 compiler), exactly as the kernel makes it;
 *  2. the learner library from the install's dist/, with displays sent nowhere (the judge needs none)
 *     and the reference implementations the checks forbid wrapped (reference-calls.ts);
 *  3. the WebAssembly kernels instantiated (lib/kernels: their memory and instance are made here, before
 *     the freeze; when this engine or sandbox cannot, the JavaScript kernels run, same results, and the
 *     'ready' message says so), then a warm-up of the library's code (realm-warmup.ts: it stays fast after the freeze);
 *  4. `lockdown()` (ses): every shared intrinsic (Object.prototype, Array, Math, Promise, JSON, ...)
 *     frozen, Function constructors and eval confined, error stacks hidden from compartments;
 *  5. the library's Error subclasses, made before lockdown, re-parented onto the tamed Error, and every
 *     library module's exports hardened (the index re-exports through getters, which harden does not
 *     follow, so the modules themselves are hardened);
 *  6. the trusted view of the library for check cells: the same objects, except that `check` records
 *     the result in the judge instead of displaying it.
 * Nothing here is reachable from a compartment except the hardened library and the trusted view.
 *
 * Left out on purpose: running cells (realm-cell.ts) and scopes (realm-scope.ts).
 */
import { installStackReader } from './stack-reader';
import * as path from 'path';
import type * as TS from 'typescript';
import type { CheckResult } from '../../../lib/checks/result';
import { CallerNames, ReferenceTracker } from './reference-calls';
import { warmUp } from './realm-warmup';

type Lib = Record<string, unknown>;
type EvaluateCheck = (id: string, points: number, fn: unknown, opts?: unknown) => CheckResult | Promise<CheckResult>;

export interface Converted {
  output?: string; declOutput?: string; hasToplevelAwait?: boolean; lastExpressionVar?: string;
  diagnostics: { start: { line: number; character: number }; messageText: string }[];
}
export interface Converter { convert(prevDecl: string, src: string): Converted; close(): void }

export interface Realm {
  converter: Converter;
  getCodeMetadata: (src: string) => { module?: string; mode?: string };
  ts: typeof TS;
  lib: Lib;
  trustedLib: Lib;
  /** Student-side library objects -> their trusted counterparts (what a check cell sees under the same name). */
  toTrusted: Map<unknown, unknown>;
  tracker: ReferenceTracker;
  /** The `//# sourceURL` each role's code carries (the tracker tells them apart). */
  urls: CallerNames;
  /** Where `rl.check` in a check cell puts its result (set per cell by realm-cell.ts). */
  recordInto: { results: (CheckResult | Promise<CheckResult>)[] | null };
  evaluateCheck: EvaluateCheck;
  ms: { compiler: number; warmup: number; lockdown: number };
  /** The kernels the library runs on in this realm. */
  kernels: 'wasm' | 'js';
}

declare const lockdown: (opts: Record<string, string>) => void;
declare const harden: <T>(x: T) => T;

export function bootRealm(install: string, workDir: string, token: string, forbidden: Iterable<string>, warm: boolean): Realm {
  const t0 = Date.now();
  process.chdir(workDir); // tslab's converter takes the working directory as rootDir
  const { createConverter } = require('tslab/dist/converter') as { createConverter: (o: object) => Converter };
  const { getCodeMetadata } = require('tslab/dist/metadata') as { getCodeMetadata: Realm['getCodeMetadata'] };
  const ts = require('@tslab/typescript-for-tslab') as typeof TS;
  const converter = createConverter({ isJS: false, isBrowser: false });
  const tCompiler = Date.now();

  const dist = path.join(install, 'dist');
  const libDir = path.join(dist, 'lib') + path.sep;
  const lib = require(path.join(dist, 'index.js')) as Lib;
  const modules = Object.values(require.cache).filter((m): m is NodeModule => !!m && m.filename.startsWith(libDir));
  const exportsOf = (file: string) => modules.find((m) => m.filename === path.join(libDir, file))?.exports as Record<string, unknown> | undefined;
  const transport = exportsOf(path.join('display', 'transport.js'));
  if (typeof transport?.setTransport !== 'function') throw new Error(`${libDir}display/transport.js has no setTransport: the judge cannot silence displays`);
  (transport.setTransport as (t: unknown) => void)(() => {});
  const evaluateCheck = exportsOf(path.join('checks', 'run.js'))?.evaluateCheck as EvaluateCheck | undefined;
  if (typeof evaluateCheck !== 'function') throw new Error(`${libDir}checks/run.js has no evaluateCheck`);

  const V8Error = Error; // the real one: CallSites for the tracker (SES hides stacks after lockdown)
  const urls: CallerNames = { trusted: `reglab-check-${token}`, release: `reglab-release-${token}`, student: 'reglab-student-cell' };
  const tracker = new ReferenceTracker(urls, V8Error as never);
  for (const name of new Set(forbidden)) {
    const home = modules.find((m) => Object.prototype.hasOwnProperty.call(m.exports, name) && Object.getOwnPropertyDescriptor(m.exports, name)?.writable);
    if (home) home.exports[name] = tracker.wrap(name, home.exports[name]);
  }

  const kernelKind = exportsOf(path.join('kernels', 'kernels.js'))?.kernelKind as (() => 'wasm' | 'js') | undefined;
  const kernels = typeof kernelKind === 'function' ? kernelKind() : 'js'; // instantiates them, before lockdown
  const tWarm = Date.now();
  if (warm) warmUp(lib);
  const tLock = Date.now();
  require('ses');
  lockdown({ errorTaming: 'safe', overrideTaming: 'moderate', consoleTaming: 'unsafe', stackFiltering: 'concise', reporting: 'none' });
  for (const m of modules) {
    for (const v of Object.values(m.exports)) if (typeof v === 'function' && Object.getPrototypeOf(v) === V8Error) Object.setPrototypeOf(v, Error);
  }
  installStackReader(V8Error as never, exportsOf(path.join('checks', 'stack.js'))?.setStackReader, urls);
  for (const m of modules) harden(m.exports);
  harden(lib);

  const recordInto: Realm['recordInto'] = { results: null };
  const check = harden((id: string, points: number, fn: unknown, opts?: unknown): void | Promise<void> => {
    const r = evaluateCheck(id, points, fn, opts);
    if (recordInto.results) recordInto.results.push(r);
    return r instanceof Promise ? r.then(() => undefined) : undefined;
  });
  const view: Lib = {};
  for (const k of Object.keys(lib)) view[k] = lib[k];
  view.check = check;
  const trustedLib = harden(view);
  const toTrusted = new Map<unknown, unknown>([[lib, trustedLib], [lib.check, check]]);
  tracker.enabled = true;
  return {
    converter, getCodeMetadata, ts, lib, trustedLib, toTrusted, tracker, urls, recordInto, evaluateCheck,
    ms: { compiler: tCompiler - t0, warmup: tLock - tWarm, lockdown: Date.now() - tLock },
    kernels,
  };
}
