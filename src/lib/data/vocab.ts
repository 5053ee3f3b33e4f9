/**
 * Character vocabulary with an end-of-name token, and encoding names into one token stream.
 *
 * Token 0 is the end-of-name token, printed '.'; it also starts the stream, so every name is
 * predicted from a '.' context: ". e m m a . o l i v i a ." The other ids are the characters
 * seen in the names, sorted. Left out on purpose: unknown-character handling (encoding a character
 * outside the vocabulary is an error), multi-character tokens.
 */

/** Id of the end-of-name token. */
export const END_TOKEN = 0;
/** How the end-of-name token is printed. */
export const END_CHAR = '.';

export interface Vocab {
  /** chars[id] is the character with that id; chars[0] is '.'. */
  chars: string[];
  /** index[ch] is the id of ch. */
  index: Record<string, number>;
  /** Number of tokens V = chars.length. */
  size: number;
}

/** Builds the vocabulary from the characters of `names` (sorted, after '.'). */
export function buildVocab(names: readonly string[]): Vocab {
  if (names.length === 0) throw new RangeError('buildVocab: no names given (empty data)');
  const set = new Set<string>();
  for (const name of names) {
    for (const ch of name) {
      if (ch === END_CHAR) throw new RangeError(`buildVocab: name "${name}" contains the end-of-name character '.'`);
      set.add(ch);
    }
  }
  const chars = [END_CHAR, ...[...set].sort()];
  const index: Record<string, number> = {};
  chars.forEach((ch, i) => (index[ch] = i));
  return { chars, index, size: chars.length };
}

/** The ids of one name's characters (without end tokens). */
export function encodeName(name: string, vocab: Vocab): number[] {
  const ids: number[] = [];
  for (const ch of name) {
    const id = vocab.index[ch];
    if (id === undefined) throw new RangeError(`encodeName: character '${ch}' of "${name}" is not in the vocabulary`);
    ids.push(id);
  }
  return ids;
}

/** One stream for all names: [0, name1..., 0, name2..., 0, ...]; length = sum(len + 1) + 1. */
export function encodeNames(names: readonly string[], vocab: Vocab): Int32Array {
  if (names.length === 0) throw new RangeError('encodeNames: no names given (empty data)');
  let length = 1;
  for (const name of names) length += name.length + 1;
  const out = new Int32Array(length);
  let k = 0;
  out[k++] = END_TOKEN;
  for (const name of names) {
    if (name.length === 0) throw new RangeError('encodeNames: empty name in the list');
    for (const id of encodeName(name, vocab)) out[k++] = id;
    out[k++] = END_TOKEN;
  }
  return out;
}

/** Token ids back to text, '.' for the end token: decodeTokens([0, 5, 0]) = ".e." */
export function decodeTokens(tokens: ArrayLike<number>, vocab: Vocab): string {
  let s = '';
  for (let i = 0; i < tokens.length; i++) {
    const ch = vocab.chars[tokens[i]];
    if (ch === undefined) throw new RangeError(`decodeTokens: token ${tokens[i]} is outside 0..${vocab.size - 1}`);
    s += ch;
  }
  return s;
}
