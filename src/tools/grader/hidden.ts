/**
 * Hidden checks: extra check cells an instructor keeps out of the student copies, in a folder named
 * on the command line. For notebook `01_dropout`:
 *   - `01_dropout.ts`: TypeScript; cells are separated by lines starting with `// %%`; what comes
 *     before the first such line is a preamble that is not run (e.g. `declare` lines, so an editor
 *     can type-check the file); parts holding only comments are skipped;
 *   - `01_dropout.json`: `{ "cells": [ { "source": "..." } ] }` (source a string or list of lines),
 *     or just a list of such sources.
 * Each cell makes exactly one check call with literal id and points, like a visible check cell. They
 * run after all of the submission's cells; feedback shows their results, never their source.
 *
 * Left out on purpose: hidden checks that replace visible ones (ids must differ).
 */
import * as fs from 'fs';
import * as path from 'path';
import { declaredChecks } from './declared';
import { joinMultiline } from '../notebook/notebook-io';

/** One hidden check: its own cell id (reglab-hidden-<id>), the check call's id and points, and its source. */
export interface HiddenCheck { cellId: string; id: string; points: number; source: string }

/** The hidden checks of `notebook` in `dir` ([] when there are none); throws naming the file on a bad one. */
export function loadHiddenChecks(dir: string, notebook: string, visibleIds: Iterable<string> = []): HiddenCheck[] {
  const sources: { file: string; text: string }[] = [];
  const ts = path.join(dir, `${notebook}.ts`);
  const json = path.join(dir, `${notebook}.json`);
  if (fs.existsSync(ts)) {
    const hasCode = (p: string) => p.split('\n').some((l) => l.trim() !== '' && !l.trim().startsWith('//'));
    const parts = fs.readFileSync(ts, 'utf8').split(/^\/\/ %%.*$/m);
    if (parts.length > 1) parts.shift(); // the preamble before the first marker is not run
    for (const text of parts.map((p) => p.trim()).filter(hasCode)) sources.push({ file: ts, text });
  }
  if (fs.existsSync(json)) {
    let raw: unknown;
    try {
      raw = JSON.parse(fs.readFileSync(json, 'utf8'));
    } catch (e) {
      throw new Error(`${json}: not valid JSON (${(e as Error).message})`);
    }
    const cells = Array.isArray(raw) ? raw : (raw as { cells?: unknown })?.cells;
    if (!Array.isArray(cells)) throw new Error(`${json}: expected { "cells": [...] } or a list of cell sources`);
    for (const c of cells) {
      const text = joinMultiline(typeof c === 'object' && c !== null && !Array.isArray(c) ? (c as { source?: unknown }).source : c).trim();
      if (!text) throw new Error(`${json}: a hidden cell has no source`);
      sources.push({ file: json, text });
    }
  }
  const seen = new Set(visibleIds);
  return sources.map(({ file, text }) => {
    const calls = declaredChecks(text);
    if (calls.length !== 1) throw new Error(`${file}: a hidden cell must make exactly one check call with literal id and points, found ${calls.length}`);
    const { id, points } = calls[0];
    if (!(points > 0)) throw new Error(`${file}: hidden check ${id} must be worth more than 0 points`);
    if (seen.has(id)) throw new Error(`${file}: check id ${JSON.stringify(id)} is already used in ${notebook}`);
    seen.add(id);
    return { cellId: `reglab-hidden-${id.replace(/[^A-Za-z0-9-_]/g, '-')}`.slice(0, 64), id, points, source: text };
  });
}
