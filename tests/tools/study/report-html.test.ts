import { describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { buildReport } from '../../../src/tools/study/report';
import { renderReportHtml } from '../../../src/tools/study/report-html';
import { quickPlan } from '../../../src/tools/study/plans';
import { syntheticRun } from './synthetic';

describe('HTML report', () => {
  const plan = quickPlan();
  const runs = plan.conditions.flatMap((c, i) => plan.seeds.map((s) => syntheticRun(c.name, s, [2.5, 2 - 0.01 * i, 2.1, NaN])));
  const report = buildReport(plan, runs, ['all-seed2'], 'npm run study -- --quick', '2025-01-01T00:00:00.000Z');
  const html = renderReportHtml(report);

  it('carries plotly.js from the npm package (packed) and loads nothing from the network', () => {
    const plotly = fs.readFileSync(require.resolve('plotly.js-basic-dist-min'));
    const packed = /w\.atob\("([A-Za-z0-9+/=]+)"\)/.exec(html)?.[1] ?? '';
    expect(gunzipSync(Buffer.from(packed, 'base64')).equals(plotly)).toBe(true);
    expect(html).toContain('window.reglabPlotly.ready(');
    expect(html).not.toMatch(/<script[^>]*\bsrc\s*=/i);
    expect(html).not.toMatch(/<link[^>]*href\s*=\s*["']?https?:/i);
  });

  it('holds the table, the conditions, every run and the figure data', () => {
    for (const c of plan.conditions) expect(html).toContain(`<td>${c.name}</td>`);
    for (const r of runs) expect(html).toContain(`<td>${r.id}</td>`);
    expect(html).toContain('bob&lt;'); // sampled names are escaped
    expect(html).toContain('Runs without a result (failed or not run): all-seed2');
    const script = html.slice(html.lastIndexOf('const figures = ') + 'const figures = '.length, html.lastIndexOf(';\nwindow.reglabPlotly.ready('));
    const figures = JSON.parse(script);
    expect(figures.length).toBe(3);
    expect(figures[0].data.filter((t: { name?: string }) => t.name).map((t: { name: string }) => t.name)).toEqual(plan.conditions.map((c) => c.name));
    expect(figures[0].data[1].y[3]).toBe(null); // NaN epochs are gaps, not invalid JSON
  });
});
