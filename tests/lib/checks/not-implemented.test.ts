import { describe, expect, it } from 'vitest';
import { NotImplementedError, isNotImplemented, notImplemented } from '../../../src/lib/checks/not-implemented';

describe('notImplemented', () => {
  it('throws a named NotImplementedError with the standard message', () => {
    expect(() => notImplemented()).toThrow('not implemented yet');
    expect(() => notImplemented('layerNormBackward')).toThrow('layerNormBackward: not implemented yet');
    try { notImplemented('f'); } catch (e) {
      expect(e).toBeInstanceOf(NotImplementedError);
      expect((e as NotImplementedError).what).toBe('f');
      expect((e as Error).name).toBe('NotImplementedError');
    }
  });

  it('recognizes the error from another copy of the module by name only', () => {
    const foreign = Object.assign(new Error('not implemented yet'), { name: 'NotImplementedError' });
    expect(isNotImplemented(foreign)).toBe(true);
    expect(isNotImplemented(new Error('not implemented yet'))).toBe(false);
    expect(isNotImplemented('NotImplementedError')).toBe(false);
    expect(isNotImplemented(null)).toBe(false);
  });
});
