/**
 * What the browser test needs from the machine, found once: Debian Chromium, the `jupyter` command with
 * classic Notebook and nbconvert, the `reglab-ts` kernel spec and a built library (dist/).
 *
 * `missing` lists what is absent in words a person can act on. The test skips with that list outside CI
 * and fails with it when CI=true, so a CI machine without Chromium cannot pass by skipping.
 * Left out: installing anything (.ci/run and kernel-setup do that).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { findKernelSpec } from '../../src/tools/runner/kernelspec';

export const ROOT = path.resolve(__dirname, '..', '..');
export const KERNEL_NAME = 'reglab-ts';

export interface Prerequisites {
  chromium: string;
  jupyter: string;
  /** Jupyter data dir that holds kernels/reglab-ts (goes on the server's JUPYTER_PATH). */
  kernelDataDir: string;
  missing: string[];
}

export function findPrerequisites(env: NodeJS.ProcessEnv = process.env): Prerequisites {
  const missing: string[] = [];
  const chromium = env.REGLAB_CHROMIUM ?? '/usr/bin/chromium';
  if (!isExecutable(chromium)) missing.push(`Chromium at ${chromium} (apt-get install chromium)`);

  const jupyter = env.REGLAB_JUPYTER ?? '/usr/bin/jupyter';
  if (!isExecutable(jupyter)) {
    missing.push(`the jupyter command at ${jupyter} (apt-get install jupyter-notebook jupyter-nbconvert)`);
  } else {
    for (const sub of ['notebook', 'nbconvert']) {
      const r = spawnSync(jupyter, [sub, '--version'], { encoding: 'utf8', timeout: 30_000 });
      if (r.status !== 0) missing.push(`\`jupyter ${sub}\` (apt-get install jupyter-${sub}): ${(r.stderr || '').trim().split('\n').pop()}`);
    }
  }

  let kernelDataDir = '';
  try {
    kernelDataDir = path.dirname(path.dirname(findKernelSpec(KERNEL_NAME, env).resourceDir));
  } catch (err) {
    missing.push(`the ${KERNEL_NAME} kernel spec (npx ts-node kernel-setup/setup.ts): ${(err as Error).message}`);
  }
  if (!fs.existsSync(path.join(ROOT, 'dist', 'index.js'))) missing.push('the built library dist/index.js (npm run build)');
  return { chromium, jupyter, kernelDataDir, missing };
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** CI=true (any case) or CI=1: missing prerequisites are failures, not skips. */
export function inCI(env: NodeJS.ProcessEnv = process.env): boolean {
  return /^(1|true)$/i.test(env.CI ?? '');
}
