/** `npm run new`: a scaffolded notebook has the house structure and validates as it is. Needs npm run build (the kernel imports dist/). */
import * as fs from 'fs';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { scaffoldCatalog, scaffoldNotebook } from '../../../src/tools/grader/scaffold';
import { catalogPathFor, parseCatalog } from '../../../src/tools/grader/answer-catalog';
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

  it('validates at once: static rows ok, the solution passes, the stub fails as not implemented, its catalog is caught', async () => {
    fs.rmSync(DIR, { recursive: true, force: true });
    fs.mkdirSync(path.join(DIR, 'students'), { recursive: true });
    const file = path.join(DIR, '06_demo.ipynb');
    const nb = scaffoldNotebook('06_demo');
    writeNotebook(file, nb);
    fs.writeFileSync(catalogPathFor(file), scaffoldCatalog('06_demo'));
    expect(parseCatalog(scaffoldCatalog('06_demo')).entries.map((e) => [e.name, e.kind])).toEqual([['sum-not-squared', 'wrong'], ['sum-of-absolute-values', 'wrong'], ['reduce', 'valid']]);
    writeNotebook(path.join(DIR, 'students', '06_demo.ipynb'), releaseNotebook(nb));
    expect(staticRows(file, { studentDir: path.join(DIR, 'students') }).rows.filter((r) => !r.ok)).toEqual([]);
    const rows = await validateNotebooks([file], { studentDir: path.join(DIR, 'students') });
    expect(rows.filter((r) => !r.ok)).toEqual([]);
    expect(rows.map((r) => r.item)).toEqual(expect.arrayContaining(['demo-sum-of-squares passes with solutions', 'demo-sum-of-squares fails on stubs',
      'wrong answer sum-not-squared', 'valid answer reduce', 'catch rate demo-sum-of-squares']));
    expect(rows.find((r) => r.item === 'catch rate demo-sum-of-squares')!.detail).toBe('2 wrong answer(s): 2 caught, 2 with a message naming the mistake');
  }, 180_000);

  it('an author adds a check and a wrong answer for it: validate reports the catch, and a check that misses it', async () => {
    const dir = path.join(DIR, 'added');
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, '07_demo.ipynb');
    const nb = scaffoldNotebook('07_demo');
    // The author's new check: an empty matrix sums to 0 (a mean of the squares gives NaN there).
    const at = nb.cells.findIndex((c) => c.id === 'exercise-check') + 1;
    nb.cells.splice(at, 0, { cell_type: 'code', id: 'empty-check', metadata: {}, outputs: [], execution_count: null,
      source: 'rl.check("demo-empty", 1, (t) => {\n  t.closeTo(sumOfSquares(rl.zeros(0, 3)), 0, 0, { what: "sumOfSquares of an empty matrix", hint: "an empty sum is 0, not NaN: do not divide by the count" });\n});' });
    writeNotebook(file, nb);
    const mean = (fails: string, names: string) => `## mean-of-squares-${fails}\n- kind: wrong\n- region: exercise-solution\n- fails: ${fails}\n- may-fail: ${['demo-sum-of-squares', 'demo-empty'].filter((c) => c !== fails).join(', ')}\n- names: ${names}\n\nDivides by the count.\n\n\`\`\`ts\nlet s = 0;\nfor (const v of m.data) s += v * v;\nreturn s / m.data.length;\n\`\`\`\n`;
    // caught by the new check, and named; then the same mistake aimed at a word the message does not say
    fs.writeFileSync(catalogPathFor(file), `# Answer catalog: 07_demo\n\n${mean('demo-empty', 'divide')}\n${mean('demo-sum-of-squares', 'cube')}`);
    const rows = await validateNotebooks([file], { execute: true });
    const byItem = (item: string) => rows.find((r) => r.item === item) ?? expect.fail(`no row ${item}: ${JSON.stringify(rows.filter((r) => !r.ok))}`);
    expect(byItem('wrong answer mean-of-squares-demo-empty'), JSON.stringify(rows.filter((r) => !r.ok))).toMatchObject({ ok: true });
    expect(byItem('wrong answer mean-of-squares-demo-empty').detail).toMatch(/^caught by .*demo-empty/);
    expect(byItem('catch rate demo-empty')).toMatchObject({ ok: true, detail: '1 wrong answer(s): 1 caught, 1 with a message naming the mistake' });
    expect(byItem('wrong answer mean-of-squares-demo-sum-of-squares').ok).toBe(false); // caught, but not named "cube"
    expect(byItem('wrong answer mean-of-squares-demo-sum-of-squares').detail).toMatch(/cube/);
    expect(byItem('catch rate demo-sum-of-squares')).toMatchObject({ ok: false, detail: '1 wrong answer(s): 1 caught, 0 with a message naming the mistake' });
  }, 180_000);
});
