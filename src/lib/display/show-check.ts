/**
 * Shows one check result as one output (see check-bundle.ts). Never throws: a check cell must report,
 * whatever happens.
 *
 * Left out on purpose: deciding pass or fail (src/lib/checks does that).
 */
import { CheckResult } from '../checks/result';
import { checkBundle } from './check-bundle';
import { uniqueId } from '../text/html';
import { emit } from './show';

export function showCheck(result: CheckResult): void {
  try {
    emit(uniqueId('reglab-check'), checkBundle(result), false);
  } catch (e) {
    try { process.stdout.write(`reglab: could not show check result: ${String(e)}\n`); } catch { /* nothing left */ }
  }
}
