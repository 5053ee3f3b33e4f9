/**
 * Which Jupyter frontends this machine has, newest first: JupyterLab 4, Notebook 7, classic Notebook 6.
 * Looked for in the project venv (.venv/bin), then on PATH, then /usr/bin (Debian's classic Notebook);
 * each candidate command is asked its version (`jupyter-lab --version`, `jupyter-notebook --version`),
 * since Notebook 6 and 7 share a command name.
 *
 * Used by `npm start` (start.ts) and the browser test (tests/browser/frontends.ts).
 * Left out: JupyterLab 3 and older (not offered), nbclassic, Voila, JupyterHub.
 */
import * as path from 'path';
import { spawnSync } from 'child_process';
import { isExecutable } from './jupyter';
import { venvBin } from './venv';

export type FrontendName = 'lab' | 'notebook7' | 'classic';
/** Newest first: the order `npm start` prefers. */
export const FRONTEND_ORDER: readonly FrontendName[] = ['lab', 'notebook7', 'classic'];
export const FRONTEND_LABEL: Record<FrontendName, string> = { lab: 'JupyterLab', notebook7: 'Notebook 7', classic: 'classic Notebook' };

export interface Frontend {
  name: FrontendName;
  /** The `jupyter` command beside the frontend's own command (its `lab`/`notebook` subcommand is the frontend). */
  jupyter: string;
  /** `lab` or `notebook`: `jupyter <subcommand>` starts it. */
  subcommand: 'lab' | 'notebook';
  version: string;
}

/** Folders searched, in order: the project venv, PATH, /usr/bin. */
export function searchDirs(env: NodeJS.ProcessEnv = process.env): string[] {
  const dirs = [venvBin(), ...(env.PATH ?? '').split(path.delimiter).filter(Boolean), '/usr/bin'];
  return dirs.filter((d, i) => dirs.indexOf(d) === i);
}

function version(command: string): string | null {
  const r = spawnSync(command, ['--version'], { encoding: 'utf8', timeout: 30_000, stdio: ['ignore', 'pipe', 'pipe'] });
  const m = r.status === 0 ? /(\d+)\.(\d+)\.(\d+)\S*/.exec(r.stdout.trim().split('\n').pop() ?? '') : null;
  return m ? m[0] : null;
}

const major = (v: string) => Number(v.split('.')[0]);

/** Every frontend found, at most one of each kind (the first in search order), newest kind first. */
export function findFrontends(dirs: string[] = searchDirs()): Frontend[] {
  const found = new Map<FrontendName, Frontend>();
  for (const dir of dirs) {
    const jupyter = path.join(dir, 'jupyter');
    if (!isExecutable(jupyter)) continue;
    const lab = path.join(dir, 'jupyter-lab');
    if (!found.has('lab') && isExecutable(lab)) {
      const v = version(lab);
      if (v && major(v) === 4) found.set('lab', { name: 'lab', jupyter, subcommand: 'lab', version: v });
    }
    const nb = path.join(dir, 'jupyter-notebook');
    if (isExecutable(nb) && !(found.has('notebook7') && found.has('classic'))) {
      const v = version(nb);
      const kind: FrontendName | null = v && major(v) === 7 ? 'notebook7' : v && major(v) === 6 ? 'classic' : null;
      if (kind && !found.has(kind)) found.set(kind, { name: kind, jupyter, subcommand: 'notebook', version: v! });
    }
  }
  return FRONTEND_ORDER.flatMap((n) => found.get(n) ?? []);
}

/** Parses a --frontend value: lab | jupyterlab, notebook | notebook7 | nb7, classic | notebook6. */
export function parseFrontend(value: string): FrontendName | null {
  const v = value.toLowerCase();
  if (v === 'lab' || v === 'jupyterlab') return 'lab';
  if (v === 'notebook' || v === 'notebook7' || v === 'nb7') return 'notebook7';
  if (v === 'classic' || v === 'notebook6') return 'classic';
  return null;
}
