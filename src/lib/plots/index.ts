/**
 * `rl.plots`: Plotly figure builders, plain data in, Figure JSON out (nothing here knows the notebook;
 * `rl.display.show(fig)` draws one). The building blocks they share (baseLayout, numbers, ...) are
 * imported by path from ./figure where needed.
 */
export { colorFor, PALETTE } from './figure';
export type { Figure, Trace, Layout, Line, Marker, Axis, Shape, Annotation, LayoutOptions } from './figure';
export { lossCurves } from './loss-curves';
export type { LossRecord, LossRun, Baseline, LossCurvesOptions } from './loss-curves';
export { epochCurves, weightNormCurves } from './epoch-curves';
export type { EpochRun } from './epoch-curves';
export { expectedActivation } from './dropout-scaling';
export type { ScalingComparison } from './dropout-scaling';
export { hiddenStateScale } from './hidden-scale';
export type { StepSeries } from './hidden-scale';
export { lineChart, barChart } from './line-bar';
export type { LineSeries, BarSeries } from './line-bar';
export { figureSummary } from './summary';
