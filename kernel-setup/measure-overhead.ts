/**
 * Measures the per-notebook overhead of our runner against `jupyter nbconvert --execute`, on the same
 * notebooks in one run (alternating, median of --runs N, default 3):
 *   runner-cli  `node dist/tools/cli/execute-cli.js` as a fresh process (what `npm run execute` does after build)
 *   runner-api  `executeNotebook()` inside this process (what the grader does)
 *   nbconvert   `jupyter nbconvert --to notebook --execute`
 * Overhead = wall time minus the time the cells themselves ran (sum of iopub busy->idle per cell).
 *
 * Usage: npm run build && npx ts-node kernel-setup/measure-overhead.ts [NOTEBOOK...] [--runs N]
 * Default notebooks: a one-cell notebook and tests/fixtures/notebooks/{plain,display}.ipynb.
 * Left out: memory use; notebooks with errors (nbconvert stops at the first one).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { readNotebook, writeNotebook, Notebook } from '../src/tools/notebook/notebook-io';
import { executeNotebook } from '../src/tools/notebook/runner/execute';
import { findJupyter, jupyterComplete } from './jupyter';
import { runNbconvert } from './nbconvert';
import { ROOT, KERNEL_NAME, DISPLAY_NAME } from './spec';

type Tool = 'runner-cli' | 'runner-api' | 'nbconvert';
interface Sample { wall: number; cells: number }

/** Sum over code cells of iopub.status.idle - iopub.status.busy, in ms. */
function cellTime(nb: Notebook): number {
  let ms = 0;
  for (const cell of nb.cells) {
    const t = (cell.metadata as any)?.execution;
    if (t?.['iopub.status.busy'] && t?.['iopub.status.idle']) ms += Date.parse(t['iopub.status.idle']) - Date.parse(t['iopub.status.busy']);
  }
  return ms;
}

function trivialNotebook(dir: string): string {
  const file = path.join(dir, 'one-cell.ipynb');
  writeNotebook(file, {
    nbformat: 4, nbformat_minor: 5,
    metadata: { kernelspec: { name: KERNEL_NAME, display_name: DISPLAY_NAME, language: 'typescript' } },
    cells: [{ cell_type: 'code', id: 'one', source: 'console.log(1 + 1);', metadata: {}, outputs: [], execution_count: null }],
  }, { overwrite: true });
  return file;
}

async function measure(tool: Tool, input: string, out: string, jupyter: string): Promise<Sample> {
  const t0 = Date.now();
  if (tool === 'runner-api') {
    const { notebook } = await executeNotebook(readNotebook(input), { notebookPath: input });
    return { wall: Date.now() - t0, cells: cellTime(notebook) };
  }
  if (tool === 'runner-cli') {
    const cli = path.join(ROOT, 'dist', 'tools', 'cli', 'execute-cli.js');
    const r = spawnSync(process.execPath, [cli, input, '--out', out, '--overwrite', '--quiet'], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`runner-cli failed on ${input}: ${r.stderr}`);
  } else {
    const r = runNbconvert(jupyter, input, out);
    if (!r.ok) throw new Error(`nbconvert failed on ${input}: ${r.log.slice(-500)}`);
  }
  const wall = Date.now() - t0;
  const nb = readNotebook(out);
  fs.rmSync(out);
  return { wall, cells: cellTime(nb) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(argv: string[]): Promise<void> {
  const at = argv.indexOf('--runs');
  const runs = at >= 0 ? Number(argv.splice(at, 2)[1]) : 3;
  const jupyter = findJupyter();
  if (!jupyterComplete(jupyter)) throw new Error('Jupyter (nbconvert) is not installed; nothing to compare with');
  if (!fs.existsSync(path.join(ROOT, 'dist', 'tools', 'cli', 'execute-cli.js'))) throw new Error('run npm run build first');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'reglab-overhead-'));
  const fixtures = path.join(ROOT, 'tests', 'fixtures', 'notebooks');
  const notebooks = argv.length ? argv : [trivialNotebook(tmp), path.join(fixtures, 'plain.ipynb'), path.join(fixtures, 'display.ipynb')];
  const tools: Tool[] = ['runner-cli', 'runner-api', 'nbconvert'];
  console.log(`node ${process.version}, ${os.cpus().length} cpus, ${runs} runs each, median ms`);
  console.log('notebook'.padEnd(16) + tools.map((t) => `${t} wall / overhead`.padStart(28)).join(''));
  for (const nb of notebooks) {
    const samples = new Map<Tool, Sample[]>(tools.map((t) => [t, []]));
    for (let i = 0; i < runs; i++) {
      const order = i % 2 === 0 ? tools : [...tools].reverse();
      for (const tool of order) {
        // Outputs go next to the input so nbconvert's kernel runs in the same folder as ours.
        const out = path.join(path.dirname(nb), `.overhead-${process.pid}-${tool}.ipynb`);
        samples.get(tool)!.push(await measure(tool, nb, out, jupyter.command));
      }
    }
    const cols = tools.map((t) => {
      const s = samples.get(t)!;
      return `${median(s.map((x) => x.wall))} / ${median(s.map((x) => x.wall - x.cells))}`.padStart(28);
    });
    console.log(path.basename(nb).padEnd(16) + cols.join(''));
  }
  fs.rmSync(tmp, { recursive: true, force: true });
}

main(process.argv.slice(2)).catch((e: Error) => {
  console.error(`measure-overhead: ${e.message}`);
  process.exit(1);
});
