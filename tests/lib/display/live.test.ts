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
    expect(live.updates).toBe(2);
    const fig = cap.sent.filter((s) => s.message.transient.display_id === live.displayId);
    expect(fig.map((s) => s.update)).toEqual([false, true, true]);
    expect(fig.every((s) => Object.keys(s.message.data).length === 3)).toBe(true);
    expect((fig[2].message.data[MIME.plotly] as { data: { y: number[] }[] }).data[0].y).toEqual([3, 2.5]);
    const divIds = fig.map((s) => /id="([^"]+)"/.exec(s.message.data[MIME.html] as string)?.[1]);
    expect(new Set(divIds).size).toBe(3); // each re-render draws into a fresh div
    const prog = cap.sent.filter((s) => s.message.transient.display_id !== live.displayId);
    expect(prog.map((s) => [s.update, s.message.data[MIME.text]])).toEqual([[false, 'epoch 1/3'], [true, 'epoch 2/3'], [true, 'done']]);
    expect(new Set(prog.map((s) => s.message.transient.display_id)).size).toBe(1);
  });

  it('can start with a progress line and refuses a non-figure', () => {
    liveFigure(lineChart([{ name: 'a', y: [1] }]), { progress: 'starting' });
    expect(cap.sent.map((s) => s.message.data[MIME.text])).toContain('starting');
    expect(() => liveFigure(null as never)).toThrow(/liveFigure: expected a figure/);
  });
});
