/**
 * Test support (not used in production): a shower point on emulated drivers with a real journal
 * (temporary directory, fsync on), a real in-memory policy fed with cards, balances and tariffs,
 * a real wallet and a manual clock. `advance(ms)` runs the point's timers in order and waits for
 * what each one started; `restart()` builds a new journal, wallet and point on the same
 * directories, as after the process was killed (the old point is abandoned, never stopped).
 */
import { join } from 'node:path';
import { ManualClock } from '../../lib/manual-clock.js';

export { ManualClock };
import { MemoryLogger } from '../../lib/log.js';
import { DatasetName, TariffBasis, type Event } from '../../protocol/messages.js';
import type { onecard } from '../../protocol/gen/onecard.js';
import { EmulatedDrivers } from '../../emulators/drivers.js';
import { Journal } from '../journal.js';
import { Policy } from '../policy.js';
import { Wallet } from '../wallet.js';
import { showerPointSpec } from './shower-config.js';
import { ShowerPoint } from './shower.js';


export const CARD = '04A1B2C3D4E5F6';
export const OTHER = '04B1B2C3D4E5F7';
export const POOR = '04C1B2C3D4E5F8';
export const LOST = '04FFFFFFFFFFFF';
export const NO_ACCOUNT = '04D1D2D3D4D5D6';
export const EXPIRED = '04E1E2E3E4E5E6';
/** A card whose own daily limit is 10 fen. */
export const LIMITED = '04F1F2F3F4F5F6';
export const WALL_START_MS = Date.UTC(2025, 8, 1, 4, 0); // 12:00 in Asia/Shanghai

export type TariffInput = onecard.v1.Tariff.$Properties;

/** 2.5 fen per litre, at least 10 fen, 0.5 fen per second when billed by time. */
export const PER_LITRE: TariffInput = {
  tariffId: 'hot', basis: TariffBasis.TARIFF_BASIS_PER_LITRE, priceMillifen: 2_500, minimumChargeFen: 10, fallbackPriceMillifenPerSecond: 500,
};
/** 0.3 fen per second (18 fen a minute). */
export const PER_SECOND: TariffInput = { tariffId: 'hot', basis: TariffBasis.TARIFF_BASIS_PER_SECOND, priceMillifen: 300 };

export interface RigOptions {
  /** Shower config fields over the defaults below. */
  config?: Record<string, unknown>;
  flowSensor?: boolean;
  tariff?: TariffInput | null;
  /** Balance of CARD's account in fen (default 10,000). */
  balanceFen?: number;
  dailyLimitFen?: number;
  maxUnackedEvents?: number;
}

export interface Rig {
  dir: string;
  clock: ManualClock;
  drivers: EmulatedDrivers;
  logger: MemoryLogger;
  journal: Journal;
  policy: Policy;
  wallet: Wallet;
  point: ShowerPoint;
  wallMs: { now: number };
  tap(uid: string): Promise<void>;
  pulse(n: number): void;
  valveOpen(): boolean;
  valveCalls(): boolean[];
  /** Moves the clock on by `ms`, firing every timer due on the way and waiting for what it started. */
  advance(ms: number): Promise<void>;
  /** Every event written so far, once durable. */
  events(): Promise<Event[]>;
  /** A new journal, wallet, drivers and point on the same directories; the old point is abandoned as if killed. */
  restart(): Promise<Rig>;
  close(): Promise<void>;
}

export const POINT_ID = 'shower-3f';

export async function makeRig(dir: string, options: RigOptions = {}, previous?: Rig): Promise<Rig> {
  const logger = new MemoryLogger();
  const clock = new ManualClock(1000);
  if (previous) clock.setNow(previous.clock.nowMs() + 60_000);
  const wallMs = previous?.wallMs ?? { now: WALL_START_MS };
  const drivers = new EmulatedDrivers({ now: () => clock.nowMs() });
  const journal = new Journal({ dir: join(dir, 'journal'), deviceId: 'dev-1', logger, now: () => wallMs.now, ...(options.maxUnackedEvents ? { maxUnackedEvents: options.maxUnackedEvents } : {}) });
  await journal.start();
  const policy = new Policy({ dir: null, logger, now: () => wallMs.now });
  await policy.apply({
    name: DatasetName.DATASET_NAME_CARDS, version: 1, fullSnapshot: true,
    cards: {
      upsert: [
        { cardUid: CARD, personId: 'P1', accountId: 'acc-1' },
        { cardUid: OTHER, personId: 'P2', accountId: 'acc-2' },
        { cardUid: POOR, personId: 'P3', accountId: 'acc-3' },
        { cardUid: LOST, personId: 'P4', accountId: 'acc-4' },
        { cardUid: NO_ACCOUNT, personId: 'P5' },
        { cardUid: EXPIRED, personId: 'P6', accountId: 'acc-6', validUntilUnixMs: WALL_START_MS - 1 },
        { cardUid: LIMITED, personId: 'P7', accountId: 'acc-7', dailyLimitFen: 10 },
      ],
    },
  });
  await policy.apply({ name: DatasetName.DATASET_NAME_BLACKLIST, version: 3, fullSnapshot: true, blacklist: { add: [{ cardUid: LOST, reason: 1 }] } });
  await policy.apply({
    name: DatasetName.DATASET_NAME_BALANCES, version: 1, fullSnapshot: true,
    balances: { upsert: [{ accountId: 'acc-1', balanceFen: options.balanceFen ?? 10_000 }, { accountId: 'acc-2', balanceFen: 10_000 }, { accountId: 'acc-3', balanceFen: 0 }, { accountId: 'acc-4', balanceFen: 10_000 }, { accountId: 'acc-6', balanceFen: 10_000 }, { accountId: 'acc-7', balanceFen: 10_000 }] },
  });
  const tariff = options.tariff === undefined ? PER_LITRE : options.tariff;
  if (tariff) await policy.apply({ name: DatasetName.DATASET_NAME_TARIFFS, version: 1, fullSnapshot: true, tariffs: { upsert: [tariff] } });
  const wallet = new Wallet({
    dir: null, policy, logger, wallNow: () => wallMs.now, timeZone: 'Asia/Shanghai', isOnline: () => true,
    dailyLimitFen: options.dailyLimitFen ?? 5_000, offlineDailyLimitFen: 2_000,
  });
  await wallet.start(journal);
  const config = showerPointSpec.parse({
    kind: 'shower', id: POINT_ID, tariff: 'hot', reader: { driver: 'emulated' }, valve: { driver: 'emulated' },
    ...(options.flowSensor === false ? {} : { flowSensor: { driver: 'emulated' } }),
    pulsesPerLitre: 100, sessionTimeoutMs: 120_000, flowTamperMs: 30_000, progressIntervalMs: 5_000, pollIntervalMs: 500,
    ...options.config,
  });
  const point = new ShowerPoint(config, {
    drivers, policy, wallet, journal, logger, wallNow: () => wallMs.now, clock, timeZone: 'Asia/Shanghai', dataDir: join(dir, 'points'),
  });
  await point.start();
  const rig: Rig = {
    dir, clock, drivers, logger, journal, policy, wallet, point, wallMs,
    async tap(uid) {
      drivers.reader(`${POINT_ID}/reader`).tap(uid);
      await point.settled();
    },
    pulse(n) {
      drivers.pulseCounterNamed(`${POINT_ID}/flow`).pulse(n);
    },
    valveOpen: () => drivers.valveNamed(`${POINT_ID}/valve`).isOpenNow(),
    valveCalls: () => drivers.valveNamed(`${POINT_ID}/valve`).calls.map((c) => c.open),
    async advance(ms) {
      const until = clock.nowMs() + ms;
      await point.settled();
      while (clock.fireNext(until)) await point.settled();
      clock.setNow(until);
    },
    async events() {
      await point.settled();
      await durable(journal);
      return journal.durableFrom(1, 100_000);
    },
    async restart() {
      // Killed: nothing of the old point runs again (its clock is never advanced); what it appended is durable.
      await journal.stop();
      await wallet.stop();
      return makeRig(dir, options, rig);
    },
    async close() {
      await point.stop();
      await wallet.stop();
      await journal.stop();
    },
  };
  return rig;
}

export function durable(journal: Journal): Promise<void> {
  return new Promise<void>((resolve) => {
    if (journal.lastDurableSeq >= journal.lastSeqWritten) return resolve();
    const off = journal.onDurable((seq) => {
      if (seq >= journal.lastSeqWritten) {
        off();
        resolve();
      }
    });
  });
}

/** Shower sessions, charges, access decisions and alarms of a list of events, with defaults filled in (easy to compare). */
export function sessionEvents(events: Event[]): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  for (const e of events) {
    const s = e.showerSession;
    const c = e.charge;
    if (s) {
      out.push({
        kind: 'session', phase: s.phase ?? 0, end: s.end ?? 0, sessionId: s.sessionId ?? '', cardUid: s.cardUid ?? '', pulses: Number(s.pulses ?? 0), volumeMl: Number(s.volumeMl ?? 0),
        durationMs: Number(s.durationMs ?? 0), amountFen: Number(s.amountFen ?? 0), allowanceFen: Number(s.allowanceFen ?? 0), spendRule: s.spendRule ?? 0, timeBilled: s.timeBilled ?? false,
      });
    } else if (c) {
      out.push({
        kind: 'charge', sessionId: c.sessionId ?? '', cardUid: c.cardUid ?? '', accountId: c.accountId ?? '', amountFen: Number(c.amountFen ?? 0), basis: c.basis ?? 0,
        volumeMl: Number(c.volumeMl ?? 0), durationMs: Number(c.durationMs ?? 0), spendRule: c.spendRule ?? 0, minimumApplied: c.minimumApplied ?? false,
      });
    } else if (e.access) {
      out.push({ kind: 'access', cardUid: e.access.cardUid ?? '', granted: e.access.granted ?? false, reason: e.access.reason ?? 0 });
    } else if (e.alarm) {
      out.push({ kind: 'alarm', alarm: e.alarm.kind ?? '', active: e.alarm.active ?? false, detail: e.alarm.detail ?? '' });
    }
  }
  return out;
}

/** Just the kinds and phases, e.g. ['OPEN', 'PROGRESS', 'CLOSE', 'charge']. */
export function kinds(events: Event[]): string[] {
  const phases = ['?', 'OPEN', 'PROGRESS', 'CLOSE'];
  return sessionEvents(events).map((e) => (e.kind === 'session' ? phases[e.phase as number]! : e.kind === 'alarm' ? `alarm:${String(e.alarm)}:${String(e.active)}` : String(e.kind)));
}
