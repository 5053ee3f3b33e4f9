/** Which kernels this test process runs: WebAssembly unless REGLAB_KERNEL=js (the js-kernels project of vitest.config.mts). */
import { describe, expect, it } from 'vitest';
import { kernelKind } from '../../../src/lib/kernels/kernels';

describe('kernel choice', () => {
  it('follows REGLAB_KERNEL', () => {
    expect(kernelKind()).toBe(process.env.REGLAB_KERNEL === 'js' ? 'js' : 'wasm');
  });
});
