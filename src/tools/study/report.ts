/**
 * The study's result as plain data: the plan, the aggregated table rows, the mean curves and every
 * run. This is what `--json FILE` writes and what the HTML report renders.
 *
 * Left out on purpose: anything about how or where the runs were executed.
 */
import { StudyPlan } from './plan';
import { ConditionRow, MeanCurve, aggregate, meanCurves } from './aggregate';
import { RunResult } from './run-one';

export interface StudyReport {
  plan: StudyPlan;
  /** The command line that made it. */
  command: string;
  /** ISO time the report was written. */
  createdAt: string;
  /** One row per condition: each metric's mean and spread over seeds. */
  rows: ConditionRow[];
  /** Mean val-loss curve per condition. */
  curves: MeanCurve[];
  /** Every finished run, in matrix order. */
  runs: RunResult[];
  /** Ids of runs in the matrix without a result (failed). */
  missing: string[];
}

export function buildReport(plan: StudyPlan, runs: readonly RunResult[], missing: readonly string[], command: string, createdAt = new Date().toISOString()): StudyReport {
  return {
    plan,
    command,
    createdAt,
    rows: aggregate(plan.conditions, runs),
    curves: meanCurves(plan.conditions, runs, 'valLoss'),
    runs: [...runs],
    missing: [...missing],
  };
}
