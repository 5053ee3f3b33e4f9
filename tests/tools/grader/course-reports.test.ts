/**
 * The course reports on hand-made grades: the gradebook CSV (quoting, formula cells defused, an ungradable
 * notebook left empty), Gradescope's results.json (hidden checks show only pass/fail), the canonical order,
 * and --shard K/N (a deterministic, disjoint, balanced split that covers every student).
 */
import { describe, expect, it } from 'vitest';
import type { SubmissionGrade } from '../../../src/tools/grader/grade-one';
import { csvField, gradebookCsv } from '../../../src/tools/grader/report-gradebook';
import { gradescopeResults } from '../../../src/tools/grader/report-gradescope';
import { canonicalOrder, reportFiles } from '../../../src/tools/grader/reports';
import { inShard, parseShard, shardStudents } from '../../../src/tools/grader/shard';

const check = (id: string, points: number, max: number, message: string, extra = {}) =>
  ({ id, cellId: `${id}-cell`, points, max, passed: points === max, message, hidden: false, status: 'judged' as const, ...extra });
const grade = (student: string, notebook: string, status: SubmissionGrade['status'], checks: ReturnType<typeof check>[]): SubmissionGrade => ({
  student, notebook, file: `/s/${student}/${notebook}.ipynb`, status, checks, notes: [], flags: [], seconds: 1,
  score: checks.reduce((s, c) => s + c.points, 0), max: checks.reduce((s, c) => s + c.max, 0),
});
const NOTEBOOKS = ['01_dropout', '02_layer_norm'];
const GRADES = [
  grade('zed', '02_layer_norm', 'graded', [check('ln', 3, 3, 'ok')]),
  grade('=HYPERLINK("http://x")', '01_dropout', 'graded', [check('d', 1, 2, 'half', { expected: '2', got: '1' })]),
  grade('zed', '01_dropout', 'error', [check('d', 0, 2, 'not graded: the kernel did not start')]),
  grade('ann, "the" first', '01_dropout', 'graded', [check('d', 2, 2, 'ok'), check('secret', 0, 1, 'failed on input 123456', { hidden: true })]),
];

describe('gradebook CSV', () => {
  it('quotes commas and quotes, defuses formula cells, leaves an ungradable notebook empty', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('-2')).toBe("'-2");
    expect(csvField(-2)).toBe('-2');
    const csv = gradebookCsv(canonicalOrder(GRADES, NOTEBOOKS), NOTEBOOKS);
    expect(csv.split('\r\n')).toEqual([
      'student,01_dropout,02_layer_norm,total,max,percent',
      `"'=HYPERLINK(""http://x"")",1,,1,2,50.0`,
      '"ann, ""the"" first",2,,2,3,66.7',
      'zed,,3,3,5,60.0',
      '',
    ]);
  });
});

describe('Gradescope results.json', () => {
  it('one test per check with the documented fields; a hidden check shows only pass or fail', () => {
    const r = gradescopeResults(GRADES.filter((g) => g.student.startsWith('ann')));
    expect(r).toMatchObject({ score: 2, output_format: 'text', visibility: 'visible', stdout_visibility: 'hidden' });
    expect(r.tests).toEqual([
      { name: '01_dropout: d', score: 2, max_score: 2, status: 'passed', output: 'ok', output_format: 'text', visibility: 'visible' },
      { name: '01_dropout: secret (hidden)', score: 0, max_score: 1, status: 'failed', output: 'failed (a hidden check: its details stay with your instructor)', output_format: 'text', visibility: 'after_published' },
    ]);
    expect(JSON.stringify(r)).not.toContain('123456');
    const half = gradescopeResults(GRADES.filter((g) => g.student.startsWith('=')));
    expect(half.tests[0].output).toBe('half\nexpected: 2\ngot: 1');
  });

  it('is written per student, and at the top only when the batch is one student', () => {
    const files = reportFiles({ grades: GRADES, notebooks: NOTEBOOKS, skipped: [], seconds: 1, releaseSha256: 'x', complete: true }).map(([f]) => f);
    expect(files.filter((f) => f.endsWith('results.json'))).toEqual([
      'gradescope/_HYPERLINK_http_x_/results.json', 'gradescope/ann_ _the_ first/results.json', 'gradescope/zed/results.json']);
    const one = reportFiles({ grades: GRADES.slice(0, 1), notebooks: NOTEBOOKS, skipped: [], seconds: 1, releaseSha256: 'x', complete: true }).map(([f]) => f);
    expect(one).toContain('results.json');
  });
});

describe('--shard K/N', () => {
  it('parses K/N and refuses anything else', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    for (const bad of ['0/4', '5/4', '1/0', '2', 'a/b', '-1/3']) expect(() => parseShard(bad), bad).toThrow(/--shard/);
  });

  it('splits the students disjointly, covering all, sizes within one, the same on every call', () => {
    const students = Array.from({ length: 23 }, (_, i) => `s${(i * 7919) % 101}`);
    const parts = [1, 2, 3, 4].map((k) => shardStudents(students, { index: k, count: 4 }));
    expect(parts.flatMap((p) => [...p]).sort()).toEqual([...new Set(students)].sort());
    expect(new Set(parts.flatMap((p) => [...p])).size).toBe(new Set(students).size);
    const sizes = parts.map((p) => p.size);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    expect([...shardStudents([...students].reverse(), { index: 3, count: 4 })]).toEqual([...parts[2]]);
    const items = students.map((student, i) => ({ student, i }));
    expect(inShard(items, { index: 1, count: 4 }).every((x) => parts[0].has(x.student))).toBe(true);
    expect(inShard(items, undefined)).toHaveLength(items.length);
  });
});
