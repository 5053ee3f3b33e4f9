import { describe, expect, it } from 'vitest';
import { canonicalResult, newKey, signResult, verifyResult } from '../../../src/tools/grader/signature';

const r = { id: 'double', points: 2, max: 2, passed: true, message: 'double(3) = 6' };

describe('result signatures', () => {
  it('verify with the key they were made with, and with no other key or content', () => {
    const key = newKey();
    const sig = signResult(key, r);
    expect(verifyResult(key, r, sig)).toBe(true);
    expect(verifyResult(newKey(), r, sig)).toBe(false);
    expect(verifyResult(key, { ...r, passed: false, points: 0 }, sig)).toBe(false);
    expect(verifyResult(key, { ...r, message: 'other' }, sig)).toBe(false);
    expect(verifyResult(key, { ...r, hint: 'x' }, sig)).toBe(false);
  });

  it('reject odd input without throwing', () => {
    const key = newKey();
    for (const sig of [undefined, '', 'zz', 42, 'a'.repeat(64)]) expect(verifyResult(key, r, sig)).toBe(false);
    for (const bad of [null, 'x', { id: 'double' }, [1]]) expect(verifyResult(key, bad, signResult(key, r))).toBe(false);
  });

  it('sign a canonical text independent of key order', () => {
    expect(canonicalResult({ message: r.message, passed: true, max: 2, points: 2, id: 'double' })).toBe(canonicalResult(r));
  });
});
