import { describe, expect, it } from 'vitest';
import { formatNumber } from '../../../src/lib/text/format';

describe('formatNumber', () => {
  it('uses 4 significant digits, exponents for tiny and huge values, and names non-finite values', () => {
    expect(formatNumber(2.302585)).toBe('2.303');
    expect(formatNumber(3e-10)).toBe('3e-10');
    expect(formatNumber(3.14159e-10)).toBe('3.14e-10');
    expect(formatNumber(1500000.5)).toBe('1.5e+6');
    expect(formatNumber(42)).toBe('42');
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(0.5)).toBe('0.5');
    expect(formatNumber(NaN)).toBe('NaN');
    expect(formatNumber(-Infinity)).toBe('-Infinity');
    expect(formatNumber(1 / 3, 7)).toBe('0.3333333');
  });
});
