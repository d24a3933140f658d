/**
 * `onecard controller --stdin-taps`: drives emulated hardware from standard input, one action per
 * line, so a controller can be tried by hand or from a script:
 *
 *   UID                    tap a card at the first point with a reader
 *   POINT UID              tap a card at that point
 *   pulse POINT N          N flow pulses at a shower's emulated flow sensor
 *   energy POINT WH        WH more watt-hours on a room's emulated meter
 *   input NAME on|off      set an emulated input (e.g. door-a/contact)
 *
 * Each line is answered on stderr when it cannot be done; what the points decide is printed by
 * the caller (door decisions) and journalled as usual.
 */
import { createInterface, type Interface } from 'node:readline';
import type { Controller } from '../controller/controller.js';
import type { EmulatedDrivers } from '../emulators/drivers.js';

export function hardwareFromStdin(controller: Controller, drivers: EmulatedDrivers, input: NodeJS.ReadableStream = process.stdin): Interface {
  const lines = createInterface({ input });
  lines.on('line', (line) => {
    const words = line.trim().split(/\s+/).filter(Boolean);
    if (words.length === 0) return;
    try {
      act(controller, drivers, words);
    } catch (err) {
      console.error(`cannot do ${JSON.stringify(line.trim())}: ${(err as Error).message}`);
    }
  });
  return lines;
}

function act(controller: Controller, drivers: EmulatedDrivers, words: string[]): void {
  const [verb, a, b] = words;
  switch (verb) {
    case 'pulse':
      drivers.pulseCounterNamed(`${a}/flow`).pulse(count(b, 'pulses'));
      return;
    case 'energy':
      drivers.meterNamed(`${a}/meter`).addEnergyWh(count(b, 'watt-hours'));
      return;
    case 'input':
      if (b !== 'on' && b !== 'off') throw new Error('say on or off');
      drivers.input(a ?? '').set(b === 'on');
      return;
    default: {
      const firstReader = controller.config.points.find((p) => p.kind !== 'room')?.id ?? '';
      const [point, uid] = words.length === 1 ? [firstReader, words[0]!] : [words[0]!, words[1]!];
      drivers.reader(`${point}/reader`).tap(uid);
    }
  }
}

function count(text: string | undefined, what: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`${what}: ${JSON.stringify(text)} is not a non-negative integer`);
  return n;
}
