/**
 * A Firmata board emulator: an Arduino-class relay/IO board running StandardFirmata 2.5, on the board's
 * end of a serial line (in tests one end of a socat pty pair; the driver opens the other end).
 *
 * Model (an Arduino Uno by default): pins 0 and 1 carry the serial line and offer no modes; pins 2 to
 * pinCount-1 are digital INPUT / OUTPUT / PULLUP; the last six of 20 also have analog channels 0-5.
 * After start (and after SYSTEM_RESET) digital pins are OUTPUT at LOW, analog pins ANALOG, reporting
 * off, as StandardFirmata's reset leaves them. Writes change only pins in OUTPUT mode (an INPUT pin
 * written 1 gets its pull-up, as in StandardFirmata 2.5). An input's port is reported with
 * DIGITAL_MESSAGE while its reporting is on: at once when switched on, then at each change.
 *
 * Start-up: a real Uno resets when the host opens the port and then announces its version and
 * firmware. A pty carries no DTR, and the host's open flushes what was sent before it, so the
 * emulator repeats the announcement every `announceIntervalMs` until the host sends its first
 * command (at most `maxAnnouncements` times). With `announce: false` it never announces, like a
 * board that does not reset on open: the host then asks (firmata.js does after 5 s).
 *
 * Unplug and replug: `stop()` closes the board's end of the line (with the socat pair ended, the
 * host sees its line go away) and `start()` opens it again: the board boots as at power-up, or with
 * `keepState` keeps its pin modes, levels and reporting and announces nothing (a self-powered board
 * whose USB cable was pulled). What is wired to its inputs (`setInput`) stays either way.
 *
 * Records every pin mode and output level the host wrote; `setInput` drives input pins; fault
 * switches: `setSilent` (the board hears nothing and says nothing) and `setStuckOutput` (a welded
 * relay: writes are recorded but the pin keeps its level; PIN_STATE_QUERY reports the real level).
 */
import { AssertionError } from '../lib/errors.js';
import { silentLogger, type Logger } from '../lib/log.js';
import type { SerialPort } from 'serialport';
import * as P from './firmata-protocol.js';

export interface FirmataBoardOptions {
  /** The board's end of the serial line, e.g. `DIR/ttyA` of a socat pty pair. */
  path: string;
  pinCount?: number;
  baudRate?: number;
  firmwareName?: string;
  /** Announce version and firmware at start-up and reboot. Default true. */
  announce?: boolean;
  announceIntervalMs?: number;
  maxAnnouncements?: number;
  /** Limit of each record list; the oldest entries are dropped beyond it. */
  maxRecords?: number;
  logger?: Logger;
  nowMs?: () => number;
}

export interface PinModeWrite { pin: number; mode: number; atMs: number }

/** `applied` is false when a stuck-output fault kept the pin at its level. */
export interface PinLevelWrite { pin: number; level: boolean; applied: boolean; atMs: number }

interface Pin {
  modes: number[];
  analogChannel: number | null;
  mode: number;
  /** Level the pin drives as an output. */
  output: boolean;
  /** Level the host last wrote (differs from `output` under a stuck-output fault). */
  requested: boolean;
  /** Level driven onto the pin from outside by `setInput`; null = open circuit. */
  input: boolean | null;
  /** Internal pull-up on (PULLUP mode, or an INPUT pin written HIGH, as StandardFirmata 2.5 does). */
  pullUp: boolean;
  stuck: boolean | null;
}

const PROTOCOL = { major: 2, minor: 5 };
const IGNORE_MODE = 0x7f;
const INPUT_MODES: readonly number[] = [P.PinMode.INPUT, P.PinMode.PULLUP];

export class FirmataBoardEmulator {
  readonly modeWrites: PinModeWrite[] = [];
  readonly levelWrites: PinLevelWrite[] = [];
  /** Every command received, decoded (discarded byte runs included). */
  readonly commands: P.HostCommand[] = [];
  samplingIntervalMs = 19;
  /** Bytes that arrived while the board was silent (and were ignored). */
  bytesIgnoredWhileSilent = 0;
  private readonly pins: Pin[] = [];
  private readonly reporting = new Set<number>();
  private readonly lastReported = new Map<number, number>();
  private parser = new P.HostCommandParser();
  private port: SerialPort | null = null;
  private announceTimer: NodeJS.Timeout | null = null;
  private announcements = 0;
  private hostSpoke = false;
  private silent = false;
  private readonly logger: Logger;
  private readonly nowMs: () => number;

  constructor(private readonly options: FirmataBoardOptions) {
    const count = options.pinCount ?? 20;
    if (!Number.isInteger(count) || count < 3 || count > 128) throw new AssertionError(`pinCount ${count} is not 3-128`);
    this.logger = options.logger ?? silentLogger;
    this.nowMs = options.nowMs ?? (() => performance.now());
    for (let pin = 0; pin < count; pin++) {
      const channel = count >= 20 && pin >= count - 6 ? pin - (count - 6) : null;
      const modes = pin < 2 ? [] : [P.PinMode.INPUT, P.PinMode.OUTPUT, P.PinMode.PULLUP, ...(channel === null ? [] : [P.PinMode.ANALOG])];
      this.pins.push({ modes, analogChannel: channel, mode: IGNORE_MODE, output: false, requested: false, input: null, pullUp: false, stuck: null });
    }
    this.reset();
  }

  /** Opens the board's end of the line and boots; after `stop()` a replug (see the top of the file). */
  async start(options: { keepState?: boolean } = {}): Promise<void> {
    if (this.port) throw new AssertionError('firmata board: start() twice');
    const { SerialPort } = await import('serialport');
    const port = new SerialPort({ path: this.options.path, baudRate: this.options.baudRate ?? 57600, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
    this.port = port;
    this.parser = new P.HostCommandParser();
    port.on('data', (data: Buffer) => this.receive(data));
    port.on('error', (err: Error) => this.logger.log('warn', 'firmata_board.port_error', { path: this.options.path, message: err.message }));
    port.on('close', () => this.stopAnnouncing());
    if (!options.keepState) this.reboot();
  }

  /** Closes the board's end of the line (unplugged); `start()` plugs it back. */
  async stop(): Promise<void> {
    this.stopAnnouncing();
    const port = this.port;
    this.port = null;
    if (!port?.isOpen) return;
    await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  /**
   * A reset (power cycle, or the reset a USB board does when a host opens it): pins back to their
   * start-up state, reporting off, and the start-up announcement again until the host speaks.
   */
  reboot(): void {
    this.reset();
    this.hostSpoke = false;
    this.announcements = 0;
    this.stopAnnouncing();
    if (this.options.announce === false) return;
    this.announce();
    this.announceTimer = setInterval(() => this.announce(), this.options.announceIntervalMs ?? 200);
  }

  /** Drives an input pin from outside (a contact, a sensor); null leaves it open (PULLUP reads high). */
  setInput(pin: number, level: boolean | null): void {
    this.pin(pin).input = level;
    this.reportPort(pin >> 3, false);
  }

  /** The level the pin drives now (what a relay on it sees). */
  outputLevel(pin: number): boolean {
    return this.pin(pin).output;
  }

  pinMode(pin: number): number {
    return this.pin(pin).mode;
  }

  /** Whether the pin's internal pull-up is on. */
  pullUpEnabled(pin: number): boolean {
    return this.pin(pin).pullUp;
  }

  /** Fault: the board stops answering and ignores everything it hears (hung firmware, no power). */
  setSilent(silent: boolean): void {
    this.silent = silent;
    if (silent) this.stopAnnouncing();
  }

  /** Fault: the pin keeps `level` whatever is written (a welded relay); null clears the fault. */
  setStuckOutput(pin: number, level: boolean | null): void {
    const p = this.pin(pin);
    p.stuck = level;
    if (level !== null) p.output = level;
  }

  private pin(pin: number): Pin {
    const p = this.pins[pin];
    if (!p) throw new AssertionError(`firmata board: no pin ${pin} (0-${this.pins.length - 1})`);
    return p;
  }

  private reset(): void {
    for (const p of this.pins) {
      p.mode = p.modes.length === 0 ? IGNORE_MODE : p.analogChannel === null ? P.PinMode.OUTPUT : P.PinMode.ANALOG;
      p.output = p.stuck ?? false;
      p.requested = false;
      p.pullUp = false;
    }
    this.reporting.clear();
    this.lastReported.clear();
  }

  private announce(): void {
    if (this.hostSpoke || this.silent || this.announcements >= (this.options.maxAnnouncements ?? 100)) {
      this.stopAnnouncing();
      return;
    }
    this.announcements += 1;
    this.send(P.encodeReportVersion(PROTOCOL.major, PROTOCOL.minor));
    this.send(this.firmwareReport());
  }

  private stopAnnouncing(): void {
    if (this.announceTimer) clearInterval(this.announceTimer);
    this.announceTimer = null;
  }

  private firmwareReport(): Uint8Array {
    return P.encodeFirmwareReport(PROTOCOL.major, PROTOCOL.minor, this.options.firmwareName ?? 'StandardFirmata.ino');
  }

  private send(data: Uint8Array): void {
    if (this.silent || !this.port?.isOpen) return;
    this.port.write(data);
  }

  private receive(data: Buffer): void {
    if (this.silent) {
      this.bytesIgnoredWhileSilent += data.length;
      return;
    }
    for (const command of this.parser.feed(data)) {
      this.record(this.commands, command);
      if (command.kind === 'discarded') {
        this.logger.log('debug', 'firmata_board.discarded', { reason: command.reason, bytes: command.bytes.length });
        continue;
      }
      if (!this.hostSpoke) {
        this.hostSpoke = true;
        this.stopAnnouncing();
      }
      this.apply(command);
    }
  }

  private apply(c: Exclude<P.HostCommand, { kind: 'discarded' }>): void {
    switch (c.kind) {
      case 'report-version':
        return this.send(P.encodeReportVersion(PROTOCOL.major, PROTOCOL.minor));
      case 'query-firmware':
        return this.send(this.firmwareReport());
      case 'capability-query':
        return this.send(P.encodeCapabilityResponse(this.pins.map((p) => p.modes.map((mode) => ({ mode, resolutionBits: mode === P.PinMode.ANALOG ? 10 : 1 })))));
      case 'analog-mapping-query':
        return this.send(P.encodeAnalogMappingResponse(this.pins.map((p) => p.analogChannel)));
      case 'pin-state-query': {
        const p = this.pins[c.pin];
        if (!p) return;
        const state = INPUT_MODES.includes(p.mode) ? Number(p.pullUp) : Number(p.output);
        return this.send(P.encodePinStateResponse(c.pin, p.mode, state));
      }
      case 'set-pin-mode':
        return this.setMode(c.pin, c.mode);
      case 'digital-message':
        for (let bit = 0; bit < 8; bit++) this.write(c.port * 8 + bit, ((c.value >> bit) & 1) === 1, false);
        return;
      case 'set-digital-pin-value':
        return this.write(c.pin, c.value === 1, true);
      case 'report-digital':
        if (c.enabled) this.reporting.add(c.port);
        else this.reporting.delete(c.port);
        if (c.enabled) this.reportPort(c.port, true);
        return;
      case 'sampling-interval':
        this.samplingIntervalMs = Math.max(1, c.intervalMs);
        return;
      case 'system-reset':
        return this.reset();
      default:
        // report-analog, analog-message and other sysex: heard and recorded, nothing to drive.
        return;
    }
  }

  private setMode(pin: number, mode: number): void {
    const p = this.pins[pin];
    if (!p || !p.modes.includes(mode)) {
      this.send(P.encodeStringData('Unknown pin mode')); // as StandardFirmata answers it
      return;
    }
    p.mode = mode;
    p.pullUp = mode === P.PinMode.PULLUP;
    this.record(this.modeWrites, { pin, mode, atMs: this.nowMs() });
    if (INPUT_MODES.includes(mode)) this.reportPort(pin >> 3, false);
  }

  /**
   * A port write carries every pin of the port: outputs take their bit (only changes are recorded);
   * an INPUT pin written 1 gets its pull-up, as StandardFirmata 2.5's digitalWriteCallback does.
   */
  private write(pin: number, level: boolean, single: boolean): void {
    const p = this.pins[pin];
    if (!p) return;
    if (p.mode === P.PinMode.INPUT && level && !single && !p.pullUp) {
      p.pullUp = true;
      this.reportPort(pin >> 3, false);
      return;
    }
    if (p.mode !== P.PinMode.OUTPUT || (!single && p.requested === level)) return;
    p.requested = level;
    const applied = p.stuck === null;
    if (applied) p.output = level;
    this.record(this.levelWrites, { pin, level, applied, atMs: this.nowMs() });
  }

  /** Sends a port's input levels when reporting is on and they changed (or when `force`). */
  private reportPort(port: number, force: boolean): void {
    if (!this.reporting.has(port)) return;
    let value = 0;
    for (let bit = 0; bit < 8; bit++) {
      const p = this.pins[port * 8 + bit];
      if (!p || !INPUT_MODES.includes(p.mode)) continue;
      const level = p.input ?? p.pullUp;
      if (level) value |= 1 << bit;
    }
    if (!force && this.lastReported.get(port) === value) return;
    this.lastReported.set(port, value);
    this.send(P.encodeDigitalMessage(port, value));
  }

  private record<T>(list: T[], entry: T): void {
    if (list.length >= (this.options.maxRecords ?? 10_000)) list.shift();
    list.push(entry);
  }
}
