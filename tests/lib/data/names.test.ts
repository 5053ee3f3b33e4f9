import { describe, expect, it } from 'vitest';
import { cleanNames, loadNames } from '../../../src/lib/data/names';

describe('cleanNames', () => {
  it('lower-cases, trims, drops empties and keeps the first occurrence', () => {
    expect(cleanNames(['Anna', ' anna ', 'Bob', '', 'ANNA', 'bob', 'Cy'])).toEqual(['anna', 'bob', 'cy']);
  });
});

describe('loadNames', () => {
  it('loads both stdlib lists, lower-cased and de-duplicated, and says how many were dropped', () => {
    const c = loadNames();
    expect(c.sources.female).toBeGreaterThan(4000);
    expect(c.sources.male).toBeGreaterThan(3000);
    expect(c.total).toBe(c.sources.female + c.sources.male);
    expect(new Set(c.names).size).toBe(c.names.length);
    expect(c.duplicates).toBe(c.total - c.names.length);
    expect(c.duplicates).toBeGreaterThan(0); // names on both lists, e.g. "abbe"
    expect(c.names.every((n) => n === n.toLowerCase() && /^[a-z-]+$/.test(n))).toBe(true);
    expect(c.names).toContain('abbe');
  });

  it('can load one list only, and refuses none', () => {
    const f = loadNames({ male: false });
    expect(f.sources.male).toBe(0);
    expect(f.names.length).toBeLessThan(loadNames().names.length);
    expect(() => loadNames({ female: false, male: false })).toThrow(/at least one/);
  });
});
