import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initPlotly, show } from '../../../src/lib/display/show';
import { plotlyLibraryPath, resendPlotlyLibrary } from '../../../src/lib/display/plotly-library';
import { readFileSync } from 'fs';
import { gunzipSync } from 'zlib';
import { MIME } from '../../../src/lib/display/transport';
import { lossCurves } from '../../../src/lib/plots/loss-curves';
import { captureDisplays } from './capture';

const fig = () => lossCurves([{ name: 'A', history: [{ epoch: 1, trainLoss: 3, valLoss: 3.1 }, { epoch: 2, trainLoss: 2.5, valLoss: 2.8 }] }], { title: 'Loss' });
let cap: ReturnType<typeof captureDisplays>;
beforeEach(() => { resendPlotlyLibrary(); delete process.env.REGLAB_PLOTLY_LIBRARY; cap = captureDisplays(); });
afterEach(() => cap.restore());

describe('show', () => {
  it('sends one display_data per figure with Plotly JSON, HTML and text; plotly.js goes out once, first', () => {
    show(fig());
    show(fig());
    expect(cap.sent).toHaveLength(3);
    const [lib, first, second] = cap.sent;
    expect(Object.keys(lib.message.data)).toEqual([MIME.html]);
    const libHtml = lib.message.data[MIME.html] as string;
    // plotly.js from the npm package, gzip + base64: the page unpacks exactly these bytes
    const packed = /w\.atob\("([A-Za-z0-9+/=]+)"\)/.exec(libHtml)?.[1] ?? '';
    expect(gunzipSync(Buffer.from(packed, 'base64')).equals(readFileSync(plotlyLibraryPath()!))).toBe(true);
    expect(libHtml.length).toBeLessThan(600_000); // the basic bundle (1.1 MB) packed; the full one was 4.9 MB
    expect(libHtml).toContain('<div class="reglab-plotly-library"');
    expect(libHtml.match(/<\/script/gi)).toHaveLength(1); // only the closing tag of its own script
    for (const s of [first, second]) {
      expect(s.update).toBe(false);
      expect(Object.keys(s.message.data).sort()).toEqual([MIME.plotly, MIME.html, MIME.text].sort());
      expect(s.message.data[MIME.plotly]).toEqual(JSON.parse(JSON.stringify(fig())));
      expect(s.message.data[MIME.text]).toMatch(/^Loss: 2 traces\n {2}A train: 2 points, last 2.5 at x=2/);
      expect((s.message.data[MIME.html] as string).length).toBeLessThan(8000); // the library is not repeated (the ~3 KB page runtime is)
    }
    expect(first.message.transient.display_id).not.toBe(second.message.transient.display_id);
  });

  it('can leave the library out (REGLAB_PLOTLY_LIBRARY=omit) and rejects non-figures', () => {
    process.env.REGLAB_PLOTLY_LIBRARY = 'omit';
    show(fig());
    expect(cap.sent).toHaveLength(1);
    expect(() => show({ data: 'nope' } as never)).toThrow(/show: expected a figure/);
    delete process.env.REGLAB_PLOTLY_LIBRARY;
  });

  it('initPlotly sends the library every time it is called, and then figures do not repeat it', () => {
    initPlotly();
    show(fig());
    initPlotly();
    show(fig());
    expect(cap.sent.map((s) => Object.keys(s.message.data).join())).toEqual([MIME.html, expect.any(String), MIME.html, expect.any(String)]);
    expect(cap.sent.map((s) => (s.message.data[MIME.html] as string).includes('w.atob('))).toEqual([true, false, true, false]);
    process.env.REGLAB_PLOTLY_LIBRARY = 'omit';
    initPlotly();
    expect(cap.sent).toHaveLength(4);
  });
});
