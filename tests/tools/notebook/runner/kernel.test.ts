/** Kernel.start failures with stand-in "kernels" (Node one-liners), and a clean start/heartbeat/shutdown of real tslab. */
import { describe, expect, it } from 'vitest';
import { Kernel, KernelStartError } from '../../../../src/tools/notebook/runner/kernel';
import { findKernelSpec, KernelSpec } from '../../../../src/tools/notebook/runner/kernelspec';

const spec = (argv: string[]): KernelSpec => ({ name: 'stand-in', resourceDir: '/tmp', argv, display_name: 'stand-in', language: 'none' });
const start = (argv: string[], startupTimeoutMs = 10_000) => Kernel.start(spec(argv), { cwd: process.cwd(), startupTimeoutMs });

describe('Kernel.start', () => {
  it('says which command could not be run', async () => {
    await expect(start(['/nonexistent/kernel-binary', '{connection_file}'])).rejects.toThrow(/cannot run \/nonexistent\/kernel-binary: spawn .*ENOENT/);
  });

  it('reports a kernel that exits during startup, with the end of what it printed', async () => {
    const err = await start([process.execPath, '-e', 'console.error("bad config: " + process.argv[1]); process.exit(2)', '{connection_file}']).catch((e) => e);
    expect(err).toBeInstanceOf(KernelStartError);
    expect(err.message).toMatch(/^kernel 'stand-in' exited during startup \(exit code 2\)\nbad config: .*kernel-stand-in\.json$/);
  });

  it('gives up on a kernel that never answers, and kills it', async () => {
    const t0 = Date.now();
    const err = await start([process.execPath, '-e', 'console.log(process.pid); setInterval(() => {}, 1000)'], 1000).catch((e) => e);
    expect(err.message).toMatch(/^kernel 'stand-in' did not answer kernel_info_request within 1000 ms\n(\d+)$/);
    expect(Date.now() - t0).toBeLessThan(5000);
    const pid = Number(/\n(\d+)$/.exec(err.message)![1]);
    expect(() => process.kill(pid, 0)).toThrow(/ESRCH/);
  });

  it('starts tslab, answers heartbeats, and exits cleanly on shutdown_request', async () => {
    const kernel = await Kernel.start(findKernelSpec('reglab-ts'), { cwd: process.cwd() });
    expect(kernel.info.language_info?.name).toBe('typescript');
    expect(await kernel.channels.ping(2000)).toBe(true);
    await kernel.shutdown();
    expect(kernel.exit).toEqual({ code: 0, signal: null });
    expect(await kernel.channels.ping(200)).toBe(false);
  });
});
