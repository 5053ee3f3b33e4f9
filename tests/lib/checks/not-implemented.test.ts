import { describe, expect, it } from 'vitest';
import { NotImplementedError, isNotImplemented } from '../../../src/lib/checks/not-implemented';

describe('NotImplementedError', () => {
  it('is a named error with the standard message', () => {
    const thrower = (what?: string) => () => { throw new NotImplementedError(what); };
    expect(thrower()).toThrow('not implemented yet');
    expect(thrower('layerNormBackward')).toThrow('layerNormBackward: not implemented yet');
    try { thrower('f')(); } catch (e) {
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
