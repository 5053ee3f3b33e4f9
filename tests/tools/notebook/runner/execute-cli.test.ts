/** `npm run execute` (src/tools/cli/execute-cli.ts, run from source): usage, refusals, exit codes. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { readNotebook } from '../../../../src/tools/notebook/notebook-io';

const ROOT = path.resolve(__dirname, '../../../..');
const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'notebooks');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'execute-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(ROOT, 'src', 'tools', 'cli', 'execute-cli.ts'), ...args],
    { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stderr: r.stderr.trim() };
}

describe('execute CLI', () => {
  it('gives a one-line error and exit 2 for a malformed notebook or an unknown kernel', () => {
    const malformed = cli(path.join(FIXTURES, 'malformed.ipynb'), '--out', path.join(tmp, 'x.ipynb'));
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toMatch(/^execute: \S*malformed\.ipynb: not valid JSON \(.*\)$/);
    const unknown = cli(path.join(FIXTURES, 'unknown-kernel.ipynb'), '--out', path.join(tmp, 'y.ipynb'));
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^execute: unknown kernel 'no-such-kernel-xyz': no kernel spec of that name [^\n]*$/);
    expect(fs.existsSync(path.join(tmp, 'x.ipynb')) || fs.existsSync(path.join(tmp, 'y.ipynb'))).toBe(false);
  });

  it('never writes over its input or an existing file unless --overwrite', () => {
    const input = path.join(tmp, 'in.ipynb');
    fs.copyFileSync(path.join(FIXTURES, 'malformed.ipynb'), input);
    const before = fs.readFileSync(input, 'utf8');
    const same = cli(input, '--out', input);
    expect(same.code).toBe(2);
    expect(same.stderr).toMatch(/in\.ipynb is the input notebook; pass --overwrite to replace it/);
    expect(cli(input).stderr).toMatch(/--out is required/);
    expect(cli(input, '--out', path.join(tmp, 'o.ipynb'), '--timeout', 'soon').stderr).toMatch(/--timeout must be a positive number/);
    expect(cli(input, '--out', path.join(tmp, 'o.ipynb'), '--frobnicate').stderr).toMatch(/unknown option --frobnicate/);
    expect(fs.readFileSync(input, 'utf8')).toBe(before);
  });

  it('writes the executed notebook; exit 0 when all cells pass, 1 when one fails', () => {
    const out = path.join(tmp, 'display-out.ipynb');
    const ok = cli(path.join(FIXTURES, 'display.ipynb'), '--out', out, '--timeout', '60');
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stderr).toMatch(/execute: 3\/3 code cells ok; wrote .*display-out\.ipynb/);
    const nb = readNotebook(out);
    expect(nb.nbformat_minor).toBe(5);
    expect((nb.cells[1] as any).outputs[0].data['text/plain']).toBe('updated from a later cell');
    const again = cli(path.join(FIXTURES, 'display.ipynb'), '--out', out);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/display-out\.ipynb already exists; pass --overwrite/);

    const failing = cli(path.join(FIXTURES, 'errors.ipynb'), '--out', out, '--overwrite', '--stop-on-error', '--quiet');
    expect(failing.code).toBe(1);
    expect(failing.stderr).toMatch(/^execute: 1\/7 code cells ok, 5 skipped; failed: cell 1 \(error\); wrote /);
  });
});
