/** Small pieces of work on johnny-five / firmata.js / serialport 8 objects that FirmataBoard needs. */
import { read } from 'node:fs';
import { promisify } from 'node:util';
import { MODE, type FirmataIo, type FiveBoard, type SerialTransport } from './five.js';

/**
 * The DIGITAL_MESSAGE for one port from firmata.js's copy of the port levels, with only pins in
 * OUTPUT mode as 1 (StandardFirmata turns on the pull-up of an INPUT pin written with 1), and
 * `override` levels in place of the copy's (for the exit levels).
 */
export function portMessage(io: FirmataIo, port: number, override: ReadonlyMap<number, boolean> = new Map()): Buffer {
  let value = 0;
  for (let bit = 0; bit < 8; bit++) {
    const pin = port * 8 + bit;
    if (io.pins[pin]?.mode !== MODE.OUTPUT) continue;
    const high = override.get(pin) ?? (((io.ports[port] ?? 0) >> bit) & 1) === 1;
    if (high) value |= 1 << bit;
  }
  return Buffer.from([0x90 | port, value & 0x7f, (value >> 7) & 0x7f]);
}

/**
 * Forgets a johnny-five Board (it keeps every Board in `Board.cache` for ever) and closes its serial
 * port, waiting for a port still opening so that it is not left open behind us.
 */
export async function disposeFiveBoard(five: FiveBoard): Promise<void> {
  const cache = (five.constructor as { cache?: FiveBoard[] }).cache;
  const at = cache?.indexOf(five) ?? -1;
  if (cache && at >= 0) cache.splice(at, 1);
  const transport = five.io?.transport;
  if (!transport) return;
  if (!transport.isOpen && transport.opening) {
    await new Promise<void>((resolve) => {
      const done = (): void => {
        transport.removeListener('open', done);
        transport.removeListener('error', done);
        resolve();
      };
      transport.once('open', done);
      transport.once('error', done);
    });
  }
  if (!transport.isOpen) return;
  await new Promise<void>((resolve) => transport.close(() => resolve()));
}

/** serialport 8's unix binding (@serialport/bindings 8, under firmata.js), as far as reading goes. */
interface UnixBinding {
  fd: number | null;
  readonly isOpen: boolean;
  poller?: { once(event: 'readable', listener: (err: Error | null) => void): unknown } | null;
  read(buffer: Buffer, offset: number, length: number): Promise<{ bytesRead: number; buffer: Buffer }>;
}

const readAsync = promisify(read);

function portNotOpen(): Error {
  return Object.assign(new Error('Port is not open'), { canceled: true });
}

/**
 * serialport 8 reads again at once when read(2) returns 0 bytes, but a tty whose device went away
 * (a USB board unplugged, the other end of a pty gone) returns 0 for ever: its read loop spins (CPU,
 * memory) and the line going away is not seen until a write fails (serialport/bindings-cpp#162; the
 * fix, PR #164, is not in the bindings firmata.js uses). This gives the port's binding the same
 * non-blocking read that takes 0 bytes as the line hanging up: serialport then closes the port as
 * disconnected and firmata.js says so. A binding that is not the unix one is left alone.
 */
export function endReadsAtHangup(transport: SerialTransport): void {
  const binding = transport.binding as Partial<UnixBinding> | undefined;
  if (!binding || binding.fd === undefined || typeof binding.read !== 'function') return;
  const unix = binding as UnixBinding;
  const readable = (): Promise<void> =>
    new Promise((resolve, reject) => {
      if (!unix.poller) return reject(portNotOpen());
      unix.poller.once('readable', (err) => (err ? reject(err) : resolve()));
    });
  unix.read = async (buffer, offset, length) => {
    for (;;) {
      if (!unix.isOpen || unix.fd === null) throw portNotOpen();
      try {
        const { bytesRead } = await readAsync(unix.fd, buffer, offset, length, null);
        if (bytesRead > 0) return { bytesRead, buffer };
        throw Object.assign(new Error('read returned end of file: the serial line hung up'), { code: 'EOF' });
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code !== 'EAGAIN' && code !== 'EWOULDBLOCK' && code !== 'EINTR') {
          if (!unix.isOpen) throw portNotOpen(); // closed by us while the read ran
          throw err; // serialport's stream closes the port as disconnected
        }
      }
      await readable();
    }
  };
}
