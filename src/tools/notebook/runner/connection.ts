/**
 * Kernel connection files: five free TCP ports on 127.0.0.1 and a random HMAC key, written where
 * the kernel can read them (`{connection_file}` in the spec's argv).
 *
 * Ports are found by binding port 0 and releasing it, as jupyter_client does; the small race with
 * other programs is accepted (a kernel that cannot bind dies at startup and the error says so).
 * With transport 'ipc' (a kernel in a sandbox without a network) the channels are Unix sockets
 * `<ip>:<port>` in a folder both sides see; `ip` is that folder plus a file prefix (Jupyter's convention).
 * Left out: TLS/curve.
 */
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { randomBytes } from 'crypto';

export interface ConnectionInfo {
  transport: 'tcp' | 'ipc';
  ip: string;
  shell_port: number;
  iopub_port: number;
  stdin_port: number;
  control_port: number;
  hb_port: number;
  key: string;
  signature_scheme: 'hmac-sha256';
  kernel_name: string;
}

export type Channel = 'shell' | 'iopub' | 'stdin' | 'control' | 'hb';

/** A fresh connection: distinct free ports and a 256-bit hex key. */
export async function newConnectionInfo(kernelName: string, ip = '127.0.0.1'): Promise<ConnectionInfo> {
  const held: net.Server[] = [];
  try {
    const ports: number[] = [];
    for (let i = 0; i < 5; i++) {
      const server = net.createServer();
      held.push(server);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, ip, () => resolve());
      });
      ports.push((server.address() as net.AddressInfo).port);
    }
    const [shell_port, iopub_port, stdin_port, control_port, hb_port] = ports;
    return {
      transport: 'tcp', ip, shell_port, iopub_port, stdin_port, control_port, hb_port,
      key: randomBytes(32).toString('hex'), signature_scheme: 'hmac-sha256', kernel_name: kernelName,
    };
  } finally {
    await Promise.all(held.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  }
}

/** Unix-socket channels in `dir` (which must exist): ipc://<dir>/k:1 ... ipc://<dir>/k:5. */
export function newIpcConnectionInfo(kernelName: string, dir: string): ConnectionInfo {
  return {
    transport: 'ipc', ip: path.join(dir, 'k'), shell_port: 1, iopub_port: 2, stdin_port: 3, control_port: 4, hb_port: 5,
    key: randomBytes(32).toString('hex'), signature_scheme: 'hmac-sha256', kernel_name: kernelName,
  };
}

/** `tcp://ip:port` (or `ipc://path:port`) of one channel. */
export function channelAddress(info: ConnectionInfo, channel: Channel): string {
  return `${info.transport}://${info.ip}:${info[`${channel}_port`]}`;
}

/** A fresh private temp folder for one kernel's connection file (and its sockets with ipc). */
export function newConnectionDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'reglab-kernel-'));
}

/** Writes the connection file (mode 0600) into `dir` (default: a fresh temp dir); returns its path. */
export function writeConnectionFile(info: ConnectionInfo, dir = newConnectionDir()): string {
  const file = path.join(dir, `kernel-${info.kernel_name}.json`);
  fs.writeFileSync(file, JSON.stringify(info, null, 1), { mode: 0o600 });
  return file;
}

/** Removes a connection file and its temp dir (ignores what is already gone). */
export function removeConnectionFile(file: string): void {
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
}
