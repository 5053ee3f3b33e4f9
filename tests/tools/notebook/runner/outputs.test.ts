import { describe, expect, it } from 'vitest';
import type { ICodeCell } from '@jupyterlab/nbformat';
import { OutputRecorder } from '../../../../src/tools/notebook/runner/outputs';
import { Message, newMessage } from '../../../../src/tools/notebook/runner/wire';

const code = (): ICodeCell => ({ cell_type: 'code', source: '', metadata: {}, outputs: [], execution_count: null });
const msg = (type: string, content: object, date = '2024-01-02T03:04:05.678Z'): Message => {
  const m = newMessage(type, content, 's');
  m.header.date = date;
  return m;
};
const stream = (name: string, text: string) => msg('stream', { name, text });
const display = (data: object, id?: string, update = false) =>
  msg(update ? 'update_display_data' : 'display_data', { data, metadata: {}, transient: id ? { display_id: id } : {} });

describe('OutputRecorder', () => {
  it('merges consecutive chunks of the same stream and applies \\r overwrites at the end', () => {
    const cells = [code()];
    const rec = new OutputRecorder(cells);
    rec.begin(0);
    for (const m of [stream('stdout', 'a'), stream('stdout', 'b\n'), stream('stderr', 'e\n'), stream('stdout', '\r1/3\r2/3'), stream('stdout', '\r3/3\n')]) rec.iopub(0, m);
    rec.end(0);
    expect(cells[0].outputs).toEqual([
      { output_type: 'stream', name: 'stdout', text: 'ab\n' },
      { output_type: 'stream', name: 'stderr', text: 'e\n' },
      { output_type: 'stream', name: 'stdout', text: '3/3\n' },
    ]);
  });

  it('updates every output with a display_id, in earlier cells too, and ignores unknown ids', () => {
    const cells = [code(), code()];
    const rec = new OutputRecorder(cells);
    rec.begin(0);
    rec.iopub(0, display({ 'text/plain': 'v1' }, 'D'));
    rec.iopub(0, display({ 'text/plain': 'no id' }));
    rec.iopub(0, display({ 'text/plain': 'v2' }, 'D', true));
    rec.begin(1);
    rec.iopub(1, display({ 'text/plain': 'v3' }, 'D', true));
    rec.iopub(1, display({ 'text/plain': 'ghost' }, 'unknown', true));
    rec.iopub(1, display({ 'text/plain': 'v4' }, 'D')); // a new display of the same id updates the old ones too
    expect(cells[0].outputs.map((o: any) => o.data['text/plain'])).toEqual(['v4', 'no id']);
    expect(cells[1].outputs.map((o: any) => o.data['text/plain'])).toEqual(['v4']);
    expect(cells[0].outputs[0]).toEqual({ output_type: 'display_data', data: { 'text/plain': 'v4' }, metadata: {} });
  });

  it('clears now, or before the next output when wait=true, and forgets the cleared displays', () => {
    const cells = [code()];
    const rec = new OutputRecorder(cells);
    rec.begin(0);
    rec.iopub(0, display({ 'text/plain': 'old' }, 'D'));
    rec.iopub(0, msg('clear_output', { wait: true }));
    expect(cells[0].outputs).toHaveLength(1);
    rec.iopub(0, stream('stdout', 'new\n'));
    expect(cells[0].outputs).toEqual([{ output_type: 'stream', name: 'stdout', text: 'new\n' }]);
    rec.iopub(0, display({ 'text/plain': 'late update' }, 'D', true));
    expect(cells[0].outputs).toHaveLength(1);
    rec.iopub(0, msg('clear_output', { wait: false }));
    expect(cells[0].outputs).toEqual([]);
  });

  it('records execute_result, error, execution counts and nbclient timing keys; reports idle', () => {
    const cells = [code()];
    const rec = new OutputRecorder(cells);
    rec.begin(0);
    expect(rec.iopub(0, msg('status', { execution_state: 'busy' }, '2024-01-02T03:04:05.001Z'))).toBe(false);
    rec.iopub(0, msg('execute_input', { code: '1', execution_count: 7 }, '2024-01-02T03:04:05.002Z'));
    rec.iopub(0, msg('execute_result', { data: { 'text/plain': '1' }, metadata: {}, execution_count: 7 }));
    rec.iopub(0, msg('error', { ename: 'E', evalue: 'bad', traceback: ['t'] }));
    rec.reply(0, msg('execute_reply', { status: 'error' }, '2024-01-02T03:04:05.003Z'));
    expect(rec.iopub(0, msg('status', { execution_state: 'idle' }, '2024-01-02T03:04:05.004Z'))).toBe(true);
    expect(cells[0].execution_count).toBe(7);
    expect(cells[0].outputs).toEqual([
      { output_type: 'execute_result', data: { 'text/plain': '1' }, metadata: {}, execution_count: 7 },
      { output_type: 'error', ename: 'E', evalue: 'bad', traceback: ['t'] },
    ]);
    expect(cells[0].metadata.execution).toEqual({
      'iopub.status.busy': '2024-01-02T03:04:05.001000Z',
      'iopub.execute_input': '2024-01-02T03:04:05.002000Z',
      'shell.execute_reply': '2024-01-02T03:04:05.003000Z',
      'iopub.status.idle': '2024-01-02T03:04:05.004000Z',
    });
  });

  it('cuts a cell at maxBytes and says so, then keeps the next cell within its own budget', () => {
    const cells = [code(), code()];
    const rec = new OutputRecorder(cells, 10);
    rec.begin(0);
    rec.iopub(0, stream('stdout', '12345'));
    rec.iopub(0, stream('stdout', '6789abcdef'));
    rec.iopub(0, display({ 'text/plain': 'dropped' }));
    expect(cells[0].outputs).toHaveLength(2);
    expect(cells[0].outputs[0]).toEqual({ output_type: 'stream', name: 'stdout', text: '123456789a' });
    expect(cells[0].outputs[1]).toMatchObject({ name: 'stderr', text: expect.stringMatching(/output truncated.*more than 10 bytes/) });
    rec.begin(1);
    rec.iopub(1, stream('stdout', 'fits'));
    expect(cells[1].outputs).toEqual([{ output_type: 'stream', name: 'stdout', text: 'fits' }]);
  });

  it('counts display updates against the budget of the cell that holds the output, and caps the notebook', () => {
    const cells = [code(), code()];
    const rec = new OutputRecorder(cells, 1000, 1500);
    rec.begin(0);
    rec.iopub(0, display({ 'text/plain': 'small' }, 'D'));
    rec.begin(1);
    for (let i = 0; i < 60; i++) rec.iopub(1, display({ 'text/html': 'x'.repeat(5000) }, 'D', true)); // 60 updates, each too big
    expect(JSON.stringify(cells[0].outputs).length).toBeLessThan(1000);
    expect(cells[0].outputs[0]).toMatchObject({ data: { 'text/plain': expect.stringMatching(/a display update of \d+ bytes was dropped/) } });
    rec.iopub(1, display({ 'text/plain': 'y'.repeat(400) }, 'D', true)); // fits again: replaces the note
    expect(cells[0].outputs[0].data).toEqual({ 'text/plain': 'y'.repeat(400) });
    const wide = [code(), code()];
    const two = new OutputRecorder(wide, 5000, 1500);
    two.begin(0);
    two.iopub(0, stream('stdout', 'z'.repeat(900)));
    two.begin(1);
    two.iopub(1, stream('stdout', 'z'.repeat(900)));
    expect(JSON.stringify(wide).length).toBeLessThan(1500 + 600); // the cells' own JSON and the note on top of the budget
    expect(String((wide[1].outputs.at(-1) as { text: string }).text)).toMatch(/output truncated, the notebook's outputs reached 1500 bytes/);
  });

  it('starts a cell empty and refuses a cell that is not code', () => {
    const stale: ICodeCell = { ...code(), outputs: [{ output_type: 'stream', name: 'stdout', text: 'stale' }] };
    const rec = new OutputRecorder([stale, { cell_type: 'markdown', source: '', metadata: {} }]);
    rec.begin(0);
    expect(stale.outputs).toEqual([]);
    expect(() => rec.begin(1)).toThrow(/cell 1 is not a code cell/);
  });
});
