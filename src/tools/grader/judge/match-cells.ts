/**
 * Which cell of a submission is which cell of the release, for every nbformat 4 notebook:
 *  1. by id (nbformat 4.5): a submission cell with a release cell's id and type is that cell;
 *  2. by content, in order, for the rest (nbformat 4.0-4.4 have no ids, and a pasted cell gets a new
 *     one): the same markdown text, the same code, or a check cell making the same check call;
 *  3. an exercise cell still unmatched takes the submission code cell between its matched neighbours
 *     that shares most of its lines outside the solution (the signature, the interface, the braces),
 *     if at least a third of them.
 * Every other submission cell is one the student added; it belongs after the release cell that
 * the nearest matched cell before it stands for.
 *
 * Left out on purpose: fuzzy matching of non-exercise cells (an edited demo cell is not needed: the
 * release's version runs).
 */
import { declaredChecks } from '../declared';

export interface MatchCell { id: string | null; type: string; source: string }

export interface CellMatch {
  /** Release cell i is submission cell bySlot[i] (-1: not in the submission). */
  bySlot: number[];
  how: ('id' | 'content' | 'similar' | 'missing')[];
  /** Submission cells the release does not have (code or markdown, not empty), each placed after release cell `after` (-1: before the first). */
  added: { sub: number; after: number }[];
}

const lines = (s: string): Set<string> => new Set(s.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('//')));

function contentKey(c: MatchCell): string {
  if (c.type !== 'code') return `${c.type}:${c.source.trim()}`;
  let checks: { id: string }[] = [];
  try {
    checks = declaredChecks(c.source);
  } catch {
    checks = [];
  }
  return checks.length === 1 ? `check:${checks[0].id}` : `code:${c.source.trim()}`;
}

export function matchCells(release: MatchCell[], exercise: boolean[], submission: MatchCell[]): CellMatch {
  const bySlot = release.map(() => -1);
  const how: CellMatch['how'] = release.map(() => 'missing');
  const taken = new Set<number>();
  const take = (i: number, j: number, h: CellMatch['how'][number]) => { bySlot[i] = j; how[i] = h; taken.add(j); };

  const releaseIds = new Map(release.map((c, i) => [c.id, i]));
  submission.forEach((s, j) => {
    const i = s.id === null ? undefined : releaseIds.get(s.id);
    if (i !== undefined && bySlot[i] < 0 && release[i].type === s.type) take(i, j, 'id');
  });

  const keys = submission.map(contentKey);
  let from = 0;
  release.forEach((r, i) => {
    if (bySlot[i] >= 0) { from = bySlot[i] + 1; return; }
    const key = contentKey(r);
    for (let j = from; j < submission.length; j++) {
      if (!taken.has(j) && keys[j] === key) { take(i, j, 'content'); from = j + 1; return; }
    }
  });

  release.forEach((r, i) => {
    if (bySlot[i] >= 0 || !exercise[i]) return;
    const before = Math.max(-1, ...bySlot.slice(0, i).filter((j) => j >= 0));
    const after = Math.min(submission.length, ...bySlot.slice(i + 1).filter((j) => j >= 0));
    const want = lines(r.source);
    let best = -1;
    let bestScore = 0;
    for (let j = before + 1; j < after; j++) {
      if (taken.has(j) || submission[j].type !== 'code') continue;
      const have = lines(submission[j].source);
      const score = [...want].filter((l) => have.has(l)).length / Math.max(1, want.size);
      if (score > bestScore) [best, bestScore] = [j, score];
    }
    if (best >= 0 && bestScore >= 1 / 3) take(i, best, 'similar');
  });

  const slotOf = new Map(bySlot.map((j, i) => [j, i]));
  const added: CellMatch['added'] = [];
  let after = -1;
  submission.forEach((s, j) => {
    if (slotOf.has(j)) { after = slotOf.get(j)!; return; }
    if (s.source.trim() !== '') added.push({ sub: j, after });
  });
  return { bySlot, how, added };
}
