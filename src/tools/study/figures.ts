/**
 * The study's Plotly figures, built on src/lib/plots (Figure, colors, layout): validation loss per
 * condition (mean over seeds, shaded min-max band over seeds), and bars of a per-condition metric
 * (mean, error bar = sample std over seeds). A condition keeps its colour in every figure.
 *
 * Left out on purpose: rendering (report-html.ts inlines plotly.js), per-seed curves (in the JSON).
 */
import { Figure, Trace, baseLayout, colorFor, numbers } from '../../lib/plots/figure';
import { barChart } from '../../lib/plots/line-bar';
import { ConditionRow, MeanCurve, Metric } from './aggregate';

const rgba = (hex: string, alpha: number): string => {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${n >> 16}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
};

/** Mean val loss per condition against epoch, with a band from the lowest to the highest seed. */
export function valCurvesFigure(curves: readonly MeanCurve[], title = 'Validation loss per condition (mean over seeds, band: min-max)'): Figure {
  const data: Trace[] = [];
  curves.forEach((c, i) => {
    const color = colorFor(i);
    data.push({
      type: 'scatter',
      mode: 'lines',
      x: [...c.epochs, ...[...c.epochs].reverse()],
      y: numbers([...c.max, ...[...c.min].reverse()]),
      fill: 'toself',
      fillcolor: rgba(color, 0.12),
      line: { width: 0 },
      hoverinfo: 'skip',
      showlegend: false,
      legendgroup: c.condition,
    });
    data.push({
      type: 'scatter',
      mode: 'lines+markers',
      name: c.condition,
      legendgroup: c.condition,
      x: c.epochs,
      y: numbers(c.mean),
      line: { color, width: 2 },
      marker: { size: 4 },
      customdata: c.n,
      hovertemplate: `${c.condition}<br>epoch %{x}: val %{y:.3f} (mean of %{customdata} runs)<extra></extra>`,
    });
  });
  return { data, layout: baseLayout({ title, xTitle: 'epoch', yTitle: 'val loss (nats/char)', height: 480 }) };
}

/** One bar per condition: the mean of a metric times `scale`, with the sample std as error bar. */
export function metricBarsFigure(rows: readonly ConditionRow[], metric: Metric, title: string, yTitle: string, scale = 1): Figure {
  const fig = barChart(
    rows.map((r) => r.condition),
    [{ name: metric, values: rows.map((r) => r.metrics[metric].mean * scale) }],
    { title, yTitle, height: 380 },
  );
  const bars = fig.data[0];
  bars.marker = { color: rows.map((_, i) => colorFor(i)) };
  bars.error_y = { type: 'data', array: numbers(rows.map((r) => r.metrics[metric].std * scale)), visible: true };
  fig.layout.showlegend = false;
  return fig;
}
