/**
 * The runner and Jupyter's own executor (`jupyter nbconvert --to notebook --execute`, nbclient) give
 * the same outputs on the same notebooks, ignoring timestamps and ids. Skipped where Jupyter is not
 * installed (CI installs it). Only error-free fixtures: with tslab, nbconvert stops at the first
 * error, or with --allow-errors loses the cells tslab aborts in the 200 ms after it.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ICodeCell } from '@jupyterlab/nbformat';
import { readNotebook } from '../../../../src/tools/notebook/notebook-io';
import { executeNotebook } from '../../../../src/tools/notebook/runner/execute';
import { findJupyter, jupyterComplete } from '../../../../kernel-setup/jupyter';
import { comparable, runNbconvert } from '../../../../kernel-setup/nbconvert';

const FIXTURES = path.resolve(__dirname, '../../../fixtures/notebooks');
const jupyter = findJupyter();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'runner-vs-nbconvert-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe.skipIf(!jupyterComplete(jupyter))('runner vs jupyter nbconvert --execute', () => {
  for (const name of ['plain.ipynb', 'display.ipynb']) {
    it(`gives the same outputs on ${name}`, async () => {
      const input = path.join(FIXTURES, name);
      const out = path.join(tmp, name);
      const ours = await executeNotebook(readNotebook(input), { notebookPath: input });
      const theirs = runNbconvert(jupyter!.command, input, out);
      expect(theirs.ok, theirs.log).toBe(true);
      const reference = readNotebook(out);
      expect(comparable(ours.notebook)).toEqual(comparable(reference));
      expect(ours.notebook.metadata.language_info).toEqual(reference.metadata.language_info);
      // Documented difference: nbconvert does not number cells with tslab (no execute_input); we do, like nbclient.execute().
      const counts = (nb: typeof reference) => nb.cells.filter((c) => c.cell_type === 'code').map((c) => (c as ICodeCell).execution_count);
      expect(counts(reference).every((n) => n === null)).toBe(true);
      expect(counts(ours.notebook).filter((n) => n !== null).length).toBeGreaterThan(0);
      // Both record the same timing keys per executed cell.
      const keys = (nb: typeof reference) => nb.cells.map((c) => Object.keys((c.metadata as any).execution ?? {}).sort().join());
      expect(keys(ours.notebook)).toEqual(keys(reference));
    });
  }
});
