/**
 * The error an assertion throws when a check fails: a one-line message plus what was expected, what
 * came back and a hint. The check runner turns it into a CheckResult; it never reaches the learner as
 * a stack trace.
 *
 * Left out on purpose: the assertions themselves (asserts.ts).
 */

export interface FailureDetails { expected?: string; got?: string; hint?: string }

export class CheckFailure extends Error {
  readonly expected?: string;
  readonly got?: string;
  readonly hint?: string;
  constructor(message: string, details: FailureDetails = {}) {
    super(message);
    this.name = 'CheckFailure';
    if (details.expected !== undefined) this.expected = details.expected;
    if (details.got !== undefined) this.got = details.got;
    if (details.hint !== undefined) this.hint = details.hint;
  }
}
