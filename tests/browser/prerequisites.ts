/**
 * What the browser test needs from the machine, found once: Debian Chromium, the `jupyter` command with
 * classic Notebook and nbconvert (Debian's, found by kernel-setup's findJupyter), the `reglab-ts` kernel spec and
 * a built library (dist/).
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

  // Debian's classic Notebook (6.x) is what the harness drives (its page API); a pip-installed Notebook 7
  // earlier on PATH is not, so look in /usr/bin only.
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
