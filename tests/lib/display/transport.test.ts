import { afterEach, describe, expect, it, vi } from 'vitest';
import { MIME, sendDisplay, setTransport, transportKind } from '../../../src/lib/display/transport';

const message = (text: string) => ({ data: { [MIME.text]: text, [MIME.html]: '<b>x</b>' }, metadata: {}, transient: { display_id: 'd1' } });

afterEach(() => { setTransport(null); vi.restoreAllMocks(); });

describe('transport', () => {
  it('falls back to printing text/plain on stdout outside a tslab kernel', () => {
    expect(transportKind()).toBe('stdout');
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    sendDisplay(message('hello'), false);
    sendDisplay(message('again\n'), true);
    sendDisplay({ data: { [MIME.html]: '<i>only html</i>' }, metadata: {}, transient: { display_id: 'd2' } }, false);
    expect(write.mock.calls.map((c) => c[0])).toEqual(['hello\n', 'again\n']);
  });

  it('sends the whole bundle to an injected transport, with the update flag', () => {
    const got: unknown[] = [];
    const previous = setTransport((m, u) => got.push([m.data, m.transient.display_id, u]));
    expect(previous).toBeNull();
    expect(transportKind()).toBe('injected');
    sendDisplay(message('a'), false);
    sendDisplay(message('b'), true);
    expect(got).toEqual([[message('a').data, 'd1', false], [message('b').data, 'd1', true]]);
  });

  it('never throws: a failing transport degrades to text once warned', () => {
    setTransport(() => { throw new Error('socket closed'); });
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(() => sendDisplay(message('still here'), false)).not.toThrow();
    expect(() => sendDisplay(message('and here'), true)).not.toThrow();
    expect(out.mock.calls.map((c) => c[0])).toEqual(['still here\n', 'and here\n']);
    expect(err.mock.calls).toHaveLength(1);
    expect(String(err.mock.calls[0][0])).toMatch(/socket closed/);
  });

  it('uses the kernel writer of tslab when the kernel has loaded tslab/dist/jupyter', () => {
    // Simulate the kernel: put a module with lastWriteDisplayData into require.cache, as tslab's main does.
    const key = require.resolve('tslab/dist/jupyter');
    const hadEntry = key in require.cache;
    const got: [unknown, boolean][] = [];
    const fake = { id: key, filename: key, loaded: true, exports: { lastWriteDisplayData: (m: unknown, u: boolean) => got.push([m, u]) } };
    require.cache[key] = fake as unknown as NodeJS.Module;
    try {
      expect(transportKind()).toBe('tslab');
      sendDisplay(message('k'), true);
      expect(got).toEqual([[message('k'), true]]);
    } finally {
      if (!hadEntry) delete require.cache[key];
    }
  });
});
