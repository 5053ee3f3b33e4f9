/**
 * The results directory that makes a study resumable: one JSON file per finished run,
 * `<dir>/runs/<run id>.json`, written atomically (to a temporary name in the same folder, then
 * renamed), so an interrupted study leaves either a whole file or none. A stored run counts as
 * finished only if its hash matches the spec's: a changed configuration reruns it.
 * Non-finite numbers (a diverged run's NaN loss) are stored as the strings "NaN", "Infinity",
 * "-Infinity" and read back as numbers.
 *
 * Left out on purpose: locking (one study process per directory), deleting stale files (they are
 * overwritten when their run is redone).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RunSpec } from './matrix';
import { RunResult } from './run-one';
import { writeFileAtomic } from '../base/fs-atomic';

const NON_FINITE = new Set(['NaN', 'Infinity', '-Infinity']);

/** JSON.stringify, but NaN and +-Infinity become strings instead of null. */
export function toJson(value: unknown, indent = 2): string {
  return JSON.stringify(value, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v), indent) + '\n';
}

/** JSON.parse, turning "NaN" / "Infinity" / "-Infinity" strings back into numbers. */
export function fromJson(text: string): unknown {
  return JSON.parse(text, (_k, v) => (typeof v === 'string' && NON_FINITE.has(v) ? Number(v) : v));
}

export function runFile(dir: string, id: string): string {
  return path.join(dir, 'runs', `${id}.json`);
}

export function saveRun(dir: string, result: RunResult): string {
  const file = runFile(dir, result.id);
  writeFileAtomic(file, toJson(result), { mkdir: true });
  return file;
}

export type StoredRun =
  | { status: 'done'; result: RunResult; file: string }
  | { status: 'missing' | 'stale' | 'unreadable'; file: string; why: string };

/** What the directory holds for one run: a finished result with the spec's hash, or why not. */
export function loadRun(dir: string, spec: RunSpec): StoredRun {
  const file = runFile(dir, spec.id);
  if (!fs.existsSync(file)) return { status: 'missing', file, why: 'not run yet' };
  let stored: RunResult;
  try {
    stored = fromJson(fs.readFileSync(file, 'utf8')) as RunResult;
  } catch (e) {
    return { status: 'unreadable', file, why: `cannot read it (${(e as Error).message})` };
  }
  if (stored === null || typeof stored !== 'object' || !Array.isArray(stored.history)) {
    return { status: 'unreadable', file, why: 'not a run result' };
  }
  if (stored.hash !== spec.hash) {
    return { status: 'stale', file, why: `configuration changed (stored hash ${stored.hash}, now ${spec.hash})` };
  }
  return { status: 'done', result: stored, file };
}
