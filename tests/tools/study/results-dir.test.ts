import { describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fromJson, loadRun, runFile, saveRun, toJson } from '../../../src/tools/study/results-dir';
import { writeFileAtomic } from '../../../src/tools/base/fs-atomic';
import { runMatrix } from '../../../src/tools/study/matrix';
import { quickPlan } from '../../../src/tools/study/plans';
import { syntheticRun } from './synthetic';

const tempDir = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'reglab-study-'));

describe('results directory', () => {
  it('reads back a saved run whose hash matches, NaN included', () => {
    const dir = tempDir();
    const spec = runMatrix(quickPlan())[0];
    const run = syntheticRun(spec.condition.name, spec.seed, [2, 1.5, NaN], { id: spec.id, hash: spec.hash });
    const file = saveRun(dir, run);
    expect(file).toBe(runFile(dir, spec.id));
    expect(fs.readFileSync(file, 'utf8')).toContain('"NaN"');
    const stored = loadRun(dir, spec);
    expect(stored.status).toBe('done');
    if (stored.status === 'done') {
      expect(Number.isNaN(stored.result.history[2].valLoss)).toBe(true);
      expect(stored.result.history[1].valLoss).toBe(1.5);
      expect(stored.result.examples).toEqual(run.examples);
    }
    expect(fs.readdirSync(path.dirname(file))).toEqual([`${spec.id}.json`]); // no temporary file left behind
  });

  it('reports missing, stale (config changed) and unreadable files', () => {
    const dir = tempDir();
    const [spec, other] = runMatrix(quickPlan());
    expect(loadRun(dir, spec).status).toBe('missing');
    saveRun(dir, syntheticRun(spec.condition.name, spec.seed, [2], { id: spec.id, hash: 'an-old-hash' }));
    const stale = loadRun(dir, spec);
    expect(stale.status).toBe('stale');
    if (stale.status === 'stale') expect(stale.why).toMatch(/configuration changed/);
    fs.writeFileSync(runFile(dir, other.id), '{"truncated":');
    expect(loadRun(dir, other).status).toBe('unreadable');
  });

  it('writes atomically by renaming a finished temporary file', () => {
    const dir = tempDir();
    const file = path.join(dir, 'sub', 'x.json');
    writeFileAtomic(file, 'one', { mkdir: true });
    writeFileAtomic(file, 'two');
    expect(fs.readFileSync(file, 'utf8')).toBe('two');
    expect(fs.readdirSync(path.join(dir, 'sub'))).toEqual(['x.json']);
  });

  it('round-trips non-finite numbers through toJson/fromJson', () => {
    expect(fromJson(toJson({ a: NaN, b: [Infinity, -Infinity, 1], c: 'nan' }))).toEqual({ a: NaN, b: [Infinity, -Infinity, 1], c: 'nan' });
  });
});
