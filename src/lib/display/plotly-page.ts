/**
 * The page side of plotly.js loading, as JavaScript text for the HTML outputs: one tiny runtime,
 * `window.reglabPlotly`, defined by whichever reglab output runs first (the library output or any figure;
 * every one carries it, about 1 KB, so a figure never depends on another output's script for it).
 *
 *   ready(draw, fail)  draw(Plotly) now if plotly.js is on the page, else when it arrives (no time limit:
 *                      a loaded machine only makes it later); fail(reason) if no source is left.
 *   unpacking()        the library output says it is unpacking its copy (plotly-library.ts).
 *   give(src)          the library output unpacked its copy: run it (unless plotly.js is there) and draw.
 *   failed(why)        the library output could not unpack (no DecompressionStream, corrupt data).
 *
 * Sources of plotly.js, in order: the notebook's own library output (the one copy a saved notebook carries,
 * gzip + base64, unpacked in the page), else, inside a Jupyter frontend, the copy the Jupyter server serves
 * from the kernel spec folder (`<base url>kernelspecs/reglab-ts/plotly-basic.min.js`, written by the kernel
 * setup; same server, no network). nbconvert HTML and VS Code have only the first.
 * Left out: any CDN; require.js (plotly's bundle sets window.Plotly itself).
 */

/** The file the kernel setup puts into the kernel spec folder, which every Jupyter server serves. */
export const PLOTLY_RESOURCE = 'plotly-basic.min.js';
/** The kernel spec's name (kernel-setup/spec.ts KERNEL_NAME; a test keeps them equal). */
export const KERNEL_SPEC_NAME = 'reglab-ts';

/**
 * The runtime (idempotent: the first definition wins). The server copy is fetched, not a <script src>,
 * so it runs only if plotly.js is still missing when it arrives (never two copies executed).
 */
export const PAGE_RUNTIME = `(function (w) {
  if (w.reglabPlotly) return;
  var waiting = [], unpacking = false, serverTried = false, serverPending = false, failures = [], poll = null;
  function flush() {
    if (!w.Plotly) return;
    var q = waiting; waiting = [];
    if (poll) { clearInterval(poll); poll = null; }
    q.forEach(function (e) { try { e.draw(w.Plotly); } catch (err) { if (w.console) console.error(err); } });
  }
  function give(src) {
    if (!w.Plotly) { var s = document.createElement('script'); s.text = src; document.head.appendChild(s); }
    flush();
  }
  function jupyterBase() {
    var el = document.getElementById('jupyter-config-data');
    if (el) { try { var c = JSON.parse(el.textContent || '{}'); if (typeof c.baseUrl === 'string') return c.baseUrl; } catch (e) {} }
    var b = document.body && document.body.getAttribute('data-base-url');
    return typeof b === 'string' ? b : null;
  }
  function failed(reason) {
    failures.push(reason);
    if (unpacking || serverPending || tryServer()) return;
    waiting.forEach(function (e) { try { e.fail(failures.join('; ')); } catch (err) {} });
  }
  function tryServer() {
    var base = jupyterBase();
    if (serverTried || base === null || !w.fetch || location.protocol === 'file:') return false;
    serverTried = serverPending = true;
    var url = base.replace(/\\/?$/, '/') + 'kernelspecs/${KERNEL_SPEC_NAME}/${PLOTLY_RESOURCE}';
    w.fetch(url, { credentials: 'same-origin' })
      .then(function (r) { if (!r.ok) throw new Error('HTTP ' + r.status + ' for ' + url); return r.text(); })
      .then(function (src) { serverPending = false; give(src); if (!w.Plotly) throw new Error(url + ' did not define Plotly'); })
      .catch(function (err) { serverPending = false; failed('the Jupyter server copy: ' + (err && err.message || err) + ' (npm run kernel writes it)'); });
    return true;
  }
  w.reglabPlotly = {
    ready: function (draw, fail) {
      if (w.Plotly) return draw(w.Plotly);
      waiting.push({ draw: draw, fail: fail });
      if (!poll) poll = setInterval(flush, 250); // plotly.js put on the page some other way (an older output)
      if (!unpacking) tryServer();
    },
    unpacking: function () { unpacking = true; },
    give: function (src) { unpacking = false; give(src); },
    failed: function (why) { unpacking = false; failed('the copy in this notebook: ' + why); }
  };
})(window);`;
