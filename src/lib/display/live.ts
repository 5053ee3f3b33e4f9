/**
 * A figure that updates in place while training runs: one output (one display id) that every
 * `update` replaces via update_display_data, plus an optional progress line under it.
 *
 * Settled and moving: the first display and `close` send the whole bundle (Plotly JSON, HTML, text);
 * each `update` in between sends a moving frame without the Plotly JSON (HTML + text). Plotly's
 * JupyterLab renderer (the extension `pip install plotly` brings, also in Notebook 7) draws a graph
 * once and ignores every later update of that output, so a live figure would stay at its first frame;
 * without the Plotly JSON the frontend renders the HTML fallback, which redraws on every update, and
 * `close` hands the final figure back to the native renderer (and to the saved notebook as data).
 * Classic Notebook and nbconvert always use the HTML, so for them nothing changes.
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
  /** Replaces the figure with a moving frame; with `progressText`, also rewrites the progress line (created on first use). */
  update(fig: Figure, progressText?: string): void;
  /** Rewrites only the progress line. */
  progress(text: string): void;
  /**
   * Settles the figure: shows `fig` (default: the last one) as a whole bundle, drawn natively where the
   * frontend can, and sets the final progress text (e.g. 'done: 10 epochs in 42 s'). Later updates still work.
   */
  close(finalText?: string, fig?: Figure): void;
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
  let last = initial;
  const setProgress = (text: string): void => {
    if (line) line.update(text);
    else line = progress(text);
  };
  return {
    displayId,
    get updates() { return updates; },
    update(fig: Figure, progressText?: string): void {
      assertFigure(fig, 'liveFigure.update');
      emit(displayId, figureBundle(fig, { frame: true }), true);
      last = fig;
      updates += 1;
      if (progressText !== undefined) setProgress(progressText);
    },
    progress: setProgress,
    close(finalText?: string, fig: Figure = last): void {
      assertFigure(fig, 'liveFigure.close');
      emit(displayId, figureBundle(fig), true);
      last = fig;
      updates += 1;
      if (finalText !== undefined) setProgress(finalText);
    },
  };
}
