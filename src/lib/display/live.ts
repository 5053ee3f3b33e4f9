/**
 * A figure that updates in place while training runs: one output (one display id) that every
 * `update` replaces via update_display_data, plus an optional progress line under it.
 *
 * Left out on purpose: throttling and animation frames. The HTML of every update renders into a new
 * div id, so classic Notebook, which re-runs the new HTML, never draws into the previous plot's div.
 */
import { Figure } from '../plots/figure';
import { assertFigure, figureBundle } from './figure-bundle';
import { uniqueId } from './ids';
import { ProgressLine, progress } from './progress';
import { emit, emitPlotlyLibraryOnce } from './show';

export interface LiveFigure {
  readonly displayId: string;
  /** How many updates were sent after the first display. */
  readonly updates: number;
  /** Replaces the figure; with `progressText`, also rewrites the progress line (created on first use). */
  update(fig: Figure, progressText?: string): void;
  /** Rewrites only the progress line. */
  progress(text: string): void;
  /** Final progress text (e.g. 'done: 10 epochs in 42 s'); later updates still work. */
  close(finalText?: string): void;
}

/** Shows `initial` now and returns the handle that updates that same output. */
export function liveFigure(initial: Figure, opts: { progress?: string } = {}): LiveFigure {
  assertFigure(initial, 'liveFigure');
  const displayId = uniqueId('reglab-live');
  const first = figureBundle(initial);
  emitPlotlyLibraryOnce();
  emit(displayId, first, false);
  let line: ProgressLine | null = opts.progress !== undefined ? progress(opts.progress) : null;
  let updates = 0;
  const setProgress = (text: string): void => {
    if (line) line.update(text);
    else line = progress(text);
  };
  return {
    displayId,
    get updates() { return updates; },
    update(fig: Figure, progressText?: string): void {
      assertFigure(fig, 'liveFigure.update');
      emit(displayId, figureBundle(fig), true);
      updates += 1;
      if (progressText !== undefined) setProgress(progressText);
    },
    progress: setProgress,
    close(finalText?: string): void {
      if (finalText !== undefined) setProgress(finalText);
    },
  };
}
