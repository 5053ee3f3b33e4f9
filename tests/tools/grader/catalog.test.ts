/**
 * The forgery and fault catalog (catalog.ts) graded in one batch through the real kernel: every
 * submission gets exactly the score it earned, with its message, note or flag; the batch finishes;
 * submissions are not modified; hidden check source never reaches feedback. The attacks that target
 * the check machinery are first shown to work on a plain run (no grader), so their 0 is meaningful.
 * Needs `npm run build` (the kernel imports dist/).
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ICodeCell } from '@jupyterlab/nbformat';
import { CheckResult, checkResultIn } from '../../../src/lib/checks';
import { GradeAllResult, gradeAll } from '../../../src/tools/grader/grade';
import { mapPool } from '../../../src/tools/grader/pool';
import { serializeNotebook } from '../../../src/tools/notebook/notebook-io';
import { executeNotebook } from '../../../src/tools/notebook/runner';
import { CASES, FIXTURES, HIDDEN_DIR, MAX, SOURCE_DIR } from './catalog';

const CELL_TIMEOUT_MS = 6000;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reglab-catalog-'));
const subs = path.join(dir, 'submissions');
const out = path.join(dir, 'out');
const hash = (f: string) => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex');
const files = new Map<string, string>();
let result: GradeAllResult;
let seconds = 0;

beforeAll(async () => {
  for (const c of CASES) {
    const made = c.make();
    const file = path.join(subs, c.student, '01_tiny.ipynb');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, typeof made === 'string' ? made : serializeNotebook(made));
    files.set(c.student, hash(file));
  }
  const t0 = Date.now();
  result = await gradeAll({
    paths: [subs], outDir: out, sourceDir: SOURCE_DIR, hiddenDir: HIDDEN_DIR, cwd: FIXTURES, jobs: 2,
    cellTimeoutMs: CELL_TIMEOUT_MS, memoryLimitMb: 1024, maxOutputBytes: 200_000,
  });
  seconds = (Date.now() - t0) / 1000;
  console.log(`catalog: ${CASES.length} submissions graded in ${seconds.toFixed(1)} s (2 jobs); per submission: ` +
    result.grades.map((g) => `${g.student} ${g.seconds.toFixed(1)} s`).join(', '));
}, 300_000);

describe('forgery and fault catalog', () => {
  it.each(CASES.map((c) => [c.student, c] as const))('%s: exactly the score it earned', (student, c) => {
    const g = result.grades.find((x) => x.student === student)!;
    expect(g, `${student} was graded`).toBeDefined();
    const why = `${student} (${c.does}): ${JSON.stringify(g.checks.map((k) => [k.id, k.points, k.message]))} notes ${JSON.stringify(g.notes)}`;
    expect(g.score, why).toBe(c.score);
    expect(g.max, why).toBe(MAX);
    expect(g.status, why).toBe(student === 'not-json' ? 'unreadable' : 'graded');
    for (const [id, re] of Object.entries(c.messages ?? {})) expect(g.checks.find((k) => k.id === id)?.message, why).toMatch(re);
    if (c.note) expect(g.notes.join('\n'), why).toMatch(c.note);
    if (c.flag) expect(g.flags.join('\n'), why).toMatch(c.flag);
    for (const k of g.checks) expect(k.points, why).toBe(k.passed ? k.max : 0);
  });

  it('leaves every submission as it was and writes the reports and one feedback notebook per readable submission', () => {
    for (const c of CASES) expect(hash(path.join(subs, c.student, '01_tiny.ipynb')), c.student).toBe(files.get(c.student));
    for (const f of ['grades.json', 'junit.xml', 'summary.md']) expect(fs.existsSync(path.join(out, f)), f).toBe(true);
    const graded = JSON.parse(fs.readFileSync(path.join(out, 'grades.json'), 'utf8'));
    expect(graded.submissions).toHaveLength(CASES.length);
    const junit = fs.readFileSync(path.join(out, 'junit.xml'), 'utf8');
    expect((junit.match(/<testcase /g) ?? []).length).toBe(CASES.length * 4);
    for (const c of CASES.filter((x) => x.student !== 'not-json')) expect(fs.existsSync(path.join(out, 'feedback', c.student, '01_tiny.ipynb')), c.student).toBe(true);
  });

  it('never shows hidden check source or the grader keys in feedback', () => {
    const texts = CASES.filter((c) => c.student !== 'not-json').map((c) => fs.readFileSync(path.join(out, 'feedback', c.student, '01_tiny.ipynb'), 'utf8'));
    for (const t of texts) {
      expect(t).not.toContain('123456789');
      expect(t).not.toContain('__reglab_grader_');
      expect(t).toContain('hidden check double-large');
    }
  });

  it('the check-machinery attacks do forge passes when the notebook is simply run (so the grader is what stops them)', async () => {
    const attacks = CASES.filter((c) => c.plainRunPasses);
    const forged = await mapPool(attacks, 2, async (c) => {
      const { notebook } = await executeNotebook(c.make() as never, { cwd: FIXTURES, cellTimeoutMs: CELL_TIMEOUT_MS });
      return notebook.cells.flatMap((cell) => (cell.cell_type === 'code' ? (cell as ICodeCell).outputs : []))
        .map(checkResultIn).filter((r) => r !== undefined && (r as CheckResult).passed).length;
    });
    attacks.forEach((c, i) => expect(forged[i], `${c.student}: forged passes on a plain run`).toBeGreaterThan(0));
  }, 120_000);
});
