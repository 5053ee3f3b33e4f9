/**
 * Every student notebook (solutions stubbed) executed headless: nothing crashes and no cell is
 * aborted, and every graded check fails cleanly with its own "not implemented yet" result (zero
 * points), not with an error. Slow: the demo cells still train with the library's reference code.
 */
import { describe, expect, it } from 'vitest';
import { NAMES, runCleanly, studentPath } from './helpers';

describe.each(NAMES)('student notebook %s', (name) => {
  it('runs top to bottom; every graded check says "not implemented yet"', async () => {
    const run = await runCleanly(studentPath(name), `${name} (student)`);
    for (const { result } of run.checks) {
      expect(result, `${result.id}: ${result.message}`).toMatchObject({ passed: false, points: 0, notImplemented: true });
      expect(result.message).toContain('not implemented yet');
    }
  }, 240_000);
});
