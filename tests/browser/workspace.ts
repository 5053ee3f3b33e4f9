/**
 * A throwaway notebook folder for the browser test: byte-for-byte copies of the given notebooks (kernel
 * metadata kept; the committed files are never opened for writing), made under the git-ignored
 * `artifacts/` of the repo, so `import * as rl from "reglab"` resolves through the project's node_modules
 * exactly as from notebooks/ and the runner sees paths inside the repo.
 *
 * Left out: stripping or rewriting cells (the instructor sources already carry their solutions).
 */
import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from './prerequisites';

/** Parent of the workspaces: inside the repo (module resolution), ignored by git. */
export const WORK_PARENT = path.join(ROOT, 'artifacts');

export interface Workspace {
  dir: string;
  cleanup(): void;
}

/** Copies `files` into a new folder; a name may be given as [file, copyName] to copy under another name. */
export function prepareWorkspace(files: (string | [string, string])[]): Workspace {
  fs.mkdirSync(WORK_PARENT, { recursive: true });
  // Not a dot-folder: classic Notebook does not serve hidden paths.
  const dir = fs.mkdtempSync(path.join(WORK_PARENT, 'browser-work-'));
  const notebooks: string[] = [];
  for (const entry of files) {
    const [file, name] = typeof entry === 'string' ? [entry, path.basename(entry)] : entry;
    if (notebooks.includes(name)) throw new Error(`two notebooks named ${name} in the browser workspace`);
    fs.copyFileSync(file, path.join(dir, name));
    notebooks.push(name);
  }
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
