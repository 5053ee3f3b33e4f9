/**
 * The judge realm's entry point: `node dist/tools/grader/judge/realm-main.js` with a RealmJob on stdin
 * (protocol.ts). It boots (realm-library.ts), then runs the cells in order and writes one JSON line per
 * event to fd 3, the only channel the grader reads (stdout and stderr are not looked at). It runs
 * inside the sandbox the grader chose (sandbox.ts); it never opens a file of its own.
 *
 * A timer or promise of student code that throws later is ignored, as tslab prints and goes on.
 *
 * Left out on purpose: any decision about points (the grader side, judge.ts, makes those).
 */
import * as fs from 'fs';
import * as v8 from 'v8';
import * as crypto from 'crypto';
import type { CachedBindings, RealmInput, RealmJob, RealmMessage } from './protocol';
import { bootRealm } from './realm-library';
import { compartmentGlobals } from './realm-globals';
import { NotebookScope } from './realm-scope';
import { NotebookRun, runCell } from './realm-cell';
import { faithfulReason } from './faithful';

declare const harden: <T>(x: T) => T;
declare const Compartment: new (opts: object) => { evaluate(src: string, opts?: object): unknown; globalThis: object };

const send = (m: RealmMessage): void => {
  fs.writeSync(3, JSON.stringify(m) + '\n');
};

/** Hashes of the serializable bindings release cells made so far (to see whether a cell changed an earlier one). */
function fingerprints(scope: NotebookScope, names: Iterable<string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const n of names) {
    const v = scope.releaseValue(n);
    if (faithfulReason(v) === null) out.set(n, crypto.createHash('sha256').update(v8.serialize(v)).digest('hex'));
  }
  return out;
}

/** stdin as JSON lines: the job first, then deferred bindings as the grader gets them. */
function readInput(): { job: Promise<RealmJob>; bindings: (index: number) => Promise<CachedBindings | null> } {
  let buf = '';
  let resolveJob: (j: RealmJob) => void = () => undefined;
  const job = new Promise<RealmJob>((r) => (resolveJob = r));
  let gotJob = false;
  const arrived = new Map<number, CachedBindings | null>();
  const waiting = new Map<number, (b: CachedBindings | null) => void>();
  const deliver = (index: number, b: CachedBindings | null) => {
    arrived.set(index, b);
    waiting.get(index)?.(b);
  };
  process.stdin.on('data', (chunk: Buffer) => {
    buf += chunk.toString('utf8');
    let k: number;
    while ((k = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, k);
      buf = buf.slice(k + 1);
      if (!gotJob) {
        gotJob = true;
        resolveJob(JSON.parse(line) as RealmJob);
        continue;
      }
      const m = JSON.parse(line) as RealmInput;
      deliver(m.index, m.type === 'bindings' ? m.bindings : null);
    }
  });
  process.stdin.on('end', () => {
    if (!gotJob && buf.trim()) { gotJob = true; resolveJob(JSON.parse(buf) as RealmJob); }
    for (const [index, done] of waiting) if (!arrived.has(index)) done(null);
  });
  const bindings = (index: number) => (arrived.has(index) ? Promise.resolve(arrived.get(index)!) : new Promise<CachedBindings | null>((r) => waiting.set(index, r)));
  return { job, bindings };
}

async function main(): Promise<void> {
  const input = readInput();
  const job = await input.job;
  process.on('uncaughtException', () => undefined);
  process.on('unhandledRejection', () => undefined);
  const forbidden = job.cells.flatMap((c) => c.check?.forbidden ?? []);
  const realm = bootRealm(job.install, job.workDir, job.token, forbidden, job.warmUp !== false);
  send({ type: 'ready', ms: realm.ms, kernels: realm.kernels });
  const globals = compartmentGlobals();
  const student = new Compartment({ __options__: true, globals });
  const trusted = new Compartment({ __options__: true, globals });
  harden(student.globalThis);
  harden(trusted.globalThis);
  const run: NotebookRun = {
    realm, scope: new NotebookScope(realm.toTrusted), student, trusted, prevDecl: '',
    skip: new Set(job.skip), exportBindings: new Set(job.exportBindings ?? []),
  };
  const defined: string[] = [];
  const delivered = new Set<number>();
  for (const cell of job.cells) {
    const missing = (cell.waitFor ?? []).filter((i) => !delivered.has(i));
    if (missing.length > 0) {
      send({ type: 'waiting', index: cell.index, for: missing });
      for (const i of missing) {
        const b = await input.bindings(i);
        if (b === null) {
          send({ type: 'rerun', index: i });
          realm.converter.close();
          return;
        }
        for (const [name, b64] of Object.entries(b)) run.scope.define(name, v8.deserialize(Buffer.from(b64, 'base64')));
        delivered.add(i);
      }
      send({ type: 'resumed', index: cell.index });
    }
    send({ type: 'cell-start', index: cell.index });
    const exporting = run.exportBindings.has(cell.index);
    const before = exporting ? fingerprints(run.scope, defined) : null;
    const msg = await runCell(run, cell);
    if (before && msg.bindings) {
      const after = fingerprints(run.scope, defined);
      const changed = [...before].find(([n, h]) => !(cell.declares ?? []).includes(n) && after.get(n) !== h);
      if (changed) {
        delete msg.bindings;
        msg.uncacheable = `it changes ${changed[0]}, which an earlier cell defined`;
      }
    }
    if (cell.role === 'release') defined.push(...(cell.declares ?? []));
    send(msg);
  }
  const cpu = process.cpuUsage();
  send({ type: 'done', flags: realm.tracker.flags(), cpuMs: Math.round((cpu.user + cpu.system) / 1000) });
  realm.converter.close();
}

main().then(
  () => process.exit(0),
  (e) => {
    try { send({ type: 'crash', message: String((e as Error)?.message ?? e).slice(0, 2000) }); } catch { /* fd 3 closed */ }
    process.exit(3);
  },
);
