import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initPlotly, show } from '../../../src/lib/display/show';
import { resendPlotlyLibrary } from '../../../src/lib/display/plotly-library';
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
    expect(libHtml.length).toBeGreaterThan(1_000_000);
    expect(libHtml).toContain('if (!window.Plotly) {');
    expect(libHtml.match(/<\/script/gi)).toHaveLength(1); // only the closing tag of its own script
    for (const s of [first, second]) {
      expect(s.update).toBe(false);
      expect(Object.keys(s.message.data).sort()).toEqual([MIME.plotly, MIME.html, MIME.text].sort());
      expect(s.message.data[MIME.plotly]).toEqual(JSON.parse(JSON.stringify(fig())));
      expect(s.message.data[MIME.text]).toMatch(/^Loss: 2 traces\n {2}A train: 2 points, last 2.5 at x=2/);
      expect((s.message.data[MIME.html] as string).length).toBeLessThan(5000); // the library is not repeated
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
    expect(cap.sent.map((s) => (s.message.data[MIME.html] as string).length > 1_000_000)).toEqual([true, false, true, false]);
    process.env.REGLAB_PLOTLY_LIBRARY = 'omit';
    initPlotly();
    expect(cap.sent).toHaveLength(4);
  });
});
