/**
 * The judge's verdict on every check equals what the same check says in the learner's own notebook:
 * each wrong solution of wrong-solutions.ts (and each notebook's own solution) is judged, and the same
 * cells run in a real tslab kernel; per check, the kernel's result (passed, points, message, expected,
 * got, hint) must be the judge's, and a check cell the kernel could not run (a type error, a throw) must
 * fail in the judge with the kernel's error text. A second test runs whole notebooks in the kernel, so
 * the judge's choice of cells (checks only) is shown not to change a verdict either.
 *
 * Needs `npm run build` (judge and kernel load dist/); the judge runs in the sandbox this machine offers.
 */
import * as path from 'path';
import type { ICodeCell } from '@jupyterlab/nbformat';
import { describe, expect, it } from 'vitest';
import { CheckResult, checkResultIn } from '../../../../src/lib/checks';
import { cellErrorText } from '../../../../src/tools/grader/cell-errors';
import { loadRelease } from '../../../../src/tools/grader/grade';
import { CheckVerdict, JudgeOptions, judgeNotebook, libraryExportNames } from '../../../../src/tools/grader/judge/judge';
import { judgedNotebook } from '../../../../src/tools/grader/judge/judged-notebook';
import { selectForChecks } from '../../../../src/tools/grader/judge/select-cells';
import { mapPool } from '../../../../src/tools/grader/pool';
import { detectIsolation } from '../../../../src/tools/grader/sandbox';
import { Notebook, readNotebook } from '../../../../src/tools/notebook/notebook-io';
import { executeNotebook } from '../../../../src/tools/notebook/runner';
import { SOURCES, WRONG, WrongSolution, submissionFor } from './wrong-solutions';

const INSTALL = path.resolve(__dirname, '../../../..');
const release = new Map(loadRelease(SOURCES).map((r) => [r.name, r]));
const libraryExports = libraryExportNames(INSTALL);
const found = detectIsolation();
const opts: JudgeOptions = {
  install: INSTALL, isolation: found.kind ?? 'none', cellTimeoutMs: 60_000, trainingBudgetMs: 900_000, memoryMb: 2048, libraryExports,
};

type Seen = { result: CheckResult | null; error: string };

/** What each check cell of `nb` showed in a kernel, by check id. */
async function inKernel(nb: Notebook, checkCells: { cellId: string; id: string }[]): Promise<Map<string, Seen>> {
  const { notebook } = await executeNotebook(nb, { cwd: path.join(INSTALL, 'notebooks'), cellTimeoutMs: 600_000 });
  const seen = new Map<string, Seen>();
  for (const c of checkCells) {
    const cell = notebook.cells.find((x) => x.id === c.cellId) as ICodeCell | undefined;
    const result = (cell?.outputs.map(checkResultIn).find((r) => (r as CheckResult | undefined)?.id === c.id) as CheckResult | undefined) ?? null;
    seen.set(c.id, { result, error: cell ? cellErrorText(cell) : 'cell missing' });
  }
  return seen;
}

function expectSame(what: string, judged: CheckVerdict[], kernel: Map<string, Seen>): void {
  for (const v of judged) {
    const k = kernel.get(v.id)!;
    const why = `${what} / ${v.id}: judge ${JSON.stringify(v)} kernel ${JSON.stringify(k)}`;
    if (k.result) {
      const pick = (r: Partial<CheckResult>) => ({ passed: r.passed, points: r.points, message: r.message, expected: r.expected, got: r.got, hint: r.hint, notImplemented: r.notImplemented ?? false });
      expect(pick({ ...v, notImplemented: v.notImplemented ?? false }), why).toEqual(pick(k.result));
      expect(v.status, why).toBe('judged');
    } else {
      expect(v.passed, why).toBe(false);
      expect(['compile-error', 'error'], why).toContain(v.status);
      expect(v.message, why).toBe(`the check cell failed: ${k.error}`);
    }
  }
}

/** The judged notebook restricted to the cells the judge runs, as a notebook a kernel can run. */
function selectedNotebook(w: WrongSolution | { notebook: string; submission: Notebook }) {
  const rel = release.get(w.notebook)!;
  const sub = 'submission' in w ? w.submission : submissionFor(w);
  const judged = judgedNotebook(rel, sub, libraryExports);
  const chosen = new Set(selectForChecks(judged.cells).map((c) => c.index));
  const cells = judged.cells.filter((c) => chosen.has(c.index)).map((c) => structuredClone(judged.notebook.cells[judged.nbIndex[c.index]]));
  const checks = judged.cells.filter((c) => c.role === 'check' && chosen.has(c.index)).map((c) => ({ cellId: c.cellId, id: c.check!.id }));
  return { rel, sub, nb: { ...judged.notebook, cells } as Notebook, checks };
}

const cases: (WrongSolution | { notebook: string; name: string; submission: Notebook })[] = [
  ...['01_dropout', '02_layer_norm', '03_weight_decay', '04_early_stopping'].map((n) => ({ notebook: n, name: 'the solution', submission: readNotebook(path.join(SOURCES, `${n}.ipynb`)) })),
  ...WRONG,
];

describe(`judge vs the learner's kernel (isolation: ${opts.isolation})`, () => {
  it('gives every check of every wrong solution the verdict the kernel gives it', async () => {
    const failures: string[] = [];
    await mapPool(cases, 2, async (w) => {
      const { rel, sub, nb, checks } = selectedNotebook(w);
      const [verdict, kernel] = await Promise.all([judgeNotebook(rel, sub, opts), inKernel(nb, checks)]);
      try {
        expect(verdict.checks.map((c) => c.id).sort()).toEqual(checks.map((c) => c.id).sort());
        expectSame(`${w.notebook}: ${w.name}`, verdict.checks, kernel);
        const caught = verdict.checks.some((c) => !c.passed);
        if (w.name === 'the solution') expect(caught, `${w.notebook}: the solution gets full marks`).toBe(false);
        else expect(caught, `${w.notebook}: ${w.name} loses points`).toBe(!('uncaught' in w && w.uncaught));
      } catch (e) {
        failures.push((e as Error).message);
      }
    });
    expect(failures).toEqual([]);
  }, 1_800_000);

  it('judges only the cells the checks need without changing a verdict (whole notebooks in the kernel)', async () => {
    const whole = [
      { notebook: '02_layer_norm', name: 'the solution', submission: readNotebook(path.join(SOURCES, '02_layer_norm.ipynb')) },
      { notebook: '04_early_stopping', name: WRONG.find((w) => w.notebook === '04_early_stopping')!.name, submission: submissionFor(WRONG.find((w) => w.notebook === '04_early_stopping')!) },
    ];
    await mapPool(whole, 2, async (w) => {
      const rel = release.get(w.notebook)!;
      const checks = rel.checks.map((c) => ({ cellId: c.cellId, id: c.id }));
      const [verdict, kernel] = await Promise.all([judgeNotebook(rel, w.submission, opts), inKernel(w.submission, checks)]);
      expectSame(`${w.notebook} (whole): ${w.name}`, verdict.checks, kernel);
    });
  }, 900_000);
});
