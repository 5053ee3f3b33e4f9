/**
 * Solution regions in instructor notebooks and the stubs that replace them in student copies.
 *
 * A region is the lines from `// BEGIN SOLUTION` to `// END SOLUTION` (each marker alone on its line)
 * in a code cell. In the student copy the whole region becomes two lines at the BEGIN marker's
 * indentation:
 *     // TODO: your code here
 *     throw new rl.NotImplementedError();
 * so the surrounding function still type-checks and throws "not implemented yet" only when called
 * (`rl` is whatever name the notebook imports reglab under). Unbalanced, nested or misplaced markers
 * are refused with a MarkerError naming the file, the cell and the line.
 *
 * Left out on purpose: regions spanning cells, and "hidden test" regions (hidden checks live in
 * their own folder, see hidden.ts).
 */
export const BEGIN = '// BEGIN SOLUTION';
export const END = '// END SOLUTION';
export const TODO = '// TODO: your code here';

/** A marker problem, with where it is (1-based line within the cell's source). */
export class MarkerError extends Error {
  constructor(readonly file: string, readonly cell: string, readonly line: number, readonly reason: string) {
    super(`${file}: cell ${cell}, line ${line}: ${reason}`);
    this.name = 'MarkerError';
  }
}

export interface Region { /** 0-based line of BEGIN and END. */ begin: number; end: number; indent: string }

/** Where a cell is, for error messages. */
export interface CellPlace { file: string; cell: string; cellType: string }

/** The solution regions of one cell's source; throws MarkerError on unbalanced, nested or misplaced markers. */
export function findRegions(source: string, where: CellPlace): Region[] {
  const lines = source.split('\n');
  const regions: Region[] = [];
  let open: { line: number; indent: string } | null = null;
  const fail = (i: number, reason: string): never => {
    throw new MarkerError(where.file, where.cell, i + 1, reason);
  };
  lines.forEach((line, i) => {
    const t = line.trim();
    const mentions = /\b(BEGIN|END) SOLUTION\b/.test(line);
    if (!mentions) return;
    if (where.cellType !== 'code') fail(i, `solution marker in a ${where.cellType} cell (regions belong in code cells)`);
    if (t === BEGIN) {
      if (open) fail(i, `nested ${BEGIN} (the region opened on line ${open.line + 1} is not closed)`);
      open = { line: i, indent: /^\s*/.exec(line)![0] };
    } else if (t === END) {
      if (!open) fail(i, `${END} without a ${BEGIN} before it`);
      regions.push({ begin: open!.line, end: i, indent: open!.indent });
      open = null;
    } else {
      fail(i, `a solution marker must be alone on its line, exactly "${BEGIN}" or "${END}"`);
    }
  });
  if (open) fail((open as { line: number }).line, `${BEGIN} is never closed by ${END}`);
  return regions;
}

/** The source with every region replaced by its stub; unchanged if there is none. */
export function stubSource(source: string, where: CellPlace, alias: string | null): string {
  const regions = findRegions(source, where);
  if (regions.length === 0) return source;
  const lines = source.split('\n');
  const out: string[] = [];
  let at = 0;
  for (const r of regions) {
    out.push(...lines.slice(at, r.begin), r.indent + TODO, r.indent + stubThrow(alias));
    at = r.end + 1;
  }
  out.push(...lines.slice(at));
  return out.join('\n');
}

/** `throw new rl.NotImplementedError();`, or an equivalent error when the notebook has no namespace import of reglab. */
export function stubThrow(alias: string | null): string {
  return alias
    ? `throw new ${alias}.NotImplementedError();`
    : 'throw Object.assign(new Error("not implemented yet"), { name: "NotImplementedError" });';
}

/** The name a notebook imports reglab under (`import * as rl from "reglab"`), or null. */
export function reglabAlias(sources: string[]): string | null {
  for (const s of sources) {
    const m = /^\s*import\s+\*\s+as\s+([A-Za-z_$][\w$]*)\s+from\s+["']reglab["']/m.exec(s);
    if (m) return m[1];
  }
  return null;
}
