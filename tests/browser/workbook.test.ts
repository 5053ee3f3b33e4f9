/**
 * End to end, as a learner sees it: Debian's classic Jupyter Notebook on 127.0.0.1 (random free port,
 * token, throwaway config/runtime dirs) serving copies of the instructor notebooks (in a throwaway folder
 * under the git-ignored artifacts/, so `reglab` resolves from the project's node_modules), opened in headless
 * Debian Chromium, every cell run through the page (Cell > Run All). Per notebook: every Plotly figure drew
 * its traces, every check shows its badge and passes, a live training plot redrew while training, no
 * JavaScript errors, no request left the machine, and a full-page screenshot in artifacts/browser/. One
 * student copy (02_layer_norm) runs its setup, exercise and check cells: every check shows a TODO badge.
 * Then each executed notebook (as Jupyter saved it; the fixture also executed by the runner) goes through `jupyter nbconvert --to html` and is opened from file://: the figures draw offline.
 *
 * Two small fixtures (tests/fixtures/browser) run first: one proves the harness passes a good page, the
 * other that it catches a figure that needs a CDN. Skips with the reason when Chromium, Jupyter, the
 * kernel spec or dist/ is missing, except under CI=true, where that fails.
 * Left out: JupyterLab, the other student copies, and the demo/training cells of the student copy (kept out
 * to save time; tests/notebooks/run-students runs every cell of every student copy headless and checks
 * that none errors).
 */
import * as fs from 'fs';
import * as path from 'path';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { isCodeCell, joinMultiline, readNotebook, writeNotebook } from '../../src/tools/notebook/notebook-io';
import { executeNotebook } from '../../src/tools/notebook/runner/execute';
import { launchChromium, type Browser } from './chromium';
import { startJupyter, type JupyterServer } from './jupyter-server';
import { allowedNoise, LIVE_AHEAD_MS, logProblems, notebookProblems, staticProblems } from './judge';
import { runNotebookInPage, type NotebookRun } from './notebook-page';
import { findPrerequisites, inCI, ROOT } from './prerequisites';
import { exportHtml, openStaticHtml } from './static-html';
import { prepareWorkspace, type Workspace } from './workspace';
import { NAMES, sourcePath, studentPath } from '../notebooks/helpers';
import { checkCells, metadataCheck } from '../../src/tools/grader/check-cells';
import { CHECK_MIME as CHECK } from '../../src/lib/checks/result';
import { MIME } from '../../src/lib/display/transport';

const SHOTS = path.join(ROOT, 'artifacts', 'browser');
const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'browser');
const GOOD_FIXTURE = 'figure-live-check.ipynb';
const CDN_FIXTURE = 'cdn-figure.ipynb';
/** The student copy opened in the browser (copied as `student-<name>`): the quickest notebook. */
const STUDENT = '02_layer_norm';
const STUDENT_COPY = `student-${STUDENT}.ipynb`;
/** Per notebook: Run All must finish within this (each notebook is meant to take at most ~60 s). */
const RUN_TIMEOUT_MS = 240_000;

const pre = findPrerequisites();
/** The five instructor notebooks (the names the notebooks issue fixes); a missing one fails its test. */
const sources = NAMES.map(sourcePath).filter((f) => fs.existsSync(f));
const timings: Record<string, number> = {};

let workspace: Workspace | undefined;
let server: JupyterServer | undefined;
let browser: Browser | undefined;
const executed: string[] = [];   // notebooks in the workspace that ran in the browser and were saved

/** Skips with the reason outside CI; under CI=true a missing prerequisite is a failure. */
function needPrerequisites(ctx: TestContext): void {
  if (pre.missing.length === 0) return;
  const reason = `browser test needs: ${pre.missing.join('; ')}`;
  if (inCI()) throw new Error(`${reason} (CI=true: not skipping)`);
  console.warn(`SKIPPED ${ctx.task.name}: ${reason}`);
  ctx.skip(reason);
}

function shot(name: string, suffix = ''): string {
  return path.join(SHOTS, name.replace(/\.ipynb$/, '') + suffix + '.png');
}

function summarize(run: NotebookRun): string {
  const live = Object.values(run.view.live).filter((r) => r.figure);
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  return `${run.name}: open+kernel ${s(run.openMs)}, run ${s(run.runMs)}, save ${s(run.saveMs)}, ` +
    `screenshot ${s(run.screenshotMs)}, kernel shutdown ${s(run.shutdownMs)}, total ${s(run.totalMs)}; ` +
    `${run.view.figures.length} figures, ${run.view.checks.length} checks, ` +
    `${live.length} live figure(s) with ${live.map((r) => r.updates).join('+') || 0} updates` +
    live.map((r) => {
      const ahead = r.timing.filter((t) => t.aheadMs !== null && t.aheadMs >= LIVE_AHEAD_MS).length;
      const lags = r.timing.map((t) => t.lagMs).sort((a, b) => a - b);
      return ` [cell ${r.cell}: ${ahead}/${r.updates} drawn while training, median delivery lag ${lags[lags.length >> 1] ?? '-'} ms]`;
    }).join('') + noiseNote(run.log);
}

/** The console errors the judge let through as known noise, so a reader of the log still sees them. */
function noiseNote(log: NotebookRun['log']): string {
  const noise = allowedNoise(log);
  return noise.length ? `; allowed known console noise: ${noise.join(' | ')}` : '';
}

async function runInBrowser(name: string, cells?: number[]): Promise<NotebookRun> {
  const run = await runNotebookInPage(browser!, server!, name, { runTimeoutMs: RUN_TIMEOUT_MS, screenshotPath: shot(name), cells });
  timings[name] = run.totalMs;
  console.log(summarize(run));
  return run;
}

/** What the HTML export of an executed notebook must show: its figure count and its checks' pass flags. */
function expectedInHtml(ipynb: string): { figures: number; checks: boolean[] } {
  const nb = readNotebook(ipynb);
  let figures = 0;
  const checks: boolean[] = [];
  for (const cell of nb.cells.filter(isCodeCell)) {
    for (const out of cell.outputs) {
      const data = (out as { data?: Record<string, unknown> }).data ?? {};
      if (data[MIME.plotly]) figures++;
      if (data[CHECK]) checks.push(!!(data[CHECK] as { passed?: boolean }).passed);
    }
  }
  return { figures, checks };
}

async function checkHtmlExport(ipynb: string, label: string): Promise<void> {
  const t0 = Date.now();
  const html = await exportHtml(pre.jupyter, ipynb, path.join(workspace!.dir, 'html'));
  const exportMs = Date.now() - t0;
  const expected = expectedInHtml(ipynb);
  const res = await openStaticHtml(browser!, html, expected.figures, { timeoutMs: 60_000, screenshotPath: shot(label, '.html') });
  timings[`${label} (html)`] = exportMs + res.loadMs;
  console.log(`${label} as nbconvert HTML: export ${(exportMs / 1000).toFixed(1)} s, load+draw ${(res.loadMs / 1000).toFixed(1)} s, ` +
    `${res.view.figures.length}/${expected.figures} figures, ${res.view.checks.length} badges, blocked requests: ${res.log.blocked.length}` +
    noiseNote(res.log));
  expect(expected.figures, `${label}: the executed notebook holds no Plotly figure`).toBeGreaterThan(0);
  expect(staticProblems(res.view, res.log, expected), `${label} as HTML from file://`).toEqual([]);
}

describe('the workbook in a real browser (classic Notebook + Chromium)', () => {
  beforeAll(async () => {
    if (pre.missing.length) return;
    const t0 = Date.now();
    workspace = prepareWorkspace([path.join(FIXTURES, GOOD_FIXTURE), path.join(FIXTURES, CDN_FIXTURE), ...sources,
      [studentPath(STUDENT), STUDENT_COPY]]);
    [server, browser] = await Promise.all([
      startJupyter({ jupyter: pre.jupyter, notebookDir: workspace.dir, kernelDataDir: pre.kernelDataDir }),
      launchChromium(pre.chromium),
    ]);
    timings['start server + browser'] = Date.now() - t0;
  }, 120_000);

  afterAll(async () => {
    const t0 = Date.now();
    await browser?.close().catch(() => undefined);
    await server?.stop().catch(() => undefined);
    workspace?.cleanup();
    if (Object.keys(timings).length) {
      timings['stop'] = Date.now() - t0;
      fs.mkdirSync(SHOTS, { recursive: true });
      fs.writeFileSync(path.join(SHOTS, 'timings.json'), JSON.stringify(timings, null, 1) + '\n');
      console.log('browser test timings (ms):', JSON.stringify(timings));
    }
  }, 60_000);

  it('harness: a fixture with a figure, a live figure and two checks renders as expected', async (ctx) => {
    needPrerequisites(ctx);
    const run = await runInBrowser(GOOD_FIXTURE);
    expect(notebookProblems(run, { checks: 'as-json', minFigures: 2, minChecks: 2, minLiveFigures: 1 })).toEqual([]);
    expect(run.view.checks.map((c) => [c.id, c.pass])).toEqual([['fixture-pass', true], ['fixture-fail', false]]);
  }, 120_000);

  it('harness: a figure that loads plotly.js from a CDN is caught (not drawn, request blocked)', async (ctx) => {
    needPrerequisites(ctx);
    const run = await runInBrowser(CDN_FIXTURE);
    const problems = notebookProblems(run, { checks: 'as-json', minFigures: 1, minChecks: 0, minLiveFigures: 0 });
    expect(problems, 'the harness must report the undrawn figure').toContain(
      "cell 1 output 0: figure 'needs the CDN' was not drawn: no .js-plotly-plot in its output");
    expect(run.log.blocked.some((u) => u.startsWith('https://cdn.plot.ly/')), JSON.stringify(run.log.blocked)).toBe(true);
    expect(logProblems(run.log).length).toBeGreaterThan(0);
  }, 120_000);

  it('finds all five instructor notebooks', (ctx) => {
    needPrerequisites(ctx);
    expect(sources.map((f) => path.basename(f)), 'notebooks/source/').toEqual(NAMES.map((n) => `${n}.ipynb`));
  });

  for (const file of sources) {
    const name = path.basename(file);
    it(`${name}: Run All in the page draws every figure, passes every check, moves the live plot, logs no JS error`, async (ctx) => {
      needPrerequisites(ctx);
      const checkIds = checkCells(readNotebook(file), file).map((c) => c.id);
      const run = await runInBrowser(name);
      executed.push(name);
      expect(notebookProblems(run, { checks: 'pass', minFigures: 1, minChecks: 1, minLiveFigures: 1, checkIds })).toEqual([]);
    }, RUN_TIMEOUT_MS + 60_000);
  }

  it(`student copy ${STUDENT}.ipynb: setup, exercise and check cells run; every check shows a TODO badge`, async (ctx) => {
    needPrerequisites(ctx);
    const cells = readNotebook(studentPath(STUDENT)).cells;
    const checkIds = cells.flatMap((c) => metadataCheck(c)?.id ?? []);
    const firstCode = cells.findIndex(isCodeCell);
    // The setup cell, the exercise cells (their stubs throw NotImplementedError when called) and the checks;
    // not the experiments, which call the exercises and would stop with an error.
    const ranCells = cells.flatMap((c, i) => isCodeCell(c) &&
      (i === firstCode || metadataCheck(c) || /NotImplementedError/.test(joinMultiline(c.source))) ? [i] : []);
    const run = await runInBrowser(STUDENT_COPY, ranCells);
    expect(checkIds.length, 'graded checks in the student copy').toBeGreaterThan(0);
    expect(notebookProblems(run, { checks: 'todo', ranCells, minFigures: 0, minChecks: checkIds.length, minLiveFigures: 0, checkIds }))
      .toEqual([]);
  }, RUN_TIMEOUT_MS + 60_000);

  it('executed notebooks exported with nbconvert --to html draw their figures from file:// with no network', async (ctx) => {
    needPrerequisites(ctx);
    // The fixture executed headless by the project's runner (npm run execute; its figures and checks come
    // from the same display code as the notebooks'). Then every notebook as Jupyter saved it after Run All
    // in the page (the five were also run headless by tests/notebooks/run-sources).
    const copy = path.join(workspace!.dir, GOOD_FIXTURE);
    const byRunner = path.join(workspace!.dir, 'runner-' + GOOD_FIXTURE);
    const t0 = Date.now();
    const result = await executeNotebook(readNotebook(copy), { notebookPath: copy, cellTimeoutMs: 120_000 });
    timings[`runner: execute ${GOOD_FIXTURE}`] = Date.now() - t0;
    expect(result.cells.filter((c) => c.status !== 'ok' && c.status !== 'skipped'), `runner on ${GOOD_FIXTURE}`).toEqual([]);
    writeNotebook(byRunner, result.notebook);
    await checkHtmlExport(byRunner, 'runner-' + GOOD_FIXTURE);
    for (const name of [GOOD_FIXTURE, ...executed]) {
      await checkHtmlExport(path.join(workspace!.dir, name), name);
    }
  }, 360_000);
});
