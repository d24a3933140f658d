/**
 * What every point is and what it is given. A point is one place a resident acts (a door, a
 * shower, a room): it binds drivers to the policy, the wallet and the journal. Lifecycle as every
 * feature here: the constructor does nothing, `start()` opens its drivers and subscribes,
 * `stop()` releases every driver, listener and timer (and leaves valves closed, relays released).
 */
import type { Clock } from '../../lib/clock.js';
import type { Logger } from '../../lib/log.js';
import type { DriverFactory } from '../drivers/factory.js';
import type { Journal } from '../journal.js';
import type { Policy } from '../policy.js';
import type { Wallet } from '../wallet.js';

export type PointKind = 'door' | 'shower' | 'room';

export interface Point {
  readonly id: string;
  readonly kind: PointKind;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface PointContext {
  drivers: DriverFactory;
  policy: Policy;
  wallet: Wallet;
  journal: Journal;
  logger: Logger;
  /** Wall clock corrected by the hub's, unix ms: validity, schedules, days, months. */
  wallNow(): number;
  /** Monotonic time and timers (tests inject a manual clock). */
  clock: Clock;
  /** IANA zone of the campus (lib/local-time.ts). */
  timeZone: string;
  /**
   * Directory where points keep their own durable state (a room's billing state). A point that
   * needs it refuses to start without it.
   */
  dataDir?: string;
}

/** A room point as the hub's SetRoomPower command reaches it (controller/commands.ts). */
export interface RoomPowerControl {
  readonly id: string;
  /**
   * Cuts (on = false) or restores the supply now, overriding the balance rule until
   * `untilUnixMs` (0: until the next such command). Resolves with a one-line result for the hub;
   * rejects when the breaker or meter relay could not be driven.
   */
  setPowerOverride(on: boolean, untilUnixMs: number): Promise<string>;
}
