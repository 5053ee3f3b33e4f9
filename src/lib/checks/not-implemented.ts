/**
 * The stub marker, in one form. Student copies of the notebooks replace each solution with a line
 * that throws NotImplementedError, so the code type-checks (a throw fits any return type) and fails
 * only when called; a check that meets this error reports "not implemented yet" as its own friendly
 * result instead of a crash.
 *
 *   function dropoutForward(x: Matrix, keepProb: number, rng: Rng): DropoutResult {
 *     // TODO: your code here
 *     throw new rl.NotImplementedError();
 *   }
 *
 * Left out on purpose: anything else about stubs (the release tool writes them).
 */

export const NOT_IMPLEMENTED = 'not implemented yet';

export class NotImplementedError extends Error {
  /** The function or step that is still a stub, if named. */
  readonly what?: string;
  /**
   * What to run again once it is written, when that is more than "the exercise cell, then the check"
   * (e.g. a training cell in between); a check shows it as its hint.
   */
  readonly rerun?: string;
  constructor(what?: string, rerun?: string) {
    super(what ? `${what}: ${NOT_IMPLEMENTED}` : NOT_IMPLEMENTED);
    this.name = 'NotImplementedError';
    if (what) this.what = what;
    if (rerun) this.rerun = rerun;
  }
}

/** True for a NotImplementedError, also one from another copy of this module (matched by name). */
export function isNotImplemented(e: unknown): e is NotImplementedError {
  if (e instanceof NotImplementedError) return true;
  try {
    return typeof e === 'object' && e !== null && (e as Error).name === 'NotImplementedError';
  } catch {
    return false;
  }
}
