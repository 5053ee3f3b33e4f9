/**
 * A whole study, resumable: build the run matrix, keep the runs the results directory already holds
 * (same config hash), train the rest on a pool of worker processes (each finished run saved at
 * once), then aggregate over seeds and write the table, `study.json` and `report.html`.
 *
 *   <outDir>/runs/<condition>-seed<k>.json   one per finished run (atomic; what resume reads)
 *   <outDir>/study.json                      the report as JSON (and a copy at `jsonFile`, if given)
 *   <outDir>/report.html                     self-contained report (plotly.js inlined)
 *
 * Left out on purpose: argument parsing (tools/cli/study-cli.ts), training itself (run-one.ts).
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { StudyPlan } from './plan';
import { runMatrix } from './matrix';
import { RunResult } from './run-one';
import { loadRun, saveRun, toJson } from './results-dir';
import { writeFileAtomic } from '../base/fs-atomic';
import { runPool } from './pool';
import { StudyReport, buildReport } from './report';
import { renderReportHtml } from './report-html';
import { formatTable, TABLE_LEGEND } from './table';
import { doneLine, epochLine, failedLine, redoLine, skipLine, startLine, duration } from './progress';

export interface StudyOptions {
  plan: StudyPlan;
  /** Results directory (created if missing). */
  outDir: string;
  /** Worker processes (default: min(2, available cores)). */
  workers?: number;
  /** Also write the report JSON here. */
  jsonFile?: string;
  /** Where the HTML goes (default <outDir>/report.html). */
  htmlFile?: string;
  /** Ignore stored results and run everything again. */
  fresh?: boolean;
  /** Print a line per epoch (default true); run lines are always printed. */
  epochLines?: boolean;
  /** Where progress and the table go (default console.log). */
  log?: (line: string) => void;
  /** The command line, recorded in the report. */
  command?: string;
}

export interface StudyOutcome {
  report: StudyReport;
  /** The printed table (without the legend). */
  table: string;
  ran: string[];
  skipped: string[];
  failed: { id: string; message: string }[];
  files: { runs: string; json: string[]; html: string };
}

export function defaultWorkers(): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(2, cores));
}

export async function runStudy(opts: StudyOptions): Promise<StudyOutcome> {
  const t0 = performance.now();
  const elapsed = (): number => (performance.now() - t0) / 1000;
  const log = opts.log ?? ((line: string) => console.log(line));
  const workers = opts.workers ?? defaultWorkers();
  const specs = runMatrix(opts.plan);
  const results = new Map<string, RunResult>();
  const skipped: string[] = [];
  const todo = specs.filter((spec) => {
    if (opts.fresh) return true;
    const stored = loadRun(opts.outDir, spec);
    if (stored.status === 'done') {
      results.set(spec.id, stored.result);
      skipped.push(spec.id);
      log(skipLine(spec, path.relative(process.cwd(), stored.file) || stored.file));
      return false;
    }
    if (stored.status !== 'missing') log(redoLine(spec, stored.why));
    return true;
  });
  const s = opts.plan.settings;
  log(
    `study '${opts.plan.name}': ${opts.plan.conditions.length} conditions x ${opts.plan.seeds.length} seeds = ${specs.length} runs; ` +
      `${skipped.length} finished earlier, ${todo.length} to run on ${Math.min(workers, Math.max(1, todo.length))} worker(s). ` +
      `hidden ${s.hiddenSize}, ${s.epochs} epochs, ${s.maxTrainNames ?? 'all'} training / ${s.maxValNames ?? 'all'} val names, results in ${opts.outDir}`,
  );

  const failed: { id: string; message: string }[] = [];
  const ran: string[] = [];
  await runPool(todo, workers, {
    onStart: (spec) => log(startLine(spec)),
    onEpoch: (spec, record) => {
      if (opts.epochLines ?? true) log(epochLine(spec, record));
    },
    onDone: (spec, result) => {
      saveRun(opts.outDir, result);
      results.set(spec.id, result);
      ran.push(spec.id);
      log(doneLine(spec, result, results.size, elapsed()));
    },
    onFailed: (spec, message) => {
      failed.push({ id: spec.id, message });
      log(failedLine(spec, message));
    },
  });

  const ordered = specs.map((spec) => results.get(spec.id)).filter((r): r is RunResult => r !== undefined);
  const missing = specs.filter((spec) => !results.has(spec.id)).map((spec) => spec.id);
  const report = buildReport(opts.plan, ordered, missing, opts.command ?? 'npm run study');
  const jsonFiles = [path.join(opts.outDir, 'study.json'), ...(opts.jsonFile ? [opts.jsonFile] : [])];
  const json = toJson(report);
  for (const file of jsonFiles) writeFileAtomic(file, json, { mkdir: true });
  const htmlFile = opts.htmlFile ?? path.join(opts.outDir, 'report.html');
  writeFileAtomic(htmlFile, renderReportHtml(report), { mkdir: true });

  const table = formatTable(report.rows);
  log('');
  log(`${opts.plan.name} study, hidden ${s.hiddenSize}, seeds ${opts.plan.seeds.join(', ')} (${duration(elapsed())} this session):`);
  log(table);
  log(TABLE_LEGEND);
  if (missing.length > 0) log(`Missing runs (failed): ${missing.join(', ')}`);
  log(`Wrote ${jsonFiles.join(', ')} and ${htmlFile}`);
  return { report, table, ran, skipped, failed, files: { runs: path.join(opts.outDir, 'runs'), json: jsonFiles, html: htmlFile } };
}
