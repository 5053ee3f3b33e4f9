import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { liveLossCurves } from '../../../src/lib/display/live-loss';
import { MIME } from '../../../src/lib/display/transport';
import { captureDisplays } from './capture';

let cap: ReturnType<typeof captureDisplays>;
beforeEach(() => { process.env.REGLAB_PLOTLY_LIBRARY = 'omit'; cap = captureDisplays(); });
afterEach(() => { cap.restore(); delete process.env.REGLAB_PLOTLY_LIBRARY; });

type Fig = { data: { name: string; y: number[]; marker?: { symbol?: string } }[] };

describe('liveLossCurves', () => {
  it('grows one figure run after run from the trainer callback, then marks best and stop', () => {
    const plot = liveLossCurves({ epochs: 3, baselines: { uniform: 3.3 } });
    const history: { epoch: number; trainLoss: number; valLoss: number; seconds: number }[] = [];
    const onEpochEnd = plot.run('keep 0.5');
    for (let e = 1; e <= 3; e++) {
      history.push({ epoch: e, trainLoss: 3 - e / 4, valLoss: 3 - e / 8, seconds: 0.5 });
      onEpochEnd(history[e - 1], history);
    }
    plot.finish({ bestEpoch: 3, stoppedEpoch: null });
    const second = plot.run('keep 1');
    second({ epoch: 1, trainLoss: 2, valLoss: 2.5 }, [{ epoch: 1, trainLoss: 2, valLoss: 2.5 }]);

    const id = plot.figure.displayId;
    const figs = cap.sent.filter((s) => s.message.transient.display_id === id);
    expect(figs.map((s) => s.update)).toEqual([false, true, true, true, true, true]);
    // Epoch frames move (HTML + text); finish settles the figure with its Plotly JSON (see live.ts).
    expect(figs.map((s) => MIME.plotly in s.message.data)).toEqual([true, false, false, false, true, false]);
    expect((figs[0].message.data[MIME.plotly] as Fig).data.map((t) => t.name)).toEqual(['uniform (3.3)']);
    const afterFinish = figs[4].message.data[MIME.plotly] as Fig;
    expect(afterFinish.data.find((t) => t.marker?.symbol === 'star')?.name).toBe('keep 0.5 best (epoch 3)');
    const last = JSON.parse(/var fig = (.*);\n/.exec(figs[5].message.data[MIME.html] as string)![1]) as Fig;
    expect(last.data.map((t) => t.name)).toEqual(['keep 0.5 train', 'keep 0.5 val', 'keep 0.5 best (epoch 3)', 'keep 1 train', 'keep 1 val', 'uniform (3.3)']);
    const lines = cap.sent.filter((s) => s.message.transient.display_id !== id).map((s) => s.message.data[MIME.text]);
    expect(lines).toEqual([
      'waiting for the first epoch',
      'keep 0.5: epoch 1/3  train 2.750  val 2.875  0.5 s',
      'keep 0.5: epoch 2/3  train 2.500  val 2.750  0.5 s',
      'keep 0.5: epoch 3/3  train 2.250  val 2.625  0.5 s',
      'keep 0.5: done (3 epochs, best epoch 3)',
      'keep 1: epoch 1/3  train 2.000  val 2.500',
    ]);
    expect(plot.runs.map((r) => r.history.length)).toEqual([3, 1]);
  });
});
