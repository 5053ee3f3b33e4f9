/**
 * Every student notebook (solutions stubbed) executed headless: nothing crashes and no cell is
 * aborted, and every graded check fails cleanly with its own "not implemented yet" result (zero
 * points), not with an error. Slow: the demo cells still train with the library's reference code.
 */
import { describe, expect, it } from 'vitest';
import { readNotebook } from '../../src/tools/notebook-io';
import { NAMES, gradedCells, runNotebook, studentPath } from './helpers';

describe.each(NAMES)('student notebook %s', (name) => {
  it('runs top to bottom; every graded check says "not implemented yet"', async () => {
    const file = studentPath(name);
    const graded = gradedCells(readNotebook(file));
    const run = await runNotebook(file);
    console.log(`${name} (student): ${run.seconds.toFixed(1)} s, ${run.checks.length} checks`);
    expect(run.errors).toEqual([]);
    expect(run.stderr).toEqual([]);
    expect(run.cells.filter((c) => c.status !== 'ok')).toEqual([]);
    expect(run.checks.map((c) => ({ cellId: c.cellId, id: c.result.id, max: c.result.max })))
      .toEqual(graded.map((g) => ({ cellId: g.cellId, id: g.id, max: g.points })));
    for (const { result } of run.checks) {
      expect(result, `${result.id}: ${result.message}`).toMatchObject({ passed: false, points: 0, notImplemented: true });
      expect(result.message).toContain('not implemented yet');
    }
  }, 240_000);
});
