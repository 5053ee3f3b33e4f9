/**
 * What a check reports: one plain record per check, carried in the notebook output as
 * MIME type `application/vnd.reglab.check+json` so a grader reads data, not printed text; and the one
 * place that finds that record in an output.
 *
 * Left out on purpose: partial credit. A check earns all its points or none.
 */

export const CHECK_MIME = 'application/vnd.reglab.check+json';

/**
 * The check record a notebook output (display_data, execute_result, ...) carries under CHECK_MIME,
 * unchecked (anything could have displayed it), or undefined when it carries none.
 */
export function checkResultIn(output: object): unknown {
  const data = (output as { data?: unknown }).data;
  return typeof data === 'object' && data !== null && CHECK_MIME in data ? (data as Record<string, unknown>)[CHECK_MIME] : undefined;
}

export interface CheckResult {
  /** Stable id declared in the check cell, e.g. 'dropout-forward'. */
  id: string;
  /** Points earned: `max` if passed, else 0. */
  points: number;
  /** Points the check is worth, declared in the check cell. */
  max: number;
  passed: boolean;
  /** One line: what passed ("relative error 3e-10 < 1e-7") or what went wrong. */
  message: string;
  expected?: string;
  got?: string;
  hint?: string;
  /** True when the code under test threw NotImplementedError (a stub not filled in yet). */
  notImplemented?: boolean;
}
