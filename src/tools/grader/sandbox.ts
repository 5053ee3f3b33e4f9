/**
 * Running a process that executes student code (the judge realm, the feedback kernel) where it cannot
 * reach anything else. Which isolation is used is decided once and reported:
 *  - 'bwrap' (Debian's bubblewrap, when namespaces work and the grader is root): new PID, network, IPC
 *    and UTS namespaces; a file system of read-only /usr, the read-only install (package.json, dist/,
 *    node_modules/: not the sources, tests, git or kernel specs), a private /tmp (tmpfs, size-capped)
 *    and only the folders named for this process; then `setpriv` to a fresh unprivileged uid (random,
 *    so concurrent sandboxes cannot signal or read each other) with no capabilities and no_new_privs;
 *    then `prlimit`: RLIMIT_DATA (the process's writable memory: V8's heap and the typed arrays outside it,
 *    a real memory limit, where an address-space limit would stop V8 reserving its code range), processes,
 *    file size, no core dumps. `--die-with-parent` and the PID namespace end every process in it when the grader ends
 *    it or dies;
 *  - 'setpriv' (no bwrap): only the separate uid and the rlimits; the process still sees the file
 *    system as that uid does (world-readable files) and the network;
 *  - 'none': only when the caller says `--unsandboxed`; the grader refuses otherwise.
 *
 * Left out on purpose: cgroups (the machine's cgroup v1 hierarchy belongs to its operator), seccomp.
 */
import * as fs from 'fs';
import * as path from 'path';
import { randomInt } from 'crypto';
import { spawnSync } from 'child_process';

export type Isolation = 'bwrap' | 'setpriv' | 'none';

export interface SandboxSpec {
  /** Paths bound read-only at the same place. */
  ro: string[];
  /** Paths bound read-write at the same place (a kernel's socket folder). */
  rw?: string[];
  /** Working folder inside (made empty if it does not exist there). */
  cwd: string;
  /** Memory limit of the process (RLIMIT_DATA). */
  memoryMb: number;
  tmpMb?: number;
  /** bwrap writes {"child-pid": N} (the command's PID outside) to this fd. */
  infoFd?: number;
}

export interface Sandboxed {
  /** Put before the command's own argv. */
  prefix: string[];
  /** The unprivileged uid the command runs as (null without a sandbox). */
  uid: number | null;
}

/** What the judge's and the kernel's own TypeScript compiler needs on top of the memory given to student code. */
export const COMPILER_MB = 512;

const BWRAP = '/usr/bin/bwrap';
const SETPRIV = '/usr/bin/setpriv';
const PRLIMIT = '/usr/bin/prlimit';

let detected: { kind: Isolation | null; why: string } | null = null;

/** The strongest isolation this machine offers (cached). */
export function detectIsolation(): { kind: Isolation | null; why: string } {
  if (detected) return detected;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const tools = [SETPRIV, PRLIMIT].filter((p) => !fs.existsSync(p));
  if (!root) return (detected = { kind: null, why: 'the grader is not running as root, so it cannot switch student code to another uid' });
  if (tools.length) return (detected = { kind: null, why: `${tools.join(' and ')} missing (Debian: util-linux)` });
  if (!fs.existsSync(BWRAP)) return (detected = { kind: 'setpriv', why: `${BWRAP} missing (Debian: bubblewrap): separate uid only` });
  const probe = spawnSync(BWRAP, ['--ro-bind', '/', '/', '--unshare-pid', '--unshare-net', '--unshare-ipc', '--die-with-parent', '--', '/bin/true'], { timeout: 20_000 });
  if (probe.status !== 0) return (detected = { kind: 'setpriv', why: `bubblewrap cannot make namespaces here (${String(probe.stderr ?? '').trim().split('\n')[0] || `exit ${probe.status}`}): separate uid only` });
  return (detected = { kind: 'bwrap', why: 'bubblewrap namespaces and a separate uid' });
}

/** The read-only install a sandbox sees: what `import "reglab"` and tslab need, nothing else. */
export function installPaths(install: string): string[] {
  return ['package.json', 'dist', 'node_modules'].map((p) => path.join(install, p));
}

/** A fresh uid for one sandboxed process (no passwd entry needed). */
const freshUid = (): number => randomInt(200_000, 1_900_000);

export function sandbox(kind: Isolation, spec: SandboxSpec): Sandboxed {
  if (kind === 'none') return { prefix: [], uid: null };
  const uid = freshUid();
  const tmpBytes = (spec.tmpMb ?? 64) * 1024 * 1024;
  const limits = [PRLIMIT, `--data=${Math.round(spec.memoryMb * 1024 * 1024)}`, '--nproc=256', `--fsize=${tmpBytes}`, '--core=0', '--'];
  const drop = [SETPRIV, `--reuid=${uid}`, `--regid=${uid}`, '--clear-groups', '--inh-caps=-all', '--bounding-set=-all', '--no-new-privs', '--'];
  if (kind === 'setpriv') return { prefix: [...drop, ...limits], uid };
  const a = [BWRAP, '--unshare-pid', '--unshare-net', '--unshare-ipc', '--unshare-uts', '--unshare-cgroup-try', '--die-with-parent', '--new-session'];
  if (spec.infoFd !== undefined) a.push('--info-fd', String(spec.infoFd));
  a.push('--ro-bind', '/usr', '/usr', '--symlink', 'usr/lib', '/lib', '--symlink', 'usr/lib64', '/lib64', '--symlink', 'usr/bin', '/bin', '--symlink', 'usr/sbin', '/sbin',
    '--proc', '/proc', '--dev', '/dev', '--perms', '1777', '--size', String(tmpBytes), '--tmpfs', '/tmp');
  // bwrap makes missing parent folders mode 0700 (root's): the unprivileged uid could not pass them;
  // that includes folders under the private /tmp, where a CI clone may live
  const binds: [string, string][] = [['/etc/ssl/openssl.cnf', '--ro-bind-try'], ['/etc/ld.so.cache', '--ro-bind-try'], ['/etc/localtime', '--ro-bind-try'],
    ...spec.ro.map((p): [string, string] => [p, '--ro-bind']), ...(spec.rw ?? []).map((p): [string, string] => [p, '--bind'])];
  const parents = new Set<string>();
  for (const p of [...binds.map(([b]) => b), path.join(spec.cwd, 'x')]) for (let d = path.dirname(p); d !== '/' && d !== '.'; d = path.dirname(d)) parents.add(d);
  for (const d of [...parents].sort((x, y) => x.length - y.length)) if (d !== '/tmp' && !['/usr', '/proc', '/dev'].some((m) => d === m || d.startsWith(m + '/'))) a.push('--perms', '0755', '--dir', d);
  for (const [p, how] of binds) a.push(how, p, p);
  a.push('--perms', '0755', '--dir', spec.cwd, '--chdir', spec.cwd, '--clearenv', '--setenv', 'HOME', '/tmp', '--setenv', 'PATH', '/usr/bin:/bin', '--');
  return { prefix: [...a, ...drop, ...limits], uid };
}
