/**
 * Signing check results: the grader gives every check cell it injects its own random key, the cell's
 * check result is signed in the kernel with HMAC-SHA256(key, canonical text of the result), and the
 * grader accepts a result only if the signature it finds next to it matches. A student cell never
 * sees a key, so a result it prints or displays, or edits on its way out, does not verify.
 *
 * Shared by the kernel side (kernel-guard.ts) and the grader side (results.ts, inject.ts), and so also
 * the home of the other thing both sides must agree on: the built-ins an injected cell re-binds.
 * Left out on purpose: keys that outlive one grading run, and public-key signatures (no need: the
 * same process that makes the keys checks them).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'crypto';
import type { CheckResult } from '../../lib/checks/result';

/** Built-ins an injected cell re-binds as local constants from the pristine values (the guard freezes them). */
export const REBOUND = ['Math', 'JSON', 'Reflect', 'Object', 'Array', 'Number', 'String', 'Boolean', 'Promise', 'Symbol', 'Error',
  'TypeError', 'RangeError', 'Map', 'Set', 'ArrayBuffer', 'Float64Array', 'Float32Array', 'Int32Array', 'Uint8Array',
  'isNaN', 'isFinite', 'parseFloat', 'parseInt'] as const;

/** The display metadata key under which an injected check cell puts `{ sig }`. */
export const SIGNATURE_KEY = 'reglab-grader';

/** A fresh random key (hex) for one injected cell. */
export function newKey(): string {
  return randomBytes(16).toString('hex');
}

/** The fields that count, in a fixed order, as one JSON text. */
export function canonicalResult(r: CheckResult): string {
  return JSON.stringify([r.id, r.points, r.max, r.passed === true, r.message, r.expected ?? null, r.got ?? null, r.hint ?? null, r.notImplemented === true]);
}

/** Hex HMAC-SHA256 of the canonical result under `key` (grader side; the kernel side signs with captured functions). */
export function signResult(key: string, r: CheckResult): string {
  return createHmac('sha256', key).update(canonicalResult(r)).digest('hex');
}

/** True when `sig` is the signature of `r` under `key`. Never throws on odd input. */
export function verifyResult(key: string, r: unknown, sig: unknown): boolean {
  if (typeof sig !== 'string' || !/^[0-9a-f]{64}$/.test(sig) || !isResult(r)) return false;
  return timingSafeEqual(Buffer.from(signResult(key, r), 'hex'), Buffer.from(sig, 'hex'));
}

function isResult(r: unknown): r is CheckResult {
  if (typeof r !== 'object' || r === null) return false;
  const x = r as Record<string, unknown>;
  return typeof x.id === 'string' && typeof x.points === 'number' && typeof x.max === 'number' && typeof x.passed === 'boolean' && typeof x.message === 'string';
}
