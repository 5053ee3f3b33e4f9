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
import type { RealmJob, RealmMessage } from './protocol';
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

async function main(): Promise<void> {
  const job = JSON.parse(fs.readFileSync(0, 'utf8')) as RealmJob;
  process.on('uncaughtException', () => undefined);
  process.on('unhandledRejection', () => undefined);
  const forbidden = job.cells.flatMap((c) => c.check?.forbidden ?? []);
  const realm = bootRealm(job.install, job.workDir, job.token, forbidden, job.warmUp !== false);
  send({ type: 'ready', ms: realm.ms });
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
  for (const cell of job.cells) {
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
