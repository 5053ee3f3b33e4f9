/**
 * Kernel setup (`npm run kernel`, run by `npm start` and `npm test`), idempotent:
 *  1. finds Jupyter, installing it when missing (pip, else apt-get as root, else says what to install);
 *  2. registers the `reglab-ts` kernel spec (project Node + project tslab), updating a stale one;
 *  3. proves it works by running a tiny notebook that imports `reglab` by package name.
 * The proof runs only when something changed (or with --verify), so an up-to-date setup takes no
 * Python start and no kernel start. Flags: --quiet (only changes and problems), --verify, --no-install.
 * Left out: uninstalling (delete the spec dir printed here).
 */
import * as fs from 'fs';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { ensureSpec, desiredSpec, specDir, ROOT, KERNEL_NAME } from './spec';
import { findJupyter, installAdvice, installJupyter, jupyterComplete } from './jupyter';
import { proofIsCurrent, proofKey, runProof } from './proof';

async function main(argv: string[]): Promise<number> {
  const quiet = argv.includes('--quiet');
  const verify = argv.includes('--verify');
  const unknown = argv.filter((a) => !['--quiet', '--verify', '--no-install'].includes(a));
  if (unknown.length) {
    console.error(`kernel-setup: unknown option ${unknown[0]} (use --quiet, --verify, --no-install)`);
    return 2;
  }
  const info = (line: string) => quiet || console.log(`kernel-setup: ${line}`);
  const note = (line: string) => console.log(`kernel-setup: ${line}`);

  let jupyter = findJupyter();
  if (!jupyterComplete(jupyter) && !argv.includes('--no-install')) {
    note('Jupyter Notebook/nbconvert not found; installing it');
    jupyter = installJupyter(note);
  }
  if (jupyterComplete(jupyter)) info(`Jupyter: ${jupyter.command}`);
  else console.warn(`kernel-setup: warning: ${installAdvice()}\n(the runner works without it; \`npm start\` needs it)`);

  const spec = desiredSpec();
  const change = ensureSpec(spec, note);
  if (change === 'unchanged') info(`kernel spec ${KERNEL_NAME} up to date: ${specDir()}`);

  if (!fs.existsSync(path.join(ROOT, 'dist', 'index.js'))) {
    note('dist/ is missing; building the library (npm run build)');
    const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
    if (build.status !== 0) {
      console.error('kernel-setup: the library does not build; fix it, then run npm run kernel again');
      return 1;
    }
  }
  const key = proofKey(spec);
  if (verify || change !== 'unchanged' || !proofIsCurrent(specDir(), key)) {
    const proof = await runProof(specDir(), key);
    note(`kernel works (${(proof.ms / 1000).toFixed(1)} s): ${proof.text.split('\n')[0]}`);
  } else {
    info('kernel proof is current (use --verify to run it again)');
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: Error) => {
    console.error(`kernel-setup: ${e.message}`);
    process.exit(1);
  },
);
