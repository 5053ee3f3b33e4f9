/**
 * `npm start` (after build + setup): launches the Jupyter Notebook server rooted at notebooks/ and
 * prints the URL with its token. No browser is opened when headless (no DISPLAY on Linux, or CI).
 * Extra arguments are passed to Jupyter: `npm start -- --port 9000`.
 *
 * Left out: JupyterLab (the classic Notebook is what the workbook is tested with).
 */
import * as path from 'path';
import { spawn } from 'child_process';
import { findJupyter, installAdvice, jupyterComplete } from './jupyter';
import { ROOT } from './spec';

function headless(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.CI) return true;
  return process.platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY;
}

function main(extra: string[]): void {
  const jupyter = findJupyter();
  if (!jupyterComplete(jupyter)) {
    console.error(`start: ${installAdvice()}\nthen run npm start again (or npm run kernel to install it for you).`);
    process.exit(1);
  }
  const args = ['notebook', `--notebook-dir=${path.join(ROOT, 'notebooks')}`];
  if (headless()) args.push('--no-browser');
  if (typeof process.getuid === 'function' && process.getuid() === 0) args.push('--allow-root');
  args.push(...extra);
  console.log(`start: ${jupyter.command} ${args.join(' ')}`);
  const child = spawn(jupyter.command, args, { cwd: ROOT, stdio: ['inherit', 'inherit', 'pipe'] });
  let shown = false;
  let recent = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    process.stderr.write(chunk);
    recent = (recent + chunk.toString()).slice(-4000);
    const url = /(https?:\/\/(?:localhost|127\.0\.0\.1|\[::1\]):\d+\/\S*\?token=\w+)\s/.exec(recent);
    if (url && !shown) {
      shown = true;
      console.log(`\nreglab: the workbook is at ${url[1]}\n` +
        `reglab: open a notebook in notebooks/ and pick the kernel "TypeScript (reglab)"; Ctrl-C stops the server.\n`);
    }
  });
  // Ctrl-C reaches Jupyter through the terminal's process group; just wait for it to finish.
  process.on('SIGINT', () => undefined);
  for (const sig of ['SIGTERM', 'SIGHUP'] as const) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

main(process.argv.slice(2).filter((a) => a !== '--'));
