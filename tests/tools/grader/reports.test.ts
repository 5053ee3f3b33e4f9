/** junit.xml, summary.md, the feedback score cell and the job pool, on hand-made grades. */
import { describe, expect, it } from 'vitest';
import type { SubmissionGrade } from '../../../src/tools/grader/grade-one';
import { scoreMarkdown } from '../../../src/tools/grader/feedback';
import { mapPool } from '../../../src/tools/grader/pool';
import { junitXml, xml } from '../../../src/tools/grader/report-junit';
import { studentTotals, summaryMarkdown } from '../../../src/tools/grader/report-summary';

const check = (id: string, points: number, max: number, message: string, extra = {}) => ({ id, cellId: `${id}-cell`, points, max, passed: points === max, message, hidden: false, status: 'judged' as const, ...extra });
const grades: SubmissionGrade[] = [
  { student: 'ann', notebook: '01_dropout', file: '/s/ann/01_dropout.ipynb', status: 'graded', score: 2, max: 5, seconds: 3.5, notes: ['check cell c (b) was missing; the original check was put back and run'], flags: ['cell x uses process'],
    checks: [check('a', 2, 2, 'ok'), check('b', 0, 3, 'off by 1 <x> & "y"', { expected: '6', got: '7', hint: 'double it' })] },
  { student: 'bo|b', notebook: '01_dropout', file: '/s/bob/01_dropout.ipynb', status: 'unreadable', score: 0, max: 5, seconds: 0, notes: ['bad json'], flags: [],
    checks: [check('a', 0, 2, 'not graded'), check('b', 0, 3, 'not graded')] },
];

describe('reports', () => {
  it('junit: a suite per submission, a case per check, failures and errors with escaped text', () => {
    const x = junitXml(grades);
    expect(x).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="reglab grades" tests="4" failures="1" errors="2" time="3\.500">/);
    expect(x).toContain('<testsuite name="ann/01_dropout" tests="2" failures="1" errors="0" time="3.500">');
    expect(x).toContain('<testcase classname="ann.01_dropout" name="a" time="0"/>');
    expect(x).toContain('<failure message="0/3: off by 1 &lt;x&gt; &amp; &quot;y&quot;">expected: 6\ngot: 7\nhint: double it</failure>');
    expect((x.match(/<error /g) ?? []).length).toBe(2);
    expect(xml('a\u0000b\u0007c')).toBe('abc');
  });

  it('summary: a row per student, a column per notebook, failed checks, notes, flags and skipped files', () => {
    const md = summaryMarkdown(grades, ['01_dropout', '02_layer_norm'], [{ file: '/s/x.ipynb', reason: 'matches no release notebook' }], 4);
    expect(md).toContain('| student | 01_dropout | 02_layer_norm | total |');
    expect(md).toContain('| ann | 2/5 | - | 2/5 (40%) |');
    expect(md).toContain('| bo\\|b | unreadable | - | 0/5 (0%) |');
    expect(md).toContain('- ann / 01_dropout / b: off by 1 <x> & "y"');
    expect(md).toMatch(/## Flags to review[^\n]*\n\n- ann \/ 01_dropout: cell x uses process/);
    expect(md).toContain('- /s/x.ipynb: matches no release notebook');
    expect(studentTotals(grades)).toEqual([{ student: 'ann', score: 2, max: 5 }, { student: 'bo|b', score: 0, max: 5 }]);
  });

  it('feedback score cell: the score and a row per check, markdown escaped', () => {
    const md = scoreMarkdown({ student: 'ann', notebook: '01_dropout', score: 2, max: 5, checks: grades[0].checks, notes: grades[0].notes });
    expect(md).toContain('**Score: 2 / 5**');
    expect(md).toContain('| FAIL | b | 0/3 | off by 1 \\<x\\> & "y" |');
    expect(md).toContain('- check cell c (b) was missing');
  });

  it('pool: at most `jobs` at a time, results in input order', async () => {
    let running = 0;
    let most = 0;
    const out = await mapPool([30, 10, 20, 5, 1], 2, async (ms, i) => {
      most = Math.max(most, ++running);
      await new Promise((r) => setTimeout(r, ms));
      running -= 1;
      return i * 10;
    });
    expect(out).toEqual([0, 10, 20, 30, 40]);
    expect(most).toBe(2);
    await expect(mapPool([1], 0, async () => 1)).rejects.toThrow(RangeError);
  });
});
