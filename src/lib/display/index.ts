/**
 * `rl.display`: the notebook display, the only module that knows tslab. Figures (shown once, or live
 * and updated in place while training), progress lines, and the plotly.js library output. Check
 * results are shown by `rl.check` (check.ts).
 *
 * The output bundles (figureBundle, checkBundle), the transport and its test hook are imported by
 * path by the tools and tests; a notebook has no business rerouting outputs.
 */
export { show, initPlotly } from './show';
export { liveFigure } from './live';
export type { LiveFigure } from './live';
export { liveLossCurves } from './live-loss';
export type { LiveLossCurves, EpochCallback } from './live-loss';
export { progress } from './progress';
export type { ProgressLine, ProgressRecord } from './progress';
