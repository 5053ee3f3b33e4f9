/**
 * The run matrix: every condition crossed with every seed, condition-major (all seeds of the first
 * condition, then the next), each run named and stamped with a hash of everything that determines
 * its result. A finished run whose stored hash differs from its spec's is stale and is run again.
 *   hash = sha256(stable JSON of { version, settings, condition, seed }) (first 16 hex digits)
 *
 * Left out on purpose: the order runs execute in (the pool takes them in matrix order).
 */
import { createHash } from 'node:crypto';
import { Condition, StudyPlan, StudySettings, checkPlan } from './plan';

/** Bump when the meaning of a stored result changes (what is measured or how), to invalidate old files. */
export const RESULT_FORMAT_VERSION = 1;

export interface RunSpec {
  /** 'dropout-0.5-seed2': also the result file's name (without '.json'). */
  id: string;
  /** 0-based position in the matrix. */
  index: number;
  /** Runs in the matrix (for "[3/24]" progress). */
  total: number;
  condition: Condition;
  seed: number;
  settings: StudySettings;
  hash: string;
}

/** JSON with object keys sorted at every level, so equal configurations give equal text. */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) return JSON.stringify(String(value));
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const entries = Object.keys(value as Record<string, unknown>)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${stableStringify((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(',')}}`;
}

/** The hash of what determines one run's result. */
export function runHash(settings: StudySettings, condition: Condition, seed: number): string {
  const text = stableStringify({ version: RESULT_FORMAT_VERSION, settings, condition, seed });
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/** conditions x seeds, condition-major. */
export function runMatrix(plan: StudyPlan): RunSpec[] {
  checkPlan(plan);
  const total = plan.conditions.length * plan.seeds.length;
  const runs: RunSpec[] = [];
  for (const condition of plan.conditions) {
    for (const seed of plan.seeds) {
      runs.push({
        id: `${condition.name}-seed${seed}`,
        index: runs.length,
        total,
        condition,
        seed,
        settings: plan.settings,
        hash: runHash(plan.settings, condition, seed),
      });
    }
  }
  return runs;
}
