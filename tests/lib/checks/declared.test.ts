import { describe, expect, it } from 'vitest';
import { declaredChecks } from '../../../src/lib/checks/declared';

describe('declaredChecks', () => {
  it('finds the id and points of every check call written with literals', () => {
    const src = [
      "rl.check('dropout-forward', 2, (t) => {",
      '  t.closeTo(x, 1);',
      '});',
      'await rl.checks.check("ln.backward", 1.5, async (t) => {});',
      'const r = await runCheck(`es:trace`, 3, f);',
      "recheck('nope', 1, f); check(someId, 2, f);",
    ].join('\n');
    expect(declaredChecks(src).map(({ id, points }) => [id, points])).toEqual([['dropout-forward', 2], ['ln.backward', 1.5], ['es:trace', 3]]);
    expect(declaredChecks(src)[0].index).toBe(0);
    expect(declaredChecks('')).toEqual([]);
    expect(() => declaredChecks(undefined as never)).toThrow(TypeError);
  });
});
