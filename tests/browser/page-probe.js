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
      var len = Math.max(lengthOf(tr.x), lengthOf(tr.y), lengthOf(tr.z), lengthOf(tr.values));
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

  // display id -> { cell, figure (carries Plotly JSON), updates, states (plotState after each update) }
  var live = {};
  var sends = {};    // display id -> [{ parent msg id, sent (kernel header date), received (page clock) }]
  var doneAt = {};   // execute request msg id -> when the kernel went idle after it (kernel header date)
  var replyStatus = {};  // execute request msg id -> execute_reply status ('ok', 'error', 'aborted')

  function cellIndexOf(outputArea) {
    var cells = Jupyter.notebook.get_cells();
    for (var i = 0; i < cells.length; i++) if (cells[i].output_area === outputArea) return i;
    return -1;
  }

  window.__reglabProbe = {
    /**
     * Classic Notebook: start recording live updates. Call before running the cells.
     * Two hooks: the kernel's message dispatch (to timestamp each display message against the kernel's
     * own header dates, same machine clock) and the 'output_updated.OutputArea' event (to sample the
     * figure the update drew).
     */
    watchLiveUpdates: function () {
      var kernel = Jupyter.notebook.kernel;
      var dispatch = kernel._finish_ws_message;
      kernel._finish_ws_message = function (msg) {
        var type = msg.header.msg_type, parent = (msg.parent_header || {}).msg_id;
        // tslab dates its 'idle' status when the request is done (its execute_reply is dated at the start).
        if (type === 'status' && (msg.content || {}).execution_state === 'idle') doneAt[parent] = Date.parse(msg.header.date);
        if (type === 'execute_reply') replyStatus[parent] = (msg.content || {}).status;
        if (type === 'update_display_data') {
          var id = ((msg.content || {}).transient || {}).display_id;
          (sends[id] || (sends[id] = [])).push({ parent: parent, sent: Date.parse(msg.header.date), received: Date.now() });
        }
        return dispatch.apply(this, arguments);
      };
      Jupyter.notebook.events.on('output_updated.OutputArea', function (ev, info) {
        var id = ((info.output || {}).transient || {}).display_id;
        if (!id) return;
        var ci = cellIndexOf(info.output_area);
        var rec = live[id] || (live[id] = { cell: ci, figure: false, updates: 0, states: [] });
        rec.updates++;
        rec.figure = rec.figure || !!(info.output.data || {})[PLOTLY];
        var targets = info.output_area._display_id_targets[id] || [];
        var el = targets.length ? targets[0].element[0] : null;
        // The update's script has run; Plotly may finish drawing a moment later, so sample twice.
        var state = plotState(el);
        setTimeout(function () { var later = plotState(el); rec.states.push(later.marks >= state.marks ? later : state); }, 50);
      });
    },

    /**
     * Per display id: the live record plus, per update, how long before the kernel finished that cell it
     * reached the page (`aheadMs`, kernel clock; negative = after) and its delivery lag (`lagMs`).
     */
    liveReport: function () {
      var out = {};
      Object.keys(live).forEach(function (id) {
        var rec = live[id];
        var timing = (sends[id] || []).map(function (s) {
          var done = doneAt[s.parent];
          return { aheadMs: done === undefined ? null : done - s.received, lagMs: s.received - s.sent };
        });
        out[id] = { cell: rec.cell, figure: rec.figure, updates: rec.updates, states: rec.states, timing: timing };
      });
      return out;
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
      var res = { cells: [], figures: [], checks: [], errors: [], live: this.liveReport() };
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
