/**
 * Everything a notebook needs from the data in one call: the names, split (seeded), the vocabulary,
 * and each part encoded as a token stream.
 *
 * The vocabulary is built from all names (the parts share one alphabet, so no character is unknown
 * at test time). Left out on purpose: caching to disk (loading takes a few milliseconds).
 */
import { Rng } from '../numbers/rng';
import { loadNames, LoadNamesOptions } from './names';
import { splitNames, NameSplit, SplitOptions } from './split';
import { buildVocab, encodeNames, Vocab } from './vocab';

export interface NamesDataset {
  vocab: Vocab;
  names: NameSplit;
  /** Each part as one token stream: [0, name..., 0, name..., 0]. */
  tokens: { train: Int32Array; val: Int32Array; test: Int32Array };
  /** Corpus facts to print: names before/after de-duplication. */
  stats: { total: number; duplicates: number; unique: number; train: number; val: number; test: number };
}

export interface NamesDatasetOptions extends LoadNamesOptions {
  /** Seed for the split (default 0), or pass `rng`. */
  seed?: number;
  rng?: Rng;
  split?: SplitOptions;
  /**
   * Keep only the first `maxTrainNames` training names (after the shuffle): a smaller training set
   * trains faster and overfits sooner, which is what a notebook on regularization wants to show.
   */
  maxTrainNames?: number;
  /** Keep only the first `maxValNames` validation names: a quicker validation pass every epoch. */
  maxValNames?: number;
}

export function namesDataset(opts: NamesDatasetOptions = {}): NamesDataset {
  const corpus = loadNames(opts);
  const rng = opts.rng ?? new Rng(opts.seed ?? 0);
  const names = splitNames(corpus.names, rng, opts.split);
  names.train = firstNames(names.train, opts.maxTrainNames, 'maxTrainNames');
  names.val = firstNames(names.val, opts.maxValNames, 'maxValNames');
  const vocab = buildVocab(corpus.names);
  return {
    vocab,
    names,
    tokens: {
      train: encodeNames(names.train, vocab),
      val: encodeNames(names.val, vocab),
      test: encodeNames(names.test, vocab),
    },
    stats: {
      total: corpus.total,
      duplicates: corpus.duplicates,
      unique: corpus.names.length,
      train: names.train.length,
      val: names.val.length,
      test: names.test.length,
    },
  };
}

/** The first `max` names (all if max is undefined); `option` names the option in the error. */
function firstNames(names: string[], max: number | undefined, option: string): string[] {
  if (max === undefined) return names;
  if (!(Number.isInteger(max) && max >= 1)) throw new RangeError(`namesDataset: ${option} must be a positive integer, got ${max}`);
  return names.slice(0, max);
}
