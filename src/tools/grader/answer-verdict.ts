/**
 * Judging one catalog entry from the check results its variant produced (whoever ran it: the catalog
 * runner here, or the grader's judge). Plain data in, plain data out.
 *
 *   wrong entry:  caught  = every check under `fails` lost its points (and not as "not implemented");
 *                 named   = caught, and every `names` phrase appears in those checks' text
 *                           (message, expected, got, hint; case-insensitive);
 *                 contained = every check not under fails / may-fail kept its points (no cascade).
 *                 ok = caught && named && contained.
 *   valid entry:  ok = every check kept full marks and no cell failed.
 *
 * Left out on purpose: partial credit (a check earns all its points or none).
 */
import type { CheckResult } from '../../lib/checks/result';
import type { CatalogEntry } from './answer-catalog';

export interface EntryRun {
  /** Result of every graded check, by check id (missing: the check cell showed none). */
  results: Map<string, CheckResult>;
  /** All graded check ids of the notebook, in order. */
  checkIds: string[];
  /** "cell: error" for cells that failed (errors, timeouts). */
  cellErrors: string[];
}

export interface EntryVerdict {
  name: string;
  kind: CatalogEntry['kind'];
  ok: boolean;
  /** Wrong entries: lost points where it must. */
  caught: boolean;
  /** Wrong entries: caught and the text names the mistake. */
  named: boolean;
  /** Wrong entries: no check outside fails / may-fail lost points. */
  contained: boolean;
  /** Check ids that lost points. */
  failed: string[];
  /** What is wrong with the outcome, one line each (empty when ok). */
  problems: string[];
  /** The first failing check's one-line text, for reports. */
  message: string;
}

/** Everything a learner reads for a check, for the `names` search. */
export function resultText(r: CheckResult): string {
  return [r.message, r.expected, r.got, r.hint].filter((s) => typeof s === 'string').join('\n');
}

export function judgeEntry(entry: CatalogEntry, run: EntryRun): EntryVerdict {
  const problems: string[] = [];
  const failed = run.checkIds.filter((id) => !(run.results.get(id)?.passed === true && run.results.get(id)!.points === run.results.get(id)!.max));
  const missing = run.checkIds.filter((id) => !run.results.has(id));
  for (const id of missing) problems.push(`${id}: the check cell showed no result`);
  const unknown = [...entry.fails, ...entry.mayFail].filter((id) => !run.checkIds.includes(id));
  for (const id of unknown) problems.push(`${id}: no such check in this notebook`);
  const firstText = (ids: string[]): string => {
    const r = ids.map((id) => run.results.get(id)).find((x) => x && !x.passed);
    return r ? `${r.id}: ${r.message}${r.hint ? ` (hint: ${r.hint})` : ''}` : '';
  };

  if (entry.kind === 'valid') {
    for (const id of failed) if (run.results.has(id)) problems.push(`${id} lost its points: ${run.results.get(id)!.message}`);
    for (const e of run.cellErrors) problems.push(`cell failed: ${e}`);
    const ok = problems.length === 0;
    return { name: entry.name, kind: entry.kind, ok, caught: false, named: false, contained: true, failed, problems, message: firstText(failed) };
  }

  const uncaught = entry.fails.filter((id) => !failed.includes(id) && run.results.has(id));
  for (const id of uncaught) problems.push(`${id} kept its points: the mistake is not caught`);
  const stubbed = entry.fails.filter((id) => run.results.get(id)?.notImplemented === true);
  for (const id of stubbed) problems.push(`${id} says "not implemented", not what is wrong`);
  const caught = uncaught.length === 0 && stubbed.length === 0 && entry.fails.every((id) => run.results.has(id));
  const texts = entry.fails.map((id) => run.results.get(id)).filter((r): r is CheckResult => r !== undefined && !r.passed).map(resultText).join('\n').toLowerCase();
  const unnamed = entry.names.filter((w) => !texts.includes(w.toLowerCase()));
  if (caught) for (const w of unnamed) problems.push(`the failing message does not say ${JSON.stringify(w)}: ${firstText(entry.fails)}`);
  const named = caught && unnamed.length === 0;
  const cascade = failed.filter((id) => !entry.fails.includes(id) && !entry.mayFail.includes(id) && run.results.has(id));
  for (const id of cascade) problems.push(`${id} lost its points too (a cascade; list it under may-fail if intended): ${run.results.get(id)!.message}`);
  const contained = cascade.length === 0;
  return { name: entry.name, kind: entry.kind, ok: caught && named && contained && problems.length === 0, caught, named, contained, failed, problems, message: firstText(entry.fails) };
}
