/**
 * The HTML fallback draws offline in a real browser: headless Chromium opens a file:// page made of
 * the outputs a notebook would hold (the plotly.js library output, then figures), with every network
 * request blocked, and we count the SVG paths Plotly drew. One figure sits before the library in the
 * page to exercise the "wait for window.Plotly" path; require.js is loaded first, as in classic Notebook.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type Browser } from '../../browser/chromium';
import { figureHtml } from '../../../src/lib/display/figure-bundle';
import { plotlyLibraryHtml } from '../../../src/lib/display/plotly-library';
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
});
