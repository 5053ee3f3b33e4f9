/**
 * Showing a figure once: the plotly.js library output first if this kernel has not sent it yet, then
 * the figure's three-part output. Also the shared step every display uses to create or update an output.
 *
 * Left out on purpose: live updating (live.ts) and checks (check.ts).
 */
import { Figure } from '../plots/figure';
import { assertFigure, figureBundle } from './figure-bundle';
import { uniqueId } from './ids';
import { takePlotlyLibrary } from './plotly-library';
import { sendDisplay } from './transport';

/** Sends `data` as a new output (update = false) or as the new content of output `displayId` (update = true). */
export function emit(displayId: string, data: Record<string, unknown>, update: boolean): void {
  sendDisplay({ data, metadata: {}, transient: { display_id: displayId } }, update);
}

/** Before the first figure of the process: the one output that carries plotly.js (see plotly-library.ts). */
export function emitPlotlyLibraryOnce(): void {
  const html = takePlotlyLibrary();
  if (html) emit(uniqueId('reglab-plotly'), { 'text/html': html }, false);
}

/**
 * Puts plotly.js (4.8 MB, offline) into this cell's output now, every time it is called. Call it in the
 * notebook's setup cell so the library sits at the top of the page, whatever is re-run later.
 * An invisible output in classic Notebook and nbconvert HTML; nothing at all outside a notebook.
 */
export function initPlotly(): void {
  const html = takePlotlyLibrary(true);
  if (html) emit(uniqueId('reglab-plotly'), { 'text/html': html }, false);
}

/**
 * Shows a figure as one output (Plotly JSON + HTML + text). Returns nothing, so a notebook cell that
 * ends in `rl.display.show(fig)` prints nothing else. Throws a TypeError only for a non-figure argument.
 */
export function show(fig: Figure): void {
  assertFigure(fig, 'show');
  const bundle = figureBundle(fig);
  emitPlotlyLibraryOnce();
  emit(uniqueId('reglab-display'), bundle, false);
}
