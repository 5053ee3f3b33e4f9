/**
 * Finding Jupyter (Notebook + nbconvert) and installing it when it is missing: pip where that works,
 * else Debian packages when root, else an exact message of what to install.
 *
 * Finding is file-system only (no Python start-up), so an up-to-date setup stays fast.
 * Left out: conda, JupyterLab (the classic Notebook is what the workbook is tested with).
 */
import * as fs from 'fs';
import * as path from 'path';
import { spawnSync } from 'child_process';

export const DEBIAN_PACKAGES = ['jupyter-notebook', 'jupyter-nbconvert', 'python3-nbclient', 'jupyter-client'];
export const PIP_PACKAGES = ['notebook', 'nbconvert', 'nbclient', 'jupyter_client'];

export interface Jupyter {
  /** Absolute path of the `jupyter` command. */
  command: string;
  /** Subcommands found beside it. */
  notebook: boolean;
  nbconvert: boolean;
}

/** `jupyter` on PATH (or Debian's /usr/bin/jupyter) with its notebook/nbconvert subcommands; null if absent. */
export function findJupyter(env: NodeJS.ProcessEnv = process.env): Jupyter | null {
  const dirs = [...(env.PATH ?? '').split(path.delimiter).filter(Boolean), '/usr/bin', '/usr/local/bin'];
  for (const dir of dirs) {
    const command = path.join(dir, 'jupyter');
    if (!isExecutable(command)) continue;
    const sub = (name: string) => isExecutable(path.join(dir, `jupyter-${name}`)) || dirs.some((d) => isExecutable(path.join(d, `jupyter-${name}`)));
    return { command, notebook: sub('notebook'), nbconvert: sub('nbconvert') };
  }
  return null;
}

/** True when Jupyter with both the Notebook server and nbconvert is there. */
export function jupyterComplete(j: Jupyter | null): j is Jupyter {
  return j !== null && j.notebook && j.nbconvert;
}

/** What a person must run to get Jupyter on this machine. */
export function installAdvice(): string {
  return (
    'Jupyter (Notebook + nbconvert) is needed. Install it with one of:\n' +
    `  sudo apt-get install -y ${DEBIAN_PACKAGES.join(' ')}     # Debian/Ubuntu\n` +
    `  python3 -m pip install --user ${PIP_PACKAGES.join(' ')}   # anywhere pip can reach PyPI`
  );
}

/** Tries pip, then apt-get (root only). Returns the Jupyter found afterwards, or null. */
export function installJupyter(log: (line: string) => void): Jupyter | null {
  const python = ['python3', '/usr/bin/python3'].find((p) => run(p, ['--version'], 10_000).ok);
  if (python) {
    log(`installing Jupyter with pip (${python} -m pip install --user ${PIP_PACKAGES.join(' ')})`);
    const pip = run(python, ['-m', 'pip', 'install', '--user', '--disable-pip-version-check', '--retries', '0', '--timeout', '10', ...PIP_PACKAGES], 600_000);
    if (pip.ok) {
      const userBin = run(python, ['-c', 'import site, os; print(os.path.join(site.USER_BASE, "bin"))'], 10_000).out.trim();
      const found = findJupyter({ ...process.env, PATH: [userBin, process.env.PATH].join(path.delimiter) });
      if (jupyterComplete(found)) return found;
    } else {
      log(`pip could not install Jupyter: ${lastLine(pip.out)}`);
    }
  }
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && run('apt-get', ['--version'], 10_000).ok) {
    log(`installing Jupyter with apt-get (${DEBIAN_PACKAGES.join(' ')})`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    run('apt-get', ['update', '-qq'], 600_000, env);
    const apt = run('apt-get', ['install', '-y', '-qq', ...DEBIAN_PACKAGES], 1_200_000, env);
    if (!apt.ok) log(`apt-get could not install Jupyter: ${lastLine(apt.out)}`);
    const found = findJupyter();
    if (jupyterComplete(found)) return found;
  }
  return null;
}

function run(cmd: string, args: string[], timeout: number, env = process.env): { ok: boolean; out: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout, env, stdio: ['ignore', 'pipe', 'pipe'] });
  return { ok: r.status === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? r.error.message : ''}` };
}

/** A regular file this process may execute. */
export function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function lastLine(text: string): string {
  return text.trim().split('\n').slice(-1)[0] ?? '';
}
