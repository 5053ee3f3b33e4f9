/**
 * Who handed a file in, from the name a learning management system gave it in its bulk download
 * ("Download all submissions"): the naming rules of Canvas and Moodle, as plain string parsing.
 *
 * Canvas (one flat zip):   <name>_<user id>_<submission id>_<original file name>
 *                          <name>_LATE_<user id>_<submission id>_<original file name>   (handed in late)
 *   <name> is the student's sortable name, lower-cased with everything but letters and digits removed
 *   ("smithbob"); a resubmitted file gets "-1", "-2", ... before its extension ("01_dropout-1.ipynb").
 *   The student is `<name>_<user id>` (two students can share a name, never an id).
 * Moodle (assignment "Download all submissions"):
 *   flat:     <Full Name>_<participant id>_assignsubmission_file_<original file name>
 *   folders:  <Full Name>_<participant id>_assignsubmission_file_/<original file name>
 *   (also `_assignsubmission_onlinetext_` for online text, which holds no notebook). The student is
 *   `<Full Name>_<participant id>`.
 * Anything else is not an LMS name (null).
 *
 * Left out: Blackboard, D2L/Brightspace, Canvas's anonymous-grading names, group submissions (a group's
 * file is filed under the member who uploaded it, as the LMS names it).
 */

export type LmsKind = 'canvas' | 'moodle';

export interface LmsName {
  lms: LmsKind;
  /** The grading identity: name and LMS id, e.g. `smithbob_340934` or `Jane Doe_657737`. */
  student: string;
  /** The LMS's own id of the student (Canvas user id, Moodle participant id). */
  id: string;
  /** The file name the student uploaded (Canvas's resubmission suffix kept: matchRelease handles it). */
  original: string;
  /** Canvas marked the submission late. */
  late: boolean;
}

const CANVAS = /^([\p{Ll}\p{Lo}\p{N}]+)_(LATE_|late_)?(\d+)_(\d+)_(.+)$/u;
const MOODLE = /^(.+?)_(\d+)_assignsubmission_(file|onlinetext)_(.*)$/;

/** A name as a path-safe student key: no separators, control or reserved characters, no leading dots. */
function clean(name: string): string {
  return name.replace(/[\u0000-\u001f/\\:*?"<>|]+/g, '_').replace(/\s+/g, ' ').trim().replace(/^\.+/, '').slice(0, 120);
}

/** The LMS identity in one path component (a file name, or a Moodle per-student folder name), or null. */
export function parseLmsName(name: string): LmsName | null {
  const m = MOODLE.exec(name);
  if (m) {
    const [, fullName, id, , original] = m;
    const person = clean(fullName);
    if (!person) return null;
    return { lms: 'moodle', student: `${person}_${id}`, id, original, late: false };
  }
  const c = CANVAS.exec(name);
  if (c) {
    const [, sortable, late, userId, , original] = c;
    return { lms: 'canvas', student: `${sortable}_${userId}`, id: userId, original, late: !!late };
  }
  return null;
}

/**
 * The identity of a file at `relPath` inside an LMS download (path components separated by '/'):
 * a flat LMS-named file, or a file in a Moodle per-student folder. Null when neither.
 */
export function lmsFile(relPath: string): LmsName | null {
  const parts = relPath.split('/').filter(Boolean);
  if (parts.length === 0) return null;
  const file = parts[parts.length - 1];
  // A Moodle per-student folder anywhere above the file (its name ends with the marker and an empty original).
  for (let i = parts.length - 2; i >= 0; i--) {
    const folder = parseLmsName(parts[i]);
    if (folder && folder.lms === 'moodle' && folder.original === '') return { ...folder, original: parts.slice(i + 1).join('/') };
  }
  const flat = parseLmsName(file);
  return flat && flat.original !== '' ? flat : null;
}
