/**
 * Finding Jupyter kernel specs (`<data dir>/kernels/<name>/kernel.json`) without Python.
 *
 * Search order follows jupyter_core's `jupyter_path('kernels')`: $JUPYTER_PATH, the user data dir
 * ($JUPYTER_DATA_DIR or the platform default), then the system dirs; the first spec of a name wins.
 * When a name is not found there and a `jupyter` command exists, its `--paths --json` data dirs are
 * searched too (virtualenv / conda prefixes). Left out: kernel provisioners, kernel spec managers
 * other than the file-system one.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { execFileSync } from 'child_process';

export interface KernelSpec {
  name: string;
  /** The folder holding kernel.json (`{resource_dir}` in argv). */
  resourceDir: string;
  argv: string[];
  display_name: string;
  language: string;
  env?: Record<string, string>;
  /** 'signal' (SIGINT, the default) or 'message' (interrupt_request on the control channel). */
  interrupt_mode?: 'signal' | 'message';
  metadata?: Record<string, unknown>;
}

/** The requested kernel spec does not exist in any kernel dir. */
export class UnknownKernelError extends Error {
  constructor(readonly kernelName: string, readonly available: string[], readonly searched: string[]) {
    super(
      `unknown kernel '${kernelName}': no kernel spec of that name ` +
        `(available: ${available.length ? available.join(', ') : 'none'}; searched ${searched.join(', ')})`,
    );
    this.name = 'UnknownKernelError';
  }
}

/** Jupyter's per-user data dir (`jupyter --data-dir`), computed the way jupyter_core does. */
export function userDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.JUPYTER_DATA_DIR) return env.JUPYTER_DATA_DIR;
  const home = os.homedir();
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Jupyter');
  if (process.platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'jupyter');
  return path.join(env.XDG_DATA_HOME || path.join(home, '.local', 'share'), 'jupyter');
}

/** Jupyter data dirs in search order (each holds a `kernels/` folder). */
export function dataDirs(env: NodeJS.ProcessEnv = process.env): string[] {
  const fromEnv = (env.JUPYTER_PATH ?? '').split(path.delimiter).filter(Boolean);
  const system =
    process.platform === 'win32'
      ? [path.join(env.PROGRAMDATA ?? 'C:\\ProgramData', 'jupyter')]
      : ['/usr/local/share/jupyter', '/usr/share/jupyter'];
  return unique([...fromEnv, userDataDir(env), ...system]);
}

/** Every kernel spec found in `dirs`, keyed by (lower-case) name; earlier dirs win. */
export function listKernelSpecs(dirs: string[] = dataDirs()): Map<string, KernelSpec> {
  const specs = new Map<string, KernelSpec>();
  for (const dir of dirs) {
    const kernels = path.join(dir, 'kernels');
    let names: string[];
    try {
      names = fs.readdirSync(kernels);
    } catch {
      continue;
    }
    for (const name of names.sort()) {
      const key = name.toLowerCase();
      if (specs.has(key)) continue;
      const spec = readKernelSpec(path.join(kernels, name), key);
      if (spec) specs.set(key, spec);
    }
  }
  return specs;
}

/** Reads `<resourceDir>/kernel.json`; null when absent or not a usable spec. */
export function readKernelSpec(resourceDir: string, name = path.basename(resourceDir)): KernelSpec | null {
  let raw: any;
  try {
    raw = JSON.parse(fs.readFileSync(path.join(resourceDir, 'kernel.json'), 'utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(raw?.argv) || raw.argv.length === 0 || !raw.argv.every((a: unknown) => typeof a === 'string')) return null;
  return {
    name,
    resourceDir,
    argv: raw.argv,
    display_name: String(raw.display_name ?? name),
    language: String(raw.language ?? ''),
    env: raw.env && typeof raw.env === 'object' ? raw.env : undefined,
    interrupt_mode: raw.interrupt_mode === 'message' ? 'message' : 'signal',
    metadata: raw.metadata,
  };
}

/** The spec named `name`; throws UnknownKernelError listing what exists. */
export function findKernelSpec(name: string, env: NodeJS.ProcessEnv = process.env): KernelSpec {
  let dirs = dataDirs(env);
  let specs = listKernelSpecs(dirs);
  const key = name.toLowerCase();
  if (!specs.has(key)) {
    const more = jupyterDataDirs().filter((d) => !dirs.includes(d));
    if (more.length) {
      dirs = [...dirs, ...more];
      specs = listKernelSpecs(dirs);
    }
  }
  const spec = specs.get(key);
  if (!spec) throw new UnknownKernelError(name, [...specs.keys()], dirs.map((d) => path.join(d, 'kernels')));
  return spec;
}

/** Data dirs reported by `jupyter --paths --json`, or [] when there is no working jupyter. */
function jupyterDataDirs(): string[] {
  try {
    const out = execFileSync('jupyter', ['--paths', '--json'], { encoding: 'utf8', timeout: 15_000, stdio: ['ignore', 'pipe', 'ignore'] });
    const data = JSON.parse(out).data;
    return Array.isArray(data) ? data.filter((d: unknown): d is string => typeof d === 'string') : [];
  } catch {
    return [];
  }
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}
