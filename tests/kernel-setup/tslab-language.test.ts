/**
 * What tslab's own type-checking (TypeScript 5.0, ES2022 library) refuses although Node 20 runs it, and what
 * it accepts, measured through the registered kernel: the README's table "What tslab's type-checking refuses"
 * is these cells. Also tslab's stale language_info (version "3.7.2" whatever TypeScript checks the cells).
 * Needs the kernel spec (npm test registers it) and dist/.
 */
import { describe, expect, it } from 'vitest';
import { type Notebook } from '../../src/tools/notebook/notebook-io';
import { executeNotebook } from '../../src/tools/notebook/runner/execute';
import { DISPLAY_NAME, KERNEL_NAME } from '../../kernel-setup/spec';

/** Refused by the kernel, with TypeScript's message; every one of them but `using` runs on Node 20. */
const REFUSED: [string, RegExp][] = [
  ['[3, 1, 2].toSorted()', /Property 'toSorted' does not exist on type 'number\[\]'/],
  ['[3, 1, 2].toReversed()', /Property 'toReversed' does not exist on type 'number\[\]'/],
  ['[3, 1, 2].toSpliced(0, 1)', /Property 'toSpliced' does not exist on type 'number\[\]'/],
  ['[1, 2, 3].with(0, 9)', /Property 'with' does not exist on type 'number\[\]'/],
  ['[1, 2, 3].findLast((x) => x < 3)', /Property 'findLast' does not exist on type 'number\[\]'.*'es2023'/],
  ['[1, 2, 3].findLastIndex((x) => x < 3)', /Property 'findLastIndex' does not exist/],
  ["'ab'.isWellFormed()", /Property 'isWellFormed' does not exist/],
  ['using x = { [Symbol.dispose]() {} };', /Cannot find name 'using'/],
];

/** Accepted and run (ES2022 and Node's types, TypeScript 5.0 syntax). */
const ACCEPTED: [string, string][] = [
  ['[1, 2, 3].at(-1)', '3'],
  ["Object.hasOwn({ a: 1 }, 'a')", 'true'],
  ['structuredClone({ a: [1] })', '{ a: [ 1 ] }'],
  ['2n ** 64n', '18446744073709551616n'],
  ["new Error('x', { cause: 7 }).cause", '7'],
  ["function f<const T extends readonly unknown[]>(x: T): T { return x; }\nf([1, 'a'] as const)", "[ 1, 'a' ]"],
  ['[1, 2, 3] satisfies number[]', '[ 1, 2, 3 ]'],
  ['[...[3, 1, 2]].sort((a, b) => a - b)', '[ 1, 2, 3 ]'],
];

function notebook(sources: string[]): Notebook {
  return {
    nbformat: 4, nbformat_minor: 5,
    metadata: { kernelspec: { name: KERNEL_NAME, display_name: DISPLAY_NAME, language: 'typescript' } },
    cells: sources.map((source, i) => ({ cell_type: 'code', id: `c${i}`, source, metadata: {}, outputs: [], execution_count: null })),
  };
}

function streams(nb: Notebook, i: number, name: 'stdout' | 'stderr'): string {
  const cell = nb.cells[i];
  const outs = (cell.cell_type === 'code' ? cell.outputs : []) as { output_type: string; name?: string; text?: string | string[] }[];
  return outs.filter((o) => o.output_type === 'stream' && o.name === name).map((o) => (Array.isArray(o.text) ? o.text.join('') : o.text ?? '')).join('');
}

describe("tslab's TypeScript 5.0 / ES2022 type-checking, through the kernel", () => {
  it('refuses ES2023+ library calls and `using`, accepts ES2022; language_info says 3.7.2', async () => {
    const nb = notebook([...REFUSED.map(([s]) => s), ...ACCEPTED.map(([s]) => s)]);
    const { notebook: out } = await executeNotebook(nb, { cellTimeoutMs: 120_000 });
    REFUSED.forEach(([src, message], i) => {
      expect(streams(out, i, 'stderr'), src).toMatch(message);
      expect(streams(out, i, 'stdout'), src).toBe('');
    });
    ACCEPTED.forEach(([src, printed], j) => {
      const i = REFUSED.length + j;
      expect(streams(out, i, 'stderr'), src).toBe('');
      expect(streams(out, i, 'stdout').trim(), src).toBe(printed);
    });
    const info = out.metadata.language_info as { name?: string; version?: string } | undefined;
    expect(info?.name).toBe('typescript');
    expect(info?.version).toBe('3.7.2');
  }, 180_000);
});
