/**
 * Test support (not used in production): door points built from config by buildPoint on emulated
 * drivers, with a manual clock for their timers, a settable wall clock, a real journal in a
 * temporary directory and a policy fed datasets as the hub would push them.
 */
import { ManualClock } from '../../lib/manual-clock.js';

export { ManualClock };
import { MemoryLogger } from '../../lib/log.js';
import { EmulatedDrivers } from '../../emulators/drivers.js';
import { AccessReason, accessReasonText, type DatasetUpdate, type Event } from '../../protocol/messages.js';
import { tempDir } from '../../test/helpers.js';
import { Journal } from '../journal.js';
import { Policy } from '../policy.js';
import { Wallet } from '../wallet.js';
import { doorPointSpec, type DoorPointConfig } from './door-config.js';
import type { DoorDecision, DoorPoint } from './door.js';
import { buildPoint } from './index.js';
import type { PointContext } from './point.js';


/**
 * What the hub would see of one journalled event, in short: `[point, 'access', card uid, reason]`
 * (reason as the hub names it, e.g. `denied_lost`) or `[point, 'alarm', kind, active]`.
 */
export type SeenEvent = [string, 'access', string, string] | [string, 'alarm', string, boolean];

export const TIME_ZONE = 'Asia/Shanghai';

/** Lets resolved promises (relay writes) run. */
export const settle = (): Promise<void> => new Promise((r) => setImmediate(r));

export class DoorRig {
  readonly clock = new ManualClock();
  readonly drivers = new EmulatedDrivers();
  readonly logger = new MemoryLogger();
  /** The hub-corrected wall clock the doors and the policy judge by (unix ms). */
  wallMs = Date.parse('2025-03-03T10:00:00+08:00'); // a Monday
  readonly policy = new Policy({ dir: null, logger: this.logger, now: () => this.wallMs });
  readonly decisions: DoorDecision[] = [];
  private journal_: Journal | null = null;
  private dir: Awaited<ReturnType<typeof tempDir>> | null = null;
  private readonly doors: DoorPoint[] = [];
  private ctx_: PointContext | null = null;

  get journal(): Journal {
    if (!this.journal_) throw new Error('rig not started');
    return this.journal_;
  }

  get ctx(): PointContext {
    if (!this.ctx_) throw new Error('rig not started');
    return this.ctx_;
  }

  async start(): Promise<void> {
    this.dir = await tempDir('onecard-door-');
    this.journal_ = new Journal({ dir: this.dir.path, deviceId: 'dev-1', logger: this.logger });
    await this.journal_.start();
    const wallNow = (): number => this.wallMs;
    this.ctx_ = {
      drivers: this.drivers,
      policy: this.policy,
      wallet: new Wallet({
        dir: null, policy: this.policy, logger: this.logger, wallNow, timeZone: TIME_ZONE, isOnline: () => true, dailyLimitFen: 0, offlineDailyLimitFen: 0,
      }),
      journal: this.journal_,
      logger: this.logger,
      wallNow,
      clock: this.clock,
      timeZone: TIME_ZONE,
    };
  }

  async stop(): Promise<void> {
    for (const door of this.doors.splice(0)) await door.stop();
    await this.journal_?.stop();
    await this.dir?.remove();
  }

  async push(update: DatasetUpdate): Promise<void> {
    const result = await this.policy.apply(update);
    if (!result.ok) throw new Error(`dataset refused: ${result.message}`);
  }

  /** Builds a door from config (parsed as the controller's config is) and starts it. */
  async door(config: Record<string, unknown>): Promise<DoorPoint> {
    const parsed: DoorPointConfig = doorPointSpec.parse({ kind: 'door', reader: { driver: 'emulated' }, relay: { driver: 'emulated' }, ...config });
    const door = buildPoint(parsed, this.ctx) as DoorPoint;
    await door.start();
    this.doors.push(door);
    door.onDecision((d) => this.decisions.push(d));
    return door;
  }

  /** Taps a card and lets the decision finish (a grant is journalled once the relay was driven). */
  async tap(doorId: string, uid: string): Promise<void> {
    this.drivers.reader(`${doorId}/reader`).tap(uid);
    await settle();
  }

  relayEnergised(doorId: string): boolean {
    return this.drivers.relayNamed(`${doorId}/relay`).isEnergised();
  }

  /** Sets an emulated input (`door-a/contact`, `door-a/exit`, `fire/loop-1`). */
  input(name: string, level: boolean): void {
    this.drivers.input(name).set(level);
  }

  /** Advances the door's timers, then lets relay writes settle. */
  async advance(ms: number): Promise<void> {
    this.clock.advance(ms);
    await settle();
  }

  /** Every event journalled so far, once durable, as the hub would see it. */
  async events(): Promise<SeenEvent[]> {
    return (await this.rawEvents()).map((e): SeenEvent => {
      const point = e.pointId ?? '';
      if (e.alarm) return [point, 'alarm', e.alarm.kind ?? '', e.alarm.active ?? false];
      return [point, 'access', e.access?.cardUid ?? '', accessReasonText(e.access?.reason ?? AccessReason.ACCESS_REASON_UNSPECIFIED)];
    });
  }

  /** Every event journalled so far, once durable, as stored. */
  async rawEvents(): Promise<Event[]> {
    const journal = this.journal;
    const last = journal.lastSeqWritten;
    if (journal.lastDurableSeq < last) {
      await new Promise<void>((resolve) => {
        const off = journal.onDurable((seq) => {
          if (seq < last) return;
          off();
          resolve();
        });
      });
    }
    return journal.durableFrom(1, 10_000);
  }

  /** The alarms journalled so far, as `[point, kind, active]`. */
  async alarms(): Promise<Array<[string, string, boolean]>> {
    return (await this.events()).flatMap((e): Array<[string, string, boolean]> => (e[1] === 'alarm' ? [[e[0], e[2], e[3]]] : []));
  }

  /** The access events journalled so far, as `[point, card uid, reason]`. */
  async accesses(): Promise<Array<[string, string, string]>> {
    return (await this.events()).flatMap((e): Array<[string, string, string]> => (e[1] === 'access' ? [[e[0], e[2], e[3]]] : []));
  }
}
