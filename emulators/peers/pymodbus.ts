/**
 * Starts emulators/peers/pymodbus_meter.py (Debian's python3-pymodbus, run by /usr/bin/python3) as
 * an independent Modbus peer for tests, and stops it again.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('./pymodbus_meter.py', import.meta.url));
export const DEBIAN_PYTHON = '/usr/bin/python3';

export interface PymodbusPeer {
  /** `tcp HOST:PORT` or `rtu DEVICE`, as the peer printed it. */
  where: string;
  /** The TCP port it bound (0 for RTU). */
  port: number;
  stop(): Promise<void>;
}

/** Runs the peer with these arguments and waits (up to `timeoutMs`) until it says it listens. */
export function startPymodbusMeter(args: string[], timeoutMs = 10_000): Promise<PymodbusPeer> {
  const child = spawn(DEBIAN_PYTHON, [SCRIPT, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop().then(() => reject(new Error(`pymodbus peer did not start within ${timeoutMs} ms: ${output.trim()}`)));
    }, timeoutMs);
    const onData = (d: Buffer) => {
      if (output.length < 8192) output += d.toString();
      const m = /listening (tcp \S+:(\d+)|rtu \S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        child.stdout.off('data', onData).resume();
        resolve({ where: m[1]!, port: m[2] ? Number(m[2]) : 0, stop });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (d: Buffer) => {
      if (output.length < 8192) output += d.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`pymodbus peer exited (${code}) before listening: ${output.trim()}`));
    });
  });
}
