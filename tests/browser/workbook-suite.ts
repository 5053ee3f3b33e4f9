/**
 * The browser test's work for one frontend variant (workbook.test.ts runs every variant side by side):
 *
 * End to end, as a learner sees it, in every frontend (tests/browser/frontends.ts): Debian's classic Notebook 6,
 * JupyterLab 4 with plotly's extension and Notebook 7 without it run every instructor notebook; JupyterLab
 * without the extension and Notebook 7 with it run the fixture. Each server runs on 127.0.0.1 (random free port,
 * token, throwaway config/runtime dirs) on copies of the notebooks (in a throwaway folder under the git-ignored
 * artifacts/), opened in headless Debian Chromium, every cell run through the page (Run All). Per notebook:
 * every Plotly figure drew its traces with the renderer that frontend should use, every check shows its badge
 * and passes, every live training plot applied each update and ends at its final figure, no JavaScript
 * errors, no request left the machine, and a screenshot in artifacts/browser/<frontend>/. One student copy
 * (02_layer_norm) runs its setup, exercise and check cells: every check shows a TODO badge.
 *
 * Live plots are judged by the order of events, never by wall-clock margins: the fixture's live cell waits,
 * in the kernel, until the page reports (window.__reglabAck -> a file in REGLAB_BROWSER_ACKS) that it DREW
 * frame n before it computes frame n + 1, so every frame is proven drawn while the cell runs; the notebooks'
 * live plots must apply every update that reached the page, change, and end showing their final figure.
 *
 * Every saved notebook carries plotly.js exactly once (none in the CDN fixture); its size is logged.
 *
 * Then executed notebooks (as the frontend saved them; the fixture also executed by the runner) go through
 * `jupyter nbconvert --to html` and are opened from file://: the figures draw offline. Classic: every
 * notebook; the other frontends: the fixture and 02_layer_norm.
 *
 * Two small fixtures (tests/fixtures/browser) run first: one proves the harness passes a good page, the
 * other that it catches a figure that needs a CDN (where the HTML fallback draws). Skips with the reason when
 * Chromium, a frontend, the kernel spec or dist/ is missing, except under CI=true, where that fails.
 * Left out: VS Code, the other student copies, and the demo/training cells of the student copy (kept out to
 * save time; tests/notebooks/run-students runs every cell of every student copy headless).
 */
import * as fs from 'fs';
import * as path from 'path';
import type { ExpectStatic, TestContext } from 'vitest';
import { isCodeCell, joinMultiline, readNotebook, writeNotebook } from '../../src/tools/notebook/notebook-io';
import { executeNotebook } from '../../src/tools/notebook/runner/execute';
import { launchChromium, type Browser } from './chromium';
import { PLOTLY_PLUGIN, type FoundVariant } from './frontends';
import { startJupyter, type JupyterServer } from './jupyter-server';
import { allowedNoise, logProblems, notebookProblems, staticProblems, type NotebookExpectations } from './judge';
import { runNotebookInLab } from './lab-page';
import { runNotebookInPage, type NotebookRun, type RunOptions } from './notebook-page';
import { findPrerequisites, inCI, ROOT } from './prerequisites';
import { exportHtml, openStaticHtml } from './static-html';
import { prepareWorkspace, type Workspace } from './workspace';
import { NAMES, sourcePath, studentPath } from '../notebooks/helpers';
import { checkCells } from '../../src/tools/grader/check-cells';
import { CHECK_MIME as CHECK } from '../../src/lib/checks/result';
import { MIME } from '../../src/lib/display/transport';

const SHOTS = path.join(ROOT, 'artifacts', 'browser');
const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'browser');
const GOOD_FIXTURE = 'figure-live-check.ipynb';
const CDN_FIXTURE = 'cdn-figure.ipynb';
/** The student copy opened in the browser (copied as `student-<name>`): the quickest notebook. */
const STUDENT = '02_layer_norm';
const STUDENT_COPY = `student-${STUDENT}.ipynb`;
/** Per notebook: Run All must finish within this (a hang guard: a notebook takes 10-40 s alone on idle cores). */
const RUN_TIMEOUT_MS = 600_000;

const pre = findPrerequisites();
/** The five instructor notebooks (the names the notebooks issue fixes); a missing one fails its test. */
const sources = NAMES.map(sourcePath).filter((f) => fs.existsSync(f));
const timings: Record<string, number> = {};
let browser: Promise<Browser> | undefined;

/** Skips with the reason outside CI; under CI=true a missing prerequisite is a failure. */
export function needPrerequisites(ctx: TestContext, found?: FoundVariant): void {
  const missing = [...pre.missing, ...(found?.missing ? [found.missing] : [])];
  if (missing.length === 0) return;
  const reason = `browser test needs: ${missing.join('; ')}`;
  if (inCI()) throw new Error(`${reason} (CI=true: not skipping)`);
  console.warn(`SKIPPED ${ctx.task.name}: ${reason}`);
  ctx.skip(reason);
}

function summarize(variant: string, run: NotebookRun): string {
  const live = Object.values(run.view.live).filter((r) => r.figure);
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const renderers = [...new Set(run.view.figures.map((f) => f.renderer ?? 'html'))].join('+') || '-';
  return `[${variant}] ${run.name}: open+kernel ${s(run.openMs)}, run ${s(run.runMs)}, save ${s(run.saveMs)}, ` +
    `screenshot ${s(run.screenshotMs)}, kernel shutdown ${s(run.shutdownMs)}, total ${s(run.totalMs)}; ` +
    `${run.view.figures.length} figures (${renderers}), ${run.view.checks.length} checks, ` +
    `${live.length} live figure(s) with ${live.map((r) => r.updates).join('+') || 0} updates` +
    live.map((r) => ` [cell ${r.cell}: ${(r.whileRunning ?? []).filter((w) => w === true).length}/${r.updates} applied while the cell ran, ` +
      `frames by ${[...new Set(r.renderers ?? [])].join('+')}]`).join('') + noiseNote(run.log);
}

/** The console errors the judge let through as known noise, so a reader of the log still sees them. */
function noiseNote(log: NotebookRun['log']): string {
  const noise = allowedNoise(log);
  return noise.length ? `; allowed known console noise: ${noise.join(' | ')}` : '';
}

/** How many outputs of a saved notebook carry plotly.js (our library output), and the file's size in bytes. */
export function plotlyCopies(ipynb: string): { copies: number; bytes: number } {
  const nb = readNotebook(ipynb);
  let copies = 0;
  for (const cell of nb.cells.filter(isCodeCell)) {
    for (const out of cell.outputs) {
      const html = (out as { data?: Record<string, unknown> }).data?.[MIME.html];
      if (/class="reglab-plotly-library"/.test(Array.isArray(html) ? html.join('') : String(html ?? ''))) copies++;
    }
  }
  return { copies, bytes: fs.statSync(ipynb).size };
}

/** What the HTML export of an executed notebook must show: its figure count and its checks' pass flags. */
function expectedInHtml(ipynb: string): { figures: number; checks: boolean[] } {
  const nb = readNotebook(ipynb);
  let figures = 0;
  const checks: boolean[] = [];
  for (const cell of nb.cells.filter(isCodeCell)) {
    for (const out of cell.outputs) {
      const data = (out as { data?: Record<string, unknown> }).data ?? {};
      if (data[MIME.plotly] || /class="reglab-figure"/.test(String(data[MIME.html] ?? ''))) figures++;
      if (data[CHECK]) checks.push(!!(data[CHECK] as { passed?: boolean }).passed);
    }
  }
  return { figures, checks };
}

/**
 * Runs one variant: its own Jupyter server and workspace, the fixtures, then (allNotebooks) every
 * instructor notebook, the student copy and the HTML exports, one after another. Every finding is a soft
 * expectation named by variant and notebook, so one run reports all of them.
 */
export async function runVariant(found: FoundVariant, expect: ExpectStatic): Promise<void> {
  const { variant, frontend } = found;
  const executed: string[] = [];   // notebooks in the workspace that ran in the browser and were saved
  const shot = (name: string, suffix = '') => path.join(SHOTS, variant.name, name.replace(/\.ipynb$/, '') + suffix + '.png');
  const t0 = Date.now();
  const files: (string | [string, string])[] = [path.join(FIXTURES, GOOD_FIXTURE), path.join(FIXTURES, CDN_FIXTURE)];
  if (variant.allNotebooks) files.push(...sources, [studentPath(STUDENT), STUDENT_COPY]);
  const workspace = prepareWorkspace(files);
  const ackDir = path.join(workspace.dir, '.acks');
  fs.mkdirSync(ackDir);
  let server: JupyterServer | undefined;
  try {
    browser ??= launchChromium(pre.chromium);
    server = await startJupyter({
      jupyter: frontend!.jupyter, frontend: variant.frontend, notebookDir: workspace.dir, kernelDataDir: pre.kernelDataDir,
      disabledPlugins: variant.plotlyExtension === 'off' ? [PLOTLY_PLUGIN] : [], env: { REGLAB_BROWSER_ACKS: ackDir },
    });
    const page = await browser;
    timings[`${variant.name}: start server`] = Date.now() - t0;
    const label = (what: string) => `[${variant.name}] ${what}`;

    const runInBrowser = async (name: string, cells?: number[]): Promise<NotebookRun> => {
      const opts: RunOptions = {
        runTimeoutMs: RUN_TIMEOUT_MS, screenshotPath: shot(name), cells, expectUndrawn: name === CDN_FIXTURE,
        onAck: (id, n) => fs.writeFileSync(path.join(ackDir, `${id}-${n}`), ''),
      };
      const run = variant.frontend === 'classic'
        ? await runNotebookInPage(page, server!, name, opts)
        : await runNotebookInLab(page, server!, name, { ...opts, app: variant.frontend });
      timings[`${variant.name}: ${name}`] = run.totalMs;
      const saved = plotlyCopies(path.join(workspace.dir, name));
      console.log(summarize(variant.name, run) + `; saved ${(saved.bytes / 1e6).toFixed(2)} MB with ${saved.copies} plotly.js copy(ies)`);
      // A saved notebook carries plotly.js once: its setup cell's initPlotly() (or, in the fixture, its first figure).
      expect.soft(saved.copies, label(`${name}: plotly.js copies in the saved notebook`)).toBe(name === CDN_FIXTURE ? 0 : 1);
      for (const e of run.log.errors) if (e.stack) console.log(`${label(name)}: page error stack: ${e.stack.split('\n').slice(0, 6).join(' | ')}`);
      return run;
    };
    const expectations = (e: Omit<NotebookExpectations, 'renderer'>): NotebookExpectations => ({ ...e, renderer: variant.renderer });

    const checkHtmlExport = async (ipynb: string, name: string): Promise<void> => {
      const t1 = Date.now();
      const html = await exportHtml(pre.jupyter, ipynb, path.join(workspace.dir, 'html'));
      const exportMs = Date.now() - t1;
      const expected = expectedInHtml(ipynb);
      const res = await openStaticHtml(page, html, expected.figures, { timeoutMs: 300_000, screenshotPath: shot(name, '.html') });
      timings[`${variant.name}: ${name} (html)`] = exportMs + res.loadMs;
      console.log(`${label(name)} as nbconvert HTML: export ${(exportMs / 1000).toFixed(1)} s, load+draw ${(res.loadMs / 1000).toFixed(1)} s, ` +
        `${res.view.figures.length}/${expected.figures} figures, ${res.view.checks.length} badges, blocked requests: ${res.log.blocked.length}` +
        noiseNote(res.log));
      expect.soft(expected.figures, `${label(name)}: the executed notebook holds no Plotly figure`).toBeGreaterThan(0);
      expect.soft(staticProblems(res.view, res.log, expected), `${label(name)} as HTML from file://`).toEqual([]);
    };

    // Harness: a fixture with a figure, a live figure and two checks renders as expected, every live frame
    // drawn by the page before the kernel computed the next one.
    const good = await runInBrowser(GOOD_FIXTURE);
    executed.push(GOOD_FIXTURE);
    expect.soft(notebookProblems(good, expectations({ checks: 'as-json', minFigures: 2, minChecks: 2, minLiveFigures: 1, liveAcks: true })), label(GOOD_FIXTURE)).toEqual([]);
    expect.soft(good.view.checks.map((c) => [c.id, c.pass]), label(`${GOOD_FIXTURE} badges`)).toEqual([['fixture-pass', true], ['fixture-fail', false]]);
    const live = Object.values(good.view.live).filter((r) => r.figure);
    expect.soft(live.map((r) => [r.updates, r.acked]), label(`${GOOD_FIXTURE}: updates and acknowledged frames`)).toEqual([[9, 9]]); // 8 frames + close()
    const saved = readNotebook(path.join(workspace.dir, GOOD_FIXTURE)).cells.filter(isCodeCell)
      .flatMap((c) => c.outputs as { name?: string; text?: string | string[] }[])
      .filter((o) => o.name === 'stdout').map((o) => (Array.isArray(o.text) ? o.text.join('') : o.text)).join('');
    expect.soft(saved, label(`${GOOD_FIXTURE}: the kernel saw every frame drawn`)).toContain('frames drawn by the page while the cell ran: 8/8');

    // Harness: where the HTML fallback draws, a figure that loads plotly.js from a CDN is caught.
    if (variant.renderer === 'html') {
      const cdn = await runInBrowser(CDN_FIXTURE);
      expect.soft(notebookProblems(cdn, { checks: 'as-json', minFigures: 1, minChecks: 0, minLiveFigures: 0 }), label('the harness must report the undrawn figure'))
        .toContain("cell 1 output 0: figure 'needs the CDN' was not drawn: no .js-plotly-plot in its output");
      expect.soft(cdn.log.blocked.some((u) => u.startsWith('https://cdn.plot.ly/')), label(`CDN request blocked: ${JSON.stringify(cdn.log.blocked)}`)).toBe(true);
      expect.soft(logProblems(cdn.log).length, label('CDN fixture: log problems')).toBeGreaterThan(0);
    }

    if (variant.allNotebooks) {
      expect.soft(sources.map((f) => path.basename(f)), label('notebooks/source/')).toEqual(NAMES.map((n) => `${n}.ipynb`));
      for (const file of sources) {
        const name = path.basename(file);
        const checkIds = checkCells(readNotebook(file), file).map((c) => c.id);
        const run = await runInBrowser(name);
        executed.push(name);
        expect.soft(notebookProblems(run, expectations({ checks: 'pass', minFigures: 1, minChecks: 1, minLiveFigures: 1, checkIds })), label(name)).toEqual([]);
      }
      // The student copy: setup, exercise and check cells run (not the experiments, which call the
      // unimplemented exercises and would stop with an error); every check shows a TODO badge.
      const student = readNotebook(studentPath(STUDENT));
      const checks = checkCells(student, studentPath(STUDENT));
      const checkIds = checks.map((c) => c.id);
      const checkAt = new Set(checks.map((c) => c.index));
      const cells = student.cells;
      const firstCode = cells.findIndex(isCodeCell);
      const ranCells = cells.flatMap((c, i) => isCodeCell(c) &&
        (i === firstCode || checkAt.has(i) || /NotImplementedError/.test(joinMultiline(c.source))) ? [i] : []);
      const run = await runInBrowser(STUDENT_COPY, ranCells);
      expect.soft(checkIds.length, label('graded checks in the student copy')).toBeGreaterThan(0);
      expect.soft(notebookProblems(run, expectations({ checks: 'todo', ranCells, minFigures: 0, minChecks: checkIds.length, minLiveFigures: 0, checkIds })), label(STUDENT_COPY))
        .toEqual([]);
    }

    // Executed notebooks through nbconvert --to html, opened from file:// with no network. Classic: the fixture
    // executed headless by the project's runner too, then every notebook as classic saved it; the other
    // frontends save the same outputs (JupyterLab's plotly renderer adds a PNG): the fixture and 02 suffice there.
    if (variant.frontend === 'classic') {
      const copy = path.join(workspace.dir, GOOD_FIXTURE);
      const byRunner = path.join(workspace.dir, 'runner-' + GOOD_FIXTURE);
      const t1 = Date.now();
      const result = await executeNotebook(readNotebook(copy), { notebookPath: copy, cellTimeoutMs: 120_000 });
      timings[`runner: execute ${GOOD_FIXTURE}`] = Date.now() - t1;
      expect.soft(result.cells.filter((c) => c.status !== 'ok' && c.status !== 'skipped'), `runner on ${GOOD_FIXTURE}`).toEqual([]);
      writeNotebook(byRunner, result.notebook);
      await checkHtmlExport(byRunner, 'runner-' + GOOD_FIXTURE);
    }
    const names = variant.frontend === 'classic' ? executed : executed.filter((n) => n === GOOD_FIXTURE || n === `${STUDENT}.ipynb`);
    for (const name of names) await checkHtmlExport(path.join(workspace.dir, name), name);
  } finally {
    await server?.stop().catch(() => undefined);
    workspace.cleanup();
  }
}

/** Closes the browser the variants shared and writes artifacts/browser/timings.json. */
export async function closeBrowser(): Promise<void> {
  const t0 = Date.now();
  await (await browser?.catch(() => undefined))?.close().catch(() => undefined);
  if (Object.keys(timings).length) {
    timings['stop browser'] = Date.now() - t0;
    fs.mkdirSync(SHOTS, { recursive: true });
    fs.writeFileSync(path.join(SHOTS, 'timings.json'), JSON.stringify(timings, null, 1) + '\n');
    console.log('browser test timings (ms):', JSON.stringify(timings));
  }
}
