/**
 * LMS naming rules (src/tools/grader/lms.ts) on the names the LMSs really write: Canvas's flat
 * `name_userid_submissionid_file` (as in canvas-unzipper's README: smithbob_340934_208490284_BobsWork.zip),
 * its LATE marker and resubmission suffix; Moodle's `Full Name_id_assignsubmission_file_` folders and flat
 * files; names that follow neither.
 */
import { describe, expect, it } from 'vitest';
import { lmsFile, parseLmsName } from '../../../src/tools/grader/lms';
import { matchRelease } from '../../../src/tools/grader/submissions';

const RELEASE = ['01_dropout', '02_layer_norm', '03_weight_decay'];

describe('Canvas names', () => {
  it('takes the student (sortable name + user id) and the original file name', () => {
    expect(parseLmsName('smithbob_340934_208490284_BobsWork.zip'))
      .toEqual({ lms: 'canvas', student: 'smithbob_340934', id: '340934', original: 'BobsWork.zip', late: false });
    expect(lmsFile('wellslane_334244_394803489_01_dropout.ipynb'))
      .toMatchObject({ student: 'wellslane_334244', original: '01_dropout.ipynb' });
  });

  it('reads the LATE marker and keeps the resubmission suffix, which the release match accepts', () => {
    const late = parseLmsName('smithbob_LATE_340934_208490284_02_layer_norm-1.ipynb')!;
    expect(late).toMatchObject({ student: 'smithbob_340934', late: true, original: '02_layer_norm-1.ipynb' });
    expect(matchRelease(late.original, RELEASE)).toBe('02_layer_norm');
    expect(parseLmsName('smithbob_late_340934_208490284_01_dropout.ipynb')).toMatchObject({ late: true, original: '01_dropout.ipynb' });
  });

  it('keeps two students of the same name apart by their user ids', () => {
    expect(parseLmsName('leeann_1001_5001_01_dropout.ipynb')!.student).not.toBe(parseLmsName('leeann_1002_5002_01_dropout.ipynb')!.student);
  });
});

describe('Moodle names', () => {
  it('reads a per-student folder and the files in it', () => {
    expect(parseLmsName('Jonathan Hoyte_657737_assignsubmission_file_'))
      .toEqual({ lms: 'moodle', student: 'Jonathan Hoyte_657737', id: '657737', original: '', late: false });
    expect(lmsFile('Jonathan Hoyte_657737_assignsubmission_file_/01_dropout.ipynb'))
      .toMatchObject({ lms: 'moodle', student: 'Jonathan Hoyte_657737', original: '01_dropout.ipynb' });
    expect(lmsFile('export/Ana María Pérez_12_assignsubmission_file_/work/03_weight_decay.ipynb'))
      .toMatchObject({ student: 'Ana María Pérez_12', original: 'work/03_weight_decay.ipynb' });
  });

  it('reads a flat file, and an online-text entry as its own kind of file', () => {
    expect(lmsFile('Jane Doe_657738_assignsubmission_file_01_dropout (1).ipynb'))
      .toMatchObject({ student: 'Jane Doe_657738', original: '01_dropout (1).ipynb' });
    expect(lmsFile('Jane Doe_657738_assignsubmission_onlinetext_onlinetext.html')).toMatchObject({ original: 'onlinetext.html' });
  });

  it('makes a name safe as a folder name (no separators or control characters)', () => {
    const who = parseLmsName('../../etc/x\u0001_5_assignsubmission_file_a.ipynb')!;
    expect(who.student).not.toMatch(/[/\\\u0000-\u001f]/);
    expect(who.student.startsWith('.')).toBe(false);
  });
});

describe('names that follow neither', () => {
  it('returns null', () => {
    for (const name of ['01_dropout.ipynb', 'alice/01_dropout.ipynb', 'hw.ipynb', 'Smith_Bob_01_dropout.ipynb', '_1_2_x.ipynb', 'Jane Doe_assignsubmission_file_x.ipynb']) {
      expect(lmsFile(name), name).toBeNull();
    }
  });
});
