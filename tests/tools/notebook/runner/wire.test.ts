import { describe, expect, it } from 'vitest';
import { decode, DELIMITER, encode, executionTimestamp, newMessage, sign } from '../../../../src/tools/notebook/runner/wire';

describe('sign', () => {
  it('is HMAC-SHA256 over the concatenated frames (RFC 4231 test case 2)', () => {
    const rfc = '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843';
    expect(sign('Jefe', ['what do ya want for nothing?'])).toBe(rfc);
    expect(sign('Jefe', ['what do ya ', 'want for nothing?'])).toBe(rfc);
    expect(sign('', ['anything'])).toBe('');
  });
});

describe('encode / decode', () => {
  const key = 'a0b1c2';
  const msg = newMessage('execute_request', { code: '1 + 1' }, 'session-1');

  it('round-trips through the wire frames, behind any routing ids', () => {
    const frames = encode(msg, key);
    expect(frames[0]).toBe(DELIMITER);
    expect(frames).toHaveLength(6);
    const routed = [Buffer.from('routing-id'), ...frames.map((f) => Buffer.from(f))];
    expect(decode(routed, key)).toEqual(msg);
    expect(msg.header.version).toBe('5.3');
    expect(msg.header.msg_id).not.toBe(newMessage('x', {}, 's').header.msg_id);
  });

  it('rejects forged, unsigned and truncated messages', () => {
    const frames = encode(msg, key).map((f) => Buffer.from(f));
    const forged = [...frames];
    forged[5] = Buffer.from(JSON.stringify({ code: 'rm -rf' }));
    expect(() => decode(forged, key)).toThrow(/bad message signature/);
    expect(() => decode(frames, 'other-key')).toThrow(/bad message signature/);
    expect(() => decode(frames.slice(1), key)).toThrow(/no <IDS\|MSG> delimiter/);
    expect(() => decode(frames.slice(0, 4), key)).toThrow(/2 of 4 JSON frames/);
  });
});

describe('executionTimestamp', () => {
  it('formats header dates the way nbclient records them (UTC, microseconds)', () => {
    expect(executionTimestamp('2024-11-25T06:15:49.548Z')).toBe('2024-11-25T06:15:49.548000Z');
    expect(executionTimestamp('2024-11-25T06:15:49.123456Z')).toBe('2024-11-25T06:15:49.123456Z');
    expect(executionTimestamp('2024-11-25T06:15:49Z')).toBe('2024-11-25T06:15:49.000000Z');
    expect(executionTimestamp('2024-11-25T08:15:49.5+02:00')).toBe('2024-11-25T06:15:49.500000Z');
    expect(executionTimestamp(undefined)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
  });
});
