/**
 * The sandbox every process that runs student code gets (grader/sandbox.ts), attacked from inside by
 * a Node script: it runs as an unprivileged uid; sees the read-only install but not the sources, the
 * tests, git, other folders or the kernel specs; cannot write the install; has a private, size-capped
 * /tmp, no network, its own PID namespace (it cannot see or signal the grader); a real memory limit
 * (off-heap typed arrays fail too); and dies as a whole, with whatever it started, when the grader
 * kills the sandbox. In CI (CI=true) a missing bubblewrap fails; elsewhere the test is skipped.
 */
import { spawn, spawnSync, execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { detectIsolation, installPaths, sandbox } from '../../../src/tools/grader/sandbox';
import { userDataDir } from '../../../src/tools/notebook/runner/kernelspec';

const INSTALL = path.resolve(__dirname, '../../..');
const found = detectIsolation();
if (found.kind !== 'bwrap' && process.env.CI) throw new Error(`no bubblewrap sandbox: ${found.why}`);

const PROBE = `
const fs = require('fs');
const out = {};
const tryIt = (k, f) => { try { out[k] = f(); } catch (e) { out[k] = 'DENIED ' + (e.code || e.message); } };
tryIt('uid', () => process.getuid());
tryIt('pid', () => process.pid);
tryIt('install', () => typeof require(${JSON.stringify(path.join(INSTALL, 'dist', 'index.js'))}).train);
tryIt('sources', () => fs.readdirSync(${JSON.stringify(path.join(INSTALL, 'notebooks', 'source'))}).length);
tryIt('tests', () => fs.readdirSync(${JSON.stringify(path.join(INSTALL, 'tests'))}).length);
tryIt('git', () => fs.readdirSync(${JSON.stringify(path.join(INSTALL, '.git'))}).length);
tryIt('specs', () => fs.readdirSync(${JSON.stringify(userDataDir())}).length);
tryIt('writeInstall', () => { fs.appendFileSync(${JSON.stringify(path.join(INSTALL, 'dist', 'index.js'))}, '//'); return 'WROTE'; });
tryIt('tmp', () => { fs.writeFileSync('/tmp/x', 'y'); return 'ok'; });
tryIt('tmpCap', () => { fs.writeFileSync('/tmp/big', Buffer.alloc(80 * 1024 * 1024)); return 'WROTE 80 MB'; });
tryIt('procs', () => fs.readdirSync('/proc').filter((d) => /^\\d+$/.test(d)).length);
tryIt('killGrader', () => { process.kill(${process.pid}, 0); return 'REACHED'; });
tryIt('env', () => Object.keys(process.env).sort().join(','));
tryIt('memory', () => { const keep = []; try { for (let i = 0; i < 64; i++) keep.push(new Float64Array(1 << 24)); } catch (e) { return 'stopped at ' + keep.length * 128 + ' MB'; } return 'ALLOCATED 8 GB'; });
const s = require('net').connect(80, '1.1.1.1');
s.on('error', (e) => { out.net = 'DENIED ' + e.code; console.log(JSON.stringify(out)); });
s.on('connect', () => { out.net = 'CONNECTED'; console.log(JSON.stringify(out)); process.exit(0); });
`;

describe.skipIf(found.kind !== 'bwrap')('sandbox (bubblewrap)', () => {
  it('holds against a script that tries everything', () => {
    const { prefix, uid } = sandbox('bwrap', { ro: installPaths(INSTALL), cwd: path.join(INSTALL, 'notebooks'), memoryMb: 1024 });
    const r = spawnSync(prefix[0], [...prefix.slice(1), process.execPath, '-e', PROBE], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout.trim().split('\n').pop()!);
    expect(out.uid).toBe(uid);
    expect(uid).toBeGreaterThanOrEqual(200_000);
    expect(out.install).toBe('function');
    for (const k of ['sources', 'tests', 'git', 'specs']) expect(out[k], k).toBe('DENIED ENOENT');
    expect(out.writeInstall).toMatch(/^DENIED (EROFS|EACCES)/);
    expect(out.tmp).toBe('ok');
    expect(out.tmpCap).toMatch(/^DENIED/);
    expect(out.procs).toBeLessThanOrEqual(3); // its own namespace: bubblewrap's init and the probe
    expect(out.killGrader).toBe('DENIED ESRCH');
    expect(out.env).toBe('HOME,PATH,PWD');
    expect(out.memory).toMatch(/^stopped at \d+ MB$/);
    expect(Number(/(\d+)/.exec(out.memory)![1])).toBeLessThan(2048);
    expect(out.net).toMatch(/^DENIED (ENETUNREACH|EHOSTUNREACH)$/);
  }, 90_000);

  it('ends everything inside when the grader kills the sandbox, daemons included', async () => {
    const { prefix, uid } = sandbox('bwrap', { ro: installPaths(INSTALL), cwd: path.join(INSTALL, 'notebooks'), memoryMb: 512 });
    const script = "require('child_process').spawn('/bin/sleep', ['300'], { detached: true, stdio: 'ignore' }).unref(); console.log('ready'); setInterval(() => {}, 1000);";
    const child = spawn(prefix[0], [...prefix.slice(1), process.execPath, '-e', script], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    await new Promise<void>((resolve) => child.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve()));
    const running = () => execFileSync('ps', ['-eo', 'uid='], { encoding: 'utf8' }).split('\n').filter((l) => Number(l.trim()) === uid).length;
    expect(running()).toBeGreaterThanOrEqual(2); // node and the detached sleep
    process.kill(-child.pid!, 'SIGKILL');
    await new Promise((r) => child.once('close', r));
    for (let i = 0; i < 20 && running() > 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(running()).toBe(0);
  }, 60_000);

  it('runs an install that lives under /tmp (a CI clone there): its folders stay passable for the sandbox uid', () => {
    const install = fs.mkdtempSync('/tmp/reglab-install-');
    try {
      for (const d of ['dist', 'node_modules', 'notebooks']) fs.mkdirSync(path.join(install, d));
      fs.writeFileSync(path.join(install, 'package.json'), '{}');
      fs.writeFileSync(path.join(install, 'dist', 'index.js'), 'exports.answer = 42;');
      fs.chmodSync(install, 0o700); // mkdtemp's mode: only root could pass it
      const { prefix } = sandbox('bwrap', { ro: installPaths(install), cwd: path.join(install, 'notebooks'), memoryMb: 512 });
      const r = spawnSync(prefix[0], [...prefix.slice(1), process.execPath, '-e', `console.log(require(${JSON.stringify(path.join(install, 'dist', 'index.js'))}).answer)`], { encoding: 'utf8', timeout: 60_000 });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout.trim()).toBe('42');
    } finally {
      fs.rmSync(install, { recursive: true, force: true });
    }
  }, 60_000);

  it('reports the isolation it found', () => {
    expect(found).toEqual({ kind: 'bwrap', why: 'bubblewrap namespaces and a separate uid' });
    expect(fs.existsSync('/usr/bin/bwrap')).toBe(true);
  });
});
