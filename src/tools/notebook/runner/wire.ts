/**
 * The Jupyter wire format (messaging protocol 5.3): building, signing, parsing and checking messages.
 *
 * A message on the wire is `[...routing ids, "<IDS|MSG>", hmac, header, parent_header, metadata,
 * content, ...buffers]`; the HMAC-SHA256 (hex) covers the four JSON frames, keyed with the
 * connection file's `key` (an empty key means unsigned). Pure functions: no sockets here.
 * Left out: binary buffers (tslab sends none) and signature schemes other than hmac-sha256.
 */
import { createHmac, randomUUID, timingSafeEqual } from 'crypto';

export const DELIMITER = '<IDS|MSG>';
export const PROTOCOL_VERSION = '5.3';

export interface MessageHeader {
  msg_id: string;
  msg_type: string;
  session: string;
  username: string;
  date: string;
  version: string;
}

export interface Message<C = any> {
  header: MessageHeader;
  /** Empty object when the message answers nothing. */
  parent_header: Partial<MessageHeader>;
  metadata: Record<string, unknown>;
  content: C;
}

/** A fresh message with a unique id, dated now. */
export function newMessage<C>(msgType: string, content: C, session: string): Message<C> {
  return {
    header: {
      msg_id: randomUUID(),
      msg_type: msgType,
      session,
      username: 'reglab',
      date: new Date().toISOString(),
      version: PROTOCOL_VERSION,
    },
    parent_header: {},
    metadata: {},
    content,
  };
}

/** HMAC-SHA256 hex digest of the JSON frames; '' when the key is empty (unsigned session). */
export function sign(key: string, frames: Array<string | Buffer>): string {
  if (key === '') return '';
  const hmac = createHmac('sha256', key);
  for (const f of frames) hmac.update(f);
  return hmac.digest('hex');
}

/** The frames to send from a DEALER socket (no routing ids: the kernel's ROUTER adds ours). */
export function encode(msg: Message, key: string): string[] {
  const frames = [msg.header, msg.parent_header, msg.metadata, msg.content].map((part) => JSON.stringify(part));
  return [DELIMITER, sign(key, frames), ...frames];
}

/** Parses received frames and checks the signature; throws on a malformed or forged message. */
export function decode(frames: Buffer[], key: string): Message {
  const at = frames.findIndex((f) => f.length === DELIMITER.length && f.toString() === DELIMITER);
  if (at < 0) throw new Error('wire: message has no <IDS|MSG> delimiter');
  if (frames.length < at + 6) throw new Error(`wire: message has ${frames.length - at - 2} of 4 JSON frames`);
  const signature = frames[at + 1].toString();
  const parts = frames.slice(at + 2, at + 6);
  const expected = sign(key, parts);
  const ok = expected.length === signature.length && timingSafeEqual(Buffer.from(expected), Buffer.from(signature));
  if (!ok) throw new Error('wire: bad message signature (HMAC-SHA256 does not match the connection key)');
  const [header, parent_header, metadata, content] = parts.map((p) => JSON.parse(p.toString('utf8')));
  return { header, parent_header: parent_header ?? {}, metadata: metadata ?? {}, content };
}

/**
 * A header date as nbclient records it in `metadata.execution`: `YYYY-MM-DDTHH:MM:SS.ffffffZ` (UTC,
 * microseconds). Falls back to now when the kernel sent no usable date.
 */
export function executionTimestamp(date: string | undefined): string {
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,6})\d*)?(Z|\+00:00)$/.exec(date ?? '');
  if (m) return `${m[1]}.${(m[2] ?? '').padEnd(6, '0')}Z`;
  const t = date ? Date.parse(date) : NaN;
  const iso = new Date(Number.isNaN(t) ? Date.now() : t).toISOString();
  return iso.replace(/\.(\d{3})Z$/, '.$1000Z');
}
