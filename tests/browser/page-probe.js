/*
 * In-page probe of the browser test: plain ES5 that the test injects (as text) into a classic Jupyter
 * Notebook page or into an nbconvert HTML page, then queries with `window.__reglabProbe.<fn>()`.
 *
 * It reads what the learner sees: whether each Plotly figure drew marks (SVG paths / images inside the
 * plot area), whether each check output shows its pass/fail badge, and how often a live figure (one
 * display id, replaced by update_display_data) was redrawn - counted from classic Notebook's
 * 'output_updated.OutputArea' event, with the figure's drawn state sampled after each update.
 * It asserts nothing: the test does. Kept as a .js file (not TS) so the page gets exactly this text.
 */
(function () {
  if (window.__reglabProbe) return;
  var PLOTLY = 'application/vnd.plotly.v1+json';
  var CHECK = 'application/vnd.reglab.check+json';

  /** Drawn state of the Plotly graph `el` or the first one inside it (a DOM element, possibly detached). */
  function plotState(el) {
    var gd = findIn(el, 'js-plotly-plot');
    if (!gd) return { found: false, marks: 0, drawnTraces: 0, dataTraces: 0, points: [] };
    var marks = 0, drawnTraces = 0;
    var groups = gd.querySelectorAll('.main-svg .trace, .main-svg .hm');
    for (var i = 0; i < groups.length; i++) {
      var n = countMarks(groups[i]);
      marks += n;
      if (n > 0) drawnTraces++;
    }
    var data = gd.data || [];
    var points = [], dataTraces = 0;
    for (var t = 0; t < data.length; t++) {
      var tr = data[t];
      var len = tracePoints(tr);
      points.push(len);
      if (tr.visible !== false && tr.visible !== 'legendonly' && len > 0) dataTraces++;
    }
    var title = gd.querySelector('.gtitle');
    return { found: true, marks: marks, drawnTraces: drawnTraces, dataTraces: dataTraces, points: points,
      title: title ? title.textContent : '', width: gd.offsetWidth, height: gd.offsetHeight };
  }

  /** `el` itself when it has class `cls`, else its first descendant with that class. */
  function findIn(el, cls) {
    if (!el || !el.querySelector) return null;
    return el.classList.contains(cls) ? el : el.querySelector('.' + cls);
  }

  function countMarks(group) {
    var n = group.querySelectorAll('image').length;
    var paths = group.querySelectorAll('path');
    for (var i = 0; i < paths.length; i++) {
      var d = paths[i].getAttribute('d');
      if (d && d.length > 3 && d !== 'M0,0Z') n++;
    }
    return n;
  }

  function lengthOf(a) {
    return a && typeof a.length === 'number' && typeof a !== 'string' ? a.length : 0;
  }

  function badgeState(el, passed) {
    var badge = findIn(el, 'reglab-check');
    if (!badge) return { found: false };
    var cls = badge.className;
    return { found: true, pass: /\breglab-pass\b/.test(cls), fail: /\breglab-fail\b/.test(cls), todo: /\breglab-todo\b/.test(cls),
      visible: badge.offsetHeight > 0 && badge.offsetWidth > 0, text: badge.textContent.trim().slice(0, 200),
      expectedPass: passed };
  }

  /** Per trace: its number of points (the longest of x, y, z, values). */
  function tracePoints(tr) {
    return Math.max(lengthOf(tr.x), lengthOf(tr.y), lengthOf(tr.z), lengthOf(tr.values));
  }

  /**
   * Live figures, shared by the classic and the Lab probe. `onUpdate(id, cell, output, isFigure, node)` is
   * called once per update the page applied, with a function that returns the output's current DOM node.
   * It samples the drawn state until the figure has drawn (every 100 ms, until drawn or replaced by the next
   * update: no time limit, a loaded machine only draws later), and once drawn tells the test (window.__reglabAck, when the test exposed it) so a kernel that
   * waits for it may compute the next frame: the proof that each update was drawn while its cell still ran.
   */
  var live = {};    // display id -> LiveRecord (see notebook-page.ts)
  var running = {}; // execute request msg id -> true while the page has not seen its idle status
  var received = {};  // display id -> update_display_data messages received
  function liveRecord(id, cell, output) {
    return live[id] || (live[id] = { cell: cell, output: output, figure: false, received: 0, updates: 0, states: [], renderers: [], whileRunning: [], acked: 0 });
  }
  function onUpdate(id, cell, output, isFigure, nodeNow, rendererOf, parent, runningNow) {
    var rec = liveRecord(id, cell, output);
    rec.output = output;
    rec.figure = rec.figure || isFigure;
    var n = rec.updates++;
    rec.states.push({ found: false, marks: 0, drawnTraces: 0, dataTraces: 0, points: [] });
    rec.renderers.push('none');
    rec.whileRunning.push(runningNow !== undefined ? runningNow : parent ? running[parent] === true : null);
    (function take() {
      if (rec.updates !== n + 1) { // a later update replaced it before it drew: a skipped frame, not a failure
        if (!(rec.states[n].found && rec.states[n].marks > 0)) rec.states[n].superseded = true;
        return;
      }
      var node = nodeNow();
      var s = plotState(node);
      if (s.found) { rec.states[n] = s; rec.renderers[n] = rendererOf ? rendererOf(node) : 'html'; }
      if (s.found && s.marks > 0 && rec.figure) {
        rec.acked++;
        if (window.__reglabAck) window.__reglabAck(id, n + 1);
        return;
      }
      setTimeout(take, 100);
    })();
  }
  function onMessage(type, parent, content) {
    if (type === 'execute_request_sent') running[parent] = true;
    if (type === 'status' && content.execution_state === 'idle' && running[parent]) running[parent] = false;
    if (type === 'update_display_data') {
      var id = (content.transient || {}).display_id;
      if (id) received[id] = (received[id] || 0) + 1;
    }
  }
  /** Output data of a figure: Plotly JSON, or (a live figure's moving frame) our figure HTML alone. */
  function isFigureData(data) {
    data = data || {};
    return !!data[PLOTLY] || /class="reglab-figure"/.test(String(data['text/html'] || ''));
  }

  /** An update_display_data for `id` arrived that the page has not applied yet. */
  function updateArrived(id) {
    return (received[id] || 0) > (live[id] ? live[id].updates : 0);
  }
  function liveReport() {
    var out = {};
    Object.keys(live).forEach(function (id) {
      var r = live[id];
      out[id] = { cell: r.cell, output: r.output, figure: r.figure, received: received[id] || 0, updates: r.updates,
        states: r.states.slice(), renderers: r.renderers.slice(), whileRunning: r.whileRunning.slice(), acked: r.acked };
    });
    return out;
  }

  var replyStatus = {};  // execute request msg id -> execute_reply status ('ok', 'error', 'aborted')

  function cellIndexOf(outputArea) {
    var cells = Jupyter.notebook.get_cells();
    for (var i = 0; i < cells.length; i++) if (cells[i].output_area === outputArea) return i;
    return -1;
  }

  window.__reglabProbe = {
    plotState: plotState,
    badgeState: badgeState,
    tracePoints: tracePoints,
    onUpdate: onUpdate,
    onMessage: onMessage,
    updateArrived: updateArrived,
    isFigureData: isFigureData,
    liveReport: liveReport,

    /**
     * Classic Notebook: start recording live updates. Call before running the cells.
     * Two hooks: the kernel's message dispatch (which request is still running, reply statuses, updates
     * received) and the 'output_updated.OutputArea' event (an update applied to the page).
     */
    watchLiveUpdates: function () {
      var kernel = Jupyter.notebook.kernel;
      var dispatch = kernel._finish_ws_message;
      kernel._finish_ws_message = function (msg) {
        var type = msg.header.msg_type, parent = (msg.parent_header || {}).msg_id;
        if (type === 'execute_reply') replyStatus[parent] = (msg.content || {}).status;
        onMessage(type, parent, msg.content || {});
        return dispatch.apply(this, arguments);
      };
      var send = kernel.send_shell_message;
      kernel.send_shell_message = function (type) {
        var msgId = send.apply(this, arguments);
        if (type === 'execute_request') onMessage('execute_request_sent', msgId, {});
        return msgId;
      };
      Jupyter.notebook.events.on('output_updated.OutputArea', function (ev, info) {
        var id = ((info.output || {}).transient || {}).display_id;
        if (!id) return;
        var oa = info.output_area;
        var targets = oa._display_id_targets[id] || [];
        var output = targets.length ? targets[0].index : -1;
        var ci = cellIndexOf(oa);
        var parent = ci >= 0 ? Jupyter.notebook.get_cell(ci).last_msg_id : null;
        onUpdate(id, ci, output, isFigureData(info.output.data), function () {
          var t = oa._display_id_targets[id] || [];
          return t.length ? t[0].element[0] : null;
        }, null, parent);
      });
    },

    /** Classic Notebook: state of the run (for the wait loop), over all code cells or the given cell indices. */
    runState: function (indices) {
      var nb = Jupyter.notebook, k = nb.kernel;
      var code = nb.get_cells().filter(function (c, i) { return c.cell_type === 'code' && (!indices || indices.indexOf(i) >= 0); });
      return {
        kernelReady: !!(k && k.is_connected() && k.info_reply && k.info_reply.protocol_version),
        running: document.querySelectorAll('.code_cell.running').length,
        idle: !!document.querySelector('#kernel_indicator_icon.kernel_idle_icon'),
        codeCells: code.length,
        withCount: code.filter(function (c) { return typeof c.input_prompt_number === 'number'; }).length,
      };
    },

    /** Classic Notebook: everything the test asserts on, read from the notebook model and its DOM. */
    collectNotebook: function () {
      var res = { cells: [], figures: [], checks: [], errors: [], live: liveReport() };
      Jupyter.notebook.get_cells().forEach(function (cell, ci) {
        if (cell.cell_type !== 'code') return;
        var oa = cell.output_area;
        var els = oa.element.children('.output_area');
        var stderr = oa.outputs.filter(function (o) { return o.output_type === 'stream' && o.name === 'stderr'; })
          .map(function (o) { return o.text; }).join('');
        res.cells.push({ index: ci, executionCount: cell.input_prompt_number, status: replyStatus[cell.last_msg_id] || null,
          stderr: stderr.slice(0, 500), outputs: oa.outputs.length, elements: els.length, source: cell.get_text().slice(0, 80) });
        oa.outputs.forEach(function (o, oi) {
          var el = els[oi];
          if (o.output_type === 'error') res.errors.push({ cell: ci, ename: o.ename, evalue: o.evalue });
          var data = o.data || {};
          if (data[PLOTLY]) {
            var s = plotState(el);
            var layoutTitle = (data[PLOTLY].layout || {}).title;
            s.cell = ci; s.output = oi; s.jsonTraces = (data[PLOTLY].data || []).length;
            s.jsonTitle = typeof layoutTitle === 'string' ? layoutTitle : (layoutTitle || {}).text || '';
            s.jsonPoints = (data[PLOTLY].data || []).map(tracePoints);
            s.renderer = 'html';
            res.figures.push(s);
          }
          if (data[CHECK]) {
            var b = badgeState(el, !!data[CHECK].passed);
            b.cell = ci; b.id = data[CHECK].id; b.message = data[CHECK].message;
            res.checks.push(b);
          }
        });
      });
      return res;
    },

    /** Any page (nbconvert HTML): every Plotly graph and check badge in document order. */
    collectStatic: function () {
      var figures = [], checks = [];
      var gds = document.querySelectorAll('.js-plotly-plot');
      for (var i = 0; i < gds.length; i++) figures.push(plotState(gds[i]));
      var badges = document.querySelectorAll('.reglab-check');
      for (var j = 0; j < badges.length; j++) checks.push(badgeState(badges[j], null));
      return { figures: figures, checks: checks, plotlyLoaded: typeof window.Plotly === 'object' };
    },
  };
})();
