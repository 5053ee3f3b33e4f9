/**
 * How a check reads a thrown error's stack (for " in dropoutBackward" in its message): in tslab, the
 * error's own `stack` text. A host that hides stacks from notebook code (the grader's judge runs under
 * SES, whose errors carry an empty stack) sets its own reader, once, before any notebook code runs;
 * a second call throws, so code that runs later cannot change what checks report.
 *
 * Not re-exported by the library's index: only a host that loads this module by path sets it.
 */
export type StackReader = (err: unknown) => string;

let reader: StackReader = (err) => (err instanceof Error && typeof err.stack === 'string' ? err.stack : '');
let replaced = false;

/** The stack text of `err` (V8 format: a first line, then "    at fn (file:line:col)" lines), or ''. */
export function stackText(err: unknown): string {
  return reader(err);
}

/** Replaces the reader; allowed once. */
export function setStackReader(next: StackReader): void {
  if (replaced) throw new Error('setStackReader: the stack reader is already set');
  replaced = true;
  reader = next;
}
