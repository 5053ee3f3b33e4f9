/**
 * Finding submissions and matching them to release notebooks.
 *
 * Each path on the command line is
 *   - a notebook file: one submission; the student is the name of its folder;
 *   - a folder with notebooks in it: one student's submissions (the folder's name);
 *   - a folder of folders: a folder per student (each searched recursively for notebooks).
 * A notebook belongs to release notebook `01_dropout` when its file name is `01_dropout.ipynb`, starts
 * with `01_dropout` ("01_dropout (1).ipynb", "01_dropout-Copy1.ipynb"), or starts with the same number
 * ("01_my_dropout.ipynb"). Others are listed as skipped. Checkpoint folders and `exclude` are ignored.
 *
 * One graded submission per student and notebook: when a student has several files for one release
 * notebook, the one named exactly like it (`01_dropout.ipynb`) wins, else the newest (modification
 * time; then the path, for a stable order); the others are listed as skipped with the file that was
 * graded instead.
 *
 * Left out on purpose: archives (zip) and LMS export formats; unpack them first.
 */
import * as fs from 'fs';
import * as path from 'path';

export interface Submission { student: string; file: string; notebook: string }
export interface Skipped { file: string; reason: string }

const isNotebook = (f: string): boolean => f.endsWith('.ipynb');
const ignoredDir = (name: string): boolean => name.startsWith('.') || name === 'node_modules';

/** The release notebook a file name belongs to, or null. */
export function matchRelease(file: string, releaseNames: readonly string[]): string | null {
  const stem = path.basename(file).replace(/\.ipynb$/, '');
  if (releaseNames.includes(stem)) return stem;
  const prefixed = releaseNames.filter((n) => stem.startsWith(n)).sort((a, b) => b.length - a.length)[0];
  if (prefixed) return prefixed;
  const num = /^(\d+)[_\- ]/.exec(stem)?.[1];
  const byNumber = num === undefined ? [] : releaseNames.filter((n) => /^(\d+)[_\- ]/.exec(n)?.[1] === num);
  return byNumber.length === 1 ? byNumber[0] : null;
}

function notebooksUnder(dir: string, exclude: Set<string>, recursive: boolean): string[] {
  const found: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = path.join(dir, e.name);
    if (exclude.has(p)) continue;
    if (e.isFile() && isNotebook(e.name)) found.push(p);
    else if (recursive && e.isDirectory() && !ignoredDir(e.name)) found.push(...notebooksUnder(p, exclude, true));
  }
  return found;
}

/** Submissions under `paths`, in a stable order; throws for a path that does not exist. */
export function findSubmissions(paths: string[], releaseNames: readonly string[], exclude: string[] = []): { submissions: Submission[]; skipped: Skipped[] } {
  const ex = new Set(exclude.map((p) => path.resolve(p)));
  const pairs: { student: string; file: string }[] = [];
  for (const given of paths) {
    const p = path.resolve(given);
    if (!fs.existsSync(p)) throw new Error(`${given}: no such file or folder`);
    if (fs.statSync(p).isFile()) {
      pairs.push({ student: path.basename(path.dirname(p)), file: p });
      continue;
    }
    for (const f of notebooksUnder(p, ex, false)) pairs.push({ student: path.basename(p), file: f });
    for (const e of fs.readdirSync(p, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const sub = path.join(p, e.name);
      if (!e.isDirectory() || ignoredDir(e.name) || ex.has(sub)) continue;
      for (const f of notebooksUnder(sub, ex, true)) pairs.push({ student: e.name, file: f });
    }
  }
  const candidates: Submission[] = [];
  const skipped: Skipped[] = [];
  const seen = new Set<string>();
  for (const { student, file } of pairs) {
    if (seen.has(file)) continue;
    seen.add(file);
    const notebook = matchRelease(file, releaseNames);
    if (notebook) candidates.push({ student, file, notebook });
    else skipped.push({ file, reason: `matches no release notebook (${releaseNames.join(', ')})` });
  }
  const chosen = new Map<string, Submission>();
  const key = (s: Submission) => JSON.stringify([s.student, s.notebook]);
  const rank = (s: Submission): [number, number, string] => {
    let mtime = 0;
    try { mtime = fs.statSync(s.file).mtimeMs; } catch { /* unreadable: graded as such if chosen */ }
    return [path.basename(s.file) === `${s.notebook}.ipynb` ? 1 : 0, mtime, s.file];
  };
  const better = (a: Submission, b: Submission): boolean => {
    const [ra, rb] = [rank(a), rank(b)];
    return ra[0] !== rb[0] ? ra[0] > rb[0] : ra[1] !== rb[1] ? ra[1] > rb[1] : ra[2] < rb[2];
  };
  for (const c of candidates) {
    const k = key(c);
    const held = chosen.get(k);
    if (!held || better(c, held)) chosen.set(k, c);
  }
  const submissions = candidates.filter((c) => chosen.get(key(c)) === c);
  for (const c of candidates) {
    const winner = chosen.get(key(c))!;
    if (winner !== c) skipped.push({ file: c.file, reason: `another file of ${c.student} for ${c.notebook} was graded: ${winner.file} (one per student and notebook: the exact name wins, else the newest)` });
  }
  return { submissions, skipped };
}
