/**
 * A check result as one notebook output: the CheckResult JSON (what a grader reads), an HTML badge
 * (PASS / FAIL / TODO with points, expected, got, hint; readable on light and dark themes: inherited
 * text color, translucent backgrounds, white text only on solid badges) and a plain-text line.
 *
 * Left out on purpose: running checks (src/lib/checks) and sending (check.ts).
 * HTML hooks for tests and styling: `.reglab-check` plus `.reglab-pass` or `.reglab-fail`
 * (and `.reglab-todo` when not implemented), `.reglab-badge`, `.reglab-points`, `.reglab-message`.
 */
import { CHECK_MIME, CheckResult } from '../checks/result';
import { escapeHtml } from '../text/html';
import { MIME } from './transport';

const COLORS = { pass: '#2e7d32', fail: '#c62828', todo: '#b26a00' } as const;

function status(r: CheckResult): 'pass' | 'fail' | 'todo' {
  return r.passed ? 'pass' : r.notImplemented ? 'todo' : 'fail';
}

/** `PASS [2/2] dropout-forward: message`, then expected / got / hint lines when present. */
export function checkText(r: CheckResult): string {
  const lines = [`${r.passed ? 'PASS' : 'FAIL'} [${r.points}/${r.max}] ${r.id}: ${r.message}`];
  if (r.expected !== undefined) lines.push(`  expected: ${r.expected}`);
  if (r.got !== undefined) lines.push(`  got:      ${r.got}`);
  if (r.hint !== undefined && !r.passed) lines.push(`  hint:     ${r.hint}`);
  return lines.join('\n');
}

/** The badge block. */
export function checkHtml(r: CheckResult): string {
  const s = status(r);
  const color = COLORS[s];
  // A grid of divs, not a table: notebook CSS paints zebra rows on tables (white stripes on dark themes).
  const rows = (['expected', 'got', 'hint'] as const)
    .filter((k) => r[k] !== undefined && (k !== 'hint' || !r.passed))
    .map((k) => `<div style="font-weight:600;">${k}</div>` +
      `<div class="reglab-${k}" style="white-space:pre-wrap;${k === 'hint' ? '' : 'font-family:monospace;'}">${escapeHtml(String(r[k]))}</div>`)
    .join('');
  const label = s === 'todo' ? 'TODO' : s.toUpperCase();
  const classes = `reglab-check reglab-${r.passed ? 'pass' : 'fail'}${s === 'todo' ? ' reglab-todo' : ''}`;
  return `<div class="${classes}" data-check-id="${escapeHtml(r.id)}" style="border-left:5px solid ${color};background:${color}1f;color:inherit;padding:6px 10px;margin:4px 0;border-radius:3px;line-height:1.5;">` +
    `<span class="reglab-badge" style="display:inline-block;background:${color};color:#ffffff;font-weight:700;padding:0 8px;border-radius:9px;font-size:0.85em;">${label}</span> ` +
    `<span class="reglab-points" style="font-weight:700;">${r.points}/${r.max}</span> ` +
    `<code class="reglab-id" style="background:transparent;color:inherit;padding:0;">${escapeHtml(r.id)}</code>: ` +
    `<span class="reglab-message">${escapeHtml(r.message)}</span>` +
    (rows ? `<div class="reglab-details" style="display:grid;grid-template-columns:max-content 1fr;gap:1px 12px;margin-top:4px;font-size:0.95em;">${rows}</div>` : '') +
    `</div>`;
}

/** The three-part bundle: CheckResult JSON, HTML badge, text line. */
export function checkBundle(r: CheckResult): Record<string, unknown> {
  const json: CheckResult = JSON.parse(JSON.stringify(r));
  return { [CHECK_MIME]: json, [MIME.html]: checkHtml(r), [MIME.text]: checkText(r) };
}
