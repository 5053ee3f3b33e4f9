/**
 * A figure as one notebook output: the MIME bundle with the Plotly JSON (drawn natively by JupyterLab
 * and Notebook 7 with plotly's extension, and by VS Code), an HTML fallback (classic Notebook, JupyterLab
 * and Notebook 7 without the extension, nbconvert HTML: a div plus a script that waits for
 * window.Plotly, then draws), and a text summary.
 *
 * Left out on purpose: sending (show.ts, live.ts) and the library itself (plotly-library.ts).
 * Every HTML rendering gets a new div id, so a re-rendered update never draws into a stale div.
 */
import { Figure } from '../plots/figure';
import { figureSummary } from '../plots/summary';
import { escapeHtml, jsonSnapshot, scriptJson } from '../text/html';
import { uniqueId } from './ids';
import { PAGE_RUNTIME } from './plotly-page';
import { MIME } from './transport';

/** Shown until the plot replaces it; stays if scripts do not run or plotly.js never arrives. */
const NOT_DRAWN =
  'Plotly figure: drawing needs JavaScript and plotly.js, which this notebook carries once (the output of ' +
  'rl.display.initPlotly() in the setup cell). If this text stays, run the notebook from the top (classic ' +
  'Notebook: trust it first; JupyterLab / Notebook 7: the command Trust Notebook).';

/** Throws a TypeError unless `fig` looks like `{ data: [...], layout: {...} }`. */
export function assertFigure(fig: unknown, where: string): asserts fig is Figure {
  const f = fig as Figure;
  if (!f || typeof f !== 'object' || !Array.isArray(f.data) || typeof f.layout !== 'object' || f.layout === null) {
    throw new TypeError(`${where}: expected a figure { data: [...], layout: {...} } (from rl.plots), got ${fig === null ? 'null' : typeof fig}`);
  }
}

/**
 * The HTML fallback: a sized div and a script that draws into it once plotly.js is on the page
 * (window.reglabPlotly, plotly-page.ts: no time limit; if every source failed, the div says why).
 */
export function figureHtml(fig: Figure, divId: string = uniqueId('reglab-fig')): string {
  const height = typeof fig.layout.height === 'number' ? fig.layout.height : 400;
  return `<div id="${escapeHtml(divId)}" class="reglab-figure" style="width:100%;min-width:320px;height:${height}px;">${escapeHtml(NOT_DRAWN)}</div>
<script type="text/javascript">
${PAGE_RUNTIME}
(function () {
  var fig = ${scriptJson({ data: fig.data, layout: fig.layout })};
  var id = ${scriptJson(divId)};
  window.reglabPlotly.ready(function (Plotly) {
    var el = document.getElementById(id);
    if (!el) return;
    el.textContent = '';
    Plotly.newPlot(el, fig.data, fig.layout, { responsive: true, displaylogo: false });
  }, function (reason) {
    var el = document.getElementById(id);
    if (el && !el.classList.contains('js-plotly-plot')) el.textContent = 'Plotly figure not drawn: plotly.js could not be loaded (' + reason + ').';
  });
})();
</script>`;
}

/**
 * The bundle for one figure: Plotly JSON, HTML fallback, text summary. `frame` (a live figure's
 * moving frame) leaves the Plotly JSON out: JupyterLab and Notebook 7 then draw it with the HTML
 * fallback, because plotly's JupyterLab renderer ignores update_display_data for a graph it has drawn
 * (its renderModel returns early), and an output whose preferred MIME type changes gets a new renderer.
 */
export function figureBundle(fig: Figure, opts: { frame?: boolean } = {}): Record<string, unknown> {
  assertFigure(fig, 'figureBundle');
  const snapshot = jsonSnapshot({ data: fig.data, layout: fig.layout });
  return {
    ...(opts.frame ? {} : { [MIME.plotly]: snapshot }),
    [MIME.html]: figureHtml(snapshot),
    [MIME.text]: figureSummary(snapshot),
  };
}
