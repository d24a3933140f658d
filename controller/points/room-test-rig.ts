/**
 * Test rig for room points: emulated meter and breaker, a real journal in a temporary directory, a
 * real policy and wallet, and a manual clock that drives the point's timers and the wall clock.
 */
import { join } from 'node:path';
import { ManualClock } from '../../lib/manual-clock.js';

export { ManualClock };
import { MemoryLogger } from '../../lib/log.js';
import { EmulatedDrivers } from '../../emulators/drivers.js';
import type { EmulatedMeter } from '../../emulators/modbus-meter.js';
import { DatasetName, TariffBasis, type Event } from '../../protocol/messages.js';
import { tempDir } from '../../test/helpers.js';
import { Journal } from '../journal.js';
import { Policy } from '../policy.js';
import { Wallet } from '../wallet.js';
import type { TariffBandRecord } from '../dataset-types.js';
import { roomPointSpec, type RoomPointConfig } from './room-config.js';
import { RoomPoint } from './room.js';


export const ACCOUNT = 'acct-101';
export const TARIFF = 'elec';
export const POINT = 'room-101';
export const MINUTE = 60_000;
export const HOUR = 3_600_000;
/** Sunday 10 March 2024, 10:00 in Shanghai. */
export const DEFAULT_START = Date.parse('2024-03-10T10:00:00+08:00');

export interface TariffOptions {
  priceMillifen?: number;
  bands?: TariffBandRecord[];
  freeEnergyWhPerMonth?: number;
  basis?: TariffBasis;
}

export interface RigOptions {
  startUnixMs?: number;
  config?: Record<string, unknown>;
  /** The meter's energy register at the start. */
  energyWh?: number;
  /** Balance pushed for the room's account; null: none. */
  balanceFen?: number | null;
  /** The tariff held; null: none. */
  tariff?: TariffOptions | null;
  /** The journal's disk budget (a small one fills up). */
  journal?: { maxUnackedEvents: number; alarmReserveEvents: number };
}

export class RoomRig {
  readonly clock = new ManualClock();
  readonly logger = new MemoryLogger();
  readonly drivers: EmulatedDrivers;
  readonly policy: Policy;
  readonly wallet: Wallet;
  readonly config: RoomPointConfig;
  journal!: Journal;
  room!: RoomPoint;
  /** Added to the wall clock (a hub clock correction steps it). */
  wallStepMs = 0;
  private balancesVersion = 0;
  private tariffsVersion = 0;
  private readonly startUnixMs: number;

  private constructor(readonly dir: string, private readonly removeDir: () => Promise<void>, private readonly options: RigOptions) {
    this.startUnixMs = options.startUnixMs ?? DEFAULT_START;
    this.drivers = new EmulatedDrivers({ wallNow: () => this.wallNow(), now: () => this.clock.nowMs() });
    this.policy = new Policy({ dir: null, logger: this.logger, now: () => this.wallNow() });
    this.wallet = new Wallet({
      dir: null, policy: this.policy, logger: this.logger, wallNow: () => this.wallNow(), timeZone: 'Asia/Shanghai',
      isOnline: () => true, dailyLimitFen: 10000, offlineDailyLimitFen: 2000,
    });
    this.config = roomPointSpec.parse({
      kind: 'room', id: POINT, accountId: ACCOUNT, tariff: TARIFF,
      meter: { driver: 'emulated', model: 'dds238', energyWh: options.energyWh ?? 1_000_000 },
      lowBalanceWarningFen: 500,
      // Tests draw up to 1.6 kWh a minute; the jump test sets its own.
      maxPowerW: 100_000,
      ...options.config,
    });
  }

  static async create(options: RigOptions = {}): Promise<RoomRig> {
    const dir = await tempDir('onecard-room-');
    const rig = new RoomRig(dir.path, dir.remove, options);
    rig.journal = rig.newJournal();
    await rig.journal.start();
    await rig.wallet.start(rig.journal);
    if (options.tariff !== null) await rig.setTariff(options.tariff ?? {});
    if (options.balanceFen !== null) await rig.pushBalance(options.balanceFen ?? 10_000);
    return rig;
  }

  wallNow(): number {
    return this.startUnixMs + this.clock.nowMs() + this.wallStepMs;
  }

  newJournal(): Journal {
    return new Journal({
      dir: join(this.dir, 'journal'), deviceId: 'dev-1', logger: this.logger, now: () => this.wallNow(), monotonicNow: () => this.clock.nowMs(),
      ...this.options.journal,
    });
  }

  newRoom(): RoomPoint {
    return new RoomPoint(this.config, {
      drivers: this.drivers, policy: this.policy, wallet: this.wallet, journal: this.journal, logger: this.logger,
      wallNow: () => this.wallNow(), clock: this.clock, timeZone: 'Asia/Shanghai', dataDir: join(this.dir, 'points'),
    });
  }

  async start(): Promise<RoomPoint> {
    this.room = this.newRoom();
    await this.room.start();
    return this.room;
  }

  get meter(): EmulatedMeter {
    return this.drivers.meterNamed(`${POINT}/meter`);
  }

  /** Moves time (the point's timers fire) and waits until the point has done what they asked. */
  async tick(ms: number): Promise<void> {
    this.clock.advance(ms);
    await this.room.whenIdle();
  }

  /** Draws `energyWh` and lets one poll interval pass. */
  async consume(energyWh: number, ms = this.config.pollIntervalMs): Promise<void> {
    this.meter.addEnergyWh(energyWh);
    await this.tick(ms);
  }

  async setTariff(t: TariffOptions): Promise<void> {
    const res = await this.policy.apply({
      name: DatasetName.DATASET_NAME_TARIFFS,
      version: ++this.tariffsVersion,
      fullSnapshot: true,
      tariffs: {
        upsert: [{
          tariffId: TARIFF, basis: t.basis ?? TariffBasis.TARIFF_BASIS_PER_KWH, priceMillifen: t.priceMillifen ?? 60_000,
          bands: t.bands ?? [], freeEnergyWhPerMonth: t.freeEnergyWhPerMonth ?? 0,
        }],
      },
    });
    if (!res.ok) throw new Error(res.message);
  }

  /** Pushes a balance (as the hub would, including none of this device's charges) and lets the point react. */
  async pushBalance(balanceFen: number): Promise<void> {
    const version = ++this.balancesVersion;
    const res = await this.policy.apply({
      name: DatasetName.DATASET_NAME_BALANCES,
      version,
      ...(version === 1 ? { fullSnapshot: true } : { fromVersion: version - 1 }),
      balances: { upsert: [{ accountId: ACCOUNT, balanceFen, postedSeq: 0 }] },
    });
    if (!res.ok) throw new Error(res.message);
    await this.room?.whenIdle();
  }

  /** A top-up (or any change at the hub) that leaves the balance held here at `heldFen`. */
  async setHeldBalance(heldFen: number): Promise<void> {
    const pushed = this.policy.balance(ACCOUNT)?.balanceFen ?? 0;
    const held = this.wallet.balance(ACCOUNT) ?? 0;
    await this.pushBalance(pushed + heldFen - held);
  }

  events(): Event[] {
    return this.journal.durableFrom(1, 1_000_000).filter((e) => e.pointId === POINT);
  }

  charges(): Array<{ seq: number; amountFen: number; energyWh: number; freeEnergyWh: number; cardUid: string; accountId: string; tariffId: string; basis: number }> {
    return this.events().flatMap((e) => (e.charge ? [{
      seq: Number(e.seq), amountFen: Number(e.charge.amountFen ?? 0), energyWh: Number(e.charge.energyWh ?? 0), freeEnergyWh: Number(e.charge.freeEnergyWh ?? 0),
      cardUid: e.charge.cardUid ?? '', accountId: e.charge.accountId ?? '', tariffId: e.charge.tariffId ?? '', basis: e.charge.basis ?? 0,
    }] : []));
  }

  chargedFen(): number {
    return this.charges().reduce((sum, c) => sum + c.amountFen, 0);
  }

  alarms(kind?: string): Array<{ seq: number; kind: string; active: boolean; detail: string }> {
    return this.events().flatMap((e) => (e.alarm && (!kind || e.alarm.kind === kind) ? [{ seq: Number(e.seq), kind: e.alarm.kind ?? '', active: e.alarm.active === true, detail: e.alarm.detail ?? '' }] : []));
  }

  /** Alarm kinds with their active flag, in journal order, e.g. `low_balance+`, `power_cut+`, `power_restored-`. */
  alarmTrail(): string[] {
    return this.alarms().map((a) => `${a.kind}${a.active ? '+' : '-'}`);
  }

  readings(): NonNullable<Event['meterReading']>[] {
    return this.events().flatMap((e) => (e.meterReading ? [e.meterReading] : []));
  }

  async close(): Promise<void> {
    await this.room?.stop();
    await this.wallet.stop();
    await this.journal.stop();
    await this.policy.stop();
    await this.removeDir();
  }
}
