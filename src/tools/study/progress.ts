/**
 * The lines the study prints while it runs, one per epoch and one per run:
 *   [3/24] dropout-0.5 seed 2 epoch 7/30 val 1.932 train 1.701 (1.2 s)
 *   [3/24] dropout-0.5 seed 2 done in 41.2 s: best val 1.932 at epoch 12, test 1.945, memorized 12.0% (5/24 done, 2m13s)
 * Pure formatting: the caller decides where the lines go.
 *
 * Left out on purpose: progress bars and cursor movement (two workers interleave their lines, and
 * the output is often a log file).
 */
import { RunSpec } from './matrix';
import { RunEpoch, RunResult } from './run-one';

const head = (spec: RunSpec): string => `[${spec.index + 1}/${spec.total}] ${spec.condition.name} seed ${spec.seed}`;

/** Minutes and seconds: 133 -> "2m13s", 9.4 -> "9.4s". */
export function duration(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(1)}s`;
  const m = Math.floor(seconds / 60);
  return `${m}m${String(Math.round(seconds - 60 * m)).padStart(2, '0')}s`;
}

export function epochLine(spec: RunSpec, r: RunEpoch): string {
  return `${head(spec)} epoch ${r.epoch}/${spec.settings.epochs} val ${r.valLoss.toFixed(3)} train ${r.trainLoss.toFixed(3)} (${r.seconds.toFixed(1)} s)`;
}

export function startLine(spec: RunSpec): string {
  return `${head(spec)} started: ${spec.condition.description}`;
}

export function doneLine(spec: RunSpec, r: RunResult, done: number, elapsedSeconds: number): string {
  const stopped = r.stoppedEpoch !== null ? `, stopped after epoch ${r.stoppedEpoch}` : '';
  return (
    `${head(spec)} done in ${duration(r.seconds)}: best val ${r.bestValLoss.toFixed(3)} at epoch ${r.bestEpoch}${stopped}, ` +
    `test ${r.testLossAtBest.toFixed(3)}, memorized ${(100 * r.memorized).toFixed(1)}% (${done}/${spec.total} done, ${duration(elapsedSeconds)})`
  );
}

export function skipLine(spec: RunSpec, file: string): string {
  return `${head(spec)} finished earlier, skipped (${file})`;
}

export function redoLine(spec: RunSpec, why: string): string {
  return `${head(spec)} stored result not used: ${why}; will run again`;
}

export function failedLine(spec: RunSpec, message: string): string {
  return `${head(spec)} FAILED: ${message}`;
}
