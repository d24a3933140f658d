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
import { ClockSync } from './clock-sync.js';
import { CommandRunner } from './commands.js';
import type { ControllerConfig } from './config.js';
import type { DriverFactory } from './drivers/factory.js';
import { loadPrivateKey } from '../protocol/auth.js';
import type { Logger } from '../lib/log.js';

export interface ControllerDeps {
  drivers: DriverFactory;
  logger: Logger;
  /** The device's private key; read from `config.keyFile` when absent. */
  privateKey?: KeyObject;
  random?: () => number;
  /** Wall clock corrected by the hub's (tests inject one over a fake local clock). */
  clock?: ClockSync;
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
  private doors_: DoorPoint[] = [];
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

  get doors(): readonly DoorPoint[] {
    return this.doors_;
  }

  door(id: string): DoorPoint {
    const door = this.doors_.find((d) => d.id === id);
    if (!door) throw new Error(`no door point ${id} on ${this.config.deviceId}`);
    return door;
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
    this.journal_ = new Journal({
      dir: join(config.dataDir, 'journal'),
      deviceId: config.deviceId,
      logger,
      maxUnackedEvents: config.journal.maxUnackedEvents,
      segmentMaxBytes: config.journal.segmentMaxBytes,
      now: () => clock.now(),
      onFailure: (err) => {
        logger.log('error', 'controller.fatal', { reason: 'journal_failed', error: err.message });
        deps.onFatal?.(err);
      },
    });
    await this.journal_.start();
    // Validity windows are judged by the hub-corrected clock, like event times.
    this.policy_ = new Policy({ dir: join(config.dataDir, 'datasets'), logger, now: () => clock.now() });
    await this.policy_.start();
    for (const p of config.points) {
      const door = new DoorPoint({
        id: p.id,
        reader: deps.drivers.cardReader(p.reader, `${p.id}/reader`),
        relay: deps.drivers.relay(p.relay, `${p.id}/relay`),
        policy: this.policy_,
        journal: this.journal_,
        logger,
        openDurationMs: p.openDurationMs,
        ...(p.groups ? { groups: p.groups } : {}),
      });
      await door.start(); // closes its own drivers if it fails
      this.doors_.push(door);
    }
    const caPem = config.hub.caFile === undefined ? undefined : await readFile(config.hub.caFile, 'utf8').catch((err: Error) => {
      throw new Error(`cannot read hub.caFile ${config.hub.caFile}: ${err.message}`, { cause: err });
    });
    const commands = new CommandRunner({ dir: config.dataDir, logger, doors: () => this.doors_ });
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
    logger.log('info', 'controller.started', { deviceId: config.deviceId, points: this.doors_.length, hub: config.hub.url });
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
    for (const door of this.doors_) {
      await door.stop().catch((err: Error) => this.deps.logger.log('error', 'controller.door_stop_failed', { point: door.id, error: err.message }));
    }
    this.doors_ = [];
    await this.policy_?.stop();
    await this.journal_?.stop();
    this.uplink_ = null;
    this.policy_ = null;
    this.journal_ = null;
  }
}

async function readKeyFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    throw new Error(`cannot read the device key ${path}: ${(err as Error).message} (create one with 'onecard controller keygen --out ${path}')`, { cause: err });
  }
}
