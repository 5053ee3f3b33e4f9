/**
 * An executed notebook as a learner may share it: `jupyter nbconvert --to html`, opened from disk
 * (file://) in Chromium with every non-file request blocked and recorded. Reads the drawn figures and
 * check badges with page-probe.js and takes a full-page screenshot.
 *
 * Left out: executing the notebook (the test does that with the runner or takes the copy the browser
 * saved), other nbconvert formats.
 */
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { promisify } from 'util';
import type { Browser, PageLog } from './chromium';
import { isolatedJupyterEnv } from './jupyter-server';
import { PROBE_SOURCE, waitForMathJax, type BadgeState, type PlotState } from './notebook-page';

export interface StaticView { figures: PlotState[]; checks: BadgeState[]; plotlyLoaded: boolean }
export interface StaticRun { html: string; view: StaticView; log: PageLog; loadMs: number; screenshot: string }

/** Runs `jupyter nbconvert --to html` into `outDir` with throwaway Jupyter config/runtime dirs; returns the HTML path. */
export async function exportHtml(jupyter: string, ipynb: string, outDir: string): Promise<string> {
  const { env, cleanup } = isolatedJupyterEnv();
  try {
    await promisify(execFile)(jupyter, ['nbconvert', '--to', 'html', '--output-dir', outDir, ipynb],
      { env, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 });
  } finally {
    cleanup();
  }
  const html = path.join(outDir, path.basename(ipynb).replace(/\.ipynb$/, '.html'));
  if (!fs.existsSync(html)) throw new Error(`nbconvert wrote no ${html}`);
  return html;
}

/**
 * Opens `html` from disk and waits until `expectedFigures` Plotly graphs exist and every one drew marks (an
 * event; `timeoutMs` is only a hang guard), then reads the page. Resolves either way; the caller judges the view.
 */
export async function openStaticHtml(browser: Browser, html: string, expectedFigures: number,
  opts: { timeoutMs: number; screenshotPath: string }): Promise<StaticRun> {
  const t0 = Date.now();
  const { page, log } = await browser.openPage([]);
  try {
    await page.goto('file://' + path.resolve(html), { waitUntil: 'load', timeout: opts.timeoutMs });
    await page.evaluate(PROBE_SOURCE);
    const drawn = `(function () { var v = window.__reglabProbe.collectStatic();
      return v.figures.length >= ${expectedFigures} && v.figures.every(function (f) { return f.marks > 0; }); })()`;
    await page.waitForFunction(drawn, null, { timeout: opts.timeoutMs, polling: 250 }).catch(() => undefined);
    await page.waitForTimeout(300);
    await waitForMathJax(page);
    const view = (await page.evaluate('window.__reglabProbe.collectStatic()')) as StaticView;
    const loadMs = Date.now() - t0;
    fs.mkdirSync(path.dirname(opts.screenshotPath), { recursive: true });
    await page.screenshot({ path: opts.screenshotPath, fullPage: true });
    return { html, view, log, loadMs, screenshot: opts.screenshotPath };
  } finally {
    await page.close();
  }
}
