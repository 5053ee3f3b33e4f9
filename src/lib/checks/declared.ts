/**
 * Reading the checks a cell declares, from its source text: every `check('id', points, ...)` call
 * (also `rl.check(`, `rl.checks.check(`, `runCheck(`) with a string-literal id and a numeric-literal
 * points. The release tool can copy these into the cell's metadata and the grader can compare them
 * with the results the cell produced, so a check's identity lives in the check cell itself.
 *
 * Left out on purpose: a TypeScript parser. Ids and points must be literals (which is the rule for
 * check cells anyway); a call written otherwise is not found, and the validator should flag that.
 */

export interface DeclaredCheck { id: string; points: number; /** 0-based offset of the call in the source. */ index: number }

const CALL = /(?:^|[^\w$])((?:[A-Za-z_$][\w$]*\s*\.\s*)*(?:check|runCheck))\s*\(\s*(['"`])([^'"`\\\n]*)\2\s*,\s*(\d+(?:\.\d+)?)\s*[,)]/g;

/** The checks declared in `source`, in order. Comments are not skipped: keep example calls out of check cells. */
export function declaredChecks(source: string): DeclaredCheck[] {
  if (typeof source !== 'string') throw new TypeError(`declaredChecks: source must be a string, got ${typeof source}`);
  const found: DeclaredCheck[] = [];
  for (const m of source.matchAll(CALL)) {
    found.push({ id: m[3], points: Number(m[4]), index: (m.index ?? 0) + m[0].indexOf(m[1]) });
  }
  return found;
}
