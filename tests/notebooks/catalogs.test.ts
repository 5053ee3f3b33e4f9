/**
 * The answer catalogs (notebooks/source/NN_name.catalog.md) run through the grader's judge (the code
 * that grades submissions, answer-judge.ts; REGLAB_CATALOGS_KERNEL=1: the kernel runner): every wrong
 * solution loses the points of the checks it names, with a message containing the words it lists, and
 * costs no other check its points; every valid alternative (and the solutions themselves) keeps full
 * marks. One judge realm per entry, two at once; the summary table of each is printed.
 */
import * as fs from 'fs';
import { describe, expect, it } from 'vitest';
import { parseCatalog, catalogPathFor } from '../../src/tools/grader/answer-catalog';
import { runCatalog } from '../../src/tools/grader/answer-run';
import { runCatalogInJudge } from '../../src/tools/grader/answer-judge';
import { formatSummary, summarize } from '../../src/tools/grader/answer-report';
import { checkCells } from '../../src/tools/grader/check-cells';
import { readNotebook } from '../../src/tools/notebook/notebook-io';
import { NAMES, sourcePath } from './helpers';

const ONLY = process.env.REGLAB_CATALOGS?.split(',').filter(Boolean);
/**
 * Checks no wrong answer aims at yet, named here so the gap is visible: 05's outcome checks after the
 * validation loss (each wrong setup entry costs a training run, and the ones written fail earlier checks).
 */
const NOT_YET_AIMED_AT: Record<string, string[]> = { '05_full_pipeline': ['pipeline-gap', 'pipeline-early-stopping', 'pipeline-copies'] };

describe.each(NAMES.filter((n) => !ONLY || ONLY.includes(n)))('answer catalog %s', (name) => {
  it('every wrong answer is caught and named, every valid one keeps full marks', async () => {
    const file = sourcePath(name);
    const catalogFile = catalogPathFor(file);
    const catalog = parseCatalog(fs.readFileSync(catalogFile, 'utf8'), catalogFile);
    const report = process.env.REGLAB_CATALOGS_KERNEL ? await runCatalog(file, catalog) : await runCatalogInJudge(file, catalog, { jobs: 2 });
    const summary = summarize(catalog, report, checkCells(readNotebook(file), file).map((c) => c.id));
    console.log(`${formatSummary(summary)}  (${catalog.entries.length} entries in ${report.seconds.toFixed(0)} s)`);
    expect(report.reference.problems).toEqual([]);
    expect(summary.misses).toEqual([]);
    // every graded check has wrong answers aimed at it, and the catalog has valid alternatives
    expect(summary.rates.filter((r) => r.wrong === 0).map((r) => r.check)).toEqual(NOT_YET_AIMED_AT[name] ?? []);
    expect(summary.valid).toBeGreaterThan(0);
  }, 1_800_000);
});
