/**
 * The benchmark's printed report: a table with a row per contender and hidden size (wall and CPU
 * ms/step, tokens/s, GFLOP/s, and each row compared with the one it should be compared with), and
 * issue 13's target lines (reglab / PyTorch float64 at one and at two threads).
 *
 * Left out on purpose: measuring (run-bench.ts), writing files (the CLI).
 */
import type { BenchRow, Impl } from './run-bench';

const pad = (s: string | number, n: number): string => String(s).padStart(n);

export const IMPL_NAMES: Record<Impl, string> = {
  reglab: 'reglab wasm', 'reglab-2t': 'reglab wasm 2t', 'reglab-js': 'reglab js', tfjs: 'tfjs-cpu f32',
  'torch-f64': 'torch f64', 'torch-f64-2t': 'torch f64 2t', torch: 'torch f32', 'torch-2t': 'torch f32 2t',
};
const find = (rows: BenchRow[], impl: Impl, H: number) => rows.find((r) => r.impl === impl && r.hidden === H);
/** "x.xx" of a/b, or "-". */
const ratio = (a: BenchRow | undefined, b: BenchRow | undefined, cpu = false) => (a && b ? (cpu ? a.cpuMsPerStep / b.cpuMsPerStep : a.msPerStep / b.msPerStep).toFixed(2) : '-');

/** One header line, then one line per row, in the rows' order. */
export function benchTable(rows: BenchRow[]): string {
  const lines = [`${'impl'.padEnd(16)}${pad('hidden', 7)}${pad('ms/step', 9)}${pad('CPU ms', 9)}${pad('tokens/s', 10)}${pad('GFLOP/s', 9)}  compared`];
  for (const r of rows) {
    const own = find(rows, 'reglab', r.hidden);
    let note = '';
    if (r.impl === 'reglab') note = r.matmulShare !== undefined ? `${(100 * r.matmulShare).toFixed(0)}% of the products alone (${r.matmulGflops!.toFixed(1)} GFLOP/s, CPU)` : '';
    else if (r.impl === 'reglab-js' || r.impl === 'tfjs') note = `${ratio(r, own)}x the time of reglab wasm`;
    else if (r.impl === 'reglab-2t') note = `${ratio(own, r)}x faster than one thread (wall); CPU ${ratio(r, own, true)}x`;
    else if (r.impl.startsWith('torch')) {
      const mine = find(rows, r.threads === 2 ? 'reglab-2t' : 'reglab', r.hidden);
      note = `reglab${r.threads === 2 ? ' 2t' : ''} takes ${ratio(mine, r)}x its time${r.threads === 1 ? ` (CPU ${ratio(mine, r, true)}x)` : ''}`;
    }
    lines.push(`${IMPL_NAMES[r.impl].padEnd(16)}${pad(r.hidden, 7)}${pad(r.msPerStep.toFixed(1), 9)}${pad(r.cpuMsPerStep.toFixed(1), 9)}${pad(Math.round(r.tokensPerSec), 10)}${pad(r.gflops.toFixed(2), 9)}  ${note}`);
  }
  return lines.join('\n');
}

/** Issue 13's targets at hidden 128 (with a verdict), and the same ratios at every other size: one line per hidden size. */
export function benchTargets(rows: BenchRow[]): string[] {
  const out: string[] = [];
  for (const H of [...new Set(rows.map((r) => r.hidden))]) {
    const one = ratio(find(rows, 'reglab', H), find(rows, 'torch-f64', H)), two = ratio(find(rows, 'reglab-2t', H), find(rows, 'torch-f64-2t', H));
    const cpu = ratio(find(rows, 'reglab', H), find(rows, 'torch-f64', H), true);
    const verdict = (x: string) => (x === '-' ? '' : Number(x) <= 1.3 ? ' (met: <= 1.3)' : ' (NOT met: > 1.3)');
    out.push(H === 128
      ? `target at hidden 128: reglab / torch f64, one thread ${one}x wall, ${cpu}x CPU${verdict(one)}; two threads ${two}x wall${verdict(two)}`
      : `hidden ${H}: reglab / torch f64, one thread ${one}x wall, ${cpu}x CPU; two threads ${two}x wall`);
  }
  return out;
}
