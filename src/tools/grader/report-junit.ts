/**
 * grades as JUnit XML, for CI test reporters: one test suite per submission ("student/notebook"),
 * one test case per check; a failed check is a <failure>, a submission that could not be graded
 * gives each case an <error>.
 *
 * Left out on purpose: stdout/stderr capture elements and timing per check (a suite has its time).
 */
import { escapeHtml } from '../../lib/text/html';
import type { SubmissionGrade } from './grade-one';

/** XML-escaped text (HTML's escaping is XML's too), without the characters XML 1.0 cannot hold. */
export function xml(s: string): string {
  return escapeHtml(String(s).replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, ''));
}

export function junitXml(grades: SubmissionGrade[]): string {
  const count = (f: (g: SubmissionGrade) => number) => grades.reduce((s, g) => s + f(g), 0);
  const failures = (g: SubmissionGrade) => (g.status === 'graded' || g.status === 'missing' ? g.checks.filter((c) => !c.passed).length : 0);
  const errors = (g: SubmissionGrade) => (g.status === 'graded' || g.status === 'missing' ? 0 : g.checks.length);
  const suites = grades.map((g) => {
    const name = `${g.student}/${g.notebook}`;
    const cases = g.checks.map((c) => {
      const open = `    <testcase classname="${xml(`${g.student}.${g.notebook}`)}" name="${xml(c.id + (c.hidden ? ' (hidden)' : ''))}" time="0"`;
      if (c.passed) return `${open}/>`;
      const details = [c.expected !== undefined ? `expected: ${c.expected}` : '', c.got !== undefined ? `got: ${c.got}` : '', c.hint !== undefined ? `hint: ${c.hint}` : ''].filter(Boolean).join('\n');
      const tag = g.status === 'graded' || g.status === 'missing' ? 'failure' : 'error';
      return `${open}>\n      <${tag} message="${xml(`${c.points}/${c.max}: ${c.message}`)}">${xml(details)}</${tag}>\n    </testcase>`;
    });
    return `  <testsuite name="${xml(name)}" tests="${g.checks.length}" failures="${failures(g)}" errors="${errors(g)}" time="${g.seconds.toFixed(3)}">\n` +
      `    <properties><property name="score" value="${g.score}"/><property name="max" value="${g.max}"/><property name="file" value="${xml(g.file)}"/></properties>\n` +
      `${cases.join('\n')}\n  </testsuite>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="reglab grades" tests="${count((g) => g.checks.length)}" failures="${count(failures)}" errors="${count(errors)}" time="${count((g) => g.seconds).toFixed(3)}">\n${suites.join('\n')}\n</testsuites>\n`;
}
