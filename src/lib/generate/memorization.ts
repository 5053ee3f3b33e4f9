/**
 * How much of what the model writes is copied: the share of sampled names that are verbatim
 * training names. A model that has turned into a lookup table of its training set scores near 1;
 * one that learned the patterns of names writes new names (some of which are real names it never
 * saw: pass the held-out names to count those).
 *   share = copied / total
 *
 * Left out on purpose: near-copies (edit distance), per-length breakdowns.
 */

export interface Memorization {
  /** Samples scored. */
  total: number;
  /** Samples that are verbatim training names (each sample counted, repeats included). */
  copied: number;
  /** copied / total. */
  share: number;
  /** total - copied: names not in the training set (empty samples included). */
  novel: number;
  /** Distinct sample strings. */
  unique: number;
  /** Distinct training names that were reproduced, sorted. */
  copiedNames: string[];
  /** Novel samples that are real names from `heldOutNames` (0 if none were given). */
  heldOut: number;
  /** Empty samples (the model ended the name at once). */
  empty: number;
}

export function memorization(samples: readonly string[], trainNames: readonly string[] | ReadonlySet<string>, heldOutNames: readonly string[] = []): Memorization {
  if (samples.length === 0) throw new RangeError('memorization: no samples given');
  const train = trainNames instanceof Set ? trainNames : new Set(trainNames as readonly string[]);
  const heldOutSet = new Set(heldOutNames);
  let copied = 0;
  let heldOut = 0;
  let empty = 0;
  const copiedNames = new Set<string>();
  for (const s of samples) {
    if (s.length === 0) empty++;
    if (train.has(s)) {
      copied++;
      copiedNames.add(s);
    } else if (heldOutSet.has(s)) {
      heldOut++;
    }
  }
  return {
    total: samples.length,
    copied,
    share: copied / samples.length,
    novel: samples.length - copied,
    unique: new Set(samples).size,
    copiedNames: [...copiedNames].sort(),
    heldOut,
    empty,
  };
}
