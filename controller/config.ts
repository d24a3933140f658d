/**
 * Controller configuration: a YAML file validated against a schema with defaults. Every error names
 * the file and the field (`points[0].openDurationMs: ...`). Relative paths are resolved against the
 * directory of the config file. `configVersion` numbers the schema; older versions are migrated by
 * the numbered steps in MIGRATIONS before validation.
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { firmataBoardsSpec } from './drivers/firmata/config.js';
import { checkMeterSpecs, modbusConfigSchema, type ModbusMeterSpec } from './drivers/modbus/config.js';
import { doorPointSpec } from './points/door-config.js';
import { showerPointSpec } from './points/shower-config.js';
import { roomPointSpec } from './points/room-config.js';
import { fen } from './points/config-common.js';
import { DEFAULT_SELF_TEST, selfTestProblems, selfTestSpec } from '../hardware-tests/config.js';
import { DEFAULT_MAX_SNAPSHOT_CHUNKS, DEFAULT_MAX_STAGED_BYTES } from './policy.js';

export const CONFIG_VERSION = 1;

const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, "1-64 letters, digits, '.', '_' or '-'");
const ms = (min: number, max: number) => z.number().int().min(min).max(max);

export { readerSpec, relaySpec, type ReaderSpec, type RelaySpec } from './drivers/specs.js';
export type { DoorPointConfig } from './points/door-config.js';
export type { ShowerPointConfig } from './points/shower-config.js';
export type { RoomPointConfig } from './points/room-config.js';

const pointSpec = z.discriminatedUnion('kind', [doorPointSpec, showerPointSpec, roomPointSpec]);

export const controllerConfigSchema = z
  .object({
    configVersion: z.literal(CONFIG_VERSION),
    deviceId: id,
    dataDir: z.string().min(1),
    keyFile: z.string().min(1),
    hub: z
      .object({
        url: z.string().regex(/^wss?:\/\/[^\s]+$/, 'a ws:// or wss:// URL'),
        reconnectMinMs: ms(10, 60_000).default(250),
        reconnectMaxMs: ms(100, 3_600_000).default(30_000),
        heartbeatIntervalMs: ms(100, 300_000).default(15_000),
        maxInFlightEvents: z.number().int().min(1).max(100_000).default(1024),
        maxEventsPerBatch: z.number().int().min(1).max(256).default(256),
        /** PEM file of the CA (or the self-signed certificate) that signed the hub's wss certificate. */
        caFile: z.string().min(1).optional(),
        /** Plain ws:// to a hub that is not on this machine: only on a network you trust. */
        allowPlainWs: z.boolean().default(false),
      })
      .strict(),
    journal: z
      .object({
        /** Disk budget: events waiting for the hub (1 % of it kept for alarms; see docs/errors.md). */
        maxUnackedEvents: z.number().int().min(100).max(10_000_000).default(1_000_000),
        /** A journal segment file is closed and a new one started at this size. */
        segmentMaxBytes: z.number().int().min(64 * 1024).max(256 * 1024 * 1024).default(8 * 1024 * 1024),
      })
      .strict()
      .default({ maxUnackedEvents: 1_000_000, segmentMaxBytes: 8 * 1024 * 1024 }),
    /** Chunked dataset snapshots from the hub (README "Chunked snapshots"; controller/policy.ts). */
    datasets: z
      .object({
        /** Most chunks taken in one snapshot, named to the hub in the hello (a snapshot needing more is not sent). */
        maxSnapshotChunks: z.number().int().min(2).max(1_000_000).default(DEFAULT_MAX_SNAPSHOT_CHUNKS),
        /** Most bytes of entries staged on disk for one snapshot; past it the snapshot is refused (staged_bytes_exceeded). */
        maxStagedSnapshotBytes: z.number().int().min(1024 * 1024).max(16 * 1024 * 1024 * 1024).default(DEFAULT_MAX_STAGED_BYTES),
      })
      .strict()
      .default({ maxSnapshotChunks: DEFAULT_MAX_SNAPSHOT_CHUNKS, maxStagedSnapshotBytes: DEFAULT_MAX_STAGED_BYTES }),
    /** Timing of Firmata boards (all optional). */
    firmata: firmataBoardsSpec.default({ readyTimeoutMs: 15_000, readTimeoutMs: 2000, writeTimeoutMs: 2000, confirmWrites: false }),
    /** Modbus buses and meter models (room points name a bus, a unit and a model). */
    modbus: modbusConfigSchema.default({ buses: [], models: [] }),
    /** IANA time zone of the campus: schedules, time-of-use bands, days and months are local. */
    timeZone: z.string().min(1).default('Asia/Shanghai').refine(validTimeZone, 'an IANA time zone such as Asia/Shanghai'),
    /** Money rules of the spending points (showers); per-card values in the cards dataset win. */
    money: z
      .object({
        /** A card's spending per local day, online or not. */
        dailyLimitFen: fen().default(10_000),
        /** A card's spending per local day while the hub is unreachable. */
        offlineDailyLimitFen: fen().default(2_000),
      })
      .strict()
      .default({ dailyLimitFen: 10_000, offlineDailyLimitFen: 2_000 }),
    points: z.array(pointSpec).min(1, 'at least one point'),
    /** `onecard selftest` and the hub's remote self-test: feedback inputs, timings (hardware-tests/config.ts). */
    selfTest: selfTestSpec.default(DEFAULT_SELF_TEST),
  })
  .strict()
  .superRefine((c, ctx) => {
    const seen = new Set<string>();
    c.points.forEach((p, i) => {
      if (seen.has(p.id)) ctx.addIssue({ code: 'custom', path: ['points', i, 'id'], message: `duplicate point id ${p.id}` });
      seen.add(p.id);
    });
    const hubHost = /^wss?:\/\/(\[[^\]]+\]|[^/:]+)/.exec(c.hub.url)?.[1] ?? '';
    if (c.hub.url.startsWith('ws://') && !c.hub.allowPlainWs && !['127.0.0.1', 'localhost', '[::1]'].includes(hubHost)) {
      ctx.addIssue({ code: 'custom', path: ['hub', 'url'], message: `plain ws:// to ${hubHost} would send the journal unencrypted: use wss:// (with caFile for your own CA), or set allowPlainWs: true on a network you trust` });
    }
    // The hub processes at most 64 frames of a session at a time (hub/gateway.ts maxQueuedFrames).
    if (Math.ceil(c.hub.maxInFlightEvents / c.hub.maxEventsPerBatch) > 32) {
      ctx.addIssue({ code: 'custom', path: ['hub', 'maxInFlightEvents'], message: `at most 32 batches in flight: with maxEventsPerBatch ${c.hub.maxEventsPerBatch}, at most ${32 * c.hub.maxEventsPerBatch}` });
    }
    const meters: Array<{ path: PropertyKey[]; spec: ModbusMeterSpec }> = [];
    c.points.forEach((p, i) => {
      if (p.kind === 'room' && p.meter.driver === 'modbus') meters.push({ path: ['points', i, 'meter'], spec: p.meter });
    });
    for (const problem of checkMeterSpecs(c.modbus, meters)) ctx.addIssue({ code: 'custom', path: problem.path, message: problem.message });
    for (const problem of selfTestProblems(c.selfTest, c.points)) ctx.addIssue({ code: 'custom', path: problem.path, message: problem.message });
    if (c.hub.reconnectMaxMs < c.hub.reconnectMinMs) {
      ctx.addIssue({ code: 'custom', path: ['hub', 'reconnectMaxMs'], message: 'must be at least reconnectMinMs' });
    }
  });

export type ControllerConfig = z.infer<typeof controllerConfigSchema>;
export type PointConfig = ControllerConfig['points'][number];

function validTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Numbered migrations: MIGRATIONS[n] turns a version-n document into version n+1. */
const MIGRATIONS: Record<number, (doc: Record<string, unknown>) => Record<string, unknown>> = {};

export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(readonly source: string, readonly problems: string[]) {
    super(`${source}: invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Validates an already-parsed document. Paths stay as written. */
export function parseControllerConfig(doc: unknown, source = 'config'): ControllerConfig {
  let value = doc;
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    let version = (value as Record<string, unknown>).configVersion;
    while (typeof version === 'number' && version < CONFIG_VERSION && MIGRATIONS[version]) {
      value = { ...MIGRATIONS[version]!(value as Record<string, unknown>), configVersion: version + 1 };
      version += 1;
    }
  }
  const result = controllerConfigSchema.safeParse(value);
  if (!result.success) {
    throw new ConfigError(
      source,
      result.error.issues.map((issue) => `${formatPath(issue.path) || '(top level)'}: ${issue.message}`),
    );
  }
  return result.data;
}

/** Reads, parses and validates a YAML config file; resolves its relative paths. */
export async function loadControllerConfig(path: string): Promise<ControllerConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new ConfigError(path, [`cannot read: ${(err as Error).message}`]);
  }
  const document = parseDocument(text, { prettyErrors: true });
  if (document.errors.length > 0) {
    throw new ConfigError(path, document.errors.map((e) => `YAML: ${e.message}`));
  }
  const config = parseControllerConfig(document.toJS(), path);
  const base = dirname(resolve(path));
  const hub = config.hub.caFile === undefined ? config.hub : { ...config.hub, caFile: resolve(base, config.hub.caFile) };
  return { ...config, hub, dataDir: resolve(base, config.dataDir), keyFile: resolve(base, config.keyFile) };
}

function formatPath(path: PropertyKey[]): string {
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`))
    .join('');
}
