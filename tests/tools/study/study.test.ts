/**
 * The study end to end, through the command line (ts-node on src/tools/cli/study-cli.ts, so no build is
 * needed): `--quick` in a temp dir, then resume, and a kill mid-study. Trains for real (the quick plan: tiny model), so this
 * file takes tens of seconds.
 */
import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { quickPlan } from '../../../src/tools/study/plans';
import { fromJson } from '../../../src/tools/study/results-dir';
import { StudyReport } from '../../../src/tools/study/report';
import { RunResult } from '../../../src/tools/study/run-one';
import { TABLE_HEADER } from '../../../src/tools/study/table';

const root = path.resolve(__dirname, '../../..');
const cli = path.join(root, 'src/tools/cli/study-cli.ts');

function study(args: string[]): { out: string; seconds: number } {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', cli, ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`study ${args.join(' ')} exited with ${r.status}\n${r.stdout}\n${r.stderr}`);
  return { out: r.stdout, seconds: (Date.now() - t0) / 1000 };
}

/** Starts the study, kills it (SIGKILL, no clean-up) once `killAfter` runs are done; resolves with its output. */
function interruptedStudy(args: string[], killAfter: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', cli, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if ((out.match(/ done in /g) ?? []).length >= killAfter) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('exit', () => resolve(out));
  });
}

const readRun = (dir: string, id: string): RunResult => fromJson(fs.readFileSync(path.join(dir, 'runs', `${id}.json`), 'utf8')) as RunResult;
const withoutTime = ({ seconds, history, ...rest }: RunResult) => ({ ...rest, history: history.map(({ seconds: _s, ...h }) => h) });

describe('npm run study -- --quick', () => {
  it('runs end to end, resumes without redoing finished runs, and reruns a run whose config changed', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reglab-study-e2e-'));
    const plan = quickPlan();
    const total = plan.conditions.length * plan.seeds.length;

    // 1. Only the unregularized condition, as if the study had been interrupted after two runs.
    const first = study(['--quick', '--out', dir, '--conditions', 'none', '--quiet']);
    expect(first.out).toMatch(/0 finished earlier, 2 to run/);
    const noneSeed1 = fs.readFileSync(path.join(dir, 'runs', 'none-seed1.json'), 'utf8');

    // 2. The whole quick study: the two finished runs are skipped, the rest run on two workers.
    const jsonFile = path.join(dir, 'table.json');
    const full = study(['--quick', '--out', dir, '--json', jsonFile]);
    expect(full.seconds).toBeLessThan(60);
    expect(full.out).toContain(`2 finished earlier, ${total - 2} to run on 2 worker(s)`);
    expect(full.out).toMatch(/\[1\/\d+\] none seed 1 finished earlier, skipped/);
    expect(full.out).not.toMatch(/none seed \d (started|epoch)/);
    expect(full.out).toMatch(/\[\d+\/\d+\] dropout-0\.5 seed 2 epoch 1\/4 val \d\.\d{3} train \d\.\d{3}/);
    expect(full.out).toMatch(/\[\d+\/\d+\] all seed 1 done in [\d.]+s: best val \d\.\d{3} at epoch \d/);
    expect(fs.readFileSync(path.join(dir, 'runs', 'none-seed1.json'), 'utf8')).toBe(noneSeed1);

    // The printed table: a header and a row per condition.
    const header = full.out.split('\n').find((l) => l.startsWith('condition'))!;
    for (const h of TABLE_HEADER) expect(header).toContain(h);
    for (const c of plan.conditions) expect(full.out).toMatch(new RegExp(`^${c.name.replace('.', '\\.')} +\\d\\.\\d{3}±\\d\\.\\d{3} `, 'm'));

    // JSON: the table rows with mean and spread, the curves and every run.
    const report = fromJson(fs.readFileSync(jsonFile, 'utf8')) as StudyReport;
    expect(fs.readFileSync(path.join(dir, 'study.json'), 'utf8')).toBe(fs.readFileSync(jsonFile, 'utf8'));
    expect(report.plan.name).toBe('quick');
    expect(report.rows.map((r) => r.condition)).toEqual(plan.conditions.map((c) => c.name));
    expect(report.runs.length).toBe(total);
    expect(report.missing).toEqual([]);
    for (const row of report.rows) {
      expect(row.seeds).toEqual(plan.seeds);
      for (const m of ['bestValLoss', 'bestEpoch', 'finalValLoss', 'testLossAtBest', 'perplexity', 'gap', 'memorized'] as const) {
        expect(Object.keys(row.metrics[m]).sort()).toEqual(['max', 'mean', 'min', 'n', 'nonFinite', 'std']);
        expect(row.metrics[m].n).toBe(plan.seeds.length);
      }
    }
    for (const r of report.runs) {
      expect(r.perplexity).toBeCloseTo(Math.exp(r.testLossAtBest), 12);
      expect(r.bestValLoss).toBe(Math.min(...r.history.map((h) => h.valLoss)));
      expect(r.history[r.bestEpoch - 1].valLoss).toBe(r.bestValLoss);
      expect(r.memorized).toBeGreaterThanOrEqual(0);
      expect(r.memorized).toBeLessThanOrEqual(1);
      expect(r.epochsRun).toBe(r.stoppedEpoch ?? plan.settings.epochs);
    }
    expect(report.curves[0].epochs).toEqual([1, 2, 3, 4]);

    // HTML: self-contained.
    const html = fs.readFileSync(path.join(dir, 'report.html'), 'utf8');
    expect(html).toMatch(/plotly\.js v3\./);
    expect(html.length).toBeGreaterThan(400_000); // plotly.js packed (gzip + base64)
    expect(html).not.toMatch(/<script[^>]*\bsrc\s*=\s*["']?https?:/i);
    expect(html).not.toMatch(/<script[^>]*\bsrc\s*=/i);

    // 3. A stored run whose config hash no longer matches is run again, and gives the same numbers.
    const stale = readRun(dir, 'none-seed1');
    fs.writeFileSync(path.join(dir, 'runs', 'none-seed1.json'), JSON.stringify({ ...stale, hash: 'old-config' }));
    const third = study(['--quick', '--out', dir, '--conditions', 'none', '--quiet']);
    expect(third.out).toMatch(/none seed 1 stored result not used: configuration changed/);
    expect(third.out).toMatch(/none seed 2 finished earlier, skipped/);
    expect(third.out).toContain('1 finished earlier, 1 to run');
    expect(withoutTime(readRun(dir, 'none-seed1'))).toEqual(withoutTime(stale));
  }, 180_000);

  it('keeps the runs finished before a kill and does only the rest after it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reglab-study-kill-'));
    const args = ['--quick', '--out', dir, '--conditions', 'none', '--workers', '1', '--quiet'];
    const killed = await interruptedStudy(args, 1);
    expect(killed).not.toContain('Wrote'); // it never reached the report
    const saved = fs.readdirSync(path.join(dir, 'runs')).filter((f) => f.endsWith('.json'));
    expect(saved).toEqual(['none-seed1.json']); // killed as soon as it said so; the second run takes seconds
    expect(fs.readdirSync(path.join(dir, 'runs')).filter((f) => f.includes('.tmp-'))).toEqual([]);
    const resumed = study(args);
    expect(resumed.out).toContain('1 finished earlier, 1 to run');
    expect(resumed.out).toContain('none seed 1 finished earlier, skipped');
    expect(resumed.out).toMatch(/none seed 2 done in/);
    expect(fs.readdirSync(path.join(dir, 'runs')).sort()).toEqual(['none-seed1.json', 'none-seed2.json']);
  }, 120_000);
});
