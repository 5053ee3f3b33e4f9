/**
 * Every instructor notebook (with its solutions) executed headless through the real kernel: every cell
 * runs, no error output, and every graded check cell shows exactly one result, passed with full points.
 * Slow (each notebook trains small LSTMs, up to about a minute); the time of each run is printed.
 */
import { describe, expect, it } from 'vitest';
import { readNotebook } from '../../src/tools/notebook-io';
import { NAMES, gradedCells, runNotebook, sourcePath } from './helpers';

describe.each(NAMES)('source notebook %s', (name) => {
  it('runs top to bottom and every check passes', async () => {
    const file = sourcePath(name);
    const graded = gradedCells(readNotebook(file));
    const run = await runNotebook(file);
    console.log(`${name} (source): ${run.seconds.toFixed(1)} s, ${run.checks.length} checks`);
    expect(run.errors).toEqual([]);
    expect(run.stderr).toEqual([]);
    expect(run.cells.filter((c) => c.status !== 'ok')).toEqual([]);
    expect(run.checks.map((c) => ({ cellId: c.cellId, id: c.result.id, max: c.result.max })))
      .toEqual(graded.map((g) => ({ cellId: g.cellId, id: g.id, max: g.points })));
    for (const { result } of run.checks) {
      expect(result, `${result.id}: ${result.message}`).toMatchObject({ passed: true, points: result.max });
    }
  }, 240_000);
});
