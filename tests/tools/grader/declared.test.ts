import { describe, expect, it } from 'vitest';
import { declaredChecks, readCheckCalls } from '../../../src/tools/grader/declared';

describe('declaredChecks', () => {
  it('finds the id and points of every check call written with literals', () => {
    const src = [
      "rl.check('dropout-forward', 2, (t) => {",
      '  t.closeTo(x, 1);',
      '});',
      'await rl.checks.check("ln.backward", 1.5, async (t) => {});',
      'const r = await runCheck(`es:trace`, 3, f);',
      "recheck('nope', 1, f); precheltCheck(1, 2);",
    ].join('\n');
    expect(declaredChecks(src).map(({ id, points, line }) => [id, points, line])).toEqual([['dropout-forward', 2, 1], ['ln.backward', 1.5, 4], ['es:trace', 3, 5]]);
    expect(declaredChecks(src)[0].index).toBe(0);
    expect(declaredChecks('')).toEqual([]);
    expect(() => declaredChecks(undefined as never)).toThrow(TypeError);
  });

  it('ignores calls in comments and strings (a parser, not a pattern)', () => {
    const src = '// rl.check("example", 1, () => true);\n/* check("x", 2, f) */\nconst s = "rl.check(\'y\', 3, f)";\nrl.check("real", 4, (t) => t.isTrue(true, "ok"));';
    expect(declaredChecks(src).map((c) => c.id)).toEqual(['real']);
  });

  it('reports a call whose id or points is not a literal, with its line, instead of skipping it', () => {
    const { checks, problems } = readCheckCalls('const P = 2;\nrl.check("a", P, f);\nrl.check(name, 1, f);\ncheck();');
    expect(checks).toEqual([]);
    expect(problems.map((p) => p.message)).toEqual([
      'line 2: rl.check(...): the points must be a number literal, got `P`',
      'line 3: rl.check(...): the check id must be a string literal, got `name`',
      'line 4: check(...): the check id must be a string literal, got nothing',
      'line 4: check(...): the points must be a number literal, got nothing',
    ]);
  });
});
