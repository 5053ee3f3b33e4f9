/**
 * Small helpers for HTML text, shared by the notebook outputs, the grader's reports and the study's
 * report: escaping text, embedding JSON inside a <script>, and a JSON snapshot of a value.
 *
 * Left out on purpose: templating; each output builds its few lines of HTML by hand.
 */

/** Escapes &, <, >, " and ' for use in HTML text and attribute values. */
export function escapeHtml(s: string): string {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/**
 * JSON that is safe inside a <script> element: `<`, `>` and `&` become \u escapes (so no `</script>`
 * or `<!--` can end or change the script), and so do U+2028/U+2029 (line terminators in old JS).
 * NaN and Infinity become null, like in any JSON.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** A deep copy through JSON: what a frontend will receive (NaN -> null, undefined dropped), and a snapshot the caller cannot change later. */
export function jsonSnapshot<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
