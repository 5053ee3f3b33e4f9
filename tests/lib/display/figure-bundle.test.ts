import { describe, expect, it } from 'vitest';
import { figureBundle, figureHtml } from '../../../src/lib/display/figure-bundle';
import { MIME } from '../../../src/lib/display/transport';
import { lineChart } from '../../../src/lib/plots/line-bar';

describe('figure bundle', () => {
  it('embeds the figure JSON safely in the script and draws into its own div', () => {
    const fig = lineChart([{ name: '</script><b>&', y: [1, 2] }], { title: 'a <title>' });
    const html = figureHtml(fig, 'div-1');
    expect(html).toContain('<div id="div-1" class="reglab-figure"');
    expect(html.match(/<\/script>/g)).toHaveLength(1);
    expect(html).toContain('\\u003c/script\\u003e\\u003cb\\u003e\\u0026');
    const json = html.slice(html.indexOf('var fig = ') + 10, html.indexOf(';\n  var id'));
    expect(JSON.parse(json)).toEqual({ data: fig.data, layout: fig.layout });
    expect(html).toContain('window.reglabPlotly.ready(function (Plotly) {');
    expect(html).toContain('Plotly.newPlot(el, fig.data, fig.layout');
    expect(html).not.toMatch(/setTimeout|waited/); // no time limit on plotly.js arriving
  });

  it('gives every rendering a new div id and snapshots the figure', () => {
    const fig = lineChart([{ name: 'a', y: [1, 2] }]);
    const a = figureBundle(fig);
    fig.data[0].y[0] = 99;
    const b = figureBundle(fig);
    const id = (h: unknown) => /id="([^"]+)"/.exec(h as string)?.[1];
    expect(id(a[MIME.html])).not.toBe(id(b[MIME.html]));
    expect((a[MIME.plotly] as { data: { y: number[] }[] }).data[0].y[0]).toBe(1);
  });
});
