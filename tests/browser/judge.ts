/**
 * Turning what a page showed into a list of problems in plain words (empty = as a learner should see it).
 * The test asserts `toEqual([])`, so a failure prints exactly what went wrong and where.
 *
 * Rules: every code cell that was run ran, with reply status ok and no error output; every Plotly figure drew a
 * mark for each of its non-empty traces; every check shows a visible badge whose class agrees with its JSON
 * (`reglab-pass` iff passed) and says what the notebook should (PASS in a source, TODO in a student copy);
 * every figure was drawn by the renderer the frontend should use (plotly's extension or our HTML); every live
 * figure applied every update it received, drew every frame it had time to (a frame replaced before the page
 * drew it is skipped, as a busy browser does), redrew with new data at least twice and ends showing its output's
 * final figure (not a frame the renderer kept); where the kernel waits for the page (the fixture's handshake)
 * every frame was drawn before the next one was computed. Order of events only, no wall-clock margins.
 * No JavaScript error outside KNOWN_NOISE; no request left the machine.
 * Left out: pixels and colors (a person looks at the screenshots).
 */
import type { PageLog } from './chromium';
import type { BadgeState, FigureState, LiveRecord, NotebookRun, PlotState } from './notebook-page';
import type { StaticView } from './static-html';

/**
 * Console errors that are not ours and do not affect what the learner sees, each with the reason.
 * An entry matches the message text and, when given, the URL the message is about. Keep it short and specific.
 */
export const KNOWN_NOISE: { pattern: RegExp; url?: RegExp; reason: string }[] = [
  {
    // The whole message; only the list of schemes Chromium accepts is left open (it changes between versions).
    pattern: /^Access to font at 'about:blank' from origin 'http:\/\/127\.0\.0\.1:\d+' has been blocked by CORS policy: Cross origin requests are only supported for protocol schemes: [a-z-]+(, [a-z-]+)*\.$/,
    url: /^http:\/\/127\.0\.0\.1:\d+\/notebooks\/[^/?#]+\.ipynb(\?.*)?$/,
    reason: "MathJax 2 (classic Notebook's equation renderer, HTML-CSS output) declares @font-face MathJax_Blank " +
      "with src url('about:blank') to time its web-font loading; Chromium refuses that URL for fonts. The equations " +
      'still render with the MathJax fonts (see the screenshots).',
  },
  {
    pattern: /^Failed to load resource: net::ERR_FAILED$/,
    url: /^about:blank$/,
    reason: 'the same MathJax_Blank font request, reported a second time as a failed load of about:blank.',
  },
];

/** classic Notebook warnings that mean an update_display_data was dropped (nothing on the page changed). */
export const LOST_UPDATE_WARNINGS = /No targets for display_id|Handling update_display with no display_id/;

export interface NotebookExpectations {
  /**
   * What every badge must say: 'pass' (instructor sources, solutions in), 'todo' (a student copy: each
   * check reports its exercise as not implemented yet), or 'as-json' (whatever its CheckResult says).
   */
  checks: 'pass' | 'todo' | 'as-json';
  /** The code cells that were run (default: all); only these must have run cleanly. */
  ranCells?: number[];
  minFigures: number;
  minChecks: number;
  minLiveFigures: number;
  /** Ids of the graded check cells (cell metadata reglab.check), in notebook order: each must show its badge. */
  checkIds?: string[];
  /** Who must draw every figure that carries Plotly JSON: plotly's JupyterLab extension or our HTML fallback. */
  renderer?: 'native' | 'html';
  /** The kernel waited for the page's acknowledgement of each live frame (the fixture): all must be acknowledged. */
  liveAcks?: boolean;
}

export function notebookProblems(run: NotebookRun, exp: NotebookExpectations): string[] {
  const v = run.view;
  const problems: string[] = [];
  for (const c of v.cells) {
    if (exp.ranCells && !exp.ranCells.includes(c.index)) continue;
    if (typeof c.executionCount !== 'number') problems.push(`cell ${c.index} has no execution count (not run, or aborted): ${c.source}`);
    else if (c.status !== 'ok') problems.push(`cell ${c.index} finished with status ${c.status}${c.stderr ? `: ${c.stderr.trim()}` : ''}`);
  }
  for (const e of v.errors) problems.push(`cell ${e.cell} raised ${e.ename}: ${e.evalue}`);

  if (v.figures.length < exp.minFigures) problems.push(`expected at least ${exp.minFigures} Plotly figure(s), found ${v.figures.length}`);
  for (const f of v.figures) {
    const p = figureProblem(f);
    if (p) problems.push(`cell ${f.cell} output ${f.output}: figure ${p}`);
    if (exp.renderer && f.renderer && f.renderer !== exp.renderer) {
      problems.push(`cell ${f.cell} output ${f.output}: figure drawn by ${rendererName(f.renderer)}, expected ${rendererName(exp.renderer)}`);
    }
  }

  if (v.checks.length < exp.minChecks) problems.push(`expected at least ${exp.minChecks} check result(s), found ${v.checks.length}`);
  for (const b of v.checks) {
    const p = badgeProblem(b, exp.checks);
    if (p) problems.push(`cell ${b.cell} check ${b.id}: ${p}`);
  }
  if (exp.checkIds) {
    const shown = v.checks.map((b) => b.id);
    const missing = exp.checkIds.filter((id) => !shown.includes(id));
    if (missing.length) problems.push(`graded check(s) with no result on the page: ${missing.join(', ')}`);
  }

  const liveFigures = Object.entries(v.live).filter(([, r]) => r.figure);
  if (liveFigures.length < exp.minLiveFigures) {
    problems.push(`expected at least ${exp.minLiveFigures} live figure(s) (one display id updated in place), found ${liveFigures.length}`);
  }
  for (const [id, r] of liveFigures) {
    const final = v.figures.find((f) => f.cell === r.cell && f.output === r.output);
    const p = liveProblem(r, final, !!exp.liveAcks);
    if (p) problems.push(`cell ${r.cell} live figure ${id}: ${p}`);
  }
  problems.push(...logProblems(run.log));
  return problems;
}

/** Problems of an nbconvert HTML page: as many figures as the notebook has, all drawn; badges as in the notebook. */
export function staticProblems(view: StaticView, log: PageLog, expected: { figures: number; checks: boolean[] }): string[] {
  const problems: string[] = [];
  if (!view.plotlyLoaded) problems.push('window.Plotly is not defined: the inlined plotly.js did not load');
  if (view.figures.length !== expected.figures) problems.push(`expected ${expected.figures} Plotly figure(s), the page has ${view.figures.length}`);
  view.figures.forEach((f, i) => {
    const p = figureProblem(f);
    if (p) problems.push(`figure ${i + 1} ${p}`);
  });
  if (view.checks.length !== expected.checks.length) problems.push(`expected ${expected.checks.length} check badge(s), the page has ${view.checks.length}`);
  view.checks.forEach((b, i) => {
    const p = badgeProblem({ ...b, expectedPass: expected.checks[i] ?? null }, 'as-json');
    if (p) problems.push(`check badge ${i + 1}: ${p}`);
  });
  problems.push(...logProblems(log));
  return problems;
}

/** A reason the figure is not properly drawn, or null. */
export function figureProblem(f: PlotState & { jsonTitle?: string }): string | null {
  const title = f.title || f.jsonTitle;
  const name = title ? `'${title}'` : '(untitled)';
  if (!f.found) return `${name} was not drawn: no .js-plotly-plot in its output`;
  if (f.marks === 0) return `${name} drew no marks (empty plot area)`;
  if (f.drawnTraces < f.dataTraces) return `${name} drew ${f.drawnTraces} of its ${f.dataTraces} non-empty traces`;
  if (!f.width || !f.height) return `${name} has no size on the page (${f.width}x${f.height})`;
  return null;
}

function badgeProblem(b: BadgeState, want: NotebookExpectations['checks']): string | null {
  if (!b.found) return 'no .reglab-check badge in its output';
  if (!b.visible) return 'badge is not visible (zero size)';
  if (b.pass === b.fail) return `badge has ${b.pass ? 'both' : 'neither of'} reglab-pass and reglab-fail`;
  if (b.expectedPass !== null && b.pass !== b.expectedPass) return `badge says ${b.pass ? 'pass' : 'fail'} but the result JSON says ${b.expectedPass ? 'passed' : 'failed'}`;
  if (want === 'pass' && !b.pass) return `failed with the solutions in: ${b.message ?? b.text}`;
  if (want === 'todo' && !(b.todo && b.fail && /^TODO\b/.test(b.text ?? ''))) {
    return `expected a TODO badge (reglab-todo, text starting TODO) for the unimplemented exercise, got: ${b.text}`;
  }
  return null;
}

function rendererName(r: string): string {
  return r === 'native' ? "plotly's JupyterLab extension" : r === 'html' ? 'the HTML fallback' : `'${r}'`;
}

/**
 * A reason the live figure did not move as a learner should see it, or null. `final` is the figure output
 * it ended as (its Plotly JSON, when the last update settled it); `acks` the fixture's handshake.
 */
export function liveProblem(r: LiveRecord, final: FigureState | undefined, acks: boolean): string | null {
  const drawn = r.states.filter((s) => s.found && s.marks > 0);
  const distinct = new Set(drawn.map((s) => `${s.points.join(',')}|${s.marks}|${s.title}`)).size;
  if (r.updates < 2) return `updated ${r.updates} time(s), expected more than once`;
  if (r.received !== undefined && r.updates < r.received) return `${r.received - r.updates} of the ${r.received} updates that reached the page were not applied`;
  const skipped = r.states.filter((s) => s.superseded).length;
  if (drawn.length + skipped < r.states.length) return `${r.states.length - drawn.length - skipped} of ${r.states.length} updates drew no plot`;
  const last = r.states[r.states.length - 1];
  if (!(last.found && last.marks > 0)) return `its last update (${r.states.length}) drew no plot`;
  // Frames a loaded page skipped (replaced before they drew) are no failure; with none skipped, the drawn
  // frames must differ. A renderer that ignores updates is caught below (the last frame is not the final figure).
  if (distinct < 2 && skipped === 0) return `the ${r.updates} updates all drew the same data`;
  if (final?.jsonPoints && last.points.join(',') !== final.jsonPoints.join(',')) {
    return `the page still shows an earlier frame (points per trace ${last.points.join('/')}) than the output's final figure ` +
      `(${final.jsonPoints.join('/')}): the renderer did not redraw on update`;
  }
  if (acks && r.acked !== r.updates) {
    return `only ${r.acked ?? 0} of ${r.updates} frames were drawn by the page before the kernel went on to the next one`;
  }
  return null;
}

function isKnownNoise(e: PageLog['errors'][number]): boolean {
  return KNOWN_NOISE.some((n) => n.pattern.test(e.text) && (!n.url || n.url.test(e.url ?? '')));
}

/** The console errors that KNOWN_NOISE let through, with counts (for the test's log, so they stay visible). */
export function allowedNoise(log: PageLog): string[] {
  const counts = new Map<string, number>();
  for (const e of log.errors.filter(isKnownNoise)) {
    const key = `${e.text}${e.url ? ` (${e.url})` : ''}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([text, n]) => `${n}x ${text}`);
}

/** JavaScript errors not in KNOWN_NOISE, lost display updates, and requests that would have left the machine. */
export function logProblems(log: PageLog): string[] {
  const problems: string[] = [];
  for (const e of log.errors) {
    if (isKnownNoise(e)) continue;
    problems.push(`JavaScript ${e.kind === 'pageerror' ? 'exception' : 'console error'}: ${e.text}${e.url ? ` (${e.url})` : ''}`);
  }
  for (const w of log.warnings) if (LOST_UPDATE_WARNINGS.test(w)) problems.push(`a display update was lost: ${w}`);
  for (const url of log.blocked) problems.push(`request to ${url} would have left the machine (blocked)`);
  return problems;
}
