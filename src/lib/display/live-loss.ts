/**
 * The live learning-curve plot notebooks use while training: one figure that grows epoch by epoch,
 * run after run (earlier runs stay drawn, each in its own color), with a progress line under it.
 *
 *   const plot = rl.display.liveLossCurves({ epochs: 10, baselines: { bigram, uniform } });
 *   const result = rl.train({ ..., callbacks: { onEpochEnd: plot.run('keep 0.8') } });
 *   plot.finish(result);          // marks the best epoch and the early stop of that run
 *
 * Left out on purpose: running the training (the trainer's onEpochEnd callback drives this).
 */
import { LossCurvesOptions, LossRecord, LossRun, lossCurves } from '../plots/loss-curves';
import { LiveFigure, liveFigure } from './live';
import { formatEpochProgress } from './progress';

/** What `run(name)` returns: the trainer's onEpochEnd(record, history) callback. */
export type EpochCallback = (record: LossRecord & { seconds?: number }, history: readonly LossRecord[]) => void;

export interface LiveLossCurves {
  readonly figure: LiveFigure;
  /** The runs drawn so far (plain data: pass them to rl.plots.lossCurves for a static copy). */
  readonly runs: readonly LossRun[];
  /** Starts a new run and returns its epoch callback. */
  run(name: string): EpochCallback;
  /** Marks the current run's best epoch and early stop (a TrainResult fits) and redraws it settled (LiveFigure.close). */
  finish(result?: { bestEpoch?: number; stoppedEpoch?: number | null; history?: readonly LossRecord[] }, text?: string): void;
}

/** Shows an empty loss plot (baselines only) now; every epoch of every run redraws it in place. */
export function liveLossCurves(opts: LossCurvesOptions = {}): LiveLossCurves {
  const runs: LossRun[] = [];
  const figure = liveFigure(lossCurves(runs, opts), { progress: 'waiting for the first epoch' });
  const redraw = (text?: string): void => figure.update(lossCurves(runs, opts), text);
  return {
    figure,
    runs,
    run(name: string): EpochCallback {
      const current: LossRun = { name: String(name), history: [] };
      runs.push(current);
      return (record, history) => {
        current.history = [...history];
        redraw(formatEpochProgress(record, opts.epochs, current.name));
      };
    },
    finish(result = {}, text?: string): void {
      const current = runs[runs.length - 1];
      if (!current) return;
      if (result.history) current.history = [...result.history];
      if (result.bestEpoch !== undefined) current.bestEpoch = result.bestEpoch;
      if (result.stoppedEpoch !== undefined) current.stoppedEpoch = result.stoppedEpoch;
      const last = current.history[current.history.length - 1];
      const stop = current.stoppedEpoch != null ? `, stopped after epoch ${current.stoppedEpoch}` : '';
      const best = current.bestEpoch !== undefined ? `, best epoch ${current.bestEpoch}` : '';
      figure.close(text ?? `${current.name}: done${last ? ` (${last.epoch} epochs${best}${stop})` : ''}`, lossCurves(runs, opts));
    },
  };
}
