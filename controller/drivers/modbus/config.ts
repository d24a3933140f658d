/**
 * Config schemas for Modbus, for controller/config.ts to embed: the buses of a controller (RTU
 * lines and TCP connections, with their timing), the meter models it defines itself, and the spec
 * of a meter on a bus that a point names. Plus the constructors from validated config.
 *
 * YAML shape:
 *   modbus:
 *     buses:
 *       - { id: rs485-1, transport: { kind: rtu, path: /dev/ttyUSB0, baudRate: 9600 }, timeoutMs: 500 }
 *       - { id: gw-2, transport: { kind: tcp, host: 10.0.0.7, port: 502 } }
 *     models: [ { id: acme, fields: { energyWh: { address: 0, kind: holding, type: u32, scale: 10 } } } ]
 *   points: [ { kind: room, ..., meter: { driver: modbus, bus: rs485-1, unit: 3, model: dds238 } } ]
 */
import { z } from 'zod';
import type { Logger } from '../../../lib/log.js';
import { DEFAULT_TIMING, MODBUS_LIMITS, type ModbusBus, type ModbusTiming } from './bus.js';
import { BUILT_IN_MODELS, fromConfig, meterModelSchema, type MeterModel } from './meter-models.js';
import { createModbusBus } from './modbus-serial-bus.js';

const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, "1-64 letters, digits, '.', '_' or '-'");
const int = (min: number, max: number) => z.number().int().min(min).max(max);

const transportSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('rtu'),
      path: z.string().min(1),
      baudRate: int(300, 921_600).default(9600),
      parity: z.enum(['none', 'even', 'odd']).default('none'),
      dataBits: z.union([z.literal(7), z.literal(8)]).default(8),
      stopBits: z.union([z.literal(1), z.literal(2)]).default(1),
    })
    .strict(),
  z.object({ kind: z.literal('tcp'), host: z.string().min(1), port: int(1, 65_535).default(502) }).strict(),
]);

export const modbusBusConfigSchema = z
  .object({
    id,
    transport: transportSchema,
    timeoutMs: int(MODBUS_LIMITS.minTimeoutMs, MODBUS_LIMITS.maxTimeoutMs).default(DEFAULT_TIMING.timeoutMs),
    retries: int(0, MODBUS_LIMITS.maxRetries).default(DEFAULT_TIMING.retries),
    /** Default: 3.5 character times at the baud rate, at least 2 ms (RTU); 0 (TCP). */
    interFrameSilenceMs: z.number().min(0).max(1000).optional(),
    maxQueueLength: int(1, MODBUS_LIMITS.maxQueueLength).default(DEFAULT_TIMING.maxQueueLength),
    reconnectIntervalMs: int(0, 3_600_000).default(DEFAULT_TIMING.reconnectIntervalMs),
    connectTimeoutMs: int(100, 60_000).default(DEFAULT_TIMING.connectTimeoutMs),
  })
  .strict();

export const modbusConfigSchema = z
  .object({
    buses: z.array(modbusBusConfigSchema).max(32).default([]),
    models: z.array(meterModelSchema).max(256).default([]),
  })
  .strict()
  .superRefine((c, ctx) => {
    const unique = (list: Array<{ id: string }>, key: 'buses' | 'models') => {
      const seen = new Set<string>();
      list.forEach((item, i) => {
        if (seen.has(item.id)) ctx.addIssue({ code: 'custom', path: [key, i, 'id'], message: `duplicate ${key === 'buses' ? 'bus' : 'model'} id ${item.id}` });
        seen.add(item.id);
      });
    };
    unique(c.buses, 'buses');
    unique(c.models, 'models');
  });

/** A meter as a point names it: which bus, which unit id on it, which model. */
export const modbusMeterSpecSchema = z
  .object({
    driver: z.literal('modbus'),
    bus: id,
    unit: int(1, 247),
    model: z.string().min(1),
  })
  .strict();

export type ModbusBusConfig = z.infer<typeof modbusBusConfigSchema>;
export type ModbusConfig = z.infer<typeof modbusConfigSchema>;
export type ModbusMeterSpec = z.infer<typeof modbusMeterSpecSchema>;

/**
 * Problems with meter specs against the modbus section (unknown bus or model, two meters with one
 * unit id on one bus), each with the path given for that spec, for a superRefine to report.
 */
export function checkMeterSpecs(modbus: ModbusConfig, specs: Array<{ path: PropertyKey[]; spec: ModbusMeterSpec }>): Array<{ path: PropertyKey[]; message: string }> {
  const problems: Array<{ path: PropertyKey[]; message: string }> = [];
  const buses = new Set(modbus.buses.map((b) => b.id));
  const models = new Set([...Object.keys(BUILT_IN_MODELS), ...modbus.models.map((m) => m.id)]);
  const units = new Set<string>();
  for (const { path, spec } of specs) {
    if (!buses.has(spec.bus)) problems.push({ path: [...path, 'bus'], message: `no bus ${spec.bus} in modbus.buses (have: ${[...buses].join(', ') || 'none'})` });
    if (!models.has(spec.model)) problems.push({ path: [...path, 'model'], message: `unknown meter model ${spec.model} (have: ${[...models].join(', ')})` });
    const key = `${spec.bus}/${spec.unit}`;
    if (units.has(key)) problems.push({ path: [...path, 'unit'], message: `another meter already has unit ${spec.unit} on bus ${spec.bus}` });
    units.add(key);
  }
  return problems;
}

export function timingOf(bus: ModbusBusConfig): Partial<ModbusTiming> {
  return {
    timeoutMs: bus.timeoutMs,
    retries: bus.retries,
    maxQueueLength: bus.maxQueueLength,
    reconnectIntervalMs: bus.reconnectIntervalMs,
    connectTimeoutMs: bus.connectTimeoutMs,
    ...(bus.interFrameSilenceMs === undefined ? {} : { interFrameSilenceMs: bus.interFrameSilenceMs }),
  };
}

/** One ModbusBus (modbus-serial) per configured bus, by id. The caller opens and closes them. */
export function createBuses(modbus: ModbusConfig, logger: Logger): Map<string, ModbusBus> {
  return new Map(modbus.buses.map((b) => [b.id, createModbusBus({ name: b.id, transport: b.transport, timing: timingOf(b), logger })]));
}

/** The model a spec names: built in, or defined in the modbus section. */
export function modelFor(modbus: ModbusConfig, modelId: string): MeterModel | null {
  const builtIn = BUILT_IN_MODELS[modelId];
  if (builtIn) return builtIn;
  const own = modbus.models.find((m) => m.id === modelId);
  return own ? fromConfig(own) : null;
}
