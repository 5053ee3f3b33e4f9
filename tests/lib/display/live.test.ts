import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { liveFigure } from '../../../src/lib/display/live';
import { resendPlotlyLibrary } from '../../../src/lib/display/plotly-library';
import { MIME } from '../../../src/lib/display/transport';
import { lineChart } from '../../../src/lib/plots/line-bar';
import { captureDisplays } from './capture';

let cap: ReturnType<typeof captureDisplays>;
beforeEach(() => { process.env.REGLAB_PLOTLY_LIBRARY = 'omit'; resendPlotlyLibrary(); cap = captureDisplays(); });
afterEach(() => { cap.restore(); delete process.env.REGLAB_PLOTLY_LIBRARY; });

describe('liveFigure', () => {
  it('updates one display id in place and keeps a separate progress line', () => {
    const live = liveFigure(lineChart([{ name: 'loss', y: [] }]));
    live.update(lineChart([{ name: 'loss', y: [3] }]), 'epoch 1/3');
    live.update(lineChart([{ name: 'loss', y: [3, 2.5] }]), 'epoch 2/3');
    live.close('done');
    expect(live.updates).toBe(3);
    const fig = cap.sent.filter((s) => s.message.transient.display_id === live.displayId);
    expect(fig.map((s) => s.update)).toEqual([false, true, true, true]);
    const divIds = fig.map((s) => /id="([^"]+)"/.exec(s.message.data[MIME.html] as string)?.[1]);
    expect(new Set(divIds).size).toBe(4); // each re-render draws into a fresh div
    const prog = cap.sent.filter((s) => s.message.transient.display_id !== live.displayId);
    expect(prog.map((s) => [s.update, s.message.data[MIME.text]])).toEqual([[false, 'epoch 1/3'], [true, 'epoch 2/3'], [true, 'done']]);
    expect(new Set(prog.map((s) => s.message.transient.display_id)).size).toBe(1);
  });

  it('sends moving frames without the Plotly JSON and settles with it (first display and close)', () => {
    // Plotly's JupyterLab renderer ignores updates of a graph it drew; a frame without its MIME type is
    // drawn by the HTML fallback instead, and close() gives the final figure back to the native renderer.
    const live = liveFigure(lineChart([{ name: 'loss', y: [] }]));
    live.update(lineChart([{ name: 'loss', y: [3] }]));
    live.update(lineChart([{ name: 'loss', y: [3, 2.5] }]));
    live.close();
    live.update(lineChart([{ name: 'loss', y: [3, 2.5, 2.4] }]));
    live.close('again', lineChart([{ name: 'loss', y: [3, 2.5, 2.4, 2.3] }]));
    const fig = cap.sent.filter((s) => s.message.transient.display_id === live.displayId);
    expect(fig.map((s) => Object.keys(s.message.data).sort())).toEqual([
      [MIME.plotly, MIME.html, MIME.text].sort(),
      [MIME.html, MIME.text].sort(),
      [MIME.html, MIME.text].sort(),
      [MIME.plotly, MIME.html, MIME.text].sort(),
      [MIME.html, MIME.text].sort(),
      [MIME.plotly, MIME.html, MIME.text].sort(),
    ]);
    const ys = fig.map((s) => (JSON.parse(/var fig = (.*);\n/.exec(s.message.data[MIME.html] as string)![1]) as { data: { y: number[] }[] }).data[0].y);
    expect(ys).toEqual([[], [3], [3, 2.5], [3, 2.5], [3, 2.5, 2.4], [3, 2.5, 2.4, 2.3]]);
    expect((fig[3].message.data[MIME.plotly] as { data: { y: number[] }[] }).data[0].y).toEqual([3, 2.5]);
    expect(() => live.close(undefined, {} as never)).toThrow(/liveFigure.close: expected a figure/);
  });

  it('can start with a progress line and refuses a non-figure', () => {
    liveFigure(lineChart([{ name: 'a', y: [1] }]), { progress: 'starting' });
    expect(cap.sent.map((s) => s.message.data[MIME.text])).toContain('starting');
    expect(() => liveFigure(null as never)).toThrow(/liveFigure: expected a figure/);
  });
});
