/**
 * Checks only: the cells a verdict needs. Every check cell and every exercise cell, and, transitively,
 * every earlier cell that declares a name a needed cell mentions (release cells, and cells the student
 * added: a helper their exercise calls). A demo, a plot or an experiment of the student's that nothing
 * needed mentions is not run, so it costs no time and changes nothing.
 *
 * What this assumes of a release (validate checks it by comparing the judge's verdicts with a full run):
 * a release cell that a check depends on only through a side effect (mutating an object without
 * declaring anything a check mentions) is not found.
 *
 * Left out on purpose: skipping cells by cost; a needed 30-epoch training runs (under its own budget).
 */
import { cellNames } from './cell-names';
import type { JudgedCell } from './protocol';

export function selectForChecks(cells: readonly JudgedCell[]): JudgedCell[] {
  const names = cells.map((c) => cellNames(c.source));
  const needed = new Set<number>();
  const stack = cells.filter((c) => c.role === 'check' || c.exercise).map((c) => c.index);
  while (stack.length > 0) {
    const k = stack.pop()!;
    if (needed.has(k)) continue;
    needed.add(k);
    for (const n of names[k].used) for (let i = k - 1; i >= 0; i--) if (!needed.has(i) && names[i].declared.has(n)) stack.push(i);
  }
  return cells.filter((c) => needed.has(c.index));
}
