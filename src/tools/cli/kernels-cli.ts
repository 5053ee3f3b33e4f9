/**
 * `npm run kernels`: regenerates src/lib/kernels/wasm-bytes.ts from the generators in src/tools/kernels/
 * (needs the wabt devDependency). Prints the size and whether the file changed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildKernels, bytesSource } from '../kernels/module';
import { packageRoot } from '../base/package-root';

async function main(): Promise<void> {
  const file = join(packageRoot(), 'src/lib/kernels/wasm-bytes.ts');
  const text = bytesSource(await buildKernels());
  let old = '';
  try { old = readFileSync(file, 'utf8'); } catch { /* first build */ }
  if (old === text) console.log(`${file}: up to date`);
  else { writeFileSync(file, text); console.log(`${file}: written (${text.length} characters)`); }
}

main().catch((e) => { console.error(e); process.exit(1); });
