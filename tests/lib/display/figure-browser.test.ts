/**
 * The HTML fallback draws offline in a real browser: headless Chromium opens a file:// page made of
 * the outputs a notebook would hold (the plotly.js library output, then figures), with every network
 * request blocked, and we count the SVG paths Plotly drew. One figure sits before the library in the
 * page to exercise the "wait for plotly.js" path; require.js is loaded first, as in classic Notebook.
 * Then the two other sources of plotly-page.ts: a page served like Jupyter's (its config names the base URL)
 * whose notebook lost its library output draws from <base>kernelspecs/reglab-ts/plotly-basic.min.js, and a
 * file:// page without it keeps the "not drawn" text (nothing to load from, nothing thrown).
 */
import { createServer, type Server } from 'http';
import { AddressInfo } from 'net';
import { readFileSync } from 'fs';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type Browser } from '../../browser/chromium';
import { figureHtml } from '../../../src/lib/display/figure-bundle';
import { plotlyLibraryHtml, plotlyLibraryPath } from '../../../src/lib/display/plotly-library';
import { KERNEL_SPEC_NAME, PLOTLY_RESOURCE } from '../../../src/lib/display/plotly-page';
import { lossCurves } from '../../../src/lib/plots/loss-curves';
import { expectedActivation } from '../../../src/lib/plots/dropout-scaling';

const CHROMIUM = '/usr/bin/chromium';
const REQUIRE_JS = '/usr/share/javascript/requirejs/require.min.js';
let browser: Browser | undefined;
let dir = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'reglab-browser-'));
  if (existsSync(CHROMIUM)) browser = await launchChromium(CHROMIUM); // fresh profile, network blocked and logged
});

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('figure HTML in headless Chromium', () => {
  it.skipIf(!existsSync(CHROMIUM))('draws every figure offline, including one placed before the library', async () => {
    const history = [1, 2, 3, 4, 5].map((e) => ({ epoch: e, trainLoss: 3 - e / 3, valLoss: 3 - e / 5 }));
    const loss = lossCurves([{ name: 'A', history, bestEpoch: 5 }], { baselines: { bigram: 2.5 } });
    const bars = expectedActivation({ keepProbs: [0.5, 0.8], withScaling: [1, 1], withoutScaling: [0.5, 0.8], reference: 1 });
    const requireJs = existsSync(REQUIRE_JS) ? `<script src="file://${REQUIRE_JS}"></script>` : '';
    const page = `<!doctype html><html><head><meta charset="utf-8">${requireJs}</head><body>
      <div class="cell">${figureHtml(bars, 'early')}</div>
      <div class="cell">${plotlyLibraryHtml()}</div>
      <div class="cell">${figureHtml(loss, 'first')}</div>
      <div class="cell">${figureHtml(loss, 'again')}</div>
    </body></html>`;
    const file = join(dir, 'figures.html');
    writeFileSync(file, page);

    const { page: tab, log } = await browser!.openPage([]);
    await tab.goto(`file://${file}`);
    await tab.waitForFunction(() => document.querySelectorAll('.js-plotly-plot').length === 3, undefined, { timeout: 15_000 });

    const drawn = await tab.evaluate(() => ['early', 'first', 'again'].map((id) => {
      const el = document.getElementById(id)!;
      return { plot: el.classList.contains('js-plotly-plot'), paths: el.querySelectorAll('svg path').length, traces: el.querySelectorAll('.trace').length, text: el.querySelector('.gtitle, .legendtext')?.textContent ?? '' };
    }));
    await tab.close();

    expect(log.errors).toEqual([]);
    expect(log.blocked).toEqual([]);
    for (const d of drawn) {
      expect(d.plot).toBe(true);
      expect(d.paths).toBeGreaterThan(5);
    }
    expect(drawn[1].traces).toBeGreaterThanOrEqual(4); // train, val, best marker, bigram
  });

  it.skipIf(!existsSync(CHROMIUM))("inside Jupyter without the notebook's copy: draws from the server's kernel spec folder", async () => {
    const fig = lossCurves([{ name: 'A', history: [1, 2, 3].map((e) => ({ epoch: e, trainLoss: 3 - e / 3, valLoss: 3 - e / 5 })) }]);
    const resource = `/lab-base/kernelspecs/${KERNEL_SPEC_NAME}/${PLOTLY_RESOURCE}`;
    const requests: string[] = [];
    const body = `<!doctype html><html><head><meta charset="utf-8">
      <script id="jupyter-config-data" type="application/json">{"baseUrl": "/lab-base/"}</script></head><body>
      <div class="cell">${figureHtml(fig, 'one')}</div><div class="cell">${figureHtml(fig, 'two')}</div></body></html>`;
    const server: Server = createServer((req, res) => {
      requests.push(req.url ?? '');
      if (req.url === resource) { res.writeHead(200, { 'content-type': 'text/javascript' }); res.end(readFileSync(plotlyLibraryPath()!)); return; }
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(body);
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const { page: tab, log } = await browser!.openPage([origin]);
      await tab.goto(`${origin}/lab-base/notebooks/x.ipynb`);
      await tab.waitForFunction(() => document.querySelectorAll('.js-plotly-plot').length === 2, undefined, { timeout: 60_000 });
      await tab.close();
      expect(log.errors).toEqual([]);
      expect(log.blocked).toEqual([]);
      expect(requests.filter((u) => u === resource)).toHaveLength(1); // fetched once for both figures
    } finally {
      server.close();
    }
  });

  it.skipIf(!existsSync(CHROMIUM))('from file:// without any copy: the figure keeps its text, nothing is thrown or fetched', async () => {
    const fig = lossCurves([{ name: 'A', history: [{ epoch: 1, trainLoss: 3, valLoss: 3.1 }] }]);
    const file = join(dir, 'no-library.html');
    writeFileSync(file, `<!doctype html><html><body>${figureHtml(fig, 'lonely')}<p id="end">end</p></body></html>`);
    const { page: tab, log } = await browser!.openPage([]);
    await tab.goto(`file://${file}`);
    await tab.waitForFunction(() => !!(window as unknown as { reglabPlotly?: unknown }).reglabPlotly);
    const text = await tab.evaluate(() => document.getElementById('lonely')!.textContent);
    await tab.close();
    expect(text).toMatch(/^Plotly figure: drawing needs JavaScript and plotly.js/);
    expect(log.errors).toEqual([]);
    expect(log.blocked).toEqual([]);
  });
});
