/**
 * Test double of the node-libgpiod module (0.5.3, libgpiod 1.x), for the machines without
 * /dev/gpiochip* (this one, CI). It enforces what the real library and kernel enforce, with the
 * same errno-style errors (`code`, `errno`, `syscall`), and records every call:
 *
 * - `new Chip(id)` opens by name, /dev path, label or number (gpiod_chip_open_lookup), else ENOENT;
 *   each Chip is a separate handle, as each open() of the device is.
 * - `new Line(chip, offset)` needs an offset below the line count (EINVAL); by name it needs a line
 *   of that name (ENOENT). Lines of one handle share state per offset (gpiod_chip_get_line).
 * - A request of a line held by anyone (this handle, another handle, another process) fails EBUSY.
 * - get/setValue on an unrequested line fail EPERM; setValue on an input fails EPERM; values are 0|1.
 */
import type { GpiodChip, GpiodLine, GpiodModule } from './gpiod.js';

export interface FakeChipSpec {
  name: string;
  label: string;
  /** Line names by offset (undefined: an unnamed line). */
  lineNames: (string | undefined)[];
}

interface KernelLine {
  name: string | undefined;
  /** Who holds it: null when free. */
  holder: { handle: number; consumer: string } | null;
  direction: 'input' | 'output';
  /** Physical level: driven by us when output, by the outside world when input. */
  value: 0 | 1;
}

interface KernelChip extends FakeChipSpec {
  lines: KernelLine[];
}

export function errnoError(code: string, errno: number, syscall: string): Error {
  return Object.assign(new Error(`${code}, ${syscall}`), { code, errno, syscall });
}

export class FakeLibgpiod {
  readonly calls: string[] = [];
  readonly module: GpiodModule;
  private readonly chips: KernelChip[];
  private nextHandle = 1;

  constructor(chips: FakeChipSpec[]) {
    this.chips = chips.map((c) => ({ ...c, lines: c.lineNames.map((name) => ({ name, holder: null, direction: 'input', value: 0 })) }));
    this.module = this.makeModule();
  }

  /** Another process claims a line (as `gpioset` or a second controller would). */
  holdElsewhere(chip: string, offset: number, consumer: string): void {
    this.kernelLine(chip, offset).holder = { handle: -1, consumer };
  }

  /** The physical level of a line now. */
  level(chip: string, offset: number): 0 | 1 {
    return this.kernelLine(chip, offset).value;
  }

  /** The outside world drives an input (a contact closes, a sensor pulses). */
  drive(chip: string, offset: number, value: 0 | 1): void {
    const line = this.kernelLine(chip, offset);
    if (line.holder && line.direction === 'output') throw new Error(`fake: ${chip} line ${offset} is an output`);
    line.value = value;
  }

  consumerOf(chip: string, offset: number): string | null {
    return this.kernelLine(chip, offset).holder?.consumer ?? null;
  }

  private kernelLine(chip: string, offset: number): KernelLine {
    const line = this.chips.find((c) => c.name === chip)?.lines[offset];
    if (!line) throw new Error(`fake: no line ${chip}:${offset}`);
    return line;
  }

  private makeModule(): GpiodModule {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const world = this;
    const lookup = (id: number | string): KernelChip | undefined => {
      const text = String(id);
      if (/^\d+$/.test(text)) return world.chips.find((c) => c.name === `gpiochip${text}`);
      if (text.startsWith('/dev/')) return world.chips.find((c) => `/dev/${c.name}` === text);
      return world.chips.find((c) => c.name === text) ?? world.chips.find((c) => c.label === text);
    };

    class Chip implements GpiodChip {
      readonly kernel: KernelChip;
      readonly handle = world.nextHandle++;
      constructor(identifier: number | string) {
        world.calls.push(`Chip(${JSON.stringify(identifier)})`);
        const found = lookup(identifier);
        if (!found) throw errnoError('ENOENT', 2, `Chip::new - Unable to open device ${identifier}`);
        this.kernel = found;
      }
      get name() { return this.kernel.name; }
      get label() { return this.kernel.label; }
      get numberOfLines() { return this.kernel.lines.length; }
    }

    class Line implements GpiodLine {
      private readonly chip: Chip;
      private readonly kernel: KernelLine;
      readonly offset: number;
      constructor(chip: GpiodChip, identifier: number | string) {
        if (!(chip instanceof Chip)) throw new TypeError('Line: first argument must be a Chip');
        this.chip = chip;
        world.calls.push(`Line(${chip.name}, ${JSON.stringify(identifier)})`);
        const offset = typeof identifier === 'number' ? identifier : chip.kernel.lines.findIndex((l) => l.name === identifier);
        if (typeof identifier === 'number' && !(offset >= 0 && offset < chip.kernel.lines.length)) {
          throw errnoError('EINVAL', 22, `Line::new - Unable to open GPIO line ${identifier}`);
        }
        if (offset < 0) throw errnoError('ENOENT', 2, `Line::new - Unable to open GPIO line ${identifier}`);
        this.offset = offset;
        this.kernel = chip.kernel.lines[offset]!;
      }
      get name() { return this.kernel.name; }
      get consumer() { return this.kernel.holder?.consumer; }
      private mine(): boolean {
        return this.kernel.holder?.handle === this.chip.handle;
      }
      private request(direction: 'input' | 'output', consumer: string, value: unknown, syscall: string): void {
        world.calls.push(`${syscall} ${this.chip.name}:${this.offset} ${consumer}${direction === 'output' ? ` ${String(value)}` : ''}`);
        if (this.kernel.holder) throw errnoError('EBUSY', 16, syscall);
        if (direction === 'output' && value !== 0 && value !== 1) throw errnoError('EINVAL', 22, `${syscall}() value is not in {0,1} range`);
        this.kernel.holder = { handle: this.chip.handle, consumer };
        this.kernel.direction = direction;
        if (direction === 'output') this.kernel.value = value as 0 | 1;
      }
      requestOutputMode(consumer = '', defaultValue: 0 | 1 = 0): void {
        this.request('output', consumer, defaultValue, '::requestOutputMode');
      }
      requestInputMode(consumer = ''): void {
        this.request('input', consumer, undefined, '::requestInputMode');
      }
      getValue(): 0 | 1 {
        if (!this.mine()) throw errnoError('EPERM', 1, '::getValue');
        return this.kernel.value;
      }
      setValue(value: 0 | 1): void {
        world.calls.push(`setValue ${this.chip.name}:${this.offset} ${String(value)}`);
        if (!this.mine() || this.kernel.direction !== 'output') throw errnoError('EPERM', 1, '::setValue');
        if (value !== 0 && value !== 1) throw new TypeError(`setValue: ${String(value)} is not 0 or 1`);
        this.kernel.value = value;
      }
      release(): void {
        world.calls.push(`release ${this.chip.name}:${this.offset}`);
        if (this.mine()) this.kernel.holder = null;
      }
    }

    return { Chip, Line, getChipNames: () => world.chips.map((c) => c.name) };
  }
}
