/**
 * Notebook display: the only module that knows tslab (figures, live figures, progress lines, check
 * results). `setTransport` is deliberately not re-exported here: tests import it from ./transport, and
 * a notebook has no business rerouting outputs (one fewer lever for forging check outputs).
 */
export { MIME, transportKind } from './transport';
export type { DisplayMessage } from './transport';
export { show, initPlotly } from './show';
export { liveFigure } from './live';
export type { LiveFigure } from './live';
export { liveLossCurves } from './live-loss';
export type { LiveLossCurves, EpochCallback } from './live-loss';
export { progress, formatEpochProgress } from './progress';
export type { ProgressLine, ProgressRecord } from './progress';
export { showCheck } from './show-check';
export { figureBundle, figureHtml, PLOTLY_WAIT_MS } from './figure-bundle';
export { checkBundle, checkHtml, checkText } from './check-bundle';
export { plotlyLibraryHtml } from './plotly-library';
