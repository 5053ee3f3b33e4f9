/**
 * The kernel that makes the executed feedback notebook: the install's own tslab (not whatever kernel
 * spec is registered, which may belong to another clone), run inside the same kind of sandbox as the
 * judge (sandbox.ts). In a bubblewrap sandbox there is no network, so the kernel talks over Unix
 * sockets in its connection folder, which is the only folder it can write besides its private /tmp;
 * bubblewrap reports the PID of the sandbox's init, whose child the kernel is, so an interrupt (SIGINT)
 * reaches the kernel; ending the sandbox (its init dies with bubblewrap) ends everything the student's
 * code started in it. (The kernel must not be PID 1 itself: switching to the unprivileged uid clears
 * the parent-death signal, so a PID-1 kernel would outlive a killed bubblewrap.)
 *
 * Left out on purpose: what the feedback shows (feedback.ts). This kernel's outputs never count.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { KernelLaunch } from '../notebook/runner/kernel';
import type { KernelSpec } from '../notebook/runner/kernelspec';
import { COMPILER_MB, Isolation, installPaths, sandbox } from './sandbox';

export function feedbackKernelSpec(install: string): KernelSpec {
  const tslab = path.join(install, 'node_modules', 'tslab', 'bin', 'tslab');
  return {
    name: 'reglab-ts', resourceDir: path.dirname(tslab), argv: [process.execPath, tslab, 'kernel', '--config-path', '{connection_file}'],
    display_name: 'TypeScript (reglab)', language: 'typescript', interrupt_mode: 'signal', env: {},
  };
}

/** The launch wrapper for `isolation` (undefined: start the kernel as it is, only with --unsandboxed). */
export function feedbackKernelLaunch(install: string, isolation: Isolation, memoryMb: number, workDir: string): KernelLaunch | undefined {
  if (isolation === 'none') return undefined;
  let uid: number | null = null;
  let prefix: string[] = [];
  return {
    transport: 'ipc',
    prepare(dir: string) {
      const s = sandbox(isolation, { ro: installPaths(install), rw: [dir], cwd: workDir, memoryMb: memoryMb + COMPILER_MB, infoFd: 3 });
      ({ uid, prefix } = s);
      if (uid !== null) {
        fs.chownSync(dir, uid, uid);
        for (const f of fs.readdirSync(dir)) fs.chownSync(path.join(dir, f), uid, uid);
      }
    },
    wrap(argv: string[]) {
      const [node, ...rest] = argv;
      return { argv: [...prefix, node, `--max-old-space-size=${Math.round(memoryMb * 0.8)}`, ...rest], infoFd: isolation === 'bwrap' ? 3 : undefined };
    },
  };
}
