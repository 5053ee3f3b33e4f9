/**
 * The child-process side of the pool: wait for `{ type: 'run', spec }`, train that run, send one
 * `epoch` message per epoch and then `done` (or `failed` with the error), and wait for the next.
 * `{ type: 'exit' }` ends the process, and so does losing the parent (killed or interrupted: no
 * orphan keeps computing a result nobody will save). Messages use structured-clone serialization,
 * so NaN survives.
 *
 * Left out on purpose: writing results (the parent is the only writer), retries.
 */
import { RunSpec } from './matrix';
import { runOne, toRunEpoch } from './run-one';
import { ToParent, ToWorker } from './pool';

/** Sends to the parent; with the parent gone (checked at every epoch of a run), ends this process. */
const send = (msg: ToParent): void => {
  if (!process.connected) process.exit(0);
  process.send?.(msg);
};

process.on('disconnect', () => process.exit(0));

process.on('message', (msg: ToWorker) => {
  if (msg.type === 'exit') process.exit(0);
  if (msg.type !== 'run') return;
  const spec: RunSpec = msg.spec;
  try {
    const result = runOne(spec, (r) => send({ type: 'epoch', id: spec.id, record: toRunEpoch(r) }));
    send({ type: 'done', id: spec.id, result });
  } catch (e) {
    const err = e as Error;
    send({ type: 'failed', id: spec.id, message: err && err.stack ? err.stack : String(e) });
  }
});
