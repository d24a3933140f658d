/** Small pieces of work on johnny-five / firmata.js objects that FirmataBoard needs. */
import { MODE, type FirmataIo, type FiveBoard } from './five.js';

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
