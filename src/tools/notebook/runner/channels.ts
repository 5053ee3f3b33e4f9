/**
 * The client side of a kernel's five ZeroMQ sockets: shell, control and stdin (DEALER), iopub (SUB,
 * all topics) and heartbeat (REQ, one fresh socket per ping). Every received message is decoded,
 * signature-checked and handed to one listener with the channel it came on.
 *
 * Left out: answering input_request on stdin (cells run with allow_stdin=false), comm messages.
 */
import * as zmq from 'zeromq';
import { channelAddress, ConnectionInfo } from './connection';
import { decode, encode, Message, newMessage } from './wire';

/** Largest message accepted from a kernel; a larger one drops the connection (ZMQ_MAXMSGSIZE). */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

export type MessageChannel = 'shell' | 'control' | 'stdin' | 'iopub';
export type Listener = (channel: MessageChannel, msg: Message) => void;

export class KernelChannels {
  private readonly sockets: Record<MessageChannel, zmq.Dealer | zmq.Subscriber>;
  private readonly sending = new Map<MessageChannel, Promise<unknown>>();
  private closed = false;
  /** Messages that failed to decode (bad signature, bad JSON), kept for diagnostics. */
  readonly rejected: string[] = [];

  constructor(readonly info: ConnectionInfo, readonly session: string, private readonly listener: Listener) {
    // A kernel cannot make the client hold a message larger than this (a hostile kernel in a sandbox could try).
    const opts = { linger: 0, maxMessageSize: MAX_MESSAGE_BYTES };
    const iopub = new zmq.Subscriber(opts);
    iopub.subscribe();
    this.sockets = { shell: new zmq.Dealer(opts), control: new zmq.Dealer(opts), stdin: new zmq.Dealer(opts), iopub };
    for (const [channel, socket] of Object.entries(this.sockets) as [MessageChannel, zmq.Dealer][]) {
      socket.connect(channelAddress(info, channel));
      void this.receiveLoop(channel, socket);
    }
  }

  /** Sends a new request on a channel; returns it (its header.msg_id identifies the replies). */
  send<C>(channel: Exclude<MessageChannel, 'iopub'>, msgType: string, content: C): Message<C> {
    const msg = newMessage(msgType, content, this.session);
    const socket = this.sockets[channel] as zmq.Dealer;
    const frames = encode(msg, this.info.key);
    const previous = this.sending.get(channel) ?? Promise.resolve();
    const next = previous.then(() => (this.closed ? undefined : socket.send(frames))).catch(() => undefined);
    this.sending.set(channel, next);
    return msg;
  }

  /** True when the kernel echoes a heartbeat within `timeoutMs`. */
  async ping(timeoutMs: number): Promise<boolean> {
    const hb = new zmq.Request({ linger: 0, sendTimeout: timeoutMs, receiveTimeout: timeoutMs });
    try {
      hb.connect(channelAddress(this.info, 'hb'));
      await hb.send('ping');
      const [echo] = await hb.receive();
      return echo.toString() === 'ping';
    } catch {
      return false;
    } finally {
      hb.close();
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const socket of Object.values(this.sockets)) socket.close();
  }

  private async receiveLoop(channel: MessageChannel, socket: zmq.Dealer | zmq.Subscriber): Promise<void> {
    try {
      for await (const frames of socket) {
        let msg: Message;
        try {
          msg = decode(frames, this.info.key);
        } catch (e) {
          this.rejected.push(`${channel}: ${(e as Error).message}`);
          continue;
        }
        this.listener(channel, msg);
      }
    } catch (e) {
      if (!this.closed) this.rejected.push(`${channel}: socket failed: ${(e as Error).message}`);
    }
  }
}
