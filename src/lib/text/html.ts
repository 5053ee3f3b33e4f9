/**
 * Small helpers for the HTML parts of outputs: escaping text, embedding JSON inside a <script>, and
 * ids that stay unique in a page that holds outputs from several kernel sessions.
 *
 * Left out on purpose: templating; each output builds its few lines of HTML by hand.
 */
import { randomBytes } from 'crypto';

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

/** Random per process (not Math.random: ids are not modelling randomness), so ids from an earlier kernel never collide. */
const session = randomBytes(4).toString('hex');
let counter = 0;

/** `${prefix}-<session>-<n>`: unique within the process and, with high probability, within a page. */
export function uniqueId(prefix: string): string {
  counter += 1;
  return `${prefix}-${session}-${counter}`;
}
