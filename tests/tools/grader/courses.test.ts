/**
 * Where courses live, end to end through the commands (compiled: `npm run build` first), on the tiny release
 * fixture (one judge run per submission, in the grader's sandbox):
 *  - a Canvas zip of LMS-named notebooks grades to gradebook.csv and Gradescope results.json, each parsed
 *    against its documented shape (RFC 4180; Gradescope's "Autograder Specifications" output format);
 *  - four shards (`--shard K/4`) merged by `npm run grade-merge` give the same reports as one run over
 *    everyone (run times and the output folder's own name masked: they differ between any two runs);
 *  - `npm run check` grades one notebook as the grader does (the same judge: its grade equals the one
 *    `npm run grade` gives that file), prints the table and writes the submission file.
 * Left out: Moodle zips here (tests/tools/grader/intake.test.ts unpacks them to the same folder layout).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as yazl from 'yazl';
import { serializeNotebook, type Notebook } from '../../../src/tools/notebook/notebook-io';
import { HIDDEN_DIR, MAX, SOURCE_DIR, released, solved } from './catalog';
import { detectIsolation } from '../../../src/tools/grader/sandbox';

const REPO = path.resolve(__dirname, '../../..');
const cli = (tool: string, args: string[]) =>
  spawnSync(process.execPath, [path.join(REPO, 'dist/tools/cli', `${tool}-cli.js`), ...args], { cwd: REPO, encoding: 'utf8', env: { ...process.env, INIT_CWD: REPO }, timeout: 600_000 });
const GRADE = ['--source', SOURCE_DIR, '--hidden', HIDDEN_DIR, '--cell-timeout', '60', '--quiet'];
/** Grading runs student code only in a sandbox: skipped without one, except in CI (where it fails). */
const sandboxed = detectIsolation().kind !== null || !!process.env.CI;

/** A notebook that gets `double` right and `meanAbs` wrong (partial marks). */
function half(): Notebook {
  const nb = solved();
  for (const c of nb.cells) {
    const src = Array.isArray(c.source) ? c.source.join('') : c.source;
    if (src.includes('function meanAbs')) c.source = 'function meanAbs(xs: number[]): number {\n  return xs.reduce((s, x) => s + x, 0) / xs.length;\n}';
  }
  return nb;
}

/** RFC 4180 parsing, enough for the check: quoted fields with doubled quotes, CRLF records. */
function parseCsv(text: string): string[][] {
  expect(text.endsWith('\r\n')).toBe(true);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; } else if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; } else field += c;
  }
  return rows;
}

/** Gradescope's documented results.json shape (the fields we write and their types). */
function expectGradescopeShape(r: Record<string, unknown>): void {
  expect(typeof r.score).toBe('number');
  expect(typeof r.execution_time).toBe('number');
  expect(typeof r.output).toBe('string');
  expect(['visible', 'hidden', 'after_due_date', 'after_published']).toContain(r.visibility);
  expect(Array.isArray(r.tests)).toBe(true);
  for (const t of r.tests as Record<string, unknown>[]) {
    expect(Object.keys(t).sort()).toEqual(['max_score', 'name', 'output', 'output_format', 'score', 'status', 'visibility']);
    expect(typeof t.name).toBe('string');
    expect(typeof t.score).toBe('number');
    expect(typeof t.max_score).toBe('number');
    expect(t.score as number).toBeLessThanOrEqual(t.max_score as number);
    expect(['passed', 'failed']).toContain(t.status);
    expect(typeof t.output).toBe('string');
    expect(['visible', 'hidden', 'after_due_date', 'after_published']).toContain(t.visibility);
  }
  expect(r.score).toBe((r.tests as { score: number }[]).reduce((s, t) => s + t.score, 0));
}

function zipOf(file: string, entries: [string, string][]): Promise<void> {
  const zip = new yazl.ZipFile();
  entries.forEach(([name, body], i) => zip.addBuffer(Buffer.from(body), name, { mtime: new Date(Date.UTC(2026, 10, 30, 12, i)) }));
  zip.end();
  return new Promise((resolve, reject) => zip.outputStream.pipe(fs.createWriteStream(file)).on('close', resolve).on('error', reject));
}

/** Every report under `dir` (relative path -> text; not the feedback notebooks or the intake), run-specific values masked. */
function reports(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, rel: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) { if (e.name !== 'intake' && e.name !== 'feedback') walk(path.join(d, e.name), r); continue; }
      out[r] = fs.readFileSync(path.join(d, e.name), 'utf8')
        .split(dir).join('<out>')
        .replace(/"(seconds|execution_time|judgeCpuSeconds)": [\d.]+/g, '"$1": 0')
        .replace(/time="[\d.]+"/g, 'time="0"')
        .replace(/graded in [\d.]+ s/g, 'graded in 0 s');
    }
  };
  walk(dir, '');
  return out;
}

let tmp: string;
let zip: string;
const STUDENTS = ['adaada_1001', 'bennyben_1002', 'cleocleo_1003', 'dandan_1004', 'eveeve_1005'];

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'reglab-courses-'));
  zip = path.join(tmp, 'canvas-submissions.zip');
  await zipOf(zip, [
    ['adaada_1001_2001_01_tiny.ipynb', serializeNotebook(solved())],
    ['bennyben_1002_2002_01_tiny.ipynb', serializeNotebook(released())],
    ['cleocleo_LATE_1003_2003_01_tiny-1.ipynb', serializeNotebook(half())],
    ['dandan_1004_2004_01_tiny.ipynb', serializeNotebook(solved())],
    ['eveeve_1005_2005_01_tiny.ipynb', '{ not json'],
    ['eveeve_1005_2005_notes.txt', 'hello'],
  ]);
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe.skipIf(!sandboxed)('an LMS zip through npm run grade', () => {
  let single: string;

  beforeAll(() => {
    single = path.join(tmp, 'single');
    const r = cli('grade', [zip, '--out', single, ...GRADE]);
    expect(r.status, r.stderr).toBe(0);
  }, 600_000);

  it('takes the students from the Canvas names and writes a gradebook CSV of the documented shape', () => {
    const rows = parseCsv(fs.readFileSync(path.join(single, 'gradebook.csv'), 'utf8'));
    expect(rows[0]).toEqual(['student', '01_tiny', 'total', 'max', 'percent']);
    expect(rows.slice(1).map((r) => r[0])).toEqual(STUDENTS);
    for (const r of rows.slice(1)) {
      expect(r).toHaveLength(5);
      expect(Number(r[2])).toBe(Number(r[1]));
      expect(Number(r[3])).toBe(MAX);
      expect(Number(r[4])).toBeCloseTo((100 * Number(r[2])) / MAX, 1);
    }
    const score = Object.fromEntries(rows.slice(1).map((r) => [r[0], Number(r[1])]));
    expect(score).toMatchObject({ adaada_1001: MAX, bennyben_1002: 0, dandan_1004: MAX, eveeve_1005: 0 });
    expect(score.cleocleo_1003).toBeGreaterThan(0);
    expect(score.cleocleo_1003).toBeLessThan(MAX);
    const grades = JSON.parse(fs.readFileSync(path.join(single, 'grades.json'), 'utf8'));
    expect(grades.submissions.find((g: { student: string }) => g.student === 'adaada_1001').file).toBe(`${zip}:adaada_1001_2001_01_tiny.ipynb`);
    expect(grades.skipped).toEqual([{ file: `${zip}:eveeve_1005_2005_notes.txt`, reason: 'not a notebook (.ipynb)' }]);
  });

  it('writes Gradescope results.json per student in the documented format, hidden checks after publishing', () => {
    for (const s of STUDENTS) {
      const r = JSON.parse(fs.readFileSync(path.join(single, 'gradescope', s, 'results.json'), 'utf8'));
      expectGradescopeShape(r);
    }
    const ada = JSON.parse(fs.readFileSync(path.join(single, 'gradescope', 'adaada_1001', 'results.json'), 'utf8'));
    expect(ada.score).toBe(MAX);
    const hidden = ada.tests.filter((t: { name: string }) => t.name.endsWith('(hidden)'));
    expect(hidden.length).toBeGreaterThan(0);
    expect(hidden.every((t: { visibility: string }) => t.visibility === 'after_published')).toBe(true);
    expect(fs.existsSync(path.join(single, 'results.json')), 'results.json at the top only for a one-student batch').toBe(false);
  });

  it('four shards merged give the reports of the single run', () => {
    const shards = [1, 2, 3, 4].map((k) => {
      const out = path.join(tmp, `shard-${k}`);
      const r = cli('grade', [zip, '--out', out, '--shard', `${k}/4`, ...GRADE]);
      expect(r.status, r.stderr).toBe(0);
      return out;
    });
    const perShard = shards.map((d) => JSON.parse(fs.readFileSync(path.join(d, 'grades.json'), 'utf8')).shard.students as string[]);
    expect(perShard.flat().sort()).toEqual(STUDENTS);
    expect(perShard.map((s) => s.length)).toEqual([2, 1, 1, 1]);
    const merged = path.join(tmp, 'merged');
    const m = cli('grade-merge', [...shards, '--out', merged]);
    expect(m.status, m.stderr).toBe(0);
    const a = reports(single);
    const b = reports(merged);
    expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
    for (const f of Object.keys(a)) expect(b[f], f).toBe(a[f]);
    expect(fs.readdirSync(path.join(merged, 'feedback')).sort()).toEqual(fs.readdirSync(path.join(single, 'feedback')).sort());
    // Refusals: a shard missing, and one given twice.
    expect(cli('grade-merge', [...shards.slice(0, 3), '--out', path.join(tmp, 'm2')]).stderr).toMatch(/missing shard\(s\) 4\/4/);
    expect(cli('grade-merge', [shards[0], shards[0], shards[2], shards[3], '--out', path.join(tmp, 'm3')]).stderr).toMatch(/shard 1\/4 given twice/);
  }, 600_000);
});

describe.skipIf(!sandboxed)('npm run check', () => {
  it('grades one notebook as the course grader would, prints the table and writes the submission file', () => {
    const dir = path.join(tmp, 'mine');
    fs.mkdirSync(dir);
    const mine = path.join(dir, '01_tiny (1).ipynb');
    fs.writeFileSync(mine, serializeNotebook(half()));
    const r = cli('check', [mine, '--source', SOURCE_DIR, '--write-submission', path.join(tmp, 'hand-in')]);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/^PASS\s+2\/2\s+double\s/m);
    expect(r.stdout).toMatch(/^FAIL\s+0\/3\s+mean-abs\s/m);
    expect(r.stdout).toMatch(/01_tiny: \d\/6 points/);
    expect(r.stdout).toMatch(/hidden checks/);
    expect(fs.readFileSync(path.join(tmp, 'hand-in', '01_tiny.ipynb'), 'utf8')).toBe(fs.readFileSync(mine, 'utf8'));
    expect(r.stdout).toMatch(/submission: hand in .*01_tiny\.ipynb \(sha256 [0-9a-f]{64}\)/);
    // The same judge: check's grade of the file is the grader's (per check: points, pass, message).
    const json = path.join(tmp, 'check.json');
    expect(cli('check', [mine, '--source', SOURCE_DIR, '--json', json]).status).toBe(1);
    const graded = path.join(tmp, 'graded-mine');
    expect(cli('grade', [dir, '--out', graded, '--source', SOURCE_DIR, '--cell-timeout', '60', '--quiet']).status).toBe(0);
    const byGrader = JSON.parse(fs.readFileSync(path.join(graded, 'grades.json'), 'utf8')).submissions.find((g: { notebook: string; status: string }) => g.notebook === '01_tiny');
    const verdicts = (g: { checks: { id: string; points: number; max: number; passed: boolean; message: string }[] }) =>
      g.checks.map((c) => [c.id, c.points, c.max, c.passed, c.message]);
    expect(verdicts(JSON.parse(fs.readFileSync(json, 'utf8')))).toEqual(verdicts(byGrader));
    const again = cli('check', [mine, '--source', SOURCE_DIR, '--write-submission', path.join(tmp, 'hand-in')]);
    expect(again.stderr).toMatch(/exists; pass --force to replace it/);
    expect(again.status).toBe(2);
    const full = path.join(dir, '01_tiny.ipynb');
    fs.writeFileSync(full, serializeNotebook(solved()));
    expect(cli('check', [full, '--source', SOURCE_DIR]).status).toBe(0);
    expect(cli('check', [path.join(dir, 'nope.ipynb')]).status).toBe(2);
  }, 300_000);
});
