/**
 * One controller: journal, policy, points and uplink, started and stopped in order. The constructor
 * does nothing; `start()` opens everything, `stop()` closes everything and removes every listener
 * and timer.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { KeyObject } from 'node:crypto';
import { Journal } from './journal.js';
import { Policy } from './policy.js';
import { Uplink } from './uplink.js';
import { DoorPoint } from './points/door.js';
import { ShowerPoint } from './points/shower.js';
import { buildPoint } from './points/index.js';
import type { Point, RoomPowerControl } from './points/point.js';
import { Wallet } from './wallet.js';
import { OfflineAuthorisation } from './offline-authorisation.js';
import { systemClock, type Clock } from '../lib/clock.js';
import { ClockSync } from './clock-sync.js';
import { CommandRunner } from './commands.js';
import type { ControllerConfig } from './config.js';
import type { DriverFactory } from './drivers/factory.js';
import { loadPrivateKey } from '../protocol/auth.js';
import { InUseDrivers } from '../hardware-tests/in-use-drivers.js';
import { RemoteSelfTest } from '../hardware-tests/remote.js';
import type { Logger } from '../lib/log.js';

export interface ControllerDeps {
  drivers: DriverFactory;
  logger: Logger;
  /** The device's private key; read from `config.keyFile` when absent. */
  privateKey?: KeyObject;
  random?: () => number;
  /** Wall clock corrected by the hub's (tests inject one over a fake local clock). */
  clock?: ClockSync;
  /** Monotonic time and timers of the points (tests inject a manual clock). */
  timers?: Clock;
  /**
   * Called when the controller can no longer work safely (its journal failed a write): the
   * command stops it and exits non-zero so the service manager restarts it.
   */
  onFatal?: (err: Error) => void;
}

/** The point id of events about the controller itself (clock, journal, configuration). */
export const CONTROLLER_POINT_ID = 'controller';

export class Controller {
  private journal_: Journal | null = null;
  private policy_: Policy | null = null;
  private uplink_: Uplink | null = null;
  private points_: Point[] = [];
  private wallet_: Wallet | null = null;
  private offline_: OfflineAuthorisation | null = null;
  private readonly clock: ClockSync;

  constructor(readonly config: ControllerConfig, private readonly deps: ControllerDeps) {
    this.clock = deps.clock ?? new ClockSync();
  }

  get journal(): Journal {
    if (!this.journal_) throw new Error('controller not started');
    return this.journal_;
  }

  get policy(): Policy {
    if (!this.policy_) throw new Error('controller not started');
    return this.policy_;
  }

  get uplink(): Uplink {
    if (!this.uplink_) throw new Error('controller not started');
    return this.uplink_;
  }

  get wallet(): Wallet {
    if (!this.wallet_) throw new Error('controller not started');
    return this.wallet_;
  }

  get offlineAuthorisation(): OfflineAuthorisation {
    if (!this.offline_) throw new Error('controller not started');
    return this.offline_;
  }

  get points(): readonly Point[] {
    return this.points_;
  }

  get doors(): readonly DoorPoint[] {
    return this.points_.filter((p): p is DoorPoint => p instanceof DoorPoint);
  }

  door(id: string): DoorPoint {
    const door = this.doors.find((d) => d.id === id);
    if (!door) throw new Error(`no door point ${id} on ${this.config.deviceId}`);
    return door;
  }

  /** The point with this id, of the class asked for (tests and the demo). */
  point<T extends Point>(id: string, kind: abstract new (...args: never[]) => T): T {
    const point = this.points_.find((p) => p.id === id);
    if (!(point instanceof kind)) throw new Error(`no ${kind.name} ${id} on ${this.config.deviceId}`);
    return point;
  }

  /** Whether the link to the hub is up (an authenticated session). */
  isOnline(): boolean {
    return this.uplink_?.state === 'online';
  }

  /** Starts everything in order; if any part fails, what was started is stopped and the error thrown. */
  async start(): Promise<void> {
    try {
      await this.startParts();
    } catch (err) {
      await this.stop().catch((stopErr: Error) => this.deps.logger.log('error', 'controller.stop_failed', { error: stopErr.message }));
      throw err;
    }
  }

  private async startParts(): Promise<void> {
    const { config, deps } = this;
    const logger = deps.logger;
    const privateKey = deps.privateKey ?? loadPrivateKey(await readKeyFile(config.keyFile));
    const clock = this.clock;
    this.offline_ = new OfflineAuthorisation({ dir: config.dataDir, logger, wallNow: () => clock.now() });
    await this.offline_.start();
    const offline = this.offline_;
    this.journal_ = new Journal({
      dir: join(config.dataDir, 'journal'),
      deviceId: config.deviceId,
      logger,
      maxUnackedEvents: config.journal.maxUnackedEvents,
      segmentMaxBytes: config.journal.segmentMaxBytes,
      now: () => clock.now(),
      stamp: () => ({ offline: !this.isOnline(), offlineAuthorised: offline.isAuthorised() }),
      onFailure: (err) => {
        logger.log('error', 'controller.fatal', { reason: 'journal_failed', error: err.message });
        deps.onFatal?.(err);
      },
    });
    await this.journal_.start();
    // Validity windows are judged by the hub-corrected clock, like event times.
    this.policy_ = new Policy({
      dir: join(config.dataDir, 'datasets'),
      logger,
      now: () => clock.now(),
      maxSnapshotChunks: config.datasets.maxSnapshotChunks,
      maxStagedBytes: config.datasets.maxStagedSnapshotBytes,
    });
    await this.policy_.start();
    this.wallet_ = new Wallet({
      dir: join(config.dataDir, 'datasets'),
      policy: this.policy_,
      logger,
      wallNow: () => clock.now(),
      timeZone: config.timeZone,
      isOnline: () => this.isOnline(),
      dailyLimitFen: config.money.dailyLimitFen,
      offlineDailyLimitFen: config.money.offlineDailyLimitFen,
    });
    await this.wallet_.start(this.journal_);
    // The points' drivers, kept by name for the remote self-test (it borrows idle relays).
    const drivers = new InUseDrivers(deps.drivers);
    const ctx = {
      drivers,
      policy: this.policy_,
      wallet: this.wallet_,
      journal: this.journal_,
      logger,
      wallNow: () => clock.now(),
      clock: deps.timers ?? systemClock,
      timeZone: config.timeZone,
      // Points keep small state files (an open shower session, a room's billing baseline) here.
      dataDir: join(config.dataDir, 'points'),
    };
    for (const p of config.points) {
      const point = buildPoint(p, ctx);
      await point.start(); // closes its own drivers if it fails
      this.points_.push(point);
    }
    const caPem = config.hub.caFile === undefined ? undefined : await readFile(config.hub.caFile, 'utf8').catch((err: Error) => {
      throw new Error(`cannot read hub.caFile ${config.hub.caFile}: ${err.message}`, { cause: err });
    });
    const commands = new CommandRunner({
      dir: config.dataDir,
      logger,
      doors: () => this.doors,
      rooms: () => this.points_.filter((p): p is Point & RoomPowerControl => 'setPowerOverride' in p),
      offlineAuthorisation: offline,
      selfTest: new RemoteSelfTest({
        config,
        drivers,
        journal: this.journal_,
        clock: ctx.clock,
        wallNow: () => clock.localNow(),
        live: { isOnline: () => this.isOnline(), lastClockObservation: () => clock.lastObservation },
        logger,
        showers: (id) => this.points_.find((p): p is ShowerPoint => p instanceof ShowerPoint && p.id === id) ?? null,
      }),
    });
    await commands.start();
    this.uplink_ = new Uplink({
      url: config.hub.url,
      deviceId: config.deviceId,
      privateKey,
      journal: this.journal_,
      policy: this.policy_,
      logger,
      reconnectMinMs: config.hub.reconnectMinMs,
      reconnectMaxMs: config.hub.reconnectMaxMs,
      heartbeatIntervalMs: config.hub.heartbeatIntervalMs,
      maxInFlightEvents: config.hub.maxInFlightEvents,
      maxEventsPerBatch: config.hub.maxEventsPerBatch,
      ...(caPem === undefined ? {} : { caPem }),
      ...(deps.random ? { random: deps.random } : {}),
      now: () => clock.localNow(),
      onHubTime: (hubTimeMs, sentAtMs, receivedAtMs) => this.onHubTime(hubTimeMs, sentAtMs, receivedAtMs),
      onCommand: (command) => commands.run(command),
    });
    this.uplink_.start();
    logger.log('info', 'controller.started', { deviceId: config.deviceId, points: this.points_.length, hub: config.hub.url });
  }

  /** Checks our wall clock against the hub's; an offset beyond 10 s or a reset clock is an alarm. */
  private onHubTime(hubTimeMs: number, sentAtMs: number, receivedAtMs: number): void {
    const seen = this.clock.observe(hubTimeMs, sentAtMs, receivedAtMs);
    const fields = { offsetMs: seen.offsetMs, uncertaintyMs: seen.uncertaintyMs, corrected: seen.corrected };
    if (!seen.alarm) {
      this.deps.logger.log('info', 'controller.clock_checked', fields);
      return;
    }
    this.deps.logger.log('warn', 'controller.clock_offset', fields);
    if (!seen.corrected) return; // the same offset as at the last welcome: already alarmed
    this.journal_?.append({
      pointId: CONTROLLER_POINT_ID,
      alarm: { kind: 'clock_offset', active: true, detail: `local clock off by ${seen.offsetMs} ms (±${seen.uncertaintyMs} ms); event times corrected by the hub's clock` },
    });
  }

  async stop(): Promise<void> {
    await this.uplink_?.stop();
    // Points stop before the journal so a shower closing its valve can still journal the charge.
    for (const point of this.points_) {
      await point.stop().catch((err: Error) => this.deps.logger.log('error', 'controller.point_stop_failed', { point: point.id, error: err.message }));
    }
    this.points_ = [];
    await this.wallet_?.stop();
    await this.policy_?.stop();
    await this.journal_?.stop();
    this.uplink_ = null;
    this.wallet_ = null;
    this.policy_ = null;
    this.journal_ = null;
    this.offline_ = null;
  }
}

async function readKeyFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    throw new Error(`cannot read the device key ${path}: ${(err as Error).message} (create one with 'onecard controller keygen --out ${path}')`, { cause: err });
  }
}
