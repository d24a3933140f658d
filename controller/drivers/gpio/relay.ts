/**
 * A relay on one GPIO output line, over any `GpioLines` backend. `activeLow` inverts the wire: a
 * relay board whose inputs are active-low (most opto-isolated 5 V boards) is energised by driving
 * the line low, and is claimed high so it stays off while the controller starts.
 */
import { AssertionError } from '../../../lib/errors.js';
import type { Relay } from '../relay.js';
import { gpioErrorFrom, type ExitHooks, type GpioLines, type OutputLine } from './lines.js';

export interface GpioOutputOptions {
  /** true when the load is energised by a LOW line. Default false. */
  activeLow?: boolean;
  /** What the output drives, for messages: `relay` (default), `valve`. */
  role?: string;
  /**
   * When given, the relay registers a hook there that de-energises it if the process exits while it
   * is open (a door strike left energised by a crash stays unlocked until the restart otherwise).
   */
  exitHooks?: ExitHooks;
}

export class GpioRelay<Address> implements Relay {
  private line: OutputLine | null = null;
  private state: 'new' | 'opening' | 'open' | 'closed' = 'new';
  private removeExitHook: (() => void) | null = null;

  constructor(
    readonly name: string,
    private readonly lines: GpioLines<Address>,
    private readonly address: Address,
    private readonly options: GpioOutputOptions = {},
  ) {}

  async open(): Promise<void> {
    if (this.state !== 'new') throw new AssertionError(`${this.role} ${this.name}: open() while ${this.state}`);
    this.state = 'opening';
    let line: OutputLine;
    try {
      line = await this.lines.requestOutput(this.address, this.physical(false));
    } catch (err) {
      this.state = 'new'; // a later open() may retry (the line may be freed)
      throw gpioErrorFrom(err, `${this.role} ${this.name}: cannot claim its ${this.lines.kind} line`);
    }
    if (this.state !== 'opening') {
      line.release(); // closed while the line was being claimed
      return;
    }
    this.line = line;
    this.state = 'open';
    this.removeExitHook = this.options.exitHooks?.add(() => this.deenergiseSync()) ?? null;
  }

  set(energised: boolean): Promise<void> {
    const line = this.line;
    if (this.state !== 'open' || !line) return Promise.reject(new AssertionError(`${this.role} ${this.name}: set() while ${this.state}`));
    try {
      line.write(this.physical(energised));
    } catch (err) {
      return Promise.reject(gpioErrorFrom(err, `${this.role} ${this.name}: cannot drive ${line.description}`));
    }
    return Promise.resolve();
  }

  async get(): Promise<boolean> {
    const line = this.line;
    if (this.state !== 'open' || !line) throw new AssertionError(`${this.role} ${this.name}: get() while ${this.state}`);
    try {
      return line.read() !== (this.options.activeLow ?? false);
    } catch (err) {
      throw gpioErrorFrom(err, `${this.role} ${this.name}: cannot read back ${line.description}`);
    }
  }

  async close(): Promise<void> {
    this.removeExitHook?.();
    this.removeExitHook = null;
    const line = this.line;
    this.line = null;
    this.state = 'closed';
    if (!line) return;
    try {
      line.write(this.physical(false));
    } finally {
      line.release();
    }
  }

  /**
   * De-energises at once, synchronously, without releasing: for process-exit hooks, where nothing
   * asynchronous runs any more. Never throws.
   */
  deenergiseSync(): void {
    try {
      this.line?.write(this.physical(false));
    } catch {
      // the process is exiting; nothing more can be done
    }
  }

  private get role(): string {
    return this.options.role ?? 'relay';
  }

  /** The physical level for a logical state. */
  private physical(energised: boolean): boolean {
    return energised !== (this.options.activeLow ?? false);
  }
}
