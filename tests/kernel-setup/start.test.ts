/**
 * `npm start`: its options, the frontend it picks (newest first), the Jupyter command line (--allow-root
 * only as root), and, for every frontend installed here, a real start on a free port that prints the
 * workbook URL exactly once and serves the notebooks behind it.
 * Left out: the pip install of JupyterLab (kernel-setup/venv.ts; .ci/run exercises it on a clean machine).
 */
import { spawn } from 'child_process';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { findFrontends, type Frontend } from '../../kernel-setup/frontends';
import { chooseFrontend, isUrlBanner, jupyterArgs, parseStartArgs, serverUrl } from '../../kernel-setup/start';
import { ROOT } from '../../kernel-setup/spec';
import { freePort, isolatedJupyterEnv } from '../browser/jupyter-server';

const fe = (name: Frontend['name']): Frontend =>
  ({ name, jupyter: `/x/${name}/jupyter`, subcommand: name === 'lab' ? 'lab' : 'notebook', version: name === 'lab' ? '4.6.6' : name === 'notebook7' ? '7.6.5' : '6.4.12' });

describe('npm start options', () => {
  it('parses --frontend, --port, --no-install and passes what follows a second -- to Jupyter', () => {
    expect(parseStartArgs([])).toEqual({ frontend: null, port: null, install: true, jupyterArgs: [], help: false });
    expect(parseStartArgs(['--', '--frontend', 'notebook', '--port=9000', '--no-install', '--', '--ServerApp.ip=0.0.0.0']))
      .toEqual({ frontend: 'notebook7', port: 9000, install: false, jupyterArgs: ['--ServerApp.ip=0.0.0.0'], help: false });
    expect(parseStartArgs(['--frontend=classic']).frontend).toBe('classic');
    expect(parseStartArgs(['--frontend', 'JupyterLab']).frontend).toBe('lab');
    expect(() => parseStartArgs(['--frontend', 'vscode'])).toThrow(/unknown frontend 'vscode'/);
    expect(() => parseStartArgs(['--port', '99999'])).toThrow(/--port wants a port number/);
    expect(() => parseStartArgs(['--port'])).toThrow(/--port needs a value/);
    expect(() => parseStartArgs(['--ip=0.0.0.0'])).toThrow(/unknown option --ip=0.0.0.0 \(Jupyter's own options go after a second --\)/);
  });

  it('picks the newest frontend unless told, and none that is missing', () => {
    expect(chooseFrontend([fe('classic'), fe('notebook7'), fe('lab')], null)?.name).toBe('lab');
    expect(chooseFrontend([fe('classic'), fe('notebook7')], null)?.name).toBe('notebook7');
    expect(chooseFrontend([fe('classic')], null)?.name).toBe('classic');
    expect(chooseFrontend([fe('lab'), fe('classic')], 'classic')?.name).toBe('classic');
    expect(chooseFrontend([fe('classic')], 'lab')).toBeNull();
    expect(chooseFrontend([], null)).toBeNull();
  });

  it('roots Jupyter at notebooks/, adds --allow-root only as root', () => {
    const dir = path.join(ROOT, 'notebooks');
    expect(jupyterArgs(fe('lab'), { port: 9000, headless: true, root: false, extra: ['--x=1'] }))
      .toEqual(['lab', `--ServerApp.root_dir=${dir}`, '--port=9000', '--no-browser', '--x=1']);
    expect(jupyterArgs(fe('classic'), { port: null, headless: false, root: true, extra: [] }))
      .toEqual(['notebook', `--notebook-dir=${dir}`, '--allow-root']);
  });

  it("holds back Jupyter's own URL banner lines", () => {
    const banner = [
      '    To access the server, open this file in a browser:',
      '        file:///root/.local/share/jupyter/runtime/jpserver-1234-open.html',
      '    Or copy and paste one of these URLs:',
      '        http://localhost:8888/lab?token=0123abcd',
      '        http://127.0.0.1:8888/lab?token=0123abcd',
    ];
    expect(banner.filter((l) => !isUrlBanner(l))).toEqual([]);
    expect(serverUrl(banner[3])).toBe('http://localhost:8888/lab?token=0123abcd');
    expect(isUrlBanner('[I 2026-01-01 ServerApp] Serving notebooks from local directory: /x')).toBe(false);
  });
});

const installed = findFrontends();

describe.each(installed.map((f) => [f.name, f] as const))('npm start --frontend %s', (_name, frontend) => {
  it('prints the workbook URL once, and the server behind it answers with the token', async () => {
    const port = await freePort();
    const { env, cleanup } = isolatedJupyterEnv();
    const flag = frontend.name === 'notebook7' ? 'notebook' : frontend.name;
    const child = spawn(process.execPath, [require.resolve('ts-node/dist/bin.js'), path.join(ROOT, 'kernel-setup', 'start.ts'),
      '--frontend', flag, '--port', String(port), '--no-install'], { cwd: ROOT, env: { ...env, CI: 'true' }, detached: true });
    let out = '';
    child.stdout.on('data', (b) => (out += b));
    child.stderr.on('data', (b) => (out += b));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setInterval(() => {
          const m = /reglab: the workbook is at (\S+)/.exec(out);
          if (m) { clearInterval(timer); resolve(m[1]); }
          if (child.exitCode !== null) { clearInterval(timer); reject(new Error(`npm start exited ${child.exitCode}:\n${out}`)); }
        }, 200);
      });
      expect(new URL(url).port).toBe(String(port));
      const token = new URL(url).searchParams.get('token');
      const status = await fetch(`http://127.0.0.1:${port}/api/status`, { headers: { Authorization: `token ${token}` } });
      expect(status.status).toBe(200);
      // Give Jupyter time to print its banner: none of it may repeat the URL or the token.
      await new Promise((r) => setTimeout(r, 1500));
      expect(out.split(token!).length - 1, out).toBe(1);
      if (process.getuid?.() === 0) expect(out).toMatch(/running as root, so --allow-root is passed/);
    } finally {
      try { process.kill(-child.pid!, 'SIGTERM'); } catch { /* gone */ }
      await new Promise((r) => child.once('exit', r));
      cleanup();
    }
  }, 90_000);
});
