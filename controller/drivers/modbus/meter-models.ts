/**
 * Meter models as data: where each quantity lives in a meter's registers, how it is encoded and how
 * it scales to the unit in its name (energyWh in Wh, powerW in W, voltageMv in mV, currentMa in mA),
 * the range a plausible value stays in, and the relay register of meters that can cut the supply.
 *
 * Built in: Eastron SDM120 (float32 input registers) and Hiking DDS238-2 ZN/SR (integer holding
 * registers with a relay). Any other meter is described in config with `meterModelSchema`.
 */
import { z } from 'zod';
import { VALUE_TYPES, WORD_ORDERS, registerCount, type ValueType, type WordOrder } from './codec.js';

export const METER_QUANTITIES = ['energyWh', 'powerW', 'voltageMv', 'currentMa'] as const;
export type MeterQuantity = (typeof METER_QUANTITIES)[number];
export type RegisterKind = 'input' | 'holding';

export interface RegisterField {
  address: number;
  kind: RegisterKind;
  type: ValueType;
  wordOrder: WordOrder;
  /** Value in the field's unit = raw register value × scale (1000 for a float32 in kWh read as energyWh). */
  scale: number;
  /** Plausible range in the field's unit; a value outside it (or NaN) is an error, never a reading. */
  min: number;
  max: number;
}

/**
 * The supply relay of a prepaid meter. `closedValue` in the register means contacts closed (supply
 * on), `openValue` contacts open (supply cut). `write` says which function code the meter accepts:
 * 'single' (FC6) or 'multiple' (FC16, one register).
 */
export interface RelayRegister {
  address: number;
  kind: 'holding';
  write: 'single' | 'multiple';
  closedValue: number;
  openValue: number;
}

export interface MeterModel {
  id: string;
  name: string;
  fields: Partial<Record<MeterQuantity, RegisterField>>;
  relay?: RelayRegister;
  /**
   * Most registers one read request may span. Fields of one kind that fit in such a span are read
   * together (the meter must answer every address in between); 1 reads each field on its own.
   */
  maxRegistersPerRead: number;
}

/** Plausible ranges used when a config model does not give its own (the field's unit). */
export const DEFAULT_RANGES: Record<MeterQuantity, [number, number]> = {
  energyWh: [0, 1e12],
  powerW: [-1_000_000, 1_000_000],
  voltageMv: [0, 1_000_000],
  currentMa: [0, 1_000_000],
};

const float = (address: number, scale: number, min: number, max: number): RegisterField => ({
  address,
  kind: 'input',
  type: 'float32',
  wordOrder: 'high-first',
  scale,
  min,
  max,
});

/**
 * Eastron SDM120-Modbus, single phase, 230 V, 45 A max. IEEE 754 float32 input registers (FC4),
 * high word first: 30001 (0x0000) voltage V, 30007 (0x0006) current A, 30013 (0x000C) active power
 * W (negative when exporting), 30343 (0x0156) total active energy kWh.
 */
export const SDM120: MeterModel = {
  id: 'sdm120',
  name: 'Eastron SDM120',
  fields: {
    voltageMv: float(0x0000, 1000, 0, 300_000),
    currentMa: float(0x0006, 1000, 0, 100_000),
    powerW: float(0x000c, 1, -30_000, 30_000),
    energyWh: float(0x0156, 1000, 0, 1e9),
  },
  maxRegistersPerRead: 16,
};

const holding = (address: number, type: ValueType, scale: number, min: number, max: number): RegisterField => ({
  address,
  kind: 'holding',
  type,
  wordOrder: 'high-first',
  scale,
  min,
  max,
});

/**
 * Hiking DDS238-2 ZN/SR, single phase with a latching relay for prepaid cut-off. Integer holding
 * registers (FC3), big-endian: 0x0000-0x0001 total energy u32 in 0.01 kWh, 0x000C voltage u16 in
 * 0.1 V, 0x000D current u16 in 0.01 A, 0x000E active power i16 in W, 0x001A relay (1 closed, 0 open).
 * The meter ignores FC6: registers are written with FC16 only. All 27 registers 0x0000-0x001A are
 * answered, so one read covers them.
 */
export const DDS238: MeterModel = {
  id: 'dds238',
  name: 'Hiking DDS238-2 ZN/SR',
  fields: {
    energyWh: holding(0x0000, 'u32', 10, 0, 1e9),
    voltageMv: holding(0x000c, 'u16', 100, 0, 300_000),
    currentMa: holding(0x000d, 'u16', 10, 0, 100_000),
    powerW: holding(0x000e, 'i16', 1, -30_000, 30_000),
  },
  relay: { address: 0x001a, kind: 'holding', write: 'multiple', closedValue: 1, openValue: 0 },
  maxRegistersPerRead: 27,
};

export const BUILT_IN_MODELS: Readonly<Record<string, MeterModel>> = { sdm120: SDM120, dds238: DDS238 };

const address = z.number().int().min(0).max(0xffff);

const fieldSchema = z
  .object({
    address,
    kind: z.enum(['input', 'holding']),
    type: z.enum(VALUE_TYPES),
    wordOrder: z.enum(WORD_ORDERS).default('high-first'),
    scale: z.number().positive(),
    min: z.number().optional(),
    max: z.number().optional(),
  })
  .strict();

/** A meter model written in config (YAML/JSON). Ids of built-in models are reserved. */
export const meterModelSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, "1-64 lower-case letters, digits, '.', '_' or '-'"),
    name: z.string().min(1).max(100).optional(),
    fields: z.object(Object.fromEntries(METER_QUANTITIES.map((q) => [q, fieldSchema.optional()])) as Record<MeterQuantity, z.ZodOptional<typeof fieldSchema>>).strict(),
    relay: z
      .object({
        address,
        write: z.enum(['single', 'multiple']),
        closedValue: z.number().int().min(0).max(0xffff).default(1),
        openValue: z.number().int().min(0).max(0xffff).default(0),
      })
      .strict()
      .optional(),
    maxRegistersPerRead: z.number().int().min(1).max(125).default(1),
  })
  .strict()
  .superRefine((m, ctx) => {
    if (BUILT_IN_MODELS[m.id]) ctx.addIssue({ code: 'custom', path: ['id'], message: `"${m.id}" is a built-in model` });
    const present = METER_QUANTITIES.filter((q) => m.fields[q]);
    if (present.length === 0) ctx.addIssue({ code: 'custom', path: ['fields'], message: `give at least one of ${METER_QUANTITIES.join(', ')}` });
    for (const q of present) {
      const f = m.fields[q]!;
      if (f.address + registerCount(f.type) - 1 > 0xffff) ctx.addIssue({ code: 'custom', path: ['fields', q, 'address'], message: `a ${f.type} at ${f.address} runs past register 65535` });
      const [min, max] = [f.min ?? DEFAULT_RANGES[q][0], f.max ?? DEFAULT_RANGES[q][1]];
      if (min >= max) ctx.addIssue({ code: 'custom', path: ['fields', q, 'max'], message: `must be above min (${min})` });
    }
    if (m.relay && m.relay.closedValue === m.relay.openValue) ctx.addIssue({ code: 'custom', path: ['relay', 'openValue'], message: 'must differ from closedValue' });
  });

export type MeterModelConfig = z.input<typeof meterModelSchema>;

export class MeterModelError extends Error {
  override name = 'MeterModelError';
  constructor(readonly source: string, readonly problems: string[]) {
    super(`${source}: invalid meter model:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Validates a model written in config; every problem names its field (`fields.energyWh.type: ...`). */
export function parseMeterModel(doc: unknown, source = 'meter model'): MeterModel {
  const result = meterModelSchema.safeParse(doc);
  if (!result.success) {
    throw new MeterModelError(source, result.error.issues.map((i) => `${i.path.map(String).join('.') || '(top level)'}: ${i.message}`));
  }
  return fromConfig(result.data);
}

/** Turns an already-validated config model (from `meterModelSchema`) into a model. */
export function fromConfig(m: z.output<typeof meterModelSchema>): MeterModel {
  const fields: Partial<Record<MeterQuantity, RegisterField>> = {};
  for (const q of METER_QUANTITIES) {
    const f = m.fields[q];
    if (f) fields[q] = { address: f.address, kind: f.kind, type: f.type, wordOrder: f.wordOrder, scale: f.scale, min: f.min ?? DEFAULT_RANGES[q][0], max: f.max ?? DEFAULT_RANGES[q][1] };
  }
  return {
    id: m.id,
    name: m.name ?? m.id,
    fields,
    ...(m.relay ? { relay: { ...m.relay, kind: 'holding' as const } } : {}),
    maxRegistersPerRead: m.maxRegistersPerRead,
  };
}

/** A built-in model by id, or one of the given config models; null when none has that id. */
export function findMeterModel(id: string, configModels: readonly MeterModel[] = []): MeterModel | null {
  return BUILT_IN_MODELS[id] ?? configModels.find((m) => m.id === id) ?? null;
}
