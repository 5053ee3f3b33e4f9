/*
 * In-page probe of the browser test for JupyterLab 4 and Notebook 7 (both are JupyterLab applications:
 * the server runs with --expose-app-in-browser, so `window.jupyterapp` is the app). Plain ES5, injected as
 * text after page-probe.js (whose `window.__reglabProbe.plotState` / `badgeState` it reuses), queried with
 * `window.__reglabLabProbe.<fn>()`. Same answers as the classic probe, read from the notebook model and
 * the output widgets' DOM, plus which renderer drew each figure ('native': plotly's JupyterLab extension,
 * 'html': our HTML fallback).
 * It asserts nothing: the test does.
 */
(function () {
  if (window.__reglabLabProbe) return;
  var PLOTLY = 'application/vnd.plotly.v1+json';
  var CHECK = 'application/vnd.reglab.check+json';
  var base = window.__reglabProbe;

  function panel() {
    var w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
    return w && w.content && w.sessionContext ? w : null;
  }
  function kernel() {
    var p = panel();
    return p && p.sessionContext.session ? p.sessionContext.session.kernel : null;
  }
  function cells() {
    return panel().content.widgets;
  }
  function outputNode(cell, index) {
    var w = cell.outputArea && cell.outputArea.widgets[index];
    return w ? w.node : null;
  }
  function rendererOf(node) {
    if (!node) return 'none';
    if (node.querySelector('.jp-RenderedPlotly')) return 'native';
    if (node.querySelector('.jp-RenderedHTMLCommon')) return 'html';
    return 'other';
  }
  function sourceKey(code) {
    return String(code).replace(/\s+$/, '');
  }

  var replyStatus = {};   // cell source -> last execute_reply status
  var codeOf = {};        // execute_request msg id -> its source

  window.__reglabLabProbe = {
    /** The app is up, a notebook panel is current and its kernel is connected and idle. */
    kernelReady: function () {
      var k = kernel();
      return !!(k && k.connectionStatus === 'connected' && k.status === 'idle' && panel().context.isReady);
    },

    /**
     * Start recording live updates (call before running the cells). An update_display_data the page
     * applied is a 'set' in the cell's output list (the output at the display id's index replaced);
     * page-probe.js's onUpdate samples what it drew. Kernel messages give reply statuses and the count
     * of updates received.
     */
    watchLiveUpdates: function () {
      kernel().anyMessage.connect(function (_, args) {
        var msg = args.msg, type = msg.header.msg_type, parent = (msg.parent_header || {}).msg_id;
        if (args.direction === 'send') {
          if (type === 'execute_request') codeOf[msg.header.msg_id] = sourceKey(msg.content.code);
          return;
        }
        if (type === 'execute_reply' && codeOf[parent] !== undefined) replyStatus[codeOf[parent]] = msg.content.status;
        base.onMessage(type, parent, msg.content || {});
      });
      cells().forEach(function (cell, ci) {
        if (cell.model.type !== 'code') return;
        cell.model.outputs.changed.connect(function (_, change) {
          if (change.type !== 'set') return;
          var index = change.newIndex, id = null;
          cell.outputArea._displayIdMap.forEach(function (at, key) { if (at.indexOf(index) >= 0) id = key; });
          // Only updates from the kernel (plotly's renderer also rewrites its output, adding a PNG).
          if (!id || !base.updateArrived(id)) return;
          var isFigure = base.isFigureData(cell.model.outputs.get(index).data);
          var runningNow = cell.model.executionState === 'running';
          base.onUpdate(id, ci, index, isFigure, function () { return outputNode(cell, index); }, rendererOf, null, runningNow);
        });
      });
    },

    /** State of the run (for the wait loop), over all code cells or the given cell indices. */
    runState: function (indices) {
      var k = kernel();
      var code = cells().filter(function (c, i) { return c.model.type === 'code' && (!indices || indices.indexOf(i) >= 0); });
      return {
        kernelReady: this.kernelReady(),
        running: code.filter(function (c) { return c.model.executionState === 'running' || /\[\*\]/.test(c.promptNode ? c.promptNode.textContent : ''); }).length,
        idle: !!(k && k.status === 'idle'),
        codeCells: code.length,
        withCount: code.filter(function (c) { return typeof c.model.executionCount === 'number'; }).length,
      };
    },

    /** Everything the test asserts on, read from the notebook model and its output widgets. */
    collectNotebook: function () {
      var res = { cells: [], figures: [], checks: [], errors: [], live: base.liveReport() };
      cells().forEach(function (cell, ci) {
        if (cell.model.type !== 'code') return;
        var outs = cell.model.outputs, n = outs.length, stderr = '';
        var src = cell.model.sharedModel.getSource();
        for (var oi = 0; oi < n; oi++) {
          var o = outs.get(oi), json = o.toJSON(), data = o.data || {}, el = outputNode(cell, oi);
          if (json.output_type === 'stream' && json.name === 'stderr') stderr += Array.isArray(json.text) ? json.text.join('') : json.text;
          if (json.output_type === 'error') res.errors.push({ cell: ci, ename: json.ename, evalue: json.evalue });
          if (data[PLOTLY]) {
            var s = base.plotState(el);
            var layoutTitle = (data[PLOTLY].layout || {}).title;
            s.cell = ci; s.output = oi; s.jsonTraces = (data[PLOTLY].data || []).length;
            s.jsonTitle = typeof layoutTitle === 'string' ? layoutTitle : (layoutTitle || {}).text || '';
            s.jsonPoints = (data[PLOTLY].data || []).map(base.tracePoints);
            s.renderer = rendererOf(el);
            res.figures.push(s);
          }
          if (data[CHECK]) {
            var b = base.badgeState(el, !!data[CHECK].passed);
            b.cell = ci; b.id = data[CHECK].id; b.message = data[CHECK].message;
            res.checks.push(b);
          }
        }
        res.cells.push({ index: ci, executionCount: cell.model.executionCount, status: replyStatus[sourceKey(src)] || null,
          stderr: stderr.slice(0, 500), outputs: n, elements: cell.outputArea.widgets.length, source: src.slice(0, 80) });
      });
      return res;
    },
  };
})();
