/**
 * The grader's code INSIDE the kernel. The grader's first injected cell (before any student cell)
 * calls `installGuard(name)`, which, while nothing of the student's has run yet:
 *  - loads a private copy of the whole reglab library (its modules are taken out of require.cache
 *    again and their exports frozen), so a student who patches the shared copy (`rl.check`, the
 *    assertions, the display transport, the reference layers) patches nothing the checks use;
 *  - captures the functions that sign results (createHmac and the Hmac methods, Reflect.apply);
 *  - freezes Math, JSON, Reflect and the constructors' static functions, and the prototypes a check's
 *    arithmetic and promises go through, and makes those global names read-only;
 *  - defines the global function `name` (not writable, not configurable) that each injected check
 *    cell calls with its own key: it returns `{ rl, Math, JSON, ... }`, the private library whose
 *    `check` signs its result with that key, plus the pristine built-ins, which the injected cell
 *    binds as local constants (so student cells that shadow `rl` or `Math` do not matter).
 *
 * Left out on purpose (see the threat model in the README): anything against code that hooks the
 * kernel itself (tslab, the TypeScript compiler, node:inspector, the file system); Object.prototype,
 * Function.prototype and Error.prototype stay writable because freezing them breaks ordinary code.
 */
import * as crypto from 'crypto';
import * as path from 'path';
import * as signature from './signature';
import type { CheckResult } from '../../lib/checks/result';

// Captured when this module loads (the guard cell, before student code).
const REBOUND = signature.REBOUND;
const apply = Reflect.apply;
const freeze = Object.freeze;
const defineProperty = Object.defineProperty;
const getPrototypeOf = Object.getPrototypeOf;
const createHmac = crypto.createHmac;
const randomBytes = crypto.randomBytes;
const hmacProto = getPrototypeOf(createHmac('sha256', 'probe'));
const hmacUpdate = hmacProto.update;
const hmacDigest = hmacProto.digest;
const bufferToString = Buffer.prototype.toString;
const canonicalResult = signature.canonicalResult;
const SIGNATURE_KEY = signature.SIGNATURE_KEY;
const PristinePromise = Promise;

function hmacHex(key: string, text: string): string {
  const h = createHmac('sha256', key);
  apply(hmacUpdate, h, [text]);
  return apply(hmacDigest, h, ['hex']) as string;
}

interface PrivateLibrary {
  index: Record<string, unknown>;
  evaluateCheck: (id: string, points: number, fn: (t: unknown) => unknown, opts?: object) => CheckResult | Promise<CheckResult>;
  checkBundle: (r: CheckResult) => Record<string, unknown>;
  sendDisplay: (message: { data: Record<string, unknown>; metadata: Record<string, unknown>; transient: { display_id: string } }, update: boolean) => void;
}

/** Requires reglab's dist/ afresh, then removes the fresh modules from require.cache again (restoring the shared ones) and freezes them. */
function loadPrivateLibrary(): PrivateLibrary {
  const dist = path.resolve(__dirname, '../..');
  const inDist = (k: string) => k.startsWith(dist + path.sep);
  const cache = require.cache;
  const shared = new Map(Object.keys(cache).filter(inDist).map((k) => [k, cache[k]]));
  for (const k of shared.keys()) delete cache[k];
  try {
    const index = require(path.join(dist, 'index.js'));
    const own = (rel: string) => cache[path.join(dist, rel)]!.exports;
    const lib: PrivateLibrary = {
      index,
      evaluateCheck: own('lib/checks/run.js').evaluateCheck,
      checkBundle: own('lib/display/check-bundle.js').checkBundle,
      sendDisplay: own('lib/display/transport.js').sendDisplay,
    };
    for (const k of Object.keys(cache).filter(inDist)) {
      freeze(cache[k]!.exports);
      delete cache[k];
    }
    return lib;
  } finally {
    for (const [k, m] of shared) cache[k] = m;
  }
}

/** Freezes the objects a check computes with and makes their global names read-only. */
function harden(): void {
  const typedArray = getPrototypeOf(Float64Array);
  const objects: object[] = [Math, JSON, Reflect, Object, Array, Number, String, Boolean, ArrayBuffer, typedArray, typedArray.prototype,
    Array.prototype, Promise.prototype, Map.prototype, Set.prototype, Number.prototype, String.prototype, Buffer.prototype];
  for (const name of ['Float64Array', 'Float32Array', 'Int32Array', 'Uint8Array'] as const) objects.push(globalThis[name], globalThis[name].prototype);
  for (const o of objects) freeze(o);
  for (const name of REBOUND) {
    const d = Object.getOwnPropertyDescriptor(globalThis, name);
    if (d?.configurable) defineProperty(globalThis, name, { value: d.value, writable: false, configurable: false, enumerable: false });
  }
}

/** A frozen copy of the private library whose `check` signs and shows its result under `key`. */
function guardedLibrary(lib: PrivateLibrary, key: string): Record<string, unknown> {
  const emit = (r: CheckResult): void => {
    const sig = hmacHex(key, canonicalResult(r));
    const displayId = `reglab-check-${apply(bufferToString, randomBytes(8), ['hex'])}`;
    lib.sendDisplay({ data: lib.checkBundle(r), metadata: { [SIGNATURE_KEY]: { sig } }, transient: { display_id: displayId } }, false);
  };
  const check = (id: string, points: number, fn: (t: unknown) => unknown, opts?: object): void | Promise<void> => {
    const outcome = lib.evaluateCheck(id, points, typeof fn === 'function' ? (t) => fn(freeze(t)) : fn, opts);
    if (outcome instanceof PristinePromise) return (async () => emit(await outcome))();
    emit(outcome as CheckResult);
  };
  return freeze({ ...lib.index, check });
}

/** Installs the guard; `name` is the global the injected cells call (random per grading run). */
export function installGuard(name: string): void {
  if (Object.prototype.hasOwnProperty.call(globalThis, name)) throw new Error(`the grader's guard ${name} is already installed`);
  const lib = loadPrivateLibrary();
  const builtins: Record<string, unknown> = {};
  for (const n of REBOUND) builtins[n] = globalThis[n];
  harden();
  const enter = (key: string): Record<string, unknown> => freeze({ ...builtins, rl: guardedLibrary(lib, String(key)) });
  defineProperty(globalThis, name, { value: freeze(enter), writable: false, configurable: false, enumerable: false });
}
