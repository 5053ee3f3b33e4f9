import { describe, expect, it } from 'vitest';
import { MarkerError, findRegions, reglabAlias, stubSource, stubThrow } from '../../../src/tools/grader/markers';

const where = { file: 'nb.ipynb', cell: 'ex1', cellType: 'code' };

describe('solution markers', () => {
  it('replaces each region with a TODO line and a throw at the BEGIN indentation', () => {
    const src = 'function f(x: number): number {\n  // BEGIN SOLUTION\n  const y = x * 2;\n  return y;\n  // END SOLUTION\n}\nfunction g(): void {\n    // BEGIN SOLUTION\n    console.log(1);\n    // END SOLUTION\n}';
    expect(stubSource(src, where, 'rl')).toBe('function f(x: number): number {\n  // TODO: your code here\n  throw new rl.NotImplementedError();\n}\nfunction g(): void {\n    // TODO: your code here\n    throw new rl.NotImplementedError();\n}');
  });

  it('leaves a cell without markers unchanged, and falls back to a named Error without a reglab import', () => {
    expect(stubSource('const a = 1;', where, 'rl')).toBe('const a = 1;');
    expect(stubThrow(null)).toContain('name: "NotImplementedError"');
    expect(reglabAlias(['const x = 1;', 'import * as lab from "reglab";'])).toBe('lab');
    expect(reglabAlias(['import { zeros } from "reglab";'])).toBeNull();
  });

  it.each([
    ['  // BEGIN SOLUTION\n  x\n  // BEGIN SOLUTION\n  // END SOLUTION', 3, /nested/],
    ['x\n// END SOLUTION', 2, /without a \/\/ BEGIN SOLUTION/],
    ['a\n  // BEGIN SOLUTION\n  x', 2, /never closed/],
    ['// BEGIN SOLUTION here\n// END SOLUTION', 1, /alone on its line/],
  ])('refuses %j naming file, cell and line %i', (src, line, reason) => {
    let err: unknown;
    try {
      findRegions(src, where);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(MarkerError);
    expect((err as MarkerError).line).toBe(line);
    expect((err as MarkerError).message).toMatch(new RegExp(`^nb\\.ipynb: cell ex1, line ${line}: `));
    expect((err as MarkerError).message).toMatch(reason);
  });

  it('refuses markers in a markdown cell', () => {
    expect(() => findRegions('text\n// BEGIN SOLUTION\n// END SOLUTION', { ...where, cellType: 'markdown' })).toThrow(/line 2: solution marker in a markdown cell/);
  });
});
