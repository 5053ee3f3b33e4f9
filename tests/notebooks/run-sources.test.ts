/**
 * Every instructor notebook (with its solutions) executed headless through the real kernel: every cell
 * runs, no error output, and every graded check cell shows exactly one result, passed with full points.
 * Slow (each notebook trains small LSTMs, up to about a minute); the time of each run is printed.
 */
import { describe, expect, it } from 'vitest';
import { NAMES, runCleanly, sourcePath } from './helpers';

describe.each(NAMES)('source notebook %s', (name) => {
  it('runs top to bottom and every check passes', async () => {
    const run = await runCleanly(sourcePath(name), `${name} (source)`);
    for (const { result } of run.checks) {
      expect(result, `${result.id}: ${result.message}`).toMatchObject({ passed: true, points: result.max });
    }
  }, 240_000);
});
