/**
 * Whether a value survives a v8.serialize / v8.deserialize round trip unchanged in meaning: primitives
 * (not symbols), plain objects and arrays of data properties, typed arrays, ArrayBuffers, Maps, Sets,
 * Dates. A function, a class instance (its methods would be lost), a getter or a symbol key would not,
 * so a cell that defines one is not cached (cache.ts).
 *
 * Left out on purpose: cycles are followed once (v8 keeps them); very large graphs are refused.
 */
const MAX_NODES = 2_000_000;

/** null when `value` is faithful, else a short reason ("holds a function at .fit"). */
export function faithfulReason(value: unknown): string | null {
  const seen = new Set<object>();
  let nodes = 0;
  const walk = (v: unknown, at: string): string | null => {
    if (v === null || v === undefined) return null;
    const t = typeof v;
    if (t === 'function') return `holds a function at ${at || 'the top'}`;
    if (t === 'symbol') return `holds a symbol at ${at || 'the top'}`;
    if (t !== 'object') return null;
    const o = v as object;
    if (seen.has(o)) return null;
    seen.add(o);
    if (++nodes > MAX_NODES) return 'is too large to cache';
    if (ArrayBuffer.isView(o) || o instanceof ArrayBuffer || o instanceof Date) return null;
    if (o instanceof Map) {
      for (const [k, x] of o) { const r = walk(k, `${at}<key>`) ?? walk(x, `${at}.get(...)`); if (r) return r; }
      return null;
    }
    if (o instanceof Set) {
      for (const x of o) { const r = walk(x, `${at}<item>`); if (r) return r; }
      return null;
    }
    const proto = Object.getPrototypeOf(o);
    if (!Array.isArray(o) && proto !== Object.prototype && proto !== null) return `holds a class instance at ${at || 'the top'}`;
    if (Object.getOwnPropertySymbols(o).length > 0) return `has symbol keys at ${at || 'the top'}`;
    for (const [k, d] of Object.entries(Object.getOwnPropertyDescriptors(o))) {
      if (Array.isArray(o) && k === 'length') continue;
      if (!('value' in d)) return `has a getter at ${at}.${k}`;
      const r = walk(d.value, `${at}.${k}`);
      if (r) return r;
    }
    return null;
  };
  return walk(value, '');
}
