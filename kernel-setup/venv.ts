/**
 * The project's Python virtual environment `.venv/` (git-ignored) and installing Jupyter frontends into
 * it with pip, pinned by kernel-setup/python-constraints.txt: JupyterLab 4 and Notebook 7 (and plotly,
 * whose JupyterLab extension the browser test covers). Nothing outside the project folder is touched.
 *
 *   npx ts-node kernel-setup/venv.ts jupyterlab notebook plotly     # what .ci/run does
 *   (npm start calls installIntoVenv(['jupyterlab']) when no JupyterLab 4 is found)
 *
 * The venv is made from Debian's Python (/usr/bin/python3) when present, else `python3` on PATH.
 * Left out: conda, uv, upgrading an existing venv's Python, uninstalling (delete .venv/).
 */
import * as fs from 'fs';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { ROOT } from './spec';

export const VENV = path.join(ROOT, '.venv');
export const CONSTRAINTS = path.join(ROOT, 'kernel-setup', 'python-constraints.txt');
/** The frontends' distributions (pip names) and the versions the constraints pin. */
export const FRONTEND_PACKAGES = ['jupyterlab', 'notebook', 'plotly'] as const;

/** The pinned version of `name` in the constraints file, or null. */
export function pinnedVersion(name: string, constraints = CONSTRAINTS): string | null {
  const norm = (s: string) => s.toLowerCase().replace(/[-_.]+/g, '-');
  for (const line of fs.readFileSync(constraints, 'utf8').split('\n')) {
    const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;#]+)/.exec(line.trim());
    if (m && norm(m[1]) === norm(name)) return m[2];
  }
  return null;
}

export function venvBin(venv = VENV): string {
  return path.join(venv, process.platform === 'win32' ? 'Scripts' : 'bin');
}

/** Python to create the venv with: Debian's, else python3 on PATH; null when none runs. */
function basePython(): string | null {
  for (const p of ['/usr/bin/python3', 'python3']) {
    if (spawnSync(p, ['--version'], { stdio: 'ignore', timeout: 10_000 }).status === 0) return p;
  }
  return null;
}

export interface InstallResult { ok: boolean; message: string }

/**
 * Makes .venv/ if missing and pip-installs `packages` into it under the constraints. Prints pip's
 * progress lines only through `log`. Never throws: says why it could not.
 */
export function installIntoVenv(packages: readonly string[], log: (line: string) => void, venv = VENV): InstallResult {
  const python = path.join(venvBin(venv), 'python');
  if (!fs.existsSync(python)) {
    const base = basePython();
    if (!base) return { ok: false, message: 'no python3 to make a virtual environment with' };
    log(`creating the project's Python environment: ${base} -m venv ${path.relative(ROOT, venv) || venv}`);
    const made = spawnSync(base, ['-m', 'venv', venv], { encoding: 'utf8', timeout: 300_000 });
    if (made.status !== 0) {
      fs.rmSync(venv, { recursive: true, force: true });
      return { ok: false, message: `python3 -m venv failed (Debian: apt-get install python3-venv): ${lastLine(made.stderr + made.stdout)}` };
    }
  }
  const pins = packages.map((p) => (pinnedVersion(p) ? `${p}==${pinnedVersion(p)}` : p));
  log(`pip install ${pins.join(' ')} into ${path.relative(ROOT, venv) || venv}/ (pinned by ${path.relative(ROOT, CONSTRAINTS)})`);
  const pip = spawnSync(python, ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-input', '--retries', '1', '--timeout', '30',
    '-c', CONSTRAINTS, ...pins], { encoding: 'utf8', timeout: 1_200_000, stdio: ['ignore', 'pipe', 'pipe'] });
  if (pip.status !== 0) return { ok: false, message: `pip could not install ${pins.join(' ')}: ${lastLine(pip.stderr + pip.stdout)}` };
  return { ok: true, message: `installed ${pins.join(' ')}` };
}

function lastLine(text: string): string {
  return text.trim().split('\n').slice(-1)[0] ?? '';
}

if (require.main === module) {
  const packages = process.argv.slice(2);
  if (packages.length === 0 || packages.some((p) => p.startsWith('-'))) {
    console.error(`usage: npx ts-node kernel-setup/venv.ts PACKAGE...   (e.g. ${FRONTEND_PACKAGES.join(' ')})`);
    process.exit(2);
  }
  const result = installIntoVenv(packages, (line) => console.log(`venv: ${line}`));
  console[result.ok ? 'log' : 'error'](`venv: ${result.message}`);
  process.exit(result.ok ? 0 : 1);
}
