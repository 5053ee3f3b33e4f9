/**
 * Catch rates from catalog runs (answer-run.ts), per check: of the wrong entries that must fail it,
 * how many lost its points (caught) and how many with a message naming the mistake (named); and
 * whether every valid entry kept full marks. Plain text for people, plain data for tests.
 *
 * Left out on purpose: running anything.
 */
import type { Catalog } from './answer-catalog';
import type { CatalogReport } from './answer-run';

export interface CheckRate { check: string; wrong: number; caught: number; named: number }

export interface CatalogSummary {
  notebook: string;
  rates: CheckRate[];
  /** Wrong entries, those that lost any points at all, and those judged ok (caught, named, no cascade). */
  wrong: number;
  lostAny: number;
  wrongOk: number;
  valid: number;
  validOk: number;
  /** Entries whose verdict is not ok, with their problems. */
  misses: { name: string; problems: string[] }[];
}

/** Per-check rates of one catalog run; a wrong entry counts once for each check under its `fails`. */
export function summarize(catalog: Catalog, report: CatalogReport, checkIds: string[]): CatalogSummary {
  const byName = new Map(report.verdicts.map((v) => [v.name, v]));
  const rates = checkIds.map((check) => {
    const wrong = catalog.entries.filter((e) => e.kind === 'wrong' && e.fails.includes(check));
    const caught = wrong.filter((e) => byName.get(e.name)!.failed.includes(check));
    const named = wrong.filter((e) => byName.get(e.name)!.failed.includes(check) && byName.get(e.name)!.named);
    return { check, wrong: wrong.length, caught: caught.length, named: named.length };
  });
  const valid = catalog.entries.filter((e) => e.kind === 'valid');
  const wrong = catalog.entries.filter((e) => e.kind === 'wrong');
  return {
    notebook: report.notebook,
    rates,
    wrong: wrong.length,
    lostAny: wrong.filter((e) => byName.get(e.name)!.failed.length > 0).length,
    wrongOk: wrong.filter((e) => byName.get(e.name)!.ok).length,
    valid: valid.length,
    validOk: valid.filter((e) => byName.get(e.name)!.ok).length,
    misses: [report.reference, ...report.verdicts].filter((v) => !v.ok).map((v) => ({ name: v.name, problems: v.problems })),
  };
}

const pct = (a: number, b: number): string => (b === 0 ? '-' : `${Math.round((100 * a) / b)}%`);

/** A plain-text table: one line per check, then the valid entries, then every miss with its problems. */
export function formatSummary(s: CatalogSummary): string {
  const lines = [`${s.notebook}`, `  check                          wrong  caught  named`];
  for (const r of s.rates) lines.push(`  ${r.check.padEnd(30)} ${String(r.wrong).padStart(5)}  ${pct(r.caught, r.wrong).padStart(6)}  ${pct(r.named, r.wrong).padStart(5)}`);
  lines.push(`  wrong answers losing points anywhere: ${s.lostAny}/${s.wrong}; caught, named and contained: ${s.wrongOk}/${s.wrong}`);
  lines.push(`  valid alternatives at full marks: ${s.validOk}/${s.valid}`);
  for (const m of s.misses) for (const p of m.problems) lines.push(`  MISS ${m.name}: ${p}`);
  return lines.join('\n') + '\n';
}
