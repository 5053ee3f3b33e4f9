/**
 * Running async jobs with at most `jobs` at a time, results in input order. A job that throws is
 * the caller's to catch (gradeSubmission never throws for a student's reasons).
 *
 * Left out on purpose: cancellation and priorities.
 */
export async function mapPool<T, R>(items: readonly T[], jobs: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  if (!(Number.isInteger(jobs) && jobs >= 1)) throw new RangeError(`jobs must be an integer >= 1, got ${jobs}`);
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, items.length) }, worker));
  return results;
}
