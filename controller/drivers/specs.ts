/**
 * The config specs of every kind of driver a point names (zod), one discriminated union per kind:
 * `driver: emulated` for the in-process emulators (emulators/drivers.ts), or a real backend
 * (GPIO character device, sysfs, Firmata pin, PC/SC reader, Modbus meter). Kept apart from
 * controller/config.ts so point config files can import them without a cycle.
 */
import { z } from 'zod';
import { gpiodInputSpec, gpiodOutputSpec, gpiodPulseCounterSpec, sysfsInputSpec, sysfsOutputSpec, sysfsPulseCounterSpec } from './gpio/index.js';
import { firmataInputSpec, firmataOutputSpec, firmataPulseCounterSpec } from './firmata/config.js';
import { modbusMeterSpecSchema } from './modbus/config.js';

/**
 * Emulators take an optional `fault` so a self-test can be shown failing from a config file
 * (hardware-tests/README.md): a reader `unplugged`; a relay or valve `stuck-open` / `stuck-closed`
 * (its contacts, seen by a feedback input or by the water, ignore the coil); a flow sensor `stuck`
 * (counts nothing); a meter `silent`, `corrupt-crc` (every reply) or `exception`.
 */
const emulatedReader = z.object({ driver: z.literal('emulated'), fault: z.enum(['unplugged']).optional() }).strict();
const emulatedOutput = z.object({ driver: z.literal('emulated'), fault: z.enum(['stuck-open', 'stuck-closed']).optional() }).strict();
const emulatedPulseCounter = z
  .object({
    driver: z.literal('emulated'),
    fault: z.enum(['stuck']).optional(),
    /** Emulated water: while the point's emulated valve is open, this many pulses a second; absent: pulses only when told. */
    flowPulsesPerSecond: z.number().positive().max(10_000).optional(),
  })
  .strict();

/** A card reader: an emulator, or a PC/SC reader (nfc-pcsc over pcscd). */
export const readerSpec = z.discriminatedUnion('driver', [
  emulatedReader,
  z
    .object({
      driver: z.literal('pcsc'),
      /** The PC/SC reader's exact name or a case-insensitive part of it; default any reader. */
      reader: z.string().min(1).max(200).optional(),
      /** pcscd's socket; default $PCSCLITE_CSOCK_NAME or /run/pcscd/pcscd.comm. */
      socketPath: z.string().min(1).optional(),
    })
    .strict(),
]);

/** A relay or a valve: an emulator, a GPIO line (character device or sysfs), or a Firmata pin. */
export const relaySpec = z.discriminatedUnion('driver', [emulatedOutput, gpiodOutputSpec, sysfsOutputSpec, firmataOutputSpec]);
export const valveSpec = relaySpec;

/** A digital input (door contact, exit button, fire loop): an emulator, a GPIO line or a Firmata pin. */
export const inputSpec = z.discriminatedUnion('driver', [
  z.object({ driver: z.literal('emulated'), activeLow: z.boolean().default(false) }).strict(),
  gpiodInputSpec,
  sysfsInputSpec,
  firmataInputSpec,
]);

/** A pulse counter (flow sensor): an emulator, a GPIO line or a Firmata pin. */
export const pulseCounterSpec = z.discriminatedUnion('driver', [emulatedPulseCounter, gpiodPulseCounterSpec, sysfsPulseCounterSpec, firmataPulseCounterSpec]);

/**
 * An electricity meter: a Modbus meter on a configured bus, or an emulated meter of a built-in
 * model (the real ModbusMeter over an in-memory bus to the register emulator).
 */
export const meterSpec = z.discriminatedUnion('driver', [
  z
    .object({
      driver: z.literal('emulated'),
      model: z.string().min(1).default('dds238'),
      unit: z.number().int().min(1).max(247).default(1),
      energyWh: z.number().int().min(0).max(1e12).default(0),
      powerW: z.number().int().min(0).max(100_000).default(0),
      fault: z.enum(['silent', 'corrupt-crc', 'exception']).optional(),
    })
    .strict(),
  modbusMeterSpecSchema,
]);

export type ReaderSpec = z.infer<typeof readerSpec>;
export type RelaySpec = z.infer<typeof relaySpec>;
export type ValveSpec = z.infer<typeof valveSpec>;
export type InputSpec = z.infer<typeof inputSpec>;
export type PulseCounterSpec = z.infer<typeof pulseCounterSpec>;
export type MeterSpec = z.infer<typeof meterSpec>;
