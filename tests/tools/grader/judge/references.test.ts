/**
 * "Calling the reference is not doing the exercise", on 01_dropout: a dropoutForward that calls
 * rl.dropoutForward (directly, through a helper of its own, from an Array.prototype.map callback,
 * through code it made with eval, or from a function whose source claims to be the grader's) fails
 * every check that calls it (dropout-backward does not: it feeds the library's forward to dropoutBackward), with a message naming the call; the checks' own calls to the library (the
 * reference they compare with) are fine, and so is a learner who compares with the library in a cell
 * of their own outside the checks (that is only a flag). Also the `// reference:` annotation for an
 * exercise named differently from the library function, on a notebook made here.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { loadRelease } from '../../../../src/tools/grader/grade';
import { JudgeOptions, judgeNotebook, libraryExportNames } from '../../../../src/tools/grader/judge/judge';
import { referenceAnnotations } from '../../../../src/tools/grader/judge/judged-notebook';
import { mapPool } from '../../../../src/tools/grader/pool';
import { detectIsolation } from '../../../../src/tools/grader/sandbox';
import { Notebook, readNotebook, writeNotebook } from '../../../../src/tools/notebook/notebook-io';
import { SOURCES, submissionFor } from './wrong-solutions';

const INSTALL = path.resolve(__dirname, '../../../..');
const opts: JudgeOptions = {
  install: INSTALL, isolation: detectIsolation().kind ?? 'none', cellTimeoutMs: 60_000, trainingBudgetMs: 300_000, memoryMb: 1536, libraryExports: libraryExportNames(INSTALL),
};
const dropout = loadRelease(SOURCES).find((r) => r.name === '01_dropout')!;
const CALLS = 'return rl.dropoutForward(x, keepProb, rng, { mode }) as { out: rl.Matrix; cache: DropoutCache };';
const variants: { name: string; forward: string; added?: [string, string][] }[] = [
  { name: 'direct', forward: CALLS },
  { name: 'through a helper', forward: `const viaHelper = () => rl.dropoutForward(x, keepProb, rng, { mode });\nreturn viaHelper() as { out: rl.Matrix; cache: DropoutCache };` },
  { name: 'from a map callback', forward: 'return [0].map(() => rl.dropoutForward(x, keepProb, rng, { mode }))[0] as { out: rl.Matrix; cache: DropoutCache };' },
  { name: 'through eval', forward: 'const f = (0, eval)("(r, x, p, g, m) => r.dropoutForward(x, p, g, { mode: m })");\nreturn f(rl, x, keepProb, rng, mode);' },
  { name: 'under a forged sourceURL', forward: 'const f = new Function("r", "x", "p", "g", "m", "return r.dropoutForward(x, p, g, { mode: m });\\n//# sourceURL=reglab-check-0123456789abcdef0123456789abcdef");\nreturn f(rl, x, keepProb, rng, mode);' },
];

describe(`reference calls (isolation: ${opts.isolation})`, () => {
  it('fail every check whose code under test calls the library\'s own implementation, however it is reached', async () => {
    const verdicts = await mapPool(variants, 2, async (v) => {
      const sub = submissionFor({ notebook: '01_dropout', name: v.name, regions: { 'forward-solution': v.forward } });
      // the backward exercise is solved honestly, so its check fails only through the forward it calls
      const source = readNotebook(path.join(SOURCES, '01_dropout.ipynb'));
      sub.cells.find((c) => c.id === 'backward-solution')!.source = source.cells.find((c) => c.id === 'backward-solution')!.source;
      return judgeNotebook(dropout, sub, opts);
    });
    verdicts.forEach((verdict, i) => {
      const why = `${variants[i].name}: ${JSON.stringify(verdict.checks.map((c) => [c.id, c.passed, c.message]))}`;
      // dropout-backward feeds the library's forward pass to the learner's backward: it never calls dropoutForward
      expect(verdict.checks.map((c) => c.passed), why).toEqual([false, false, true]);
      for (const c of verdict.checks.slice(0, 2)) {
        expect(c.message, why).toMatch(/calls rl\.dropoutForward: that is the library's own implementation of what this exercise asks you to write/);
        expect(c.referenceCalls!.length, why).toBeGreaterThan(0);
      }
    });
    expect(verdicts[1].checks[0].message).toMatch(/^viaHelper calls rl\.dropoutForward/);
  }, 300_000);

  it('leave the checks\' own reference calls and a comparison outside the checks alone (a flag at most)', async () => {
    const source = readNotebook(path.join(SOURCES, '01_dropout.ipynb'));
    const sub = structuredClone(source);
    // a helper cell the exercise needs, which also compares with the library at its top level
    const helper = 'function coin(rng: rl.Rng, p: number): number {\n  return rng.bernoulli(p);\n}\nconsole.log(rl.dropoutForward(rl.filled(1, 1, 1), 0.5, new rl.Rng(1)).out.data[0]);';
    sub.cells.splice(sub.cells.findIndex((c) => c.id === 'forward-solution'), 0, { cell_type: 'code', id: 'coin', metadata: {}, source: helper, outputs: [], execution_count: null });
    const forward = sub.cells.find((c) => c.id === 'forward-solution')!;
    forward.source = String(forward.source).replace('rng.bernoulli(keepProb)', 'coin(rng, keepProb)');
    expect(String(forward.source)).toContain('coin(rng, keepProb)');
    const verdict = await judgeNotebook(dropout, sub as Notebook, opts);
    expect(verdict.checks.map((c) => [c.id, c.passed])).toEqual([['dropout-forward-train', true], ['dropout-forward-eval', true], ['dropout-backward', true]]);
    expect(verdict.flags).toEqual(['the code of cell coin calls rl.dropoutForward']);
  }, 120_000);

  it('read `// reference: rl.x` lines inside a solution region, for an exercise named unlike the library function', async () => {
    expect(referenceAnnotations('function f() {\n  // BEGIN SOLUTION\n  // reference: rl.memorization, rl.sampleNames\n  return 1;\n  // END SOLUTION\n}\n// reference: rl.outside')).toEqual(['memorization', 'sampleNames']);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reglab-refs-'));
    const nb = readNotebook(path.join(SOURCES, '05_full_pipeline.ipynb'));
    const copy = nb.cells.find((c) => c.id === 'copy-solution')!;
    copy.source = String(copy.source).replace('// BEGIN SOLUTION', '// BEGIN SOLUTION\n  // reference: rl.memorization');
    // the copy exercise alone (the loop and setup exercises before it would be judged as stubs)
    nb.cells = nb.cells.filter((c) => c.cell_type === 'markdown' || ['setup', 'copy-solution', 'copy-check'].includes(String(c.id)));
    writeNotebook(path.join(dir, '05_short.ipynb'), nb);
    const rel = loadRelease(dir)[0];
    const sub = structuredClone(rel.released);
    sub.cells.find((c) => c.id === 'copy-solution')!.source = 'function copiedShare(samples: readonly string[], trainNames: ReadonlySet<string>): number {\n  if (samples.length === 0) throw new RangeError("none");\n  return rl.memorization(samples, trainNames).share;\n}';
    const verdict = await judgeNotebook(rel, sub, opts);
    expect(verdict.checks.map((c) => [c.id, c.passed])).toEqual([['copied-share', false]]);
    expect(verdict.checks[0].message).toMatch(/^copiedShare calls rl\.memorization: that is the library's own implementation/);
  }, 120_000);

  it('fail 05\'s loop check for a trainRegularized that hands the run to rl.train (the source says `// reference: rl.train`)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reglab-refs-'));
    const nb = readNotebook(path.join(SOURCES, '05_full_pipeline.ipynb'));
    nb.cells = nb.cells.filter((c) => c.cell_type === 'markdown' || ['setup', 'loop-solution', 'loop-check'].includes(String(c.id)));
    writeNotebook(path.join(dir, '05_loop.ipynb'), nb);
    const rel = loadRelease(dir)[0];
    const sub = submissionFor({ notebook: '05_full_pipeline', name: 'rl.train', regions: {} });
    sub.cells = sub.cells.filter((c) => c.cell_type === 'markdown' || ['setup', 'loop-solution', 'loop-check'].includes(String(c.id)));
    const loop = sub.cells.find((c) => c.id === 'loop-solution')!;
    loop.source = String(Array.isArray(loop.source) ? loop.source.join('') : loop.source).replace(/\/\/ TODO: your code here\n\s*throw new rl\.NotImplementedError\(\);/, [
      'const r = rl.train({ model: s.model, data: s.data, epochs: s.epochs, batchSize: s.batchSize, unroll: s.unroll, clip: s.clip, params: rl.cloneParams(s.init), dropoutRng: s.dropoutRng, evalTrain: true,',
      '  optimizer: s.decay.kind === "decoupled" ? { kind: "adamw", lr: s.lr, weightDecay: s.decay.weightDecay } : { kind: "adam", lr: s.lr }, l2: s.decay.kind === "l2" ? s.decay.lambda : 0,',
      '  earlyStopping: new rl.EarlyStopping({ patience: s.patience, minDelta: s.minDelta, restoreBestWeights: true }) });',
      '  return { history: r.history as LoopRecord[], params: r.params, paramsEpoch: r.paramsEpoch, stoppedEpoch: r.stoppedEpoch };',
    ].join('\n'));
    expect(String(loop.source)).toContain('rl.train({');
    const verdict = await judgeNotebook(rel, sub, opts);
    expect(verdict.checks.map((c) => [c.id, c.passed])).toEqual([['training-loop', false]]);
    expect(verdict.checks[0].message).toMatch(/^trainRegularized calls rl\.train: that is the library's own implementation/);
  }, 180_000);
});
