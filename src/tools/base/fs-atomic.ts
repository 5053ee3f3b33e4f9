/**
 * Writing a file atomically: the text goes to a temporary file in the same folder, which is then
 * renamed over the target, so a reader (or a writer that was interrupted) finds the old file or the
 * new one, never half of one. On failure the temporary file is removed and the error rethrown.
 *
 * Left out on purpose: fsync (a crash of the machine, not of the process, can still lose a write),
 * locking.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

let tmpCounter = 0;

/** Writes `text` (UTF-8) to `file` atomically; with `mkdir`, creates the file's folder first if missing. */
export function writeFileAtomic(file: string, text: string, opts: { mkdir?: boolean } = {}): void {
  const dir = path.dirname(file);
  if (opts.mkdir) fs.mkdirSync(dir, { recursive: true });
  const tmp = path.join(dir, `.${path.basename(file)}.tmp-${process.pid}-${tmpCounter++}`);
  try {
    fs.writeFileSync(tmp, text, 'utf8');
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}
