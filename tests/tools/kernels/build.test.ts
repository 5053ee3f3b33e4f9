/**
 * The committed kernel bytes (src/lib/kernels/wasm-bytes.ts) are what the generators in
 * src/tools/kernels/ build today: change a generator and forget `npm run kernels`, and this fails.
 * Also: the build is deterministic, and the module validates on this Node.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildKernels, bytesSource, moduleWat } from '../../../src/tools/kernels/module';
import { KERNELS_WASM_BASE64 } from '../../../src/lib/kernels/wasm-bytes';

const FILE = join(__dirname, '../../../src/lib/kernels/wasm-bytes.ts');

describe('kernel bytes', () => {
  it('the committed wasm-bytes.ts is exactly what the generators build (run `npm run kernels` if not)', async () => {
    const built = await buildKernels();
    expect(bytesSource(built) === readFileSync(FILE, 'utf8'), 'src/lib/kernels/wasm-bytes.ts is stale: run `npm run kernels`').toBe(true);
  });
  it('builds the same bytes twice, and they validate', async () => {
    const [a, b] = [await buildKernels(), await buildKernels()];
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(WebAssembly.validate(Buffer.from(KERNELS_WASM_BASE64, 'base64'))).toBe(true);
  });
  it('the WAT uses no relaxed-SIMD and no fused multiply-add', () => {
    expect(moduleWat()).not.toMatch(/relaxed|fma|madd/);
  });
});
