/**
 * The learner's API (src/index.ts): everything the notebooks use is there, and the plumbing is not.
 * The names the notebooks use are read from the code cells of notebooks/source/*.ipynb (`rl.name`).
 */
import * as fs from 'fs';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import * as rl from '../src';

const SOURCES = path.resolve(__dirname, '../notebooks/source');
const read = (rel: string): string => fs.readFileSync(path.resolve(__dirname, '..', rel), 'utf8');

/** `rl.a` and `rl.plots.b` / `rl.display.b` names in the code cells of the source notebooks, types included. */
function namesTheNotebooksUse(): Set<string> {
  const used = new Set<string>();
  for (const f of fs.readdirSync(SOURCES).filter((n) => n.endsWith('.ipynb'))) {
    const nb = JSON.parse(fs.readFileSync(path.join(SOURCES, f), 'utf8')) as { cells: { cell_type: string; source: string | string[] }[] };
    for (const c of nb.cells) {
      if (c.cell_type !== 'code') continue;
      const src = Array.isArray(c.source) ? c.source.join('') : c.source;
      for (const m of src.matchAll(/\brl\.([A-Za-z_$][\w$]*)(?:\.([A-Za-z_$][\w$]*))?/g)) used.add(m[2] && /^(plots|display)$/.test(m[1]) ? `${m[1]}.${m[2]}` : m[1]);
    }
  }
  return used;
}

/** The names an `export type { ... }` list in `text` declares. */
const typeNames = (text: string): Set<string> =>
  new Set([...text.matchAll(/export type \{([^}]*)\}/g)].flatMap((m) => m[1].split(',').map((s) => s.trim()).filter(Boolean)));

describe('src/index.ts, the learner API', () => {
  const api = new Set(Object.keys(rl));
  const indexText = read('src/index.ts');

  it('has every name a notebook uses (values at run time, types in the export lists)', () => {
    const used = namesTheNotebooksUse();
    expect(used.size).toBeGreaterThan(30);
    const missing = [...used].filter((n) => {
      const [ns, inner] = n.split('.');
      if (inner) return !(inner in (rl as unknown as Record<string, object>)[ns]) && !typeNames(read(`src/lib/${ns}/index.ts`)).has(inner);
      return !api.has(n) && !typeNames(indexText).has(n);
    });
    expect(missing).toEqual([]);
  });

  it('leaves out the plumbing: kernels, row kernels, the benchmark hooks, check machinery, validators', () => {
    const plumbing = ['gemmNN', 'gemmNT', 'gemmTN', 'gemm', 'recordMatmuls', 'stopRecording', 'trainStep', 'newStepCarry', 'layerNormRowsForward',
      'layerNormRowsBackward', 'lstmGatesForward', 'lstmOutputBackward', 'lstmSizes', 'checkKeepProb', 'checkGrads', 'checkLr', 'assertShape',
      'evaluateCheck', 'runCheck', 'createAsserts', 'declaredChecks', 'checks', 'notImplemented', 'CHECK_MIME', 'worstRelError', 'relErrors', 'toTimeMajor'];
    expect(plumbing.filter((n) => api.has(n))).toEqual([]);
    for (const n of ['figureBundle', 'checkBundle', 'setTransport', 'sendDisplay', 'emit', 'plotlyLibraryHtml', 'formatEpochProgress']) {
      expect(n in rl.display, `rl.display.${n}`).toBe(false);
    }
    for (const n of ['baseLayout', 'numbers', 'requireNonEmpty', 'formatNumber', 'baselineTraces']) expect(n in rl.plots, `rl.plots.${n}`).toBe(false);
  });

  it('has one stub form, and rl.check is the notebook check', () => {
    expect(typeof rl.NotImplementedError).toBe('function');
    expect(new rl.NotImplementedError().message).toBe('not implemented yet');
    expect(typeof rl.check).toBe('function');
    expect(typeof rl.display.liveLossCurves).toBe('function');
    expect(typeof rl.plots.lossCurves).toBe('function');
  });

  it('is an explicit list: no `export *` of a whole module, except the two namespaces', () => {
    expect(indexText.match(/export \* from/g)).toBeNull();
    expect([...indexText.matchAll(/export \* as (\w+)/g)].map((m) => m[1])).toEqual(['plots', 'display']);
    for (const ns of ['plots', 'display']) expect(read(`src/lib/${ns}/index.ts`).match(/export \* from/g)).toBeNull();
  });
});
