/**
 * A learner's notebook saved outside the project (a temp folder: downloads, a course folder) opened with the
 * registered `reglab-ts` kernel imports `reglab` and type-checks against its declarations, through our runner
 * and through Jupyter's own launcher (nbconvert --execute, when installed). A folder's own node_modules still
 * wins over the project's (the order Node uses for NODE_PATH).
 * Needs the kernel spec (npm test registers it) and dist/ (npm run build).
 * Left out: VS Code (cannot run here; it starts the same kernel.json).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readNotebook, writeNotebook, type Notebook } from '../../src/tools/notebook/notebook-io';
import { executeNotebook } from '../../src/tools/notebook/runner/execute';
import { findJupyter, jupyterComplete } from '../../kernel-setup/jupyter';
import { runNbconvert } from '../../kernel-setup/nbconvert';
import { DISPLAY_NAME, KERNEL_NAME } from '../../kernel-setup/spec';

function notebook(sources: string[]): Notebook {
  return {
    nbformat: 4, nbformat_minor: 5,
    metadata: { kernelspec: { name: KERNEL_NAME, display_name: DISPLAY_NAME, language: 'typescript' } },
    cells: sources.map((source, i) => ({ cell_type: 'code', id: `c${i}`, source, metadata: {}, outputs: [], execution_count: null })),
  };
}

/** Per code cell: its stdout and stderr text. */
function texts(nb: Notebook): { stdout: string; stderr: string }[] {
  return nb.cells.map((c) => {
    const outs = (c.cell_type === 'code' ? c.outputs : []) as { output_type: string; name?: string; text?: string | string[] }[];
    const join = (name: string) => outs.filter((o) => o.output_type === 'stream' && o.name === name)
      .map((o) => (Array.isArray(o.text) ? o.text.join('') : o.text ?? '')).join('');
    return { stdout: join('stdout'), stderr: join('stderr') };
  });
}

const LEARNER = notebook([
  'import * as rl from "reglab";\nconst x: number = new rl.Rng(1).random();\nconsole.log(`reglab from anywhere: ${typeof rl.train}, ${x < 1}`);',
  // Type-checking is real: a wrong type is refused with TypeScript's message, not run.
  'const wrong: string = new rl.Rng(1).random();',
  'import * as tslab from "tslab";\nconsole.log(typeof tslab.display.html);',
]);

function expectLearnerOutputs(nb: Notebook): void {
  const [first, second, third] = texts(nb);
  expect(first).toEqual({ stdout: 'reglab from anywhere: function, true\n', stderr: '' });
  expect(second.stderr).toMatch(/Type 'number' is not assignable to type 'string'/);
  expect(second.stderr).not.toMatch(/Cannot find module/);
  expect(third).toEqual({ stdout: 'function\n', stderr: '' });
}

describe('a notebook in a folder outside the project', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reglab-anywhere-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('imports reglab and type-checks through the runner (kernel cwd = that folder)', async () => {
    const file = path.join(dir, 'homework.ipynb');
    writeNotebook(file, LEARNER);
    const { notebook: out } = await executeNotebook(readNotebook(file), { notebookPath: file, cellTimeoutMs: 120_000 });
    expectLearnerOutputs(out);
  }, 120_000);

  it('imports reglab when Jupyter itself starts the kernel (nbconvert --execute in that folder)', async (ctx) => {
    const jupyter = findJupyter();
    if (!jupyterComplete(jupyter)) return ctx.skip('jupyter nbconvert is not installed');
    const file = path.join(dir, 'downloaded.ipynb');
    writeNotebook(file, notebook([LEARNER.cells[0].source as string]));
    const out = path.join(dir, 'downloaded.out.ipynb');
    const run = runNbconvert(jupyter.command, file, out);
    expect(run.ok, run.log).toBe(true);
    expect(texts(readNotebook(out))[0]).toEqual({ stdout: 'reglab from anywhere: function, true\n', stderr: '' });
  }, 120_000);

  it("uses the folder's own node_modules first, like Node does with NODE_PATH", async () => {
    const own = path.join(dir, 'course', 'node_modules', 'reglab');
    fs.mkdirSync(own, { recursive: true });
    fs.writeFileSync(path.join(own, 'package.json'), JSON.stringify({ name: 'reglab', version: '0.0.0', main: 'index.js', types: 'index.d.ts' }));
    fs.writeFileSync(path.join(own, 'index.js'), 'exports.whose = "the course folder\'s";\n');
    fs.writeFileSync(path.join(own, 'index.d.ts'), 'export declare const whose: string;\n');
    const file = path.join(dir, 'course', 'local.ipynb');
    writeNotebook(file, notebook(['import * as rl from "reglab";\nconsole.log(rl.whose);']));
    const { notebook: out } = await executeNotebook(readNotebook(file), { notebookPath: file, cellTimeoutMs: 120_000 });
    expect(texts(out)[0]).toEqual({ stdout: "the course folder's\n", stderr: '' });
  }, 120_000);
});
