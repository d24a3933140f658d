/**
 * Config specs of the Firmata drivers (zod) and the factory functions the driver factory calls.
 * Every pin names its board by serial port; all pins of one port share one board connection
 * (one `FirmataBoards` registry per controller).
 *
 * ```yaml
 * relay: { driver: firmata, port: /dev/ttyACM0, pin: 7, activeLow: true }
 * doorContact: { driver: firmata, port: /dev/ttyACM0, pin: 8, pullUp: true, activeLow: true, debounceMs: 30 }
 * flow: { driver: firmata, port: /dev/ttyACM0, pin: 2, glitchFilterMs: 2 }
 * ```
 */
import { z } from 'zod';
import type { Clock } from '../../../lib/clock.js';
import type { Logger } from '../../../lib/log.js';
import { MAX_DEBOUNCE_MS } from '../debounce.js';
import { FirmataBoards } from './boards.js';
import { FirmataInput } from './input.js';
import { FirmataRelay, FirmataValve } from './output.js';
import { FirmataPulseCounter } from './pulse-counter.js';

const port = z.string().regex(/^\/\S+$/, 'an absolute serial device path, e.g. /dev/ttyACM0 or /dev/serial/by-id/...');
const pin = z.number().int().min(0).max(127);
const windowMs = (fallback: number) => z.number().int().min(0).max(MAX_DEBOUNCE_MS).default(fallback);
const ms = (min: number, max: number, fallback: number) => z.number().int().min(min).max(max).default(fallback);

/** What every pin spec has; inputs and pulse counters add `pullUp` and their window. */
const pinSpec = { driver: z.literal('firmata'), port, pin, activeLow: z.boolean().default(false) };
const inputPinSpec = { ...pinSpec, pullUp: z.boolean().default(false) };

export const firmataOutputSpec = z.object(pinSpec).strict();

export const firmataInputSpec = z.object({ ...inputPinSpec, debounceMs: windowMs(20) }).strict();

export const firmataPulseCounterSpec = z.object({ ...inputPinSpec, glitchFilterMs: windowMs(0) }).strict();

/** Optional controller-wide section: how long to wait on Firmata boards. */
export const firmataBoardsSpec = z
  .object({
    readyTimeoutMs: ms(1000, 120_000, 15_000),
    readTimeoutMs: ms(100, 60_000, 2000),
    writeTimeoutMs: ms(100, 60_000, 2000),
    confirmWrites: z.boolean().default(false),
  })
  .strict();

export type FirmataOutputSpec = z.infer<typeof firmataOutputSpec>;
export type FirmataInputSpec = z.infer<typeof firmataInputSpec>;
export type FirmataPulseCounterSpec = z.infer<typeof firmataPulseCounterSpec>;
export type FirmataBoardsSpec = z.infer<typeof firmataBoardsSpec>;

/** One registry per controller: `new FirmataBoards(firmataBoardsOptions(config.firmata, logger))`. */
export function firmataBoardsOptions(spec: Partial<FirmataBoardsSpec> = {}, logger?: Logger, clock?: Clock): ConstructorParameters<typeof FirmataBoards>[0] {
  const full = firmataBoardsSpec.parse(spec);
  return { ...full, ...(logger ? { logger } : {}), ...(clock ? { clock } : {}) };
}

export interface FirmataDriverDeps {
  boards: FirmataBoards;
  logger?: Logger;
  clock?: Clock;
}

export function createFirmataRelay(spec: FirmataOutputSpec, name: string, deps: FirmataDriverDeps): FirmataRelay {
  return new FirmataRelay(name, deps.boards, { port: spec.port, pin: spec.pin }, { activeLow: spec.activeLow });
}

export function createFirmataValve(spec: FirmataOutputSpec, name: string, deps: FirmataDriverDeps): FirmataValve {
  return new FirmataValve(name, deps.boards, { port: spec.port, pin: spec.pin }, { activeLow: spec.activeLow });
}

export function createFirmataInput(spec: FirmataInputSpec, name: string, deps: FirmataDriverDeps): FirmataInput {
  return new FirmataInput(name, deps.boards, { port: spec.port, pin: spec.pin }, {
    activeLow: spec.activeLow,
    pullUp: spec.pullUp,
    debounceMs: spec.debounceMs,
    ...(deps.clock ? { clock: deps.clock } : {}),
    ...(deps.logger ? { logger: deps.logger } : {}),
  });
}

export function createFirmataPulseCounter(spec: FirmataPulseCounterSpec, name: string, deps: FirmataDriverDeps): FirmataPulseCounter {
  return new FirmataPulseCounter(name, deps.boards, { port: spec.port, pin: spec.pin }, {
    activeLow: spec.activeLow,
    pullUp: spec.pullUp,
    glitchFilterMs: spec.glitchFilterMs,
    ...(deps.clock ? { clock: deps.clock } : {}),
  });
}
