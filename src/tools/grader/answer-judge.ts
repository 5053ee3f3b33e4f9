/**
 * Running an answer catalog through the grader's judge (judge/judge.ts), the same code that grades a
 * course's submissions: each entry's variant (answer-variant.ts) is handed to the judge as a learner's
 * submission would be, and answer-verdict.ts judges its verdicts. The report has the shape of the
 * kernel runner's (answer-run.ts), so validate and the catalog test use either.
 *
 *  - checks only, as the grader does: the cells the checks need (exercises, checks, the release cells
 *    they read); demo cells no check reads are not run (the kernel runner runs them);
 *  - an entry with `through` is judged against a release cut after that cell (its checks up to it);
 *  - cells listed under the catalog's `skip` are left out of the release and the variant;
 *  - the release cells that train without student code (05's baseline) run once per release, in a
 *    release-only realm, and every entry reuses their values (judge/cache.ts), as a batch does;
 *  - entries run in parallel (`jobs`), each in its own realm, so no entry sees another's code.
 * A check cell that did not produce a result (it does not compile, it threw, it timed out) is a cell
 * error and no result, as in the kernel runner; a check whose code called the library's own
 * implementation fails with that reason (the kernel cannot see this; the grader does).
 *
 * Left out on purpose: figures and the executed feedback notebook (the kernel runner, `--kernel`).
 */
import { Notebook, readNotebook } from '../notebook/notebook-io';
import { Catalog, CatalogEntry } from './answer-catalog';
import type { CatalogReport } from './answer-run';
import { variantNotebook } from './answer-variant';
import { EntryRun, EntryVerdict, judgeEntry } from './answer-verdict';
import { buildReleaseCache } from './judge/cache';
import { JudgeOptions, judgeNotebook, libraryExportNames } from './judge/judge';
import type { JudgeRelease } from './judge/judged-notebook';
import type { CachedBindings } from './judge/protocol';
import { mapPool } from './pool';
import { release } from './release';
import { Isolation, detectIsolation } from './sandbox';
import * as path from 'path';

export interface JudgeCatalogOptions {
  /** The package root (built: dist/); default: this install. */
  install?: string;
  /** Default: the best this machine offers (bwrap, setpriv), else none (catalog code is the author's own). */
  isolation?: Isolation;
  /** Realms at once (default 2). */
  jobs?: number;
  /** Per student/check cell: a hang guard, not a speed limit (default 20 min). */
  cellTimeoutMs?: number;
  /** The release's own cells together (default 60 min). */
  trainingBudgetMs?: number;
  memoryMb?: number;
}

/** The unchanged solutions, as an entry (no regions). */
const REFERENCE: CatalogEntry = { name: '(solutions)', kind: 'valid', regions: [], code: [], fails: [], mayFail: [], names: [], note: '', line: 0 };

/** `nb` without the skipped cells and the cells after `through` (an id of `source`). */
function cut(nb: Notebook, source: Notebook, skip: Set<string>, through: string | undefined): Notebook {
  const last = through === undefined ? source.cells.length - 1 : source.cells.findIndex((c) => c.id === through);
  const keep = new Set(source.cells.slice(0, last + 1).map((c) => String(c.id)).filter((id) => !skip.has(id)));
  return { ...nb, cells: nb.cells.filter((c) => keep.has(String(c.id))) };
}

/** The catalog's entries judged by the grader's judge (see the header). */
export async function runCatalogInJudge(file: string, catalog: Catalog, opts: JudgeCatalogOptions = {}): Promise<CatalogReport> {
  const t0 = Date.now();
  const install = opts.install ?? path.resolve(__dirname, '../../..');
  const judge: JudgeOptions = {
    install,
    isolation: opts.isolation ?? detectIsolation().kind ?? 'none',
    cellTimeoutMs: opts.cellTimeoutMs ?? 20 * 60_000,
    trainingBudgetMs: opts.trainingBudgetMs ?? 60 * 60_000,
    memoryMb: opts.memoryMb ?? 2048,
    libraryExports: libraryExportNames(install),
  };
  const source = readNotebook(file);
  const name = path.basename(file, '.ipynb');
  const skip = new Set(catalog.skip);
  for (const id of skip) if (!source.cells.some((c) => c.id === id)) throw new Error(`${catalog.file}: skip names cell ${id}, which ${file} does not have`);
  for (const e of catalog.entries) {
    variantNotebook(source, e, file); // every entry fits, before any realm starts
    if (e.through !== undefined && !source.cells.some((c) => c.id === e.through)) throw new Error(`entry ${e.name}: through names cell ${e.through}, which the notebook does not have`);
  }

  // One release (and one cache of its pure training cells) per `through`.
  const releases = new Map<string, { rel: JudgeRelease; cached: Promise<Map<string, CachedBindings>> }>();
  const releaseFor = (through: string | undefined) => {
    const key = through ?? '';
    let r = releases.get(key);
    if (!r) {
      const src = cut(source, source, skip, through);
      const { notebook, checks } = release(src, file);
      const skipped = checks.filter((c) => skip.has(c.cellId));
      if (skipped.length) throw new Error(`${catalog.file}: skip names ${skipped[0].cellId}, a graded check cell`);
      const rel: JudgeRelease = { name, source: src, released: notebook, checks, hidden: [] };
      for (const e of catalog.entries.filter((x) => x.through === through)) {
        const late = e.fails.filter((id) => !checks.some((c) => c.id === id));
        if (through !== undefined && late.length) throw new Error(`${catalog.file}: entry ${e.name} runs through ${through} but must fail ${late.join(', ')}, which come after it`);
      }
      r = { rel, cached: buildReleaseCache(rel, judge).then((c) => c.bindings, () => new Map()) };
      releases.set(key, r);
    }
    return r;
  };

  const judgeOne = async (entry: CatalogEntry): Promise<EntryVerdict> => {
    const { rel, cached } = releaseFor(entry.through);
    const submission = cut(variantNotebook(source, entry, file), source, skip, entry.through);
    const verdict = await judgeNotebook(rel, submission, { ...judge, cached: await cached });
    const results = new Map(verdict.checks.filter((c) => c.status === 'judged').map((c) => [c.id, c] as const));
    const cellErrors = [
      ...verdict.cells.filter((c) => c.role !== 'check' && c.status !== 'ok' && c.status !== 'not-run').map((c) => `${c.cellId}: ${c.status}${c.message ? `: ${c.message}` : ''}`),
      ...verdict.checks.filter((c) => c.status !== 'judged').map((c) => `${c.cellId}: ${c.status}: ${c.message}`),
    ];
    const run: EntryRun = { results, checkIds: rel.checks.map((c) => c.id), cellErrors };
    return judgeEntry(entry, run);
  };

  const all = [REFERENCE, ...catalog.entries];
  const verdicts = await mapPool(all, opts.jobs ?? 2, async (e) => {
    try {
      return await judgeOne(e);
    } catch (err) {
      const message = (err as Error).message.split('\n')[0];
      return { name: e.name, kind: e.kind, ok: false, caught: false, named: false, contained: false, failed: [], problems: [`the judge did not run it: ${message}`], message: '' } as EntryVerdict;
    }
  });
  return { notebook: file, reference: verdicts[0], verdicts: verdicts.slice(1), seconds: (Date.now() - t0) / 1000 };
}
