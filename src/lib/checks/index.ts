/** Checks: run a learner's code against expectations and report one structured result (never a throw), as plain data. */
export { CHECK_MIME, checkResultIn } from './result';
export type { CheckResult } from './result';
export { NOT_IMPLEMENTED, NotImplementedError, isNotImplemented } from './not-implemented';
export { CheckFailure } from './failure';
export type { FailureDetails } from './failure';
export { createAsserts } from './asserts';
export type { Asserts, Label } from './asserts';
export { runCheck, evaluateCheck, describeThrown, CHECK_ID } from './run';
export type { CheckFn, CheckOptions } from './run';
