/**
 * Proof that the kernel works: a two-cell notebook that imports the library by package name,
 * executed through the runner (the real tslab kernel over ZeroMQ). A stamp in the spec dir records
 * the last good proof, so an unchanged setup does not run it again.
 *
 * Left out: running the workbook notebooks themselves (their own tests do that).
 */
import * as fs from 'fs';
import * as path from 'path';
import { createHash } from 'crypto';
import type { Notebook } from '../src/tools/notebook/notebook-io';
import { KERNEL_NAME, DISPLAY_NAME, KernelJson, ROOT } from './spec';

const STAMP = 'reglab-proof.json';

/** What the proof depends on: the spec, Node, and the built library entry (content, not mtime). */
export function proofKey(spec: KernelJson, root = ROOT): string {
  const hash = createHash('sha256').update(JSON.stringify([spec, process.version]));
  for (const file of ['index.js', 'index.d.ts']) {
    const p = path.join(root, 'dist', file);
    hash.update(fs.existsSync(p) ? fs.readFileSync(p) : 'missing');
  }
  return hash.digest('hex');
}

export function proofIsCurrent(specDir: string, key: string): boolean {
  try {
    return JSON.parse(fs.readFileSync(path.join(specDir, STAMP), 'utf8')).key === key;
  } catch {
    return false;
  }
}

/** Runs the proof notebook; returns what it printed, throws with the cell outputs when it fails. */
export async function runProof(specDir: string, key: string, root = ROOT): Promise<{ text: string; ms: number }> {
  const { executeNotebook } = await import('../src/tools/notebook/runner/execute');
  const source = [
    'import * as rl from "reglab";',
    'const names = Object.keys(rl).sort();',
    'console.log(`reglab ok: ${names.length} exports (${names.slice(0, 4).join(", ")}, ...)`);',
  ].join('\n');
  const nb: Notebook = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: KERNEL_NAME, display_name: DISPLAY_NAME, language: 'typescript' } },
    cells: [
      { cell_type: 'code', source, metadata: {}, outputs: [], execution_count: null },
      { cell_type: 'code', source: 'names.length', metadata: {}, outputs: [], execution_count: null },
    ],
  };
  const cwd = path.join(root, 'notebooks'); // where learners' notebooks run
  fs.mkdirSync(cwd, { recursive: true });
  const t0 = Date.now();
  const { notebook, cells } = await executeNotebook(nb, { cwd, cellTimeoutMs: 120_000 });
  const text = notebook.cells.map((c) => (c.cell_type === 'code' ? (c.outputs as any[]) : []).map((o) => o.text ?? JSON.stringify(o)).join('')).join('');
  const count = Number(/reglab ok: (\d+) exports/.exec(text)?.[1] ?? 0);
  if (cells.some((c) => c.status !== 'ok') || count === 0) {
    throw new Error(`the proof notebook failed (is the library built? npm run build):\n${text.trim()}`);
  }
  fs.writeFileSync(path.join(specDir, STAMP), JSON.stringify({ key, at: new Date().toISOString(), output: text.trim() }, null, 1) + '\n');
  return { text: text.trim(), ms: Date.now() - t0 };
}
