/**
 * Splitting a batch across CI jobs: `--shard K/N` grades the K-th of N deterministic, disjoint parts of the
 * students, so N jobs of a matrix together grade everyone exactly once. The students are sorted (by code
 * point, the same on every machine) and dealt round-robin: student i goes to shard (i mod N) + 1, so the
 * parts differ in size by at most one student. Every job must see the same submissions (the same zip or
 * folder), which a CI matrix over one checkout does.
 *
 * Left out: balancing by notebook run time (all notebooks of a student stay in one shard, which keeps each
 * student's feedback and total in one place).
 */

export interface Shard { index: number; count: number }

/** Parses "K/N" (1 <= K <= N); throws an Error naming the problem. */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m) throw new Error(`--shard wants K/N, e.g. 2/4, got '${text}'`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index < 1 || index > count) throw new Error(`--shard ${text}: K must be 1..N and N at least 1`);
  return { index, count };
}

/** Code-point order (not locale order), so every machine sorts the same. */
export const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The students of `shard`, from all students of the batch. */
export function shardStudents(students: Iterable<string>, shard: Shard): Set<string> {
  const sorted = [...new Set(students)].sort(byCodePoint);
  return new Set(sorted.filter((_, i) => i % shard.count === shard.index - 1));
}

/** The items whose student is in `shard` (all of them without a shard). */
export function inShard<T extends { student: string }>(items: readonly T[], shard: Shard | undefined): T[] {
  if (!shard || shard.count === 1) return [...items];
  const mine = shardStudents(items.map((i) => i.student), shard);
  return items.filter((i) => mine.has(i.student));
}
