/**
 * The browser test's judge without a browser: the console-noise allowlist lets through exactly MathJax's
 * about:blank font messages and nothing that merely looks like them; lost updates and requests that
 * would leave the machine are problems; a figure with nothing drawn is named, and one drawn by the wrong
 * renderer; a live figure must apply every update, move, and end at its final figure (with the fixture's
 * handshake: every frame drawn before the next); a student copy's badges must say TODO. Runs in milliseconds.
 * Left out: judging real pages (workbook-*.test.ts do, in Chromium).
 */
import { describe, expect, it } from 'vitest';
import type { PageLog } from './chromium';
import { allowedNoise, figureProblem, logProblems, notebookProblems } from './judge';
import type { LiveRecord, NotebookRun } from './notebook-page';

const PAGE = 'http://127.0.0.1:36575/notebooks/02_layer_norm.ipynb';
const MATHJAX_FONT = "Access to font at 'about:blank' from origin 'http://127.0.0.1:36575' has been blocked by CORS policy: " +
  'Cross origin requests are only supported for protocol schemes: chrome, chrome-extension, chrome-untrusted, data, http, https, isolated-app.';

function log(errors: PageLog['errors'], extra: Partial<PageLog> = {}): PageLog {
  return { errors, warnings: [], blocked: [], ...extra };
}

describe('judge: known console noise', () => {
  it("allows MathJax 2's about:blank font messages on a notebook page, and lists them", () => {
    const l = log([
      { kind: 'console', text: MATHJAX_FONT, url: PAGE },
      { kind: 'console', text: 'Failed to load resource: net::ERR_FAILED', url: 'about:blank' },
    ]);
    expect(logProblems(l)).toEqual([]);
    expect(allowedNoise(l)).toEqual([`1x ${MATHJAX_FONT} (${PAGE})`, '1x Failed to load resource: net::ERR_FAILED (about:blank)']);
  });

  it('reports anything that only resembles them', () => {
    const lookalikes: PageLog['errors'] = [
      // another font, another origin, extra text, another page, another failed URL, an uncaught exception
      { kind: 'console', text: MATHJAX_FONT.replace("'about:blank'", "'https://cdn.example.org/f.woff'"), url: PAGE },
      { kind: 'console', text: MATHJAX_FONT.replace('http://127.0.0.1:36575', 'null'), url: PAGE },
      { kind: 'console', text: MATHJAX_FONT + ' And something else.', url: PAGE },
      { kind: 'console', text: MATHJAX_FONT, url: 'http://127.0.0.1:36575/tree' },
      { kind: 'console', text: 'Failed to load resource: net::ERR_FAILED', url: 'http://127.0.0.1:36575/static/x.js' },
      { kind: 'pageerror', text: MATHJAX_FONT },
    ];
    const problems = logProblems(log(lookalikes));
    expect(problems).toHaveLength(lookalikes.length);
    expect(problems[5]).toBe(`JavaScript exception: ${MATHJAX_FONT}`);
  });

  it('reports lost display updates and requests that would leave the machine', () => {
    const l = log([], { warnings: ['No targets for display_id abc', 'some other warning'], blocked: ['https://cdn.plot.ly/plotly-2.35.2.min.js'] });
    expect(logProblems(l)).toEqual([
      'a display update was lost: No targets for display_id abc',
      'request to https://cdn.plot.ly/plotly-2.35.2.min.js would have left the machine (blocked)',
    ]);
  });
});

describe('judge: figures', () => {
  const drawn = { found: true, marks: 4, drawnTraces: 2, dataTraces: 2, points: [8, 8], title: 'loss', width: 800, height: 320 };

  it('passes a figure that drew every non-empty trace', () => {
    expect(figureProblem(drawn)).toBeNull();
  });

  it('names what is missing', () => {
    expect(figureProblem({ ...drawn, found: false, title: undefined, jsonTitle: 'needs the CDN' }))
      .toBe("'needs the CDN' was not drawn: no .js-plotly-plot in its output");
    expect(figureProblem({ ...drawn, marks: 0 })).toBe("'loss' drew no marks (empty plot area)");
    expect(figureProblem({ ...drawn, drawnTraces: 1 })).toBe("'loss' drew 1 of its 2 non-empty traces");
    expect(figureProblem({ ...drawn, height: 0 })).toBe("'loss' has no size on the page (800x0)");
  });
});

describe('judge: live figures, renderers and badges', () => {
  const drawn = (n: number) => ({ found: true, marks: 2, drawnTraces: 2, dataTraces: 2, points: [n, n], title: 'loss' });
  const settled = { ...drawn(3), cell: 2, output: 0, jsonTraces: 2, jsonTitle: 'loss', jsonPoints: [3, 3], width: 800, height: 300, renderer: 'html' as const };
  function run(live: LiveRecord, badgeText = 'PASS 2/2 ln-forward: ok', figure = settled): NotebookRun {
    const view = {
      cells: [{ index: 2, executionCount: 1, status: 'ok', stderr: '', outputs: 2, elements: 2, source: 'train' }],
      figures: [figure],
      checks: [{ found: true, pass: badgeText.startsWith('PASS'), fail: !badgeText.startsWith('PASS'), todo: badgeText.startsWith('TODO'),
        visible: true, text: badgeText, expectedPass: badgeText.startsWith('PASS'), cell: 2, id: 'ln-forward' }],
      errors: [], live: { d1: live },
    };
    return { name: 'x.ipynb', view, log: log([]), openMs: 0, runMs: 0, saveMs: 0, screenshotMs: 0, shutdownMs: 0, totalMs: 0, screenshot: '' };
  }
  const moving: LiveRecord = { cell: 2, output: 0, figure: true, received: 3, updates: 3, states: [drawn(1), drawn(2), drawn(3)],
    renderers: ['html', 'html', 'html'], whileRunning: [true, true, false], acked: 3 };
  const exp = { checks: 'pass' as const, minFigures: 1, minChecks: 1, minLiveFigures: 1 };

  it('passes a live figure that applied every update, redrew with new data and ends at its final figure', () => {
    expect(notebookProblems(run(moving), exp)).toEqual([]);
    expect(notebookProblems(run(moving), { ...exp, renderer: 'html', liveAcks: true })).toEqual([]);
  });

  it('fails one that updated once, lost an update, drew the same data, or stayed at an earlier frame', () => {
    expect(notebookProblems(run({ ...moving, received: 1, updates: 1, states: [drawn(1)] }), exp))
      .toEqual(['cell 2 live figure d1: updated 1 time(s), expected more than once']);
    expect(notebookProblems(run({ ...moving, received: 4 }), exp))
      .toEqual(['cell 2 live figure d1: 1 of the 4 updates that reached the page were not applied']);
    const none = { found: false, marks: 0, drawnTraces: 0, dataTraces: 0, points: [] };
    expect(notebookProblems(run({ ...moving, states: [drawn(1), none, drawn(3)] }), exp))
      .toEqual(['cell 2 live figure d1: 1 of 3 updates drew no plot']);
    expect(notebookProblems(run({ ...moving, states: [drawn(1), { ...none, superseded: true }, drawn(3)] }), exp)).toEqual([]);
    expect(notebookProblems(run({ ...moving, states: [drawn(1), drawn(2), { ...none, superseded: true }] }), exp))
      .toEqual(['cell 2 live figure d1: its last update (3) drew no plot']);
    expect(notebookProblems(run({ ...moving, states: [drawn(3), drawn(3), drawn(3)] }), exp))
      .toEqual(['cell 2 live figure d1: the 3 updates all drew the same data']);
    // A loaded page that skipped every frame but the last (replaced before it drew) still passes: order, not speed.
    expect(notebookProblems(run({ ...moving, states: [{ ...none, superseded: true }, { ...none, superseded: true }, drawn(3)] }), exp)).toEqual([]);
    // plotly's JupyterLab renderer ignoring updates: the page keeps frame 0 while the output holds frame 3.
    expect(notebookProblems(run({ ...moving, states: [drawn(1), drawn(2), drawn(0)] }), exp)).toEqual([
      "cell 2 live figure d1: the page still shows an earlier frame (points per trace 0/0) than the output's final figure (3/3): the renderer did not redraw on update",
    ]);
  });

  it('with the handshake, fails a figure whose frames were not all drawn before the kernel went on', () => {
    expect(notebookProblems(run({ ...moving, acked: 1 }), { ...exp, liveAcks: true }))
      .toEqual(['cell 2 live figure d1: only 1 of 3 frames were drawn by the page before the kernel went on to the next one']);
    expect(notebookProblems(run({ ...moving, acked: 1 }), exp)).toEqual([]);
  });

  it('names a figure drawn by the wrong renderer', () => {
    expect(notebookProblems(run(moving, undefined, { ...settled, renderer: 'html' }), { ...exp, renderer: 'native' }))
      .toEqual(["cell 2 output 0: figure drawn by the HTML fallback, expected plotly's JupyterLab extension"]);
  });

  it("wants TODO badges in a student copy and PASS badges in a source", () => {
    expect(notebookProblems(run(moving, 'TODO 0/2 ln-forward: not implemented yet'), { ...exp, checks: 'todo' })).toEqual([]);
    expect(notebookProblems(run(moving, 'FAIL 0/2 ln-forward: wrong mean'), { ...exp, checks: 'todo' })[0])
      .toMatch(/expected a TODO badge/);
    expect(notebookProblems(run(moving, 'TODO 0/2 ln-forward: not implemented yet'), exp)[0])
      .toMatch(/failed with the solutions in/);
  });
});
