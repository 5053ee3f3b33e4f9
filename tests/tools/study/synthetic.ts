/** Hand-made run results for the study tests that must not train anything. */
import { RunResult } from '../../../src/tools/study/run-one';

/** A run whose val curve is `val` (epoch 1..n) and whose other numbers are given or derived simply. */
export function syntheticRun(condition: string, seed: number, val: number[], extra: Partial<RunResult> = {}): RunResult {
  const history = val.map((v, i) => ({ epoch: i + 1, trainLoss: v - 0.1 * (i + 1), valLoss: v, weightNorm: 10 + i, seconds: 1 }));
  const finite = val.filter((v) => Number.isFinite(v));
  const bestValLoss = Math.min(...finite);
  const bestEpoch = val.indexOf(bestValLoss) + 1;
  const testLossAtBest = bestValLoss + 0.01;
  return {
    id: `${condition}-seed${seed}`,
    condition,
    seed,
    hash: 'h',
    epochsRun: val.length,
    stoppedEpoch: null,
    stopReason: null,
    bestEpoch,
    bestValLoss,
    finalValLoss: val[val.length - 1],
    finalTrainLoss: 1.5,
    gap: val[val.length - 1] - 1.5,
    testLossAtBest,
    perplexity: Math.exp(testLossAtBest),
    memorized: 0.25,
    examples: ['anna', 'bob<'],
    history,
    seconds: val.length,
    ...extra,
  };
}
