/**
 * What the browser test needs from the machine whatever the frontend, found once: Debian Chromium, the
 * `jupyter` command with nbconvert (Debian's, found by kernel-setup's findJupyter; it also exports the HTML),
 * the `reglab-ts` kernel spec and a built library (dist/). Each frontend's own server: frontends.ts.
 *
 * `missing` lists what is absent in words a person can act on. The test skips with that list outside CI
 * and fails with it when CI=true, so a CI machine without Chromium cannot pass by skipping.
 * Left out: installing anything (.ci/run and kernel-setup do that).
 */
import * as fs from 'fs';
import * as path from 'path';
import { DEBIAN_PACKAGES, findJupyter, isExecutable } from '../../kernel-setup/jupyter';
import { KERNEL_NAME, ROOT } from '../../kernel-setup/spec';
import { findKernelSpec } from '../../src/tools/notebook/runner/kernelspec';

export { ROOT };

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

  // Debian's Jupyter in /usr/bin: its nbconvert exports the HTML (a pip-installed one earlier on PATH could differ).
  const found = findJupyter({ PATH: '/usr/bin' });
  const advice = `apt-get install ${DEBIAN_PACKAGES.join(' ')}`;
  if (!found) missing.push(`the jupyter command in /usr/bin (${advice})`);
  else if (!found.notebook || !found.nbconvert) missing.push(`Notebook and nbconvert beside ${found.command} (${advice})`);
  const jupyter = found?.command ?? '';

  let kernelDataDir = '';
  try {
    kernelDataDir = path.dirname(path.dirname(findKernelSpec(KERNEL_NAME, env).resourceDir));
  } catch (err) {
    missing.push(`the ${KERNEL_NAME} kernel spec (npx ts-node kernel-setup/setup.ts): ${(err as Error).message}`);
  }
  if (!fs.existsSync(path.join(ROOT, 'dist', 'index.js'))) missing.push('the built library dist/index.js (npm run build)');
  return { chromium, jupyter, kernelDataDir, missing };
}

/** CI=true (any case) or CI=1: missing prerequisites are failures, not skips. */
export function inCI(env: NodeJS.ProcessEnv = process.env): boolean {
  return /^(1|true)$/i.test(env.CI ?? '');
}
