/**
 * A seeded train/validation/test split of the names (by name, not by character, so no name is in
 * two parts). Default 80/10/10.
 *
 * Left out on purpose: stratification (e.g. by first letter or length), k-fold splits.
 */
import { Rng } from '../numbers/rng';

export interface NameSplit {
  train: string[];
  val: string[];
  test: string[];
}

export interface SplitOptions {
  /** Share of names for training (default 0.8). */
  train?: number;
  /** Share for validation (default 0.1); the test part gets the rest. */
  val?: number;
}

/**
 * Shuffles a copy of `names` with `rng` and cuts it: nTrain = round(train * n), nVal = round(val * n),
 * nTest = n - nTrain - nVal. Every part must end up non-empty.
 */
export function splitNames(names: readonly string[], rng: Rng, opts: SplitOptions = {}): NameSplit {
  const fTrain = opts.train ?? 0.8;
  const fVal = opts.val ?? 0.1;
  if (!(fTrain > 0 && fVal > 0 && fTrain + fVal < 1)) {
    throw new RangeError(`splitNames: need train > 0, val > 0 and train + val < 1, got train=${fTrain}, val=${fVal}`);
  }
  const n = names.length;
  if (n === 0) throw new RangeError('splitNames: no names given (empty data)');
  const nTrain = Math.round(fTrain * n);
  const nVal = Math.round(fVal * n);
  if (nTrain === 0 || nVal === 0 || n - nTrain - nVal <= 0) {
    throw new RangeError(`splitNames: ${n} names are too few for a ${fTrain}/${fVal}/${+(1 - fTrain - fVal).toFixed(6)} split (a part would be empty)`);
  }
  const order = rng.permutation(n);
  const pick = (from: number, to: number): string[] => order.slice(from, to).map((i) => names[i]);
  return { train: pick(0, nTrain), val: pick(nTrain, nTrain + nVal), test: pick(nTrain + nVal, n) };
}
