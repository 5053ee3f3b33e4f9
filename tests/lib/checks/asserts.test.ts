import { describe, expect, it } from 'vitest';
import { createAsserts } from '../../../src/lib/checks/asserts';
import { CheckFailure } from '../../../src/lib/checks/failure';
import { NotImplementedError } from '../../../src/lib/checks/not-implemented';

const failureOf = (f: () => void): CheckFailure => {
  try { f(); } catch (e) { if (e instanceof CheckFailure) return e; throw e; }
  throw new Error('expected a CheckFailure');
};

describe('assertions', () => {
  it('relError uses max |g-e| / max(1e-8, |g|+|e|) and names the worst element on failure', () => {
    const t = createAsserts();
    const m = { rows: 2, cols: 2, data: new Float64Array([1, 2, 3, 4]) };
    expect(t.relError(m, [[1, 2], [3, 4 * (1 + 2e-9)]], 1e-7, 'dW')).toBeCloseTo(1e-9, 12);
    expect(t.notes).toEqual(['dW: relative error 1e-9 < 1e-7']);
    const e = failureOf(() => t.relError(m, { rows: 2, cols: 2, data: [1, 2, 3.5, 4] }, 1e-7, 'dW'));
    expect(e.message).toBe('dW: relative error 0.07692308 is not below 1e-7');
    expect(e.expected).toBe('relative error < 1e-7');
    expect(e.got).toBe('relative error 0.07692308 (worst [1, 0] got 3, expected 3.5)');
    expect(failureOf(() => t.relError([NaN], [1])).message).toMatch(/relative error NaN/);
    expect(failureOf(() => t.relError([1, 2, 3], [[1, 2], [3, 4]])).got).toBe('(3)');
    expect(t.count).toBe(4);
    expect(t.failures).toHaveLength(3);
  });

  it('arraysClose follows numpy allclose and previews both sides', () => {
    const t = createAsserts();
    t.arraysClose(new Float64Array([1, 2]), [1 + 1e-9, 2], {}, 'out');
    expect(t.notes[0]).toMatch(/^out: 2 values match \(max \|diff\| 1e-9\)$/);
    const e = failureOf(() => t.arraysClose([1, 2, 3], [1, 2.1, 3.2], { atol: 1e-3, rtol: 0 }, 'out'));
    expect(e.message).toBe('out: 2 of 3 values differ; first at [1]: got 2, expected 2.1');
    expect(e.got).toBe('[1, 2, 3]');
    expect(e.expected).toBe('[1, 2.1, 3.2]');
  });

  it('says what came back when the result is not numbers at all', () => {
    const t = createAsserts();
    const e = failureOf(() => t.relError(undefined, [1], 1e-7, 'dx'));
    expect(e.message).toBe('dx: the result is not numbers (undefined)');
    expect(e.got).toBe('undefined');
    expect(failureOf(() => t.closeTo('1', 1)).got).toBe('"1"');
    expect(failureOf(() => t.arraysClose([[1, 2], [3]], [1, 2, 3])).message).toMatch(/ragged/);
  });

  it('equal compares plain data deeply; isTrue carries custom details', () => {
    const t = createAsserts();
    t.equal({ a: [1, 2], b: 'x' }, { a: [1, 2], b: 'x' }, 'config');
    t.equal(new Int32Array([1, 2]), [1, 2]);
    const e = failureOf(() => t.equal({ stopped: 9 }, { stopped: 7 }, 'decision'));
    expect([e.expected, e.got]).toEqual(['{"stopped":7}', '{"stopped":9}']);
    const f = failureOf(() => t.isTrue(false, 'val below baseline', { expected: '< 2.1', got: '2.3', hint: 'more dropout' }));
    expect([f.message, f.expected, f.got, f.hint]).toEqual(['val below baseline', '< 2.1', '2.3', 'more dropout']);
  });

  it('throws checks messages and lets NotImplementedError through', () => {
    const t = createAsserts();
    t.throws(() => { throw new RangeError('keepProb must be in (0, 1]'); }, /keepProb/, 'dropout(p=0)');
    expect(t.notes[0]).toBe('dropout(p=0) threw "keepProb must be in (0, 1]"');
    expect(failureOf(() => t.throws(() => 42)).got).toBe('returned 42');
    expect(failureOf(() => t.throws(() => { throw new Error('other'); }, 'keepProb')).got).toBe('Error: "other"');
    expect(() => t.throws(() => { throw new NotImplementedError(); })).toThrow(NotImplementedError);
  });

  it('throws with an error class wants that class (by instanceof, or by name across realms)', () => {
    const t = createAsserts();
    t.throws(() => { throw new RangeError('bad keepProb'); }, RangeError, 'keepProb 1.5');
    expect(t.notes[0]).toBe('keepProb 1.5 threw RangeError "bad keepProb"');
    const foreign = Object.assign(new Error('from another realm'), { name: 'RangeError' });
    t.throws(() => { throw foreign; }, RangeError, 'foreign');
    const e = failureOf(() => t.throws(() => { throw new Error('plain'); }, RangeError, { what: 'keepProb 0', hint: 'throw a RangeError' }));
    expect([e.message, e.expected, e.got, e.hint]).toEqual(['keepProb 0 threw, but not a RangeError', 'a RangeError', 'Error: "plain"', 'throw a RangeError']);
    expect(failureOf(() => t.throws(() => 1, RangeError, 'keepProb 2')).expected).toBe('a RangeError');
  });

  it('returns gives back the value, turns a throw into a failure with the hint, lets stubs through', () => {
    const t = createAsserts();
    expect(t.returns(() => 7, 'eval mode')).toBe(7);
    expect(t.notes).toEqual(['eval mode returned']);
    function dropoutBackward(): never { const m: { data: number[] } | null = null; return (m as unknown as { data: never }).data; }
    const e = failureOf(() => t.returns(() => dropoutBackward(), { what: 'eval mode (mask null)', hint: 'dx = dout' }));
    expect(e.message).toMatch(/^eval mode \(mask null\) threw TypeError: /);
    expect(e.hint).toBe('dx = dout');
    expect(() => t.returns(() => { throw new NotImplementedError(); })).toThrow(NotImplementedError);
  });
});
