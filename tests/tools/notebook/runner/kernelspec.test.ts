import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { afterAll, describe, expect, it } from 'vitest';
import { dataDirs, findKernelSpec, listKernelSpecs, UnknownKernelError, userDataDir } from '../../../../src/tools/notebook/runner/kernelspec';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kernelspec-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function writeSpec(dataDir: string, name: string, spec: object): void {
  fs.mkdirSync(path.join(dataDir, 'kernels', name), { recursive: true });
  fs.writeFileSync(path.join(dataDir, 'kernels', name, 'kernel.json'), JSON.stringify(spec));
}

describe('kernel spec discovery', () => {
  const first = path.join(tmp, 'first');
  const second = path.join(tmp, 'second');
  writeSpec(first, 'Demo', { argv: ['demo-a', '{connection_file}'], display_name: 'Demo A', language: 'x', interrupt_mode: 'message' });
  writeSpec(second, 'demo', { argv: ['demo-b'], display_name: 'Demo B', language: 'x' });
  writeSpec(second, 'broken', { display_name: 'no argv' });
  writeSpec(second, 'plain', { argv: ['p'] });

  it('searches JUPYTER_PATH first, then the user dir, then system dirs', () => {
    const env = { JUPYTER_PATH: [first, second].join(path.delimiter), JUPYTER_DATA_DIR: path.join(tmp, 'user'), HOME: tmp };
    expect(userDataDir(env)).toBe(path.join(tmp, 'user'));
    expect(dataDirs(env).slice(0, 3)).toEqual([first, second, path.join(tmp, 'user')]);
    if (process.platform === 'linux') expect(userDataDir({ XDG_DATA_HOME: '/xdg' })).toBe('/xdg/jupyter');
  });

  it('lets the earlier dir win, matches names case-insensitively and skips specs without argv', () => {
    const specs = listKernelSpecs([first, second]);
    expect([...specs.keys()].sort()).toEqual(['demo', 'plain']);
    const demo = specs.get('demo')!;
    expect(demo).toMatchObject({ name: 'demo', argv: ['demo-a', '{connection_file}'], display_name: 'Demo A', interrupt_mode: 'message' });
    expect(demo.resourceDir).toBe(path.join(first, 'kernels', 'Demo'));
    expect(specs.get('plain')).toMatchObject({ display_name: 'plain', interrupt_mode: 'signal' });
  });

  it('finds a spec by name, and names the missing one and the alternatives', () => {
    const env = { JUPYTER_PATH: first, JUPYTER_DATA_DIR: path.join(tmp, 'user') };
    expect(findKernelSpec('DEMO', env).display_name).toBe('Demo A');
    let error: unknown;
    try {
      findKernelSpec('no-such-kernel-xyz', env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UnknownKernelError);
    expect((error as Error).message).toMatch(/^unknown kernel 'no-such-kernel-xyz': no kernel spec of that name \(available: .*demo/);
  });
});
