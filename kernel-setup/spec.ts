/**
 * The `reglab-ts` kernel spec: what it must contain, and writing it when it is missing or stale.
 *
 * The spec runs the project's own tslab through kernel-setup/kernel.js with the project's own Node
 * (absolute paths: VS Code and Jupyter start it from any folder), so nothing global is needed, and sets
 * NODE_PATH to the project's node_modules so a notebook saved in any folder imports `reglab` (kernel.js
 * makes tslab's type-checker follow NODE_PATH too). It goes to Jupyter's per-user kernels dir
 * (`jupyter --data-dir`/kernels/reglab-ts, same as `jupyter kernelspec install --user`).
 * Beside kernel.json it puts plotly.js (PLOTLY_RESOURCE, from the npm package): Jupyter serves every file of a
 * kernel spec folder at <base url>kernelspecs/reglab-ts/<file>, so a figure whose notebook lost its plotly.js
 * output still draws inside Jupyter (src/lib/display/plotly-page.ts).
 * Left out: the JavaScript flavour of tslab (jslab), system-wide installs, merging a NODE_PATH the user
 * had set (the kernel's NODE_PATH is the project's).
 */
import * as fs from 'fs';
import * as path from 'path';
import { listKernelSpecs, dataDirs, userDataDir } from '../src/tools/notebook/runner/kernelspec';
import { PLOTLY_PACKAGE } from '../src/lib/display/plotly-library';
import { KERNEL_SPEC_NAME, PLOTLY_RESOURCE } from '../src/lib/display/plotly-page';

export const KERNEL_NAME = 'reglab-ts';
export const DISPLAY_NAME = 'TypeScript (reglab)';
export const ROOT = path.resolve(__dirname, '..');

export interface KernelJson {
  argv: string[];
  display_name: string;
  language: string;
  interrupt_mode: 'signal';
  env: Record<string, string>;
  metadata: { reglab: { root: string; tslab: string } };
}

/** The kernel.json this checkout needs. */
export function desiredSpec(root = ROOT, node = process.execPath): KernelJson {
  const tslabDir = path.join(root, 'node_modules', 'tslab');
  if (!fs.existsSync(path.join(tslabDir, 'dist', 'main.js'))) throw new Error(`tslab is not installed in ${tslabDir} (run npm ci)`);
  const version = JSON.parse(fs.readFileSync(path.join(tslabDir, 'package.json'), 'utf8')).version as string;
  return {
    argv: [node, path.join(root, 'kernel-setup', 'kernel.js'), 'kernel', '--config-path', '{connection_file}'],
    display_name: DISPLAY_NAME,
    language: 'typescript',
    interrupt_mode: 'signal',
    env: { NODE_PATH: path.join(root, 'node_modules') },
    metadata: { reglab: { root, tslab: version } },
  };
}

/** Where the spec is installed: <user data dir>/kernels/reglab-ts. */
export function specDir(): string {
  return path.join(userDataDir(), 'kernels', KERNEL_NAME);
}

export type SpecChange = 'unchanged' | 'created' | 'updated';

/**
 * Writes kernel.json when it is missing or differs from `desired`, and removes other reglab-ts
 * specs that would shadow it (earlier in the search path). Returns what happened.
 */
export function ensureSpec(desired: KernelJson = desiredSpec(), log: (line: string) => void = () => {}): SpecChange {
  const dir = specDir();
  const file = path.join(dir, 'kernel.json');
  const text = JSON.stringify(desired, null, 1) + '\n';
  let current: string | null = null;
  try {
    current = fs.readFileSync(file, 'utf8');
  } catch {
    current = null;
  }
  let change: SpecChange = 'unchanged';
  if (current === null || !sameJson(current, desired)) {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(file, text);
    change = current === null ? 'created' : 'updated';
    log(`kernel spec ${KERNEL_NAME} ${change}: ${file}`);
  }
  if (ensurePlotlyResource(dir, log) && change === 'unchanged') change = 'updated';
  for (const other of shadowingSpecs(dir)) {
    if (isReglabSpec(other)) {
      fs.rmSync(other, { recursive: true, force: true });
      log(`removed a stale ${KERNEL_NAME} spec that shadowed ours: ${other}`);
      change = change === 'unchanged' ? 'updated' : change;
    } else {
      throw new Error(`another kernel spec named ${KERNEL_NAME} at ${other} takes precedence over ${dir}; remove it`);
    }
  }
  return change;
}

/**
 * Copies plotly.js into the spec folder when it is missing or differs (true if it wrote). A missing npm
 * package is said, not fatal: figures then need the copy their notebook carries.
 */
export function ensurePlotlyResource(dir: string, log: (line: string) => void = () => {}): boolean {
  if (KERNEL_SPEC_NAME !== KERNEL_NAME) throw new Error(`plotly-page.ts names the kernel ${KERNEL_SPEC_NAME}, the spec is ${KERNEL_NAME}`);
  let source: Buffer;
  try {
    source = fs.readFileSync(require.resolve(PLOTLY_PACKAGE, { paths: [ROOT] }));
  } catch (e) {
    log(`${PLOTLY_PACKAGE} is not installed (${(e as Error).message}); run npm ci`);
    return false;
  }
  const target = path.join(dir, PLOTLY_RESOURCE);
  try {
    if (fs.readFileSync(target).equals(source)) return false;
  } catch { /* missing: write it */ }
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(target + '.tmp', source);
  fs.renameSync(target + '.tmp', target);
  log(`plotly.js for the Jupyter server: ${target}`);
  return true;
}

/** reglab-ts specs found before ours in the search path. */
function shadowingSpecs(ours: string): string[] {
  const found: string[] = [];
  for (const dir of dataDirs()) {
    const spec = listKernelSpecs([dir]).get(KERNEL_NAME);
    if (!spec) continue;
    if (path.resolve(spec.resourceDir) === path.resolve(ours)) break;
    found.push(spec.resourceDir);
  }
  return found;
}

function isReglabSpec(dir: string): boolean {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, 'kernel.json'), 'utf8'))?.metadata?.reglab !== undefined;
  } catch {
    return false;
  }
}

function sameJson(text: string, value: unknown): boolean {
  try {
    return JSON.stringify(JSON.parse(text)) === JSON.stringify(value);
  } catch {
    return false;
  }
}
