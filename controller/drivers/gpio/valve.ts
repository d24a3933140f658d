/**
 * A normally-closed water valve (a shower's solenoid) on one GPIO output line: a `GpioRelay` plus
 * the safety the `Valve` contract asks for. The valve is claimed closed, closes on `close()`, and
 * closes when the process exits (a synchronous exit hook drives the line before the kernel lets
 * it go); a crash that kills the process without exit handlers is covered by the hardware being
 * normally closed and by the shower point closing the valve on restart.
 */
import type { Valve } from '../valve.js';
import type { ExitHooks, GpioLines } from './lines.js';
import { processExitHooks } from './lines.js';
import { GpioRelay, type GpioOutputOptions } from './relay.js';

export interface GpioValveOptions extends GpioOutputOptions {
  /** Where the close-on-exit hook is registered. Default: the process's `exit` event. */
  exitHooks?: ExitHooks;
}

export class GpioValve<Address> implements Valve {
  private readonly output: GpioRelay<Address>;
  private removeExitHook: (() => void) | null = null;

  constructor(readonly name: string, lines: GpioLines<Address>, address: Address, private readonly options: GpioValveOptions = {}) {
    this.output = new GpioRelay(name, lines, address, { role: 'valve', ...(options.activeLow === undefined ? {} : { activeLow: options.activeLow }) });
  }

  async open(): Promise<void> {
    await this.output.open();
    this.removeExitHook = (this.options.exitHooks ?? processExitHooks).add(() => this.output.deenergiseSync());
  }

  setOpen(open: boolean): Promise<void> {
    return this.output.set(open);
  }

  isOpen(): Promise<boolean> {
    return this.output.get();
  }

  async close(): Promise<void> {
    this.removeExitHook?.();
    this.removeExitHook = null;
    await this.output.close();
  }
}
