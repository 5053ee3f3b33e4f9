/**
 * plotly.js for the HTML fallback, offline: the project's own npm package `plotly.js-dist-min` is
 * inlined ONCE per kernel process, as its own small display output sent just before the first figure
 * (same cell). Later figures' HTML waits for `window.Plotly`. Why a separate output and not inside the
 * first figure: a live figure replaces its output on every update, which would drop the library from
 * the saved notebook (or resend 4.8 MB per epoch). Saved, reopened or exported with
 * `jupyter nbconvert --to html`, the library output still comes before every figure in page order.
 * The weak spot of "first figure of the process": re-running that cell, or clearing outputs and running
 * all again in the same kernel, drops the library from the page. So notebooks call
 * `rl.display.initPlotly()` in their setup cell (the first code cell, re-run by every Run All): it sends
 * the library there every time; the first-figure rule is only the fallback for notebooks that do not.
 *
 * Left out on purpose: any CDN, require.js loading, and per-figure inlining (4.8 MB each).
 * Environment: REGLAB_PLOTLY_LIBRARY=omit never sends it (e.g. for a grader that needs no pictures).
 */
import { readFileSync } from 'fs';

let sent = false;

/** The <script> that defines window.Plotly unless the page already has it. Empty string if the package is missing. */
export function plotlyLibraryHtml(): string {
  let source: string;
  try {
    source = readFileSync(require.resolve('plotly.js-dist-min'), 'utf8');
  } catch (e) {
    try { process.stderr.write(`reglab display: plotly.js-dist-min not found (${(e as Error).message}); figures will show text only in classic Notebook\n`); } catch { /* ignore */ }
    return '';
  }
  // A script element ends at the first "</script"; plotly.min.js contains none today, but stay safe.
  const safe = source.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
  return [
    '<div class="reglab-plotly-library" style="display:none"></div>',
    '<script type="text/javascript">',
    '/* plotly.js from the npm package plotly.js-dist-min, inlined once per kernel by reglab for offline use */',
    'if (!window.Plotly) {',
    safe,
    '}',
    '</script>',
  ].join('\n');
}

/**
 * The library HTML if this process has not sent it yet, or always with `force` (and marks it sent);
 * else null. Honors REGLAB_PLOTLY_LIBRARY=omit.
 */
export function takePlotlyLibrary(force = false): string | null {
  if ((sent && !force) || process.env.REGLAB_PLOTLY_LIBRARY === 'omit') return null;
  sent = true;
  const html = plotlyLibraryHtml();
  return html === '' ? null : html;
}

/** Forgets that the library was sent, so the next figure carries it again (tests; see also initPlotly). */
export function resendPlotlyLibrary(): void {
  sent = false;
}
