import { defineConfig } from 'vitest/config';

// Two projects: every test with the kernels the machine has (WebAssembly SIMD on Node 20), and the
// layer, number, model, optimizer and training tests again with REGLAB_KERNEL=js, so the JavaScript
// reference kernels keep passing the same gradient checks and golden hash (issue 13).
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      { extends: true, test: { name: 'default', include: ['tests/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'js-kernels',
          include: ['tests/lib/{layers,numbers,model,optim,train}/**/*.test.ts', 'tests/lib/kernels/kind.test.ts'],
          env: { REGLAB_KERNEL: 'js' },
        },
      },
    ],
  },
});
