/**
 * Driving one notebook through JupyterLab 4's or Notebook 7's own UI in Chromium: open it (Lab: with a reset
 * workspace, so no earlier notebook's tab comes back), wait for its kernel, click Run > Run All Cells (or run
 * only the given cells one by one, as a learner would), wait until no cell is running and the kernel is idle,
 * read what the page shows (page-probe.js + lab-probe.js), save, take a full-notebook screenshot.
 * The same NotebookRun as the classic driver (notebook-page.ts), so the judge is shared.
 *
 * Left out: judging (the test does), editing cells, widgets, the file browser.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';
import type { Browser } from './chromium';
import type { JupyterServer } from './jupyter-server';
import { PROBE_SOURCE, finishRun, type NotebookRun, type RunOptions } from './notebook-page';

export const LAB_PROBE_SOURCE = fs.readFileSync(path.join(__dirname, 'lab-probe.js'), 'utf8');

const PROBE = 'window.__reglabLabProbe';

export async function runNotebookInLab(browser: Browser, server: JupyterServer, name: string,
  opts: RunOptions & { app: 'lab' | 'notebook7' }): Promise<NotebookRun> {
  const t0 = Date.now();
  const { page, log } = await browser.openPage([server.baseUrl]);
  let tRun: number;
  try {
    if (opts.onAck) await page.exposeFunction('__reglabAck', opts.onAck);
    const file = encodeURIComponent(name);
    const url = opts.app === 'lab'
      ? `${server.baseUrl}/lab/tree/${file}?reset&token=${server.token}`
      : `${server.baseUrl}/notebooks/${file}?token=${server.token}`;
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction(`(function () { var w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
      return !!(w && w.sessionContext && w.context && w.context.path === ${JSON.stringify(name)}); })()`, null, { timeout: 300_000 });
    await page.evaluate(PROBE_SOURCE);
    await page.evaluate(LAB_PROBE_SOURCE);
    await page.waitForFunction(`${PROBE}.kernelReady()`, null, { timeout: 300_000 });
    await page.evaluate(`${PROBE}.watchLiveUpdates()`);
    tRun = Date.now();
    if (opts.cells) {
      await page.evaluate(`(async function () {
        var app = window.jupyterapp, nb = app.shell.currentWidget.content;
        for (var i of ${JSON.stringify(opts.cells)}) { nb.activeCellIndex = i; await app.commands.execute('notebook:run-cell'); }
      })()`);
    } else {
      await page.click('.lm-MenuBar-item:has-text("Run")');
      await page.click('.lm-Menu-item[data-command="runmenu:run-all"]');
    }
  } catch (e) {
    await page.close();
    throw e;
  }
  return finishRun({ page, log, server, name, opts, t0, tRun }, {
    probe: PROBE, save: 'window.jupyterapp.shell.currentWidget.context.save()', screenshot: screenshotWholeNotebook,
  });
}

/** The notebook scrolls inside its panel: scroll it to the top, grow the viewport by what is hidden, shoot the whole page. */
async function screenshotWholeNotebook(page: Page, file: string): Promise<void> {
  const hidden = (await page.evaluate(`(function () {
    var cell = document.querySelector('.jp-Notebook .jp-Cell'), el = cell, extra = 0;
    while (el && el !== document.body) {
      var st = getComputedStyle(el);
      if (/(auto|scroll)/.test(st.overflowY) && el.scrollHeight > el.clientHeight + 1) {
        extra = Math.max(extra, el.scrollHeight - el.clientHeight);
        el.scrollTop = 0;
      }
      el = el.parentElement;
    }
    return extra;
  })()`)) as number;
  const viewport = page.viewportSize() ?? { width: 1280, height: 900 };
  await page.setViewportSize({ width: viewport.width, height: Math.min(viewport.height + hidden, 30_000) });
  await page.waitForTimeout(500);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file, fullPage: true });
}
