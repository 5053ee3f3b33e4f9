/**
 * Turning iopub messages into cell outputs the way nbclient 0.7 does (`NotebookClient.process_message`,
 * `output`, `clear_output`, `_update_display_id`), plus nbconvert's `coalesce_streams`:
 *  - stream: consecutive chunks of the same stream merge into one output; `\r` overwrites are applied
 *    when the cell ends;
 *  - display_data / execute_result / error: appended; a `transient.display_id` is remembered;
 *  - update_display_data (and any display with a known id): replaces data+metadata of every earlier
 *    output with that id, in any cell;
 *  - clear_output: now, or before the next output when `wait` is true;
 *  - metadata.execution: iopub.status.busy / iopub.execute_input / iopub.status.idle / shell.execute_reply.
 * Also: byte budgets per cell and per notebook that count every way output arrives (a stream, a new
 * display, and an update_display_data that replaces one in place); runaway output is cut and a note
 * appended, an oversized update is replaced by a note. Left out: widgets, comms.
 */
import type { ICell, ICodeCell, IOutput, IStream, IMimeBundle } from '@jupyterlab/nbformat';
import { executionTimestamp, Message } from './wire';

export class OutputRecorder {
  /** display_id -> cell index -> indices of outputs showing that display. */
  private readonly displays = new Map<string, Map<number, number[]>>();
  private clearBeforeNext = false;
  /** Bytes kept per cell (updates of older outputs count against the cell that holds them). */
  private readonly bytesOf = new Map<number, number>();
  private total = 0;
  private truncated = false;

  constructor(private readonly cells: ReadonlyArray<ICell>, private readonly maxBytes = Infinity, private readonly maxTotalBytes = Infinity) {}

  private count(index: number, delta: number): void {
    this.bytesOf.set(index, (this.bytesOf.get(index) ?? 0) + delta);
    this.total += delta;
  }

  /** Bytes left for cell `index` (its own budget and the notebook's). */
  private room(index: number): number {
    return Math.min(this.maxBytes - (this.bytesOf.get(index) ?? 0), this.maxTotalBytes - this.total);
  }

  /** Starts recording cell `index`: empty outputs, empty timing (as nbclient does before sending). */
  begin(index: number): void {
    const cell = this.code(index);
    cell.outputs = [];
    cell.metadata.execution = {};
    this.forgetCell(index);
    this.clearBeforeNext = false;
    this.count(index, -(this.bytesOf.get(index) ?? 0));
    this.truncated = false;
  }

  /** Records the execute_reply time. */
  reply(index: number, msg: Message): void {
    this.timing(index)['shell.execute_reply'] = executionTimestamp(msg.header.date);
  }

  /** Handles one iopub message of cell `index`'s request; returns true for its `status: idle`. */
  iopub(index: number, msg: Message): boolean {
    const type = msg.header.msg_type;
    const content = msg.content ?? {};
    const cell = this.code(index);
    const displayId: string | undefined = content.transient?.display_id;
    if (displayId && (type === 'display_data' || type === 'update_display_data' || type === 'execute_result')) {
      this.updateDisplay(displayId, content);
    }
    if (typeof content.execution_count === 'number') cell.execution_count = content.execution_count;
    if (type === 'status') {
      const state = content.execution_state;
      if (state === 'busy' || state === 'idle') this.timing(index)[`iopub.status.${state}`] = executionTimestamp(msg.header.date);
      return state === 'idle';
    }
    if (type === 'execute_input') this.timing(index)['iopub.execute_input'] = executionTimestamp(msg.header.date);
    else if (type === 'clear_output') {
      if (content.wait) this.clearBeforeNext = true;
      else this.clear(index);
    } else {
      const out = outputFromMessage(type, content);
      if (out) this.append(index, out, displayId);
    }
    return false;
  }

  /** Applies `\r` overwrites in the cell's streams (nbconvert's coalesce_streams does it after the run). */
  end(index: number): void {
    for (const out of this.code(index).outputs) {
      if (out.output_type === 'stream' && typeof out.text === 'string' && out.text.includes('\r')) {
        out.text = out.text.replace(/[^\n]*\r(?=[^\n])/g, '');
      }
    }
  }

  private append(index: number, out: IOutput, displayId: string | undefined): void {
    const outs = this.code(index).outputs;
    if (this.clearBeforeNext) {
      this.clear(index);
      this.clearBeforeNext = false;
    }
    if (this.truncated) return;
    const size = out.output_type === 'stream' ? Buffer.byteLength(String(out.text)) : JSON.stringify(out).length;
    if (size > this.room(index)) {
      this.truncated = true;
      if (out.output_type === 'stream') this.mergeStream(outs, { ...out, text: cutBytes(String(out.text), Math.max(0, this.room(index))) } as IStream);
      const limit = this.room(index) + (this.bytesOf.get(index) ?? 0) >= this.maxBytes ? `this cell wrote more than ${this.maxBytes} bytes` : `the notebook's outputs reached ${this.maxTotalBytes} bytes`;
      this.mergeStream(outs, { output_type: 'stream', name: 'stderr', text: `\n[reglab runner: output truncated, ${limit}]\n` });
      this.count(index, size > 0 ? Math.max(0, Math.min(size, this.room(index))) : 0);
      return;
    }
    this.count(index, size);
    if (out.output_type === 'stream') return this.mergeStream(outs, out as IStream);
    if (displayId) {
      const byCell = this.displays.get(displayId) ?? new Map<number, number[]>();
      this.displays.set(displayId, byCell);
      byCell.set(index, [...(byCell.get(index) ?? []), outs.length]);
    }
    outs.push(out);
  }

  private mergeStream(outs: IOutput[], out: IStream): void {
    const last = outs[outs.length - 1];
    if (last?.output_type === 'stream' && last.name === out.name) last.text = String(last.text) + String(out.text);
    else outs.push(out);
  }

  private updateDisplay(displayId: string, content: any): void {
    const data = content.data ?? {};
    const metadata = content.metadata ?? {};
    const size = JSON.stringify({ data, metadata }).length;
    for (const [cellIndex, indices] of this.displays.get(displayId) ?? []) {
      const outs = this.code(cellIndex).outputs;
      for (const i of indices) {
        const old = JSON.stringify({ data: outs[i].data ?? {}, metadata: outs[i].metadata ?? {} }).length;
        this.count(cellIndex, -old);
        if (size > this.room(cellIndex)) {
          outs[i].data = { 'text/plain': `[reglab runner: a display update of ${size} bytes was dropped: it does not fit the output budget (${this.maxBytes} bytes per cell)]` };
          outs[i].metadata = {};
        } else {
          outs[i].data = data;
          outs[i].metadata = metadata;
        }
        this.count(cellIndex, JSON.stringify({ data: outs[i].data, metadata: outs[i].metadata }).length);
      }
    }
  }

  private clear(index: number): void {
    this.code(index).outputs.length = 0;
    this.forgetCell(index);
  }

  private forgetCell(index: number): void {
    for (const byCell of this.displays.values()) byCell.delete(index);
  }

  private timing(index: number): Record<string, string> {
    const meta = this.code(index).metadata;
    return (meta.execution ??= {}) as Record<string, string>;
  }

  private code(index: number): ICodeCell {
    const cell = this.cells[index];
    if (cell?.cell_type !== 'code') throw new RangeError(`OutputRecorder: cell ${index} is not a code cell`);
    return cell as ICodeCell;
  }
}

/** nbformat's output_from_msg: the output an iopub message stands for, or null (update, status...). */
export function outputFromMessage(type: string, content: any): IOutput | null {
  switch (type) {
    case 'stream':
      return { output_type: 'stream', name: content.name, text: String(content.text ?? '') };
    case 'display_data':
      return { output_type: 'display_data', data: (content.data ?? {}) as IMimeBundle, metadata: content.metadata ?? {} };
    case 'execute_result':
      return { output_type: 'execute_result', data: content.data ?? {}, metadata: content.metadata ?? {}, execution_count: content.execution_count ?? null };
    case 'error':
      return { output_type: 'error', ename: String(content.ename), evalue: String(content.evalue), traceback: content.traceback ?? [] };
    default:
      return null;
  }
}

/** The longest prefix of `text` that fits in `bytes` UTF-8 bytes. */
function cutBytes(text: string, bytes: number): string {
  const buf = Buffer.from(text);
  if (buf.length <= bytes) return text;
  return buf.subarray(0, Math.max(0, bytes)).toString('utf8').replace(/\uFFFD$/, '');
}
