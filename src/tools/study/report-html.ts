/**
 * The study as one self-contained HTML file: the table, the settings and conditions, the figures,
 * and every run with a few of the names it wrote. plotly.js comes from the npm package
 * `plotly.js-basic-dist-min`, packed (gzip + base64) by the display module's `plotlyLibraryHtml` (the same
 * output the notebooks carry; the page unpacks it), so the file opens offline (no CDN, no script src).
 *
 * Left out on purpose: styling beyond a few lines of CSS, interactivity beyond Plotly's own.
 */
import { StudyReport } from './report';
import { plotlyLibraryHtml } from '../../lib/display/plotly-library';
import { escapeHtml, scriptJson } from '../../lib/text/html';
import { tableCells, TABLE_LEGEND } from './table';
import { Figure } from '../../lib/plots/figure';
import { metricBarsFigure, valCurvesFigure } from './figures';

/** The <script> element that defines Plotly (packed; window.reglabPlotly.ready draws when unpacked); throws if the package is missing. */
export function plotlyScript(): string {
  const html = plotlyLibraryHtml();
  if (html === '') throw new Error('study report: the npm package plotly.js-basic-dist-min is missing (npm install), so the HTML report cannot be self-contained');
  return html;
}

/** A table; columns whose index `numeric` accepts are right-aligned. */
const htmlTable = (cells: string[][], numeric: (j: number) => boolean = () => false): string => {
  const [head, ...body] = cells;
  const th = head.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const rows = body.map((r) => `<tr>${r.map((c, j) => `<td${numeric(j) ? ' class="num"' : ''}>${escapeHtml(c)}</td>`).join('')}</tr>`).join('\n');
  return `<table><thead><tr>${th}</tr></thead><tbody>\n${rows}\n</tbody></table>`;
};

export function studyFigures(report: StudyReport): Figure[] {
  return [
    valCurvesFigure(report.curves),
    metricBarsFigure(report.rows, 'gap', 'Final gap: val - train loss (eval mode), mean ± std over seeds', 'nats/char'),
    metricBarsFigure(report.rows, 'memorized', 'Sampled names that are verbatim training names (final weights)', '% of samples', 100),
  ];
}

export function renderReportHtml(report: StudyReport, plotlyHtml: string = plotlyScript()): string {
  const figures = studyFigures(report);
  const s = report.plan.settings;
  const settings = Object.entries(s).map(([k, v]) => [k, String(v)]);
  const conditions = report.plan.conditions.map((c) => [c.name, c.description]);
  const runs = report.runs.map((r) => [
    r.id,
    String(r.epochsRun),
    `${r.bestValLoss.toFixed(3)} @ ${r.bestEpoch}`,
    r.finalValLoss.toFixed(3),
    r.testLossAtBest.toFixed(3),
    r.gap.toFixed(3),
    `${(100 * r.memorized).toFixed(1)}%`,
    `${r.seconds.toFixed(1)} s`,
    r.examples.slice(0, 8).join(', '),
  ]);
  const missing = report.missing.length > 0
    ? `<p class="warn">Runs without a result (failed or not run): ${escapeHtml(report.missing.join(', '))}</p>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>reglab study (${escapeHtml(report.plan.name)})</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 1100px; margin: 2em auto; padding: 0 1em; color: #222; }
table { border-collapse: collapse; margin: 1em 0; font-size: 0.92em; }
th, td { border-bottom: 1px solid #ddd; padding: 0.3em 0.7em; text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.legend, .meta { color: #555; font-size: 0.9em; white-space: pre-line; }
.warn { color: #a00; }
</style>
</head>
<body>
${plotlyHtml}
<h1>Regularizing a character LSTM on names: ${escapeHtml(report.plan.name)} study</h1>
<p class="meta">Command: ${escapeHtml(report.command)}
Written ${escapeHtml(report.createdAt)}; ${report.runs.length} runs (${report.plan.conditions.length} conditions x seeds ${report.plan.seeds.join(', ')}).</p>
${missing}
${htmlTable(tableCells(report.rows), (j) => j > 0)}
<p class="legend">${escapeHtml(TABLE_LEGEND)}</p>
${figures.map((_, i) => `<div id="figure-${i}" class="figure"></div>`).join('\n')}
<h2>Conditions</h2>
${htmlTable([['condition', 'what is on'], ...conditions])}
<h2>Settings (shared by every run)</h2>
${htmlTable([['setting', 'value'], ...settings])}
<h2>Runs</h2>
${htmlTable([['run', 'epochs', 'best val @ epoch', 'final val', 'test@best', 'gap', 'memorized', 'time', 'sampled names (final weights)'], ...runs], (j) => j > 0 && j < 8)}
<script>
const figures = ${scriptJson(figures)};
window.reglabPlotly.ready((Plotly) => figures.forEach((f, i) => Plotly.newPlot('figure-' + i, f.data, f.layout, { responsive: true })),
  (why) => { document.getElementById('figure-0').textContent = 'plotly.js could not be loaded: ' + why; });
</script>
</body>
</html>
`;
}
