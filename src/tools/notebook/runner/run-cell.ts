/**
 * Executing one cell on a running kernel: send execute_request, record its iopub messages, wait for
 * the execute_reply and the matching `status: idle` (nbclient waits for both), enforce the time limit.
 *
 * Time limit: at the deadline the kernel is interrupted; if it still has not replied after
 * `interruptGraceMs` (a synchronous infinite loop ignores SIGINT in Node), it is killed and the
 * caller starts a new one. Left out: retries after tslab's abort (the notebook loop does that).
 */
import { Kernel } from './kernel';
import { OutputRecorder } from './outputs';
import { Message } from './wire';

/** ok / error / abort: the kernel's reply status. timeout, died, cancelled: the runner's verdict. */
export type CellOutcome = 'ok' | 'error' | 'abort' | 'timeout' | 'died' | 'cancelled';

export interface CellResult {
  outcome: CellOutcome;
  reply: Message | null;
  /** True when the runner killed the kernel (timeout not cured by the interrupt). */
  killed: boolean;
}

export interface RunCellOptions {
  timeoutMs?: number;
  interruptGraceMs: number;
  /** How long to wait for `status: idle` after the reply (nbclient's iopub_timeout is 4 s). */
  iopubTimeoutMs: number;
  signal?: AbortSignal;
}

export async function runCell(kernel: Kernel, recorder: OutputRecorder, index: number, code: string, opts: RunCellOptions): Promise<CellResult> {
  let msgId = '';
  let reply: Message | null = null;
  let idle = false;
  recorder.begin(index);
  const stop = kernel.onMessage((channel, msg) => {
    if (msg.parent_header.msg_id !== msgId) return;
    if (channel === 'iopub') idle = recorder.iopub(index, msg) || idle;
    else if (channel === 'shell' && msg.header.msg_type === 'execute_reply') {
      reply = msg;
      recorder.reply(index, msg);
    }
  });
  try {
    msgId = kernel.send('shell', 'execute_request', {
      code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: false,
    }).header.msg_id;
    const answered = () => reply !== null || kernel.exit !== null;
    const limit = opts.timeoutMs && opts.timeoutMs > 0 ? opts.timeoutMs : 2 ** 31 - 1;
    await kernel.until(answered, limit, opts.signal);
    if (opts.signal?.aborted) return { outcome: 'cancelled', reply, killed: false };
    let timedOut = false;
    let killed = false;
    if (!answered()) {
      timedOut = true;
      kernel.interrupt();
      await kernel.until(answered, opts.interruptGraceMs, opts.signal);
      if (!answered()) {
        killed = true;
        await kernel.kill();
      }
    }
    if (kernel.exit && !killed) return { outcome: 'died', reply, killed: false };
    if (reply) await kernel.until(() => idle || kernel.exit !== null, opts.iopubTimeoutMs, opts.signal);
    if (timedOut) return { outcome: 'timeout', reply, killed };
    const status = (reply as Message | null)?.content?.status;
    return { outcome: status === 'ok' ? 'ok' : status === 'abort' || status === 'aborted' ? 'abort' : 'error', reply, killed: false };
  } finally {
    stop();
    recorder.end(index);
  }
}
