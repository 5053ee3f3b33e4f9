/**
 * LMS intake: an LMS bulk download (a .zip, or the folder it unpacks to) becomes a folder per student,
 * `<into>/<student>/<original file name>`, which the grader's usual discovery (submissions.ts) reads:
 * the student comes from the LMS file name (lms.ts), the notebook from the original file name.
 *
 * Only notebooks (.ipynb) are extracted. Every other entry is listed as skipped with the reason: not a
 * notebook, a name that follows neither Canvas's nor Moodle's rules, encrypted, larger than
 * `maxEntryBytes`, a path with `..` or a leading `/`, or past `maxEntries` / `maxTotalBytes` (a zip bomb
 * stops there; what was extracted stays). Entry names are never used as paths: files are written under
 * the student's folder by their base name only, so a hostile entry cannot write outside `into`. Sizes are
 * checked against the bytes actually inflated, not only the header (yauzl validateEntrySizes). A file's
 * modification time is the zip entry's, so "the newest file wins" still means the newest upload.
 *
 * Left out: zips inside the zip (a student's own archive is listed as skipped: unpack it), Canvas's
 * anonymous names, other LMSs (lms.ts).
 */
import * as fs from 'fs';
import * as path from 'path';
import * as yauzl from 'yauzl';
import { lmsFile, parseLmsName, type LmsName } from './lms';
import type { Skipped } from './submissions';

export interface IntakeLimits {
  maxEntries: number;
  maxEntryBytes: number;
  maxTotalBytes: number;
}

export const DEFAULT_LIMITS: IntakeLimits = { maxEntries: 20_000, maxEntryBytes: 32 * 1024 * 1024, maxTotalBytes: 2 * 1024 ** 3 };

export interface IntakeResult {
  /** The folder of per-student folders (give it to findSubmissions). */
  dir: string;
  /** Per extracted file (its path in `dir`): who and what, from the LMS name. */
  files: Map<string, LmsName & { entry: string }>;
  skipped: Skipped[];
}

/** True when `p` looks like an LMS download: a .zip, or a folder with LMS-named entries at its top. */
export function isLmsDownload(p: string): boolean {
  const st = fs.statSync(p, { throwIfNoEntry: false });
  if (!st) return false;
  if (st.isFile()) return /\.zip$/i.test(p);
  if (!st.isDirectory()) return false;
  return fs.readdirSync(p).some((name) => parseLmsName(name) !== null);
}

const safeName = (s: string): string => s.replace(/[\u0000-\u001f/\\:*?"<>|]+/g, '_').replace(/^\.+/, '_').slice(0, 200) || '_';

/** Where one file of `who` goes in `into`; a second file of the same name gets " (2)", " (3)", ... */
function target(into: string, who: LmsName): string {
  const dir = path.join(into, safeName(who.student));
  const base = safeName(path.posix.basename(who.original));
  let file = path.join(dir, base);
  for (let n = 2; fs.existsSync(file); n++) file = path.join(dir, base.replace(/(\.ipynb)?$/i, ` (${n})$1`));
  return file;
}

/** Why an entry (a path inside the download) is not taken, or null when it is a notebook we can place. */
function refusal(entry: string, who: LmsName | null): string | null {
  if (entry.startsWith('/') || /^[A-Za-z]:/.test(entry) || entry.split('/').includes('..')) return 'a path with .. or a leading / (not extracted)';
  if (/\.zip$/i.test(entry)) return 'an archive inside the download: unpack it and grade the folder';
  if (!/\.ipynb$/i.test(entry)) return 'not a notebook (.ipynb)';
  if (!who) return "the name follows neither Canvas's (name_userid_submissionid_file) nor Moodle's (Full Name_id_assignsubmission_file_...) rules, so the student is unknown";
  return null;
}

/** Unpacks the notebooks of an LMS zip into `into`. Never throws for one bad entry: it is skipped with the reason. */
export async function intakeZip(zipFile: string, into: string, limits: IntakeLimits = DEFAULT_LIMITS): Promise<IntakeResult> {
  const result: IntakeResult = { dir: into, files: new Map(), skipped: [] };
  const label = (entry: string) => `${zipFile}:${entry}`;
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(zipFile, { lazyEntries: true, validateEntrySizes: true, decodeStrings: false, autoClose: true }, (err, z) => (err ? reject(new Error(`${zipFile}: not a readable zip (${err.message})`)) : resolve(z!))));
  let entries = 0;
  let total = 0;
  await new Promise<void>((resolve, reject) => {
    let stopped = false;
    const stop = (reason: string) => {
      if (!stopped) result.skipped.push({ file: zipFile, reason });
      stopped = true;
      zip.close();
      resolve();
    };
    zip.on('error', (e: Error) => (stopped ? undefined : stop(`the zip is damaged from here on (${e.message}); the entries before were taken`)));
    zip.on('end', () => resolve());
    zip.on('entry', (e: yauzl.Entry) => {
      entries++;
      const raw = e.fileName as unknown as Buffer;
      const name = (e.generalPurposeBitFlag & 0x800 ? raw.toString('utf8') : raw.toString('latin1')).replace(/\\/g, '/');
      if (entries > limits.maxEntries) return stop(`more than ${limits.maxEntries} entries: the rest is not read`);
      if (name.endsWith('/')) return zip.readEntry();
      const who = lmsFile(name);
      const why = refusal(name, who) ?? (e.isEncrypted() ? 'encrypted' : e.uncompressedSize > limits.maxEntryBytes ? `larger than ${limits.maxEntryBytes} bytes` : null);
      if (why) {
        result.skipped.push({ file: label(name), reason: why });
        return zip.readEntry();
      }
      if (total + e.uncompressedSize > limits.maxTotalBytes) return stop(`more than ${limits.maxTotalBytes} bytes in all: the rest is not read`);
      zip.openReadStream(e, (err, stream) => {
        if (err || !stream) {
          result.skipped.push({ file: label(name), reason: `could not be read (${err?.message ?? 'no data'})` });
          return zip.readEntry();
        }
        const chunks: Buffer[] = [];
        let size = 0;
        stream.on('data', (c: Buffer) => {
          size += c.length;
          if (size <= limits.maxEntryBytes) chunks.push(c);
        });
        stream.on('error', (se: Error) => {
          result.skipped.push({ file: label(name), reason: `could not be inflated (${se.message})` });
          zip.readEntry();
        });
        stream.on('end', () => {
          total += size;
          if (size > limits.maxEntryBytes) {
            result.skipped.push({ file: label(name), reason: `larger than ${limits.maxEntryBytes} bytes` });
          } else {
            const file = target(into, who!);
            fs.mkdirSync(path.dirname(file), { recursive: true });
            fs.writeFileSync(file, Buffer.concat(chunks), { flag: 'wx' });
            const when = e.getLastModDate();
            if (!Number.isNaN(when.getTime())) fs.utimesSync(file, when, when);
            result.files.set(file, { ...who!, entry: label(name) });
          }
          zip.readEntry();
        });
      });
    });
    zip.readEntry();
  });
  return result;
}

/** Copies the notebooks of an unpacked LMS folder into `into`, the same way as a zip. */
export function intakeFolder(folder: string, into: string, limits: IntakeLimits = DEFAULT_LIMITS): IntakeResult {
  const result: IntakeResult = { dir: into, files: new Map(), skipped: [] };
  let total = 0;
  const walk = (dir: string, rel: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(dir, e.name);
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!e.name.startsWith('.')) walk(p, r);
        continue;
      }
      if (!e.isFile()) continue;
      const who = lmsFile(r);
      const size = fs.statSync(p).size;
      const why = refusal(r, who) ?? (size > limits.maxEntryBytes ? `larger than ${limits.maxEntryBytes} bytes` : null);
      if (why) {
        result.skipped.push({ file: p, reason: why });
        continue;
      }
      total += size;
      if (total > limits.maxTotalBytes) {
        result.skipped.push({ file: p, reason: `more than ${limits.maxTotalBytes} bytes in all: not copied` });
        continue;
      }
      const file = target(into, who!);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.copyFileSync(p, file, fs.constants.COPYFILE_EXCL);
      const st = fs.statSync(p);
      fs.utimesSync(file, st.atime, st.mtime);
      result.files.set(file, { ...who!, entry: p });
    }
  };
  walk(folder, '');
  return result;
}
