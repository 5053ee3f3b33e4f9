/**
 * The runner against the real tslab kernel (spec `reglab-ts`, registered by `npm run kernel`, which
 * `npm test` runs first). Each test starts its own kernel (~1.5 s).
 */
import * as path from 'path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ICodeCell } from '@jupyterlab/nbformat';
import { Notebook, parseNotebook, readNotebook, serializeNotebook } from '../../../../src/tools/notebook/notebook-io';
import { executeNotebook, ExecuteOptions, ExecutionCancelledError } from '../../../../src/tools/notebook/runner/execute';
import { findKernelSpec, UnknownKernelError } from '../../../../src/tools/notebook/runner/kernelspec';

const FIXTURES = path.resolve(__dirname, '../../../fixtures/notebooks');

function run(name: string, opts: ExecuteOptions = {}) {
  const file = path.join(FIXTURES, name);
  return executeNotebook(readNotebook(file), { notebookPath: file, ...opts });
}

/** Cell by fixture id. */
function cell(nb: Notebook, id: string): ICodeCell {
  const found = nb.cells.find((c) => c.id === id);
  if (!found || found.cell_type !== 'code') throw new Error(`no code cell ${id}`);
  return found as ICodeCell;
}

/** Outputs in one line each: `stdout: text`, `display text/html: ...`, `error Name: value`. */
function lines(c: ICodeCell): string[] {
  return c.outputs.map((o: any) => {
    if (o.output_type === 'stream') return `${o.name}: ${o.text}`;
    if (o.output_type === 'error') return `error ${o.ename}: ${o.evalue}`;
    return `${o.output_type} ${Object.entries(o.data).map(([k, v]) => `${k}: ${v}`).join(' | ')}`;
  });
}

const code = (source: string) => ({ cell_type: 'code', source, metadata: {}, outputs: [], execution_count: null }) as ICodeCell;
const inline = (...sources: string[]): Notebook => ({
  nbformat: 4, nbformat_minor: 5, cells: sources.map(code),
  metadata: { kernelspec: { name: 'reglab-ts', display_name: 'TypeScript (reglab)' } },
});

beforeAll(() => {
  try {
    findKernelSpec('reglab-ts');
  } catch {
    throw new Error('kernel spec reglab-ts is missing: run `npm run kernel` (npm test does it first)');
  }
});

describe('executeNotebook through the real tslab kernel', () => {
  it('records streams, last values and rich display the way nbclient does', async () => {
    const { notebook, cells } = await run('plain.ipynb');
    expect(cells.map((c) => c.status)).toEqual(['ok', 'ok', 'skipped', 'ok', 'ok', 'ok']);
    expect(lines(cell(notebook, 'imports'))).toEqual(['stdout: first line\nsecond line\n', 'stderr: to stderr\n', 'stdout: third line\n']);
    expect(lines(cell(notebook, 'last-value'))).toEqual(['stdout: [ 10, 20, 30 ]\n']);
    expect(lines(cell(notebook, 'rich'))).toEqual(['display_data text/html: <b>bold</b>', 'display_data text/markdown: *it*', 'stdout: after display\n']);
    expect(lines(cell(notebook, 'carriage'))).toEqual(['stdout: progress 3/3\nünïcødé ✓\n']);
    expect(lines(cell(notebook, 'async'))).toEqual(['stdout: awaited true\n']);
    expect(cell(notebook, 'empty')).toMatchObject({ outputs: [], execution_count: null });
    expect(['imports', 'last-value', 'rich', 'carriage', 'async'].map((id) => cell(notebook, id).execution_count)).toEqual([1, 2, 3, 4, 5]);

    const timing = cell(notebook, 'imports').metadata.execution as Record<string, string>;
    expect(Object.keys(timing).sort()).toEqual(['iopub.status.busy', 'iopub.status.idle', 'shell.execute_reply']);
    for (const t of Object.values(timing)) expect(t).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    expect(Date.parse(timing['iopub.status.idle'])).toBeGreaterThanOrEqual(Date.parse(timing['iopub.status.busy']));
    expect(notebook.metadata.language_info?.name).toBe('typescript');
    expect(notebook.nbformat_minor).toBe(5);
    expect(parseNotebook(serializeNotebook(notebook))).toEqual(notebook);
  });

  it('applies update_display_data by display_id, within a cell and to earlier cells', async () => {
    const { notebook, cells } = await run('display.ipynb');
    expect(cells.every((c) => c.status === 'ok')).toBe(true);
    expect(lines(cell(notebook, 'same-cell'))).toEqual(['display_data text/plain: updated from a later cell', 'stdout: updated in place\n']);
    expect(lines(cell(notebook, 'second-display'))).toEqual(['display_data text/html: <i>second</i>', 'display_data text/plain: plain, no id']);
    expect(lines(cell(notebook, 'cross-cell'))).toEqual(['stdout: cross-cell updates sent\n']);
  });

  it('runs every cell after a failing one (tslab aborts requests within 200 ms of an error)', async () => {
    const { notebook, cells } = await run('errors.ipynb');
    expect(cells.map((c) => c.status)).toEqual(['ok', 'error', 'ok', 'error', 'ok', 'error', 'ok']);
    expect(lines(cell(notebook, 'throws'))[0]).toMatch(/^stderr: [\s\S]*Error: boom from a student cell/);
    expect(lines(cell(notebook, 'after-throw'))).toEqual(['stdout: still running, x = 42\n']);
    expect(lines(cell(notebook, 'type-error'))).toEqual(["stderr: 1:7 - Type 'string' is not assignable to type 'number'.\n"]);
    expect(lines(cell(notebook, 'after-type-error'))).toEqual(['stdout: after the type error\n']);
    expect(lines(cell(notebook, 'async-throw'))[0]).toMatch(/^stderr: Error: awaited boom/);
    expect(lines(cell(notebook, 'last'))).toEqual(['stdout: last cell ran\n']);
    expect(notebook.cells.map((c) => (c as ICodeCell).execution_count)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('resends a cell that tslab aborted, so nothing is lost even without the pause', async () => {
    const { notebook, cells } = await run('errors.ipynb', { abortPauseMs: 0 });
    expect(cells.map((c) => c.status)).toEqual(['ok', 'error', 'ok', 'error', 'ok', 'error', 'ok']);
    expect(cells.filter((c) => (c.resent ?? 0) > 0).map((c) => c.index)).toEqual([2, 4, 6]);
    expect(lines(cell(notebook, 'after-throw'))).toEqual(['stdout: still running, x = 42\n']);
    expect(lines(cell(notebook, 'last'))).toEqual(['stdout: last cell ran\n']);
  });

  it('stops after the first failure when asked, clearing the outputs of the cells it skips', async () => {
    const nb = readNotebook(path.join(FIXTURES, 'errors.ipynb'));
    (nb.cells[6] as ICodeCell).outputs = [{ output_type: 'stream', name: 'stdout', text: 'stale output\n' }];
    const { notebook, cells } = await executeNotebook(nb, { cwd: FIXTURES, onError: 'stop' });
    expect(cells.map((c) => c.status)).toEqual(['ok', 'error', 'skipped', 'skipped', 'skipped', 'skipped', 'skipped']);
    expect(cell(notebook, 'last')).toMatchObject({ outputs: [], execution_count: null });
  });

  it('interrupts a cell over its time limit, and kills + restarts a kernel that ignores the interrupt', async () => {
    const { notebook, cells } = await run('never-ends.ipynb', { cellTimeoutMs: 1500, interruptGraceMs: 1000 });
    expect(cells.map((c) => c.status)).toEqual(['ok', 'timeout', 'ok', 'timeout', 'timeout', 'ok']);
    const awaitForever = lines(cell(notebook, 'await-forever'));
    expect(awaitForever[0]).toBe('stdout: waiting forever\n');
    expect(awaitForever.at(-1)).toBe('error CellTimeoutError: Cell execution timed out after 1.5 s; the kernel was interrupted');
    expect(lines(cell(notebook, 'state-kept'))).toEqual(['stdout: kernel kept its state: n = 5\n']);
    expect(lines(cell(notebook, 'busy-loop')).at(-1)).toMatch(/^error CellTimeoutError: .*interrupted$/);
    expect(lines(cell(notebook, 'blocked-sync'))).toEqual([
      'stdout: blocked in a child process\n',
      'error CellTimeoutError: Cell execution timed out after 1.5 s; the kernel did not stop on interrupt and was killed (later cells run in a new kernel)',
    ]);
    expect(lines(cell(notebook, 'after-restart'))).toEqual(['stdout: a new kernel runs this cell\n']);
    expect(cells[1].ms).toBeGreaterThanOrEqual(1500);
    expect(cells[1].ms).toBeLessThan(1500 + 1000 + 1000);
  });

  it('records a kernel that exits or kills itself as that cell\'s error and goes on in a new kernel', async () => {
    const { notebook, cells } = await run('dies.ipynb');
    expect(cells.map((c) => c.status)).toEqual(['ok', 'died', 'ok', 'died', 'ok']);
    expect(lines(cell(notebook, 'exit'))).toEqual([
      'stdout: exiting\n',
      'error DeadKernelError: Kernel died while executing this cell (exit code 3); later cells run in a new kernel (earlier state is lost)',
    ]);
    expect(lines(cell(notebook, 'alive-again'))).toEqual(['stdout: alive again\n']);
    expect(lines(cell(notebook, 'kill-self'))[0]).toMatch(/^error DeadKernelError: .*\(signal SIGTERM\)/);
    expect(lines(cell(notebook, 'alive-third'))).toEqual(['stdout: alive a third time\n']);
  });

  it('stops cleanly after a dead kernel when asked', async () => {
    const { cells } = await run('dies.ipynb', { onError: 'stop' });
    expect(cells.map((c) => c.status)).toEqual(['ok', 'died', 'skipped', 'skipped', 'skipped']);
  });

  it('limits the kernel heap (memoryLimitMb) and reports running out of memory as a dead kernel', async () => {
    const { notebook, cells } = await executeNotebook(
      inline('const keep: number[][] = [];\nfor (let i = 0; i < 1e6; i++) keep.push(new Array(1e5).fill(i));', 'console.log("fresh kernel");'),
      { cwd: FIXTURES, memoryLimitMb: 200 },
    );
    expect(cells.map((c) => c.status)).toEqual(['died', 'ok']);
    expect(lines(notebook.cells[0] as ICodeCell).at(-1)).toMatch(/^error DeadKernelError: .*JavaScript heap out of memory/);
    expect(lines(notebook.cells[1] as ICodeCell)).toEqual(['stdout: fresh kernel\n']);
  });

  it('cuts runaway output at maxOutputBytes', async () => {
    const { notebook } = await executeNotebook(inline('for (let i = 0; i < 200; i++) console.log("x".repeat(99));', 'console.log("next cell");'),
      { cwd: FIXTURES, maxOutputBytes: 1000 });
    const [first, second] = notebook.cells.map((c) => lines(c as ICodeCell));
    expect(first[0]).toBe(`stdout: ${`${'x'.repeat(99)}\n`.repeat(10)}`);
    expect(first[1]).toMatch(/^stderr: \n\[reglab runner: output truncated, this cell wrote more than 1000 bytes\]/);
    expect(second).toEqual(['stdout: next cell\n']);
  });

  it('shuts its kernel down when the caller cancels', async () => {
    const controller = new AbortController();
    let pid = 0;
    const running = executeNotebook(inline('console.log(process.pid);', 'await new Promise(() => {});'), {
      cwd: FIXTURES,
      signal: controller.signal,
      onCell: (_i, c) => {
        pid = Number((c.outputs[0] as any)?.text);
        setTimeout(() => controller.abort(), 300);
      },
    });
    await expect(running).rejects.toBeInstanceOf(ExecutionCancelledError);
    expect(pid).toBeGreaterThan(0);
    expect(() => process.kill(pid, 0)).toThrow(/ESRCH/);
  });

  it('rejects an unknown kernel and a notebook that names none, before starting anything', async () => {
    await expect(run('unknown-kernel.ipynb')).rejects.toBeInstanceOf(UnknownKernelError);
    await expect(run('unknown-kernel.ipynb')).rejects.toThrow(/unknown kernel 'no-such-kernel-xyz'/);
    const nameless = inline('1');
    nameless.metadata = {};
    await expect(executeNotebook(nameless)).rejects.toThrow(/no metadata\.kernelspec\.name/);
  });
});
