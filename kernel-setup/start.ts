/**
 * `npm start` (after build + kernel setup): opens the workbook (notebooks/) in the newest Jupyter frontend
 * available: JupyterLab 4, else Notebook 7, else classic Notebook 6. When no JupyterLab 4 is found it first
 * tries to pip-install one into the project venv (.venv/, pinned; kernel-setup/venv.ts) and says so if
 * that is not possible. Prints the URL (with its token) once; Jupyter's own copies of it are held back.
 *
 *   npm start -- --frontend notebook --port 9000        (also: lab, classic; --no-install; --help)
 *   npm start -- --frontend lab -- --ServerApp.ip=0.0.0.0   (after a second --: passed to Jupyter as is)
 *
 * No browser is opened when headless (CI, or Linux without DISPLAY/WAYLAND_DISPLAY). --allow-root is
 * passed only when running as root, and the line saying so is printed.
 * Left out: JupyterHub, remote servers, HTTPS (pass Jupyter's own options after --).
 */
import * as path from 'path';
import { spawn } from 'child_process';
import { installAdvice } from './jupyter';
import { FRONTEND_LABEL, FRONTEND_ORDER, findFrontends, parseFrontend, type Frontend, type FrontendName } from './frontends';
import { ROOT } from './spec';
import { installIntoVenv } from './venv';

export const USAGE = `usage: npm start -- [--frontend lab|notebook|classic] [--port N] [--no-install] [-- JUPYTER_ARGS...]
  --frontend   lab = JupyterLab 4, notebook = Notebook 7, classic = Notebook 6 (default: the newest found)
  --port N     the port to listen on (Jupyter takes the next free one if N is busy)
  --no-install do not pip-install JupyterLab into .venv/ when it is missing`;

export interface StartOptions { frontend: FrontendName | null; port: number | null; install: boolean; jupyterArgs: string[]; help: boolean }

/** Parses npm start's arguments; throws an Error with a message for bad usage. */
export function parseStartArgs(argv: string[]): StartOptions {
  const opts: StartOptions = { frontend: null, port: null, install: true, jupyterArgs: [], help: false };
  const args = argv[0] === '--' ? argv.slice(1) : [...argv];
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].startsWith('--') && args[i].includes('=') ? args[i].split(/=(.*)/s, 2) : [args[i], undefined];
    const value = () => {
      const v = inline ?? args[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === '--') { opts.jupyterArgs.push(...args.slice(i + 1)); break; }
    if (flag === '--help' || flag === '-h') opts.help = true;
    else if (flag === '--no-install') opts.install = false;
    else if (flag === '--frontend') {
      const v = value();
      opts.frontend = parseFrontend(v);
      if (!opts.frontend) throw new Error(`unknown frontend '${v}' (use lab, notebook or classic)`);
    } else if (flag === '--port') {
      const v = value();
      if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 65535) throw new Error(`--port wants a port number 1-65535, got '${v}'`);
      opts.port = Number(v);
    } else throw new Error(`unknown option ${args[i]} (Jupyter's own options go after a second --)`);
  }
  return opts;
}

/** The command line that starts `fe` on notebooks/. */
export function jupyterArgs(fe: Frontend, opts: { port: number | null; headless: boolean; root: boolean; extra: string[] }): string[] {
  const dir = path.join(ROOT, 'notebooks');
  const args = [fe.subcommand, fe.name === 'classic' ? `--notebook-dir=${dir}` : `--ServerApp.root_dir=${dir}`];
  if (opts.port !== null) args.push(`--port=${opts.port}`);
  if (opts.headless) args.push('--no-browser');
  if (opts.root) args.push('--allow-root');
  return [...args, ...opts.extra];
}

/** The frontend to start: the one asked for, else the newest found. null when there is none. */
export function chooseFrontend(found: Frontend[], wanted: FrontendName | null): Frontend | null {
  if (wanted) return found.find((f) => f.name === wanted) ?? null;
  return FRONTEND_ORDER.map((n) => found.find((f) => f.name === n)).find(Boolean) ?? null;
}

/** The server URL (with token) in a chunk of Jupyter's log, else null. */
export function serverUrl(text: string): string | null {
  return /(https?:\/\/(?:localhost|127\.0\.0\.1|\[::1\]):\d+\/\S*\?token=\w+)/.exec(text)?.[1] ?? null;
}

/** Jupyter's banner lines that repeat the URL or its token (we print the URL once ourselves). */
export function isUrlBanner(line: string): boolean {
  return /token=\w/.test(line) || /To access the (server|notebook)|Or copy and paste one of these URLs|jpserver-\d+-open\.html|nbserver-\d+-open\.html/.test(line);
}

function headless(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.CI) return true;
  return process.platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY;
}

function main(argv: string[]): void {
  let opts: StartOptions;
  try {
    opts = parseStartArgs(argv);
  } catch (e) {
    console.error(`start: ${(e as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  if (opts.help) {
    console.log(USAGE);
    return;
  }
  let found = findFrontends();
  if (!found.some((f) => f.name === 'lab') && opts.install && (opts.frontend === null || opts.frontend === 'lab')) {
    console.log('start: JupyterLab 4 is not installed; installing it into the project venv (.venv/) with pip');
    const r = installIntoVenv(['jupyterlab'], (line) => console.log(`start: ${line}`));
    console.log(`start: ${r.ok ? r.message : `${r.message}; using the newest frontend there is instead`}`);
    if (r.ok) found = findFrontends();
  }
  const fe = chooseFrontend(found, opts.frontend);
  if (!fe) {
    const what = opts.frontend ? FRONTEND_LABEL[opts.frontend] : 'Jupyter';
    const have = found.map((f) => `${FRONTEND_LABEL[f.name]} ${f.version}`).join(', ') || 'none';
    console.error(`start: ${what} is not installed (found: ${have}).\n${installAdvice()}\n` +
      `or: npx ts-node kernel-setup/venv.ts jupyterlab notebook   # into .venv/, pinned`);
    process.exit(1);
  }
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const args = jupyterArgs(fe, { port: opts.port, headless: headless(), root, extra: opts.jupyterArgs });
  console.log(`start: ${FRONTEND_LABEL[fe.name]} ${fe.version}: ${fe.jupyter} ${args.join(' ')}`);
  if (root) console.log('start: running as root, so --allow-root is passed to Jupyter (it refuses root otherwise)');

  const child = spawn(fe.jupyter, args, { cwd: ROOT, stdio: ['inherit', 'pipe', 'pipe'] });
  let shown = false;
  /** Line by line: prints our URL line at the first URL, passes on everything but the URL banner. */
  const relay = (to: NodeJS.WriteStream) => {
    let pending = '';
    return (chunk: Buffer) => {
      const lines = (pending + chunk.toString()).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const url = serverUrl(line);
        if (url && !shown) {
          shown = true;
          console.log(`\nreglab: the workbook is at ${url}\n` +
            `reglab: open a notebook and pick the kernel "TypeScript (reglab)"; Ctrl-C stops the server.\n`);
        }
        if (!isUrlBanner(line)) to.write(line + '\n');
      }
    };
  };
  child.stdout!.on('data', relay(process.stdout));
  child.stderr!.on('data', relay(process.stderr));
  // Ctrl-C reaches Jupyter through the terminal's process group; just wait for it to finish.
  process.on('SIGINT', () => undefined);
  for (const sig of ['SIGTERM', 'SIGHUP'] as const) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

if (require.main === module) main(process.argv.slice(2));
