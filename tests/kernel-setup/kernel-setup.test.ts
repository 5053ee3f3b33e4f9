/** kernel-setup: the reglab-ts spec content, writing it idempotently, replacing stale ones. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { desiredSpec, ensureSpec, KERNEL_NAME, ROOT, specDir } from '../../kernel-setup/spec';
import { findKernelSpec } from '../../src/tools/notebook/runner/kernelspec';

describe('the reglab-ts kernel spec', () => {
  it('runs the project tslab with the project Node by absolute path', () => {
    const spec = desiredSpec();
    const entry = path.join(ROOT, 'node_modules', 'tslab', 'bin', 'tslab');
    expect(spec.argv).toEqual([process.execPath, entry, 'kernel', '--config-path', '{connection_file}']);
    expect(path.isAbsolute(spec.argv[0])).toBe(true);
    expect(spec).toMatchObject({ display_name: 'TypeScript (reglab)', language: 'typescript', interrupt_mode: 'signal' });
    // tslab's own CLI accepts exactly this command line.
    const help = spawnSync(spec.argv[0], [entry, 'kernel', '--help'], { encoding: 'utf8' });
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
    expect(log).toEqual([`kernel spec ${KERNEL_NAME} created: ${file}`]);
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
