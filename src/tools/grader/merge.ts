/**
 * Merging shard outputs (`npm run grade-merge -- DIR...`): each DIR is the --out of one `npm run grade --
 * --shard K/N` job. The merge checks that the shards belong together (the same release fingerprint and
 * notebooks and isolation, the same N, every K from 1 to N exactly once, no student in two shards, every
 * shard complete) and returns one batch: every submission grade and the skipped files, for the same report writer
 * a single run uses (reports.ts), so the merged reports equal those of one run over all students. The
 * feedback notebooks are copied from each shard's feedback/ folder.
 *
 * Left out: merging runs that were not sharded (two unrelated batches): refused, since their students and
 * fingerprints need not agree.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { SubmissionGrade } from './grade-one';
import type { Shard } from './shard';
import type { Skipped } from './submissions';

/** What a shard's grades.json holds (the fields the merge reads). */
export interface GradesFile {
  reglab_grades: number;
  /** False when the run was interrupted (absent: a grader that writes no such field). */
  complete?: boolean;
  isolation?: string;
  release_sha256: string;
  notebooks: string[];
  submissions: SubmissionGrade[];
  skipped: Skipped[];
  seconds: number;
  shard?: Shard & { students: string[] };
}

export interface MergedBatch {
  grades: SubmissionGrade[];
  skipped: Skipped[];
  notebooks: string[];
  releaseSha256: string;
  isolation?: string;
  /** The longest shard's wall time (the jobs ran side by side). */
  seconds: number;
  /** Feedback folders to copy, one per shard. */
  feedbackDirs: string[];
}

export class MergeError extends Error {}

function readGrades(dir: string): GradesFile {
  const file = path.join(dir, 'grades.json');
  let g: GradesFile;
  try {
    g = JSON.parse(fs.readFileSync(file, 'utf8')) as GradesFile;
  } catch (e) {
    throw new MergeError(`${file}: not a readable grades.json (${(e as Error).message})`);
  }
  if (g?.reglab_grades !== 1 || !Array.isArray(g.submissions) || !Array.isArray(g.notebooks)) throw new MergeError(`${file}: not a reglab grades.json`);
  return g;
}

/** Reads and checks the shard outputs in `dirs`; throws a MergeError naming what does not fit. */
export function mergeShards(dirs: string[]): MergedBatch {
  if (dirs.length === 0) throw new MergeError('no shard folders given');
  const shards = dirs.map((dir) => ({ dir, g: readGrades(dir) }));
  const [first] = shards;
  const count = first.g.shard?.count;
  for (const { dir, g } of shards) {
    if (!g.shard) throw new MergeError(`${dir}: not a shard (graded without --shard K/N)`);
    if (g.shard.count !== count) throw new MergeError(`${dir}: shard ${g.shard.index}/${g.shard.count}, but ${first.dir} is of ${count} shards`);
    if (g.release_sha256 !== first.g.release_sha256) throw new MergeError(`${dir}: graded against other notebooks or hidden checks than ${first.dir} (release fingerprints differ)`);
    if (JSON.stringify(g.notebooks) !== JSON.stringify(first.g.notebooks)) throw new MergeError(`${dir}: other release notebooks than ${first.dir}`);
    if (g.isolation !== first.g.isolation) throw new MergeError(`${dir}: graded with isolation ${g.isolation ?? 'unknown'}, ${first.dir} with ${first.g.isolation ?? 'unknown'}: grade every shard the same way`);
    if (g.complete === false) throw new MergeError(`${dir}: shard ${g.shard.index}/${g.shard.count} was interrupted (complete: false); run it again with --resume`);
  }
  const seen = new Map<number, string>();
  for (const { dir, g } of shards) {
    const k = g.shard!.index;
    if (seen.has(k)) throw new MergeError(`shard ${k}/${count} given twice: ${seen.get(k)} and ${dir}`);
    seen.set(k, dir);
  }
  const absent = Array.from({ length: count! }, (_, i) => i + 1).filter((k) => !seen.has(k));
  if (absent.length) throw new MergeError(`missing shard(s) ${absent.map((k) => `${k}/${count}`).join(', ')}: merge all ${count} outputs`);
  const owner = new Map<string, string>();
  for (const { dir, g } of shards) {
    for (const s of g.submissions) {
      const held = owner.get(s.student);
      if (held !== undefined && held !== dir) throw new MergeError(`student ${s.student} is in two shards (${held} and ${dir}): were they graded from the same submissions?`);
      owner.set(s.student, dir);
    }
  }
  const skipped = new Map<string, Skipped>();
  for (const { g } of shards) for (const s of g.skipped) skipped.set(`${s.file}\u0000${s.reason}`, s);
  return {
    grades: shards.flatMap(({ g }) => g.submissions),
    skipped: [...skipped.values()],
    notebooks: first.g.notebooks,
    releaseSha256: first.g.release_sha256,
    isolation: first.g.isolation,
    seconds: Math.max(...shards.map(({ g }) => g.seconds)),
    feedbackDirs: shards.map(({ dir }) => path.join(dir, 'feedback')).filter((d) => fs.existsSync(d)),
  };
}
