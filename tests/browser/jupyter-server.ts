/**
 * Starting and stopping a Jupyter server for the browser test: Debian's classic Notebook 6, or JupyterLab 4 /
 * Notebook 7 from the project venv (with `--expose-app-in-browser`, so the page probe can read the app).
 *
 * The server listens on 127.0.0.1 at a free port with a random token and --no-browser; its config and
 * runtime dirs are fresh temp dirs, so it neither reads nor writes the user's (~/.jupyter,
 * ~/.local/share/jupyter/runtime). The data dir is temp too; the folder holding the reglab kernel spec is
 * put on JUPYTER_PATH so the server finds exactly that spec. For JupyterLab and Notebook 7 the temp config
 * dir holds a labconfig/page_config.json that disables the news announcements (a pop-up over the
 * screenshots) and, when asked, plotly's renderer. Left out: HTTPS, passwords.
 */
import { spawn, type ChildProcess } from 'child_process';
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import type { FrontendName } from '../../kernel-setup/frontends';

/** JupyterLab's news pop-up ("Would you like to get notified about official Jupyter news?"). */
export const ANNOUNCEMENTS_PLUGIN = '@jupyterlab/apputils-extension:announcements';

export interface JupyterServer {
  /** e.g. http://127.0.0.1:41234 (no trailing slash) */
  baseUrl: string;
  token: string;
  /** Everything the server printed (stdout + stderr), for failure messages. */
  log(): string;
  /** Shuts down every running kernel (resolves when the server has done so). */
  shutdownKernels(): Promise<void>;
  stop(): Promise<void>;
}

export interface StartOptions {
  jupyter: string;          // path to the `jupyter` command
  /** Which app: `jupyter notebook` (classic 6), `jupyter lab`, or `jupyter notebook` (7). Default classic. */
  frontend?: FrontendName;
  /** Disable these JupyterLab plugins (page config), e.g. plotly's renderer. */
  disabledPlugins?: string[];
  /** Extra environment for the server (and so its kernels). */
  env?: Record<string, string>;
  notebookDir: string;
  /** Folder holding `kernels/<name>/kernel.json` for the kernel the notebooks use. */
  kernelDataDir: string;
  startTimeoutMs?: number;
}

/** A TCP port that was free a moment ago on 127.0.0.1 (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Environment for a Jupyter command that reads and writes only throwaway dirs (config, runtime, data,
 * IPython), plus `kernelDataDir` on JUPYTER_PATH when given. `cleanup` removes the dirs.
 */
export function isolatedJupyterEnv(kernelDataDir?: string): { env: NodeJS.ProcessEnv; cleanup(): void } {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'reglab-jupyter-'));
  const dir = (name: string) => {
    const d = path.join(home, name);
    fs.mkdirSync(d);
    return d;
  };
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    JUPYTER_CONFIG_DIR: dir('config'),
    JUPYTER_RUNTIME_DIR: dir('runtime'),
    JUPYTER_DATA_DIR: dir('data'),
    IPYTHONDIR: dir('ipython'),
    PYTHONDONTWRITEBYTECODE: '1',
  };
  if (kernelDataDir) env.JUPYTER_PATH = kernelDataDir;
  else delete env.JUPYTER_PATH;
  return { env, cleanup: () => fs.rmSync(home, { recursive: true, force: true }) };
}

/** Starts the server and resolves once GET /api/status answers 200 with the token. */
export async function startJupyter(opts: StartOptions): Promise<JupyterServer> {
  const { env: isolated, cleanup } = isolatedJupyterEnv(opts.kernelDataDir);
  const env = { ...isolated, ...opts.env };
  const frontend = opts.frontend ?? 'classic';
  const port = await freePort();
  const token = randomBytes(24).toString('hex');
  const common = ['--no-browser', '--ip=127.0.0.1', `--port=${port}`, '--port-retries=0',
    // CI containers run as root; Jupyter refuses that unless told (it only guards against a careless user).
    ...(process.getuid?.() === 0 ? ['--allow-root'] : [])];
  let args: string[];
  if (frontend === 'classic') {
    args = ['notebook', ...common, `--NotebookApp.token=${token}`, `--notebook-dir=${opts.notebookDir}`];
  } else {
    const labconfig = path.join(env.JUPYTER_CONFIG_DIR!, 'labconfig');
    fs.mkdirSync(labconfig, { recursive: true });
    const disabled = Object.fromEntries([ANNOUNCEMENTS_PLUGIN, ...(opts.disabledPlugins ?? [])].map((p) => [p, true]));
    fs.writeFileSync(path.join(labconfig, 'page_config.json'), JSON.stringify({ disabledExtensions: disabled }, null, 1));
    args = [frontend === 'lab' ? 'lab' : 'notebook', ...common, `--IdentityProvider.token=${token}`,
      `--ServerApp.root_dir=${opts.notebookDir}`, '--expose-app-in-browser',
      ...(frontend === 'lab' ? ['--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate'] : [])];
  }
  const child = spawn(opts.jupyter, args, { env, cwd: opts.notebookDir, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout!.on('data', (b) => (output += b));
  child.stderr!.on('data', (b) => (output += b));
  const baseUrl = `http://127.0.0.1:${port}`;
  const server: JupyterServer = {
    baseUrl, token,
    log: () => output,
    shutdownKernels: () => shutdownKernels(baseUrl, token),
    stop: async () => {
      await shutdownKernels(baseUrl, token);
      await stopProcess(child);
      cleanup();
    },
  };
  try {
    await waitForStatus(baseUrl, token, child, opts.startTimeoutMs ?? 300_000, () => output);
  } catch (err) {
    await server.stop();
    throw err;
  }
  return server;
}

async function waitForStatus(baseUrl: string, token: string, child: ChildProcess, timeoutMs: number,
  log: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the jupyter server exited with code ${child.exitCode}:\n${log()}`);
    try {
      const res = await fetch(`${baseUrl}/api/status`, { headers: { Authorization: `token ${token}` } });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the jupyter server did not answer /api/status within ${timeoutMs} ms:\n${log()}`);
}

/** Asks the server to shut down every kernel it started (kernels run in their own sessions). */
async function shutdownKernels(baseUrl: string, token: string): Promise<void> {
  const headers = { Authorization: `token ${token}` };
  try {
    const res = await fetch(`${baseUrl}/api/kernels`, { headers });
    const kernels = (await res.json()) as { id: string }[];
    await Promise.all(kernels.map((k) => fetch(`${baseUrl}/api/kernels/${k.id}`, { method: 'DELETE', headers })));
  } catch {
    // server already gone: nothing to shut down through it
  }
}

/** SIGTERM to the server's process group (it and its kernels), SIGKILL after 10 s. */
function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = (sig: NodeJS.Signals) => {
      try { process.kill(-child.pid!, sig); } catch { /* already gone */ }
    };
    const timer = setTimeout(() => kill('SIGKILL'), 10_000);
    child.once('exit', () => { clearTimeout(timer); resolve(); });
    kill('SIGTERM');
  });
}
