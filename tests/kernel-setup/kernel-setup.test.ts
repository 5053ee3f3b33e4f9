/** kernel-setup: the reglab-ts spec content, writing it idempotently, replacing stale ones. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { PLOTLY_PACKAGE } from '../../src/lib/display/plotly-library';
import { PLOTLY_RESOURCE } from '../../src/lib/display/plotly-page';
import { spawnSync } from 'child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { desiredSpec, ensureSpec, KERNEL_NAME, ROOT, specDir } from '../../kernel-setup/spec';
import { findKernelSpec } from '../../src/tools/notebook/runner/kernelspec';

describe('the reglab-ts kernel spec', () => {
  it('runs the project tslab through kernel-setup/kernel.js with the project Node, by absolute paths', () => {
    const spec = desiredSpec();
    const launcher = path.join(ROOT, 'kernel-setup', 'kernel.js');
    expect(spec.argv).toEqual([process.execPath, launcher, 'kernel', '--config-path', '{connection_file}']);
    expect(spec.argv.slice(0, 2).every((p) => path.isAbsolute(p) && fs.existsSync(p))).toBe(true);
    expect(spec).toMatchObject({ display_name: 'TypeScript (reglab)', language: 'typescript', interrupt_mode: 'signal' });
    // A notebook in any folder finds the project's packages (tests/kernel-setup/any-folder.test.ts runs one).
    expect(spec.env).toEqual({ NODE_PATH: path.join(ROOT, 'node_modules') });
    // tslab's own CLI, started through the launcher, accepts exactly this command line.
    const help = spawnSync(spec.argv[0], [launcher, 'kernel', '--help'], { encoding: 'utf8', env: { ...process.env, ...spec.env } });
    expect(help.stdout).toMatch(/--config-path <path>/);
  });
});

describe('ensureSpec', () => {
  let tmp: string;
  const saved = { JUPYTER_DATA_DIR: process.env.JUPYTER_DATA_DIR, JUPYTER_PATH: process.env.JUPYTER_PATH };
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kernel-setup-'));
    process.env.JUPYTER_DATA_DIR = path.join(tmp, 'user');
    delete process.env.JUPYTER_PATH;
  });
  afterEach(() => {
    for (const [k, v] of Object.entries(saved)) v === undefined ? delete process.env[k] : (process.env[k] = v);
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('creates the spec once, leaves it alone after, and rewrites a stale one', () => {
    const log: string[] = [];
    expect(ensureSpec(desiredSpec(), (l) => log.push(l))).toBe('created');
    expect(specDir()).toBe(path.join(tmp, 'user', 'kernels', KERNEL_NAME));
    expect(findKernelSpec(KERNEL_NAME).argv).toEqual(desiredSpec().argv);
    expect(ensureSpec(desiredSpec())).toBe('unchanged');
    const file = path.join(specDir(), 'kernel.json');
    fs.writeFileSync(file, JSON.stringify({ ...desiredSpec(), argv: ['/old/node', '/old/checkout/tslab', 'kernel'] }));
    expect(ensureSpec(desiredSpec())).toBe('updated');
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual(desiredSpec());
    const plotly = path.join(specDir(), PLOTLY_RESOURCE);
    expect(log).toEqual([`kernel spec ${KERNEL_NAME} created: ${file}`, `plotly.js for the Jupyter server: ${plotly}`]);
    // The plotly.js copy Jupyter serves from the spec folder: the npm package's bytes, rewritten when stale.
    expect(fs.readFileSync(plotly).equals(fs.readFileSync(require.resolve(PLOTLY_PACKAGE)))).toBe(true);
    fs.writeFileSync(plotly, 'stale');
    expect(ensureSpec(desiredSpec())).toBe('updated');
    expect(fs.readFileSync(plotly).equals(fs.readFileSync(require.resolve(PLOTLY_PACKAGE)))).toBe(true);
    expect(ensureSpec(desiredSpec())).toBe('unchanged');
  });

  it('removes an old reglab spec that would shadow it, and refuses to touch a foreign one', () => {
    const earlier = path.join(tmp, 'earlier');
    const shadow = path.join(earlier, 'kernels', KERNEL_NAME);
    fs.mkdirSync(shadow, { recursive: true });
    fs.writeFileSync(path.join(shadow, 'kernel.json'), JSON.stringify({ ...desiredSpec(), argv: ['/gone/node'] }));
    process.env.JUPYTER_PATH = earlier;
    expect(ensureSpec(desiredSpec())).toBe('created');
    expect(fs.existsSync(shadow)).toBe(false);
    expect(findKernelSpec(KERNEL_NAME).resourceDir).toBe(specDir());

    fs.mkdirSync(shadow, { recursive: true });
    fs.writeFileSync(path.join(shadow, 'kernel.json'), JSON.stringify({ argv: ['someone-elses-kernel'], display_name: 'x' }));
    expect(() => ensureSpec(desiredSpec())).toThrow(/another kernel spec named reglab-ts .* takes precedence/);
    expect(fs.existsSync(shadow)).toBe(true);
  });
});
