/**
 * LMS intake (src/tools/grader/intake.ts): a Canvas zip and a Moodle zip (made here with yazl, named as those
 * LMSs name their bulk downloads) become one folder per student holding the original file names; hostile
 * entries (../ paths, an absolute path, a nested archive, too many bytes or entries) are skipped with the reason and
 * nothing lands outside the intake folder; an unpacked Moodle folder gives the same result as its zip.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as yazl from 'yazl';
import { intakeFolder, intakeZip, isLmsDownload } from '../../../src/tools/grader/intake';

const NB = (tag: string) => JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [{ cell_type: 'markdown', id: 'a', metadata: {}, source: tag }] });

function makeZip(file: string, entries: [string, string | Buffer, Date?][]): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const [name, body, mtime] of entries) zip.addBuffer(Buffer.from(body), name, { mtime: mtime ?? new Date('2026-11-30T12:00:00Z') });
  zip.end();
  return new Promise((resolve, reject) => zip.outputStream.pipe(fs.createWriteStream(file)).on('close', resolve).on('error', reject));
}

/** Every file under `dir`, relative, sorted. */
function tree(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, rel: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(path.join(d, e.name), r);
      else out.push(r);
    }
  };
  walk(dir, '');
  return out.sort();
}

let tmp: string;
beforeEach(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'reglab-intake-')); });
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('LMS intake', () => {
  it('unpacks a Canvas zip into a folder per student with the original names and upload times', async () => {
    const zip = path.join(tmp, 'submissions.zip');
    await makeZip(zip, [
      ['smithbob_340934_208490284_01_dropout.ipynb', NB('bob 1'), new Date('2026-11-29T10:00:00Z')],
      ['smithbob_LATE_340934_208490285_02_layer_norm-1.ipynb', NB('bob 2')],
      ['wellslane_334244_394803489_01_dropout.ipynb', NB('lane 1')],
      ['wellslane_334244_394803489_screenshot.png', 'png'],
      ['01_dropout.ipynb', NB('nobody')],
    ]);
    expect(isLmsDownload(zip)).toBe(true);
    const into = path.join(tmp, 'out');
    const r = await intakeZip(zip, into);
    expect(tree(into)).toEqual(['smithbob_340934/01_dropout.ipynb', 'smithbob_340934/02_layer_norm-1.ipynb', 'wellslane_334244/01_dropout.ipynb']);
    expect(fs.readFileSync(path.join(into, 'smithbob_340934/01_dropout.ipynb'), 'utf8')).toBe(NB('bob 1'));
    expect(fs.statSync(path.join(into, 'smithbob_340934/01_dropout.ipynb')).mtime.toISOString()).toBe('2026-11-29T10:00:00.000Z');
    expect([...r.files.values()].find((f) => f.original === '02_layer_norm-1.ipynb')).toMatchObject({ lms: 'canvas', late: true });
    expect(r.skipped.map((s) => [path.basename(s.file.split(':').pop()!), s.reason.split(' (')[0]])).toEqual([
      ['wellslane_334244_394803489_screenshot.png', 'not a notebook'],
      ['01_dropout.ipynb', "the name follows neither Canvas's"],
    ].map(([f, r]) => [f, expect.stringContaining(r)]));
  });

  it('unpacks a Moodle zip of per-student folders, and its unpacked folder gives the same', async () => {
    const entries: [string, string][] = [
      ['Jane Doe_657737_assignsubmission_file_/01_dropout.ipynb', NB('jane')],
      ['Jane Doe_657737_assignsubmission_onlinetext_/onlinetext.html', '<p>hi</p>'],
      ['Ana María Pérez_12_assignsubmission_file_03_weight_decay.ipynb', NB('ana')],
    ];
    const zip = path.join(tmp, 'moodle.zip');
    await makeZip(zip, entries);
    const fromZip = await intakeZip(zip, path.join(tmp, 'a'));
    const folder = path.join(tmp, 'unpacked');
    for (const [name, body] of entries) {
      fs.mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
      fs.writeFileSync(path.join(folder, name), body);
    }
    expect(isLmsDownload(folder)).toBe(true);
    const fromFolder = intakeFolder(folder, path.join(tmp, 'b'));
    expect(tree(path.join(tmp, 'a'))).toEqual(['Ana María Pérez_12/03_weight_decay.ipynb', 'Jane Doe_657737/01_dropout.ipynb']);
    expect(tree(path.join(tmp, 'b'))).toEqual(tree(path.join(tmp, 'a')));
    expect(fromZip.skipped.map((s) => s.reason)).toEqual(['not a notebook (.ipynb)']);
    expect(fromFolder.skipped.map((s) => s.reason)).toEqual(['not a notebook (.ipynb)']);
  });

  it('skips hostile entries with the reason and writes nothing outside the intake folder', async () => {
    const zip = path.join(tmp, 'evil.zip');
    // yazl refuses to write such names, so the zip gets same-length stand-ins, then its bytes are patched.
    await makeZip(zip, [
      ['smithbob_1_2_01_dropout.ipynb', NB('ok')],
      ['XX/smithbob_1_3_02_layer_norm.ipynb', NB('up')],
      ['sub/YY/YY/smithbob_1_4_03_weight_decay.ipynb', NB('up2')],
      ['Zsmithbob_1_7_04_early_stopping.ipynb', NB('abs')],
      ['smithbob_1_5_nested.zip', 'PK'],
      ['smithbob_1_6_big.ipynb', Buffer.alloc(5000, 32)],
    ]);
    let bytes = fs.readFileSync(zip).toString('latin1');
    for (const [from, to] of [['XX/', '../'], ['YY/YY/', '../../'], ['Zsmithbob', '/smithbob']]) bytes = bytes.split(from).join(to);
    fs.writeFileSync(zip, Buffer.from(bytes, 'latin1'));
    const into = path.join(tmp, 'in');
    const r = await intakeZip(zip, into, { maxEntries: 100, maxEntryBytes: 4096, maxTotalBytes: 1e6 });
    expect(tree(into)).toEqual(['smithbob_1/01_dropout.ipynb']);
    expect(fs.readdirSync(tmp).sort()).toEqual(['evil.zip', 'in']);
    expect(r.skipped.map((s) => [s.file.slice(zip.length + 1), s.reason])).toEqual([
      ['../smithbob_1_3_02_layer_norm.ipynb', 'a path with .. or a leading / (not extracted)'],
      ['sub/../../smithbob_1_4_03_weight_decay.ipynb', 'a path with .. or a leading / (not extracted)'],
      ['/smithbob_1_7_04_early_stopping.ipynb', 'a path with .. or a leading / (not extracted)'],
      ['smithbob_1_5_nested.zip', 'an archive inside the download: unpack it and grade the folder'],
      ['smithbob_1_6_big.ipynb', 'larger than 4096 bytes'],
    ]);
  });

  it('stops at the entry and byte limits (a zip bomb) and keeps what came before', async () => {
    const zip = path.join(tmp, 'many.zip');
    await makeZip(zip, Array.from({ length: 6 }, (_, i): [string, string] => [`s${i}_1${i}_2${i}_01_dropout.ipynb`, NB(String(i))]));
    const r = await intakeZip(zip, path.join(tmp, 'x'), { maxEntries: 3, maxEntryBytes: 1e6, maxTotalBytes: 1e6 });
    expect(r.files.size).toBe(3);
    expect(r.skipped.at(-1)!.reason).toBe('more than 3 entries: the rest is not read');
    const small = await intakeZip(zip, path.join(tmp, 'y'), { maxEntries: 100, maxEntryBytes: 1e6, maxTotalBytes: NB('0').length * 2 });
    expect(small.files.size).toBe(2);
    expect(small.skipped.at(-1)!.reason).toMatch(/^more than \d+ bytes in all/);
  });

  it('refuses a file that is not a zip with a clear error', async () => {
    const bad = path.join(tmp, 'not.zip');
    fs.writeFileSync(bad, 'hello');
    await expect(intakeZip(bad, path.join(tmp, 'z'))).rejects.toThrow(/not\.zip: not a readable zip/);
  });
});
