/**
 * Runs src/tools/bench/torch_step.py (the same training step in PyTorch, one thread) with the system
 * Python, if PyTorch is importable there, and collects its timings.
 *
 * Left out on purpose: installing PyTorch; any Python other than /usr/bin/python3 or python3 on PATH.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export interface TorchTiming { dtype: 'float32' | 'float64'; hidden: number; msPerStep: number; runs: number; torch: string }

/** The script sits in src/tools/bench; from dist/tools/bench or src/tools/bench both resolve to the same file. */
export const TORCH_SCRIPT = resolve(__dirname, '../../../src/tools/bench/torch_step.py');

export function runTorch(opts: { N: number; T: number; D: number; V: number; hidden: number[]; dtypes: string[]; minMs: number })
  : { results: TorchTiming[] } | { error: string } {
  const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
  if (!existsSync(TORCH_SCRIPT)) return { error: `${TORCH_SCRIPT} not found` };
  const probe = spawnSync(python, ['-c', 'import torch'], { encoding: 'utf8' });
  if (probe.status !== 0) return { error: `PyTorch is not importable by ${python} (${(probe.stderr || String(probe.error ?? '')).trim().split('\n').pop()})` };
  const run = spawnSync(python, [TORCH_SCRIPT, JSON.stringify(opts)], { encoding: 'utf8', timeout: 10 * 60_000, env: { ...process.env, OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' } });
  if (run.status !== 0) return { error: `torch_step.py failed (${run.status ?? run.signal}): ${run.stderr.trim().split('\n').slice(-3).join(' | ')}` };
  const results = run.stdout.trim().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as TorchTiming);
  return { results };
}
