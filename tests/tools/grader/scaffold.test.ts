/** `npm run new`: a scaffolded notebook has the house structure and validates as it is. Needs npm run build (the kernel imports dist/). */
import * as fs from 'fs';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { scaffoldNotebook } from '../../../src/tools/grader/scaffold';
import { checkCells } from '../../../src/tools/grader/check-cells';
import { releaseNotebook } from '../../../src/tools/grader/release';
import { staticRows, validateNotebooks } from '../../../src/tools/grader/validate';
import { joinMultiline, writeNotebook } from '../../../src/tools/notebook/notebook-io';

// Inside the project, so the kernel resolves `import "reglab"` as a notebook in notebooks/source does.
const DIR = path.resolve(__dirname, '../../../artifacts/scaffold-test');

describe('scaffoldNotebook', () => {
  it('has the house structure: title, equations, setup importing by name, an exercise with markers, its check, takeaways', () => {
    const nb = scaffoldNotebook('06_drop_connect');
    expect(nb.cells.map((c) => c.id)).toEqual(['title', 'equations', 'setup', 'exercise-task', 'exercise-solution', 'exercise-check-md', 'exercise-check', 'takeaways']);
    expect(joinMultiline(nb.cells[0].source)).toMatch(/^# 6 · Drop connect:/);
    expect(joinMultiline(nb.cells[2].source)).toMatch(/^import \* as rl from "reglab";[\s\S]*new rl\.Rng\(SEED\)/);
    expect(checkCells(nb, 'x').map((c) => [c.id, c.points])).toEqual([['drop-connect-sum-of-squares', 2]]);
    expect(joinMultiline(releaseNotebook(nb).cells[4].source)).toContain('throw new rl.NotImplementedError();');
    expect(() => scaffoldNotebook('6_x')).toThrow(/must look like 06_my_topic/);
  });

  it('validates at once: static rows ok, the solution passes and the stub fails as not implemented', async () => {
    fs.rmSync(DIR, { recursive: true, force: true });
    fs.mkdirSync(path.join(DIR, 'students'), { recursive: true });
    const file = path.join(DIR, '06_demo.ipynb');
    const nb = scaffoldNotebook('06_demo');
    writeNotebook(file, nb);
    writeNotebook(path.join(DIR, 'students', '06_demo.ipynb'), releaseNotebook(nb));
    expect(staticRows(file, { studentDir: path.join(DIR, 'students') }).rows.filter((r) => !r.ok)).toEqual([]);
    const rows = await validateNotebooks([file], { studentDir: path.join(DIR, 'students') });
    expect(rows.filter((r) => !r.ok)).toEqual([]);
    expect(rows.map((r) => r.item)).toEqual(expect.arrayContaining(['demo-sum-of-squares passes with solutions', 'demo-sum-of-squares fails on stubs']));
  }, 120_000);
});
