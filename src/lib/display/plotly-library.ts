/**
 * plotly.js for the HTML fallback, offline, carried by a saved notebook at most once: the project's own npm
 * package `plotly.js-basic-dist-min` (plotly.js with the scatter, bar and pie traces: every trace type
 * rl.plots makes; 1.1 MB) gzip-compressed and base64-encoded (0.5 MB), as its own small display output sent
 * just before the first figure of the kernel process (same cell) or by `rl.display.initPlotly()`. The page
 * unpacks it with the browser's DecompressionStream and runs it (plotly-page.ts has the page side: figures
 * wait for it without a time limit, and inside Jupyter fall back to the copy the server serves from the kernel
 * spec folder). Why a separate output and not inside the first figure: a live figure replaces its output on
 * every update, which would drop the library from the saved notebook (or resend it every epoch). Saved,
 * reopened or exported with `jupyter nbconvert --to html`, the library output comes before every figure in
 * page order. The notebooks call `rl.display.initPlotly()` in their setup cell (run by every Run All, with or
 * without a kernel restart), so the one copy sits at the top whatever is re-run later.
 *
 * Left out on purpose: any CDN, require.js loading, per-figure inlining, the full plotly.js bundle (4.9 MB,
 * 2 MB packed: traces rl.plots never makes).
 * Environment: REGLAB_PLOTLY_LIBRARY=omit never sends it (e.g. for a grader that needs no pictures).
 */
import { readFileSync } from 'fs';
import { gzipSync } from 'zlib';
import { PAGE_RUNTIME } from './plotly-page';

/** The npm package (and its file) the library comes from; the kernel setup copies the same file. */
export const PLOTLY_PACKAGE = 'plotly.js-basic-dist-min';

let sent = false;
let cachedHtml: string | null = null;

/** The path of plotly.js in node_modules, or null (with the reason on stderr) when the package is missing. */
export function plotlyLibraryPath(): string | null {
  try {
    return require.resolve(PLOTLY_PACKAGE);
  } catch (e) {
    try { process.stderr.write(`reglab display: ${PLOTLY_PACKAGE} not found (${(e as Error).message}); figures draw only where the frontend has its own plotly.js\n`); } catch { /* ignore */ }
    return null;
  }
}

/**
 * The library output's HTML: a marker div and a script that unpacks plotly.js (gzip + base64) and runs it
 * unless the page has it. Empty string if the package is missing. Computed once per process (gzip ~0.3 s).
 */
export function plotlyLibraryHtml(): string {
  if (cachedHtml !== null) return cachedHtml;
  const file = plotlyLibraryPath();
  if (file === null) return '';
  const source = readFileSync(file);
  const packed = gzipSync(source, { level: 9 }).toString('base64');
  const version = /plotly\.js[^\n]*? v(\d[\w.-]*)/.exec(source.subarray(0, 200).toString('utf8'))?.[1] ?? '?';
  cachedHtml = [
    `<div class="reglab-plotly-library" data-plotly-version="${version}" data-bytes="${source.length}" style="display:none"></div>`,
    '<script type="text/javascript">',
    `/* plotly.js v${version} (npm ${PLOTLY_PACKAGE}), gzip + base64, put once into the notebook by reglab for offline use */`,
    PAGE_RUNTIME,
    '(function (w) {',
    '  var R = w.reglabPlotly;',
    '  if (w.Plotly) return;',
    "  if (!w.DecompressionStream || !w.Response || !w.Blob) return R.failed('this browser has no DecompressionStream (Chrome 80, Firefox 113, Safari 16.4 or later have it)');",
    '  R.unpacking();',
    `  var b = w.atob("${packed}");`,
    '  var bytes = new Uint8Array(b.length);',
    '  for (var i = 0; i < b.length; i++) bytes[i] = b.charCodeAt(i);',
    "  new w.Response(new w.Blob([bytes]).stream().pipeThrough(new w.DecompressionStream('gzip'))).text()",
    "    .then(function (src) { R.give(src); if (!w.Plotly) R.failed('it did not define Plotly'); })",
    "    .catch(function (err) { R.failed(String(err && err.message || err)); });",
    '})(window);',
    '</script>',
  ].join('\n');
  return cachedHtml;
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
