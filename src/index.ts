/** reglab: the library every notebook imports by package name (`import * as rl from 'reglab'`). */
export * from './rng';
export * from './tensor';
export * as plots from './plots';
export * as display from './display';
export * as checks from './checks';
export { check, notImplemented, NotImplementedError, CHECK_MIME } from './checks';
export type { CheckResult, Asserts } from './checks';
export type { Figure } from './plots';
