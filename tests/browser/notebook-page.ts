/**
 * Driving one notebook through classic Notebook's own UI in Chromium (lab-page.ts does JupyterLab and Notebook 7): open it, wait for the kernel, click
 * Cell > Run All (or run only the given cells, as a learner would one by one), wait until no cell is
 * running and the kernel is idle, read what the page shows (via
 * page-probe.js), save the executed notebook, take a full-page screenshot, shut the kernel down.
 *
 * Left out: judging the result (the test does), editing cells, widgets.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';
import type { Browser, PageLog } from './chromium';
import type { JupyterServer } from './jupyter-server';

export const PROBE_SOURCE = fs.readFileSync(path.join(__dirname, 'page-probe.js'), 'utf8');

export interface PlotState {
  found: boolean; marks: number; drawnTraces: number; dataTraces: number; points: number[];
  title?: string; width?: number; height?: number;
  /** A live frame the next update replaced before the page drew it (a busy page skips frames). */
  superseded?: boolean;
}
export interface FigureState extends PlotState {
  cell: number; output: number;
  /** Traces, title and per-trace point counts in the output's Plotly JSON (what should have been drawn). */
  jsonTraces: number; jsonTitle: string; jsonPoints?: number[];
  /** Who drew it: plotly's JupyterLab extension ('native') or our HTML fallback ('html'). */
  renderer?: 'native' | 'html' | 'none' | 'other';
}
export interface BadgeState {
  found: boolean; pass?: boolean; fail?: boolean;
  /** Class reglab-todo: the exercise still throws NotImplementedError (a student copy). */
  todo?: boolean;
  visible?: boolean; text?: string;
  expectedPass: boolean | null; cell?: number; id?: string; message?: string;
}
/** One display id that received update_display_data (a live figure or a progress line). */
export interface LiveRecord {
  cell: number;
  /** Index of its output in the cell. */
  output?: number;
  /** The output is a figure (carries Plotly JSON or our figure HTML), not a progress line. */
  figure: boolean;
  /** update_display_data messages for it that reached the page. */
  received?: number;
  /** Updates the page applied to the output. */
  updates: number;
  /** The drawn figure after each update. */
  states: PlotState[];
  /** Per update: who drew it ('native', 'html', 'none' when nothing was drawn). */
  renderers?: string[];
  /** Per update: the page applied it while its cell was still running (null: unknown). */
  whileRunning?: (boolean | null)[];
  /** Updates the page reported drawn to the test (window.__reglabAck), in order. */
  acked?: number;
}
export interface NotebookView {
  cells: {
    index: number; executionCount: number | null;
    /** execute_reply status seen by the page ('ok', 'error', 'aborted'); null if no reply. */
    status: string | null;
    /** stderr stream text (tslab prints TypeScript compile errors there). */
    stderr: string;
    outputs: number; elements: number; source: string;
  }[];
  figures: FigureState[];
  checks: BadgeState[];
  errors: { cell: number; ename: string; evalue: string }[];
  live: Record<string, LiveRecord>;
}
export interface RunState { kernelReady: boolean; running: number; idle: boolean; codeCells: number; withCount: number }

export interface NotebookRun {
  name: string;
  view: NotebookView;
  log: PageLog;
  /** Wall times (ms): page load until the kernel is ready; Run All until the last cell is done; saving;
   *  the screenshot; the kernel shutdown; everything. */
  openMs: number;
  runMs: number;
  saveMs: number;
  screenshotMs: number;
  shutdownMs: number;
  totalMs: number;
  screenshot: string;
}

export interface RunOptions {
  runTimeoutMs: number;
  screenshotPath: string;
  /** Run only these cells (indices in the notebook, in this order) instead of Cell > Run All. */
  cells?: number[];
  /** Called by the page each time it has drawn update `n` of live figure `displayId` (exposed as window.__reglabAck). */
  onAck?: (displayId: string, n: number) => void;
  /** The notebook holds a figure that must stay undrawn (the CDN fixture): after the run, wait for live figures only. */
  expectUndrawn?: boolean;
}

export async function runNotebookInPage(browser: Browser, server: JupyterServer, name: string,
  opts: RunOptions): Promise<NotebookRun> {
  const t0 = Date.now();
  const { page, log } = await browser.openPage([server.baseUrl]);
  let tRun: number;
  try {
    if (opts.onAck) await page.exposeFunction('__reglabAck', opts.onAck);
    await page.goto(`${server.baseUrl}/notebooks/${encodeURIComponent(name)}?token=${server.token}`, { waitUntil: 'load' });
    await page.waitForFunction('window.Jupyter && Jupyter.notebook && Jupyter.notebook._fully_loaded', null, { timeout: 300_000 });
    await page.evaluate(PROBE_SOURCE);
    await page.waitForFunction('window.__reglabProbe.runState().kernelReady', null, { timeout: 300_000 });
    await page.evaluate('window.__reglabProbe.watchLiveUpdates()');
    tRun = Date.now();
    if (opts.cells) {
      await page.evaluate(`Jupyter.notebook.execute_cells(${JSON.stringify(opts.cells)})`);
    } else {
      await page.click('#celllink');
      await page.click('#run_all_cells > a');
    }
  } catch (e) {
    await page.close();
    throw e;
  }
  return finishRun({ page, log, server, name, opts, t0, tRun }, {
    probe: 'window.__reglabProbe', save: 'Jupyter.notebook.save_notebook()', screenshot: screenshotWholeNotebook,
  });
}

/** How a frontend's page is read, saved and photographed once its run has started. */
export interface PageDriver {
  /** The in-page probe object (runState, collectNotebook). */
  probe: string;
  /** An expression that saves the notebook (awaited). */
  save: string;
  screenshot(page: Page, file: string): Promise<void>;
}

/**
 * Waits for a started run to finish, reads the page, saves, takes the screenshot, closes the page and then
 * shuts the kernel down (after the page is gone, so it logs nothing about a vanished kernel).
 */
export async function finishRun(run: { page: Page; log: PageLog; server: JupyterServer; name: string; opts: RunOptions; t0: number; tRun: number },
  driver: PageDriver): Promise<NotebookRun> {
  const { page, log, server, name, opts, t0, tRun } = run;
  let result: NotebookRun;
  try {
    await waitUntilDone(page, driver.probe, opts.runTimeoutMs, name, opts.cells);
    const runMs = Date.now() - tRun;
    await waitForFiguresSettled(page, driver.probe, opts.runTimeoutMs, !opts.expectUndrawn); // the last figure drawn, the live samples landed
    if (opts.expectUndrawn) { // the figure that must stay undrawn asks for its CDN script: wait for that request (blocked)
      const guard = Date.now() + opts.runTimeoutMs;
      while (log.blocked.length === 0 && Date.now() < guard) await page.waitForTimeout(100);
    }
    const view = (await page.evaluate(`${driver.probe}.collectNotebook()`)) as NotebookView;
    let t = Date.now();
    await page.evaluate(driver.save);
    const saveMs = Date.now() - t;
    t = Date.now();
    await driver.screenshot(page, opts.screenshotPath);
    const screenshotMs = Date.now() - t;
    result = { name, view, log, openMs: tRun - t0, runMs, saveMs, screenshotMs, shutdownMs: 0, totalMs: 0, screenshot: opts.screenshotPath };
  } finally {
    await page.close();
  }
  const tShutdown = Date.now();
  await server.shutdownKernels();
  result.shutdownMs = Date.now() - tShutdown;
  result.totalMs = Date.now() - t0;
  return result;
}

/** Waits for the run to start and then finish: no running cell, kernel idle (`probe`.runState()). */
export async function waitUntilDone(page: Page, probe: string, timeoutMs: number, name: string, cells?: number[]): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let started = false;
  let state: RunState | undefined;
  while (Date.now() < deadline) {
    state = (await page.evaluate(`${probe}.runState(${cells ? JSON.stringify(cells) : ''})`)) as RunState;
    if (state.running > 0) started = true;
    if ((started || state.withCount === state.codeCells) && state.running === 0 && state.idle) return;
    await page.waitForTimeout(250);
  }
  throw new Error(`${name}: the run did not finish within ${timeoutMs} ms (last state ${JSON.stringify(state)})`);
}

/** MathJax 2 (classic Notebook and nbconvert HTML) has typeset everything and hidden its status box. */
export const MATHJAX_IDLE = `(function () {
  var hub = window.MathJax && window.MathJax.Hub;
  if (!hub || !hub.queue) return true;
  var box = document.getElementById('MathJax_Message');
  return hub.queue.pending === 0 && !hub.queue.running && (!box || box.style.display === 'none' || box.textContent === '');
})()`;

/**
 * After the run: waits until every figure output has drawn marks and every live figure's last update was
 * drawn (an event, not a fixed pause: a loaded machine only makes it later). `guardMs` is a hang guard; when
 * it expires the caller's judge reports what is not drawn.
 */
export async function waitForFiguresSettled(page: Page, probe: string, guardMs: number, allFigures = true): Promise<void> {
  const settled = `(function () { var v = ${probe}.collectNotebook();
    var live = Object.keys(v.live).every(function (k) { var r = v.live[k], s = r.states[r.states.length - 1];
      return !r.figure || (s && s.found && s.marks > 0); });
    return live && (${!allFigures} || v.figures.every(function (f) { return f.marks > 0; })); })()`;
  await page.waitForFunction(settled, null, { timeout: guardMs, polling: 250 }).catch(() => undefined);
}

/** Waits (at most `ms`) for MathJax to finish, so screenshots show typeset equations, not a loading box. */
export async function waitForMathJax(page: Page, ms = 20_000): Promise<void> {
  await page.waitForFunction(MATHJAX_IDLE, null, { timeout: ms, polling: 200 }).catch(() => undefined);
}

/** Classic Notebook scrolls inside #site, so a full-page shot needs a viewport as tall as the notebook. */
async function screenshotWholeNotebook(page: Page, file: string): Promise<void> {
  const height = (await page.evaluate(
    `(function () { var site = document.getElementById('site');
       return document.getElementById('header').offsetHeight + (site ? site.scrollHeight : document.body.scrollHeight); })()`,
  )) as number;
  const viewport = page.viewportSize() ?? { width: 1280, height: 900 };
  await page.setViewportSize({ width: viewport.width, height: Math.min(Math.max(height, 600), 30_000) });
  await page.waitForTimeout(300);
  await waitForMathJax(page);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file, fullPage: true });
}
