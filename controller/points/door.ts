/**
 * A door: a card reader and a lock relay, and optionally a door contact, an exit button, a fire
 * loop, a weekly schedule and anti-passback (controller/points/door-config.ts says what each does).
 *
 * On a card the policy decides from memory (blacklist, validity, groups), then the door's own rules
 * in this order: its schedule, then anti-passback. A grant energises the relay at once and
 * de-energises it after `openDurationMs` (a new grant while open restarts the time). Every decision
 * journals one access event with its reason, right after the relay was driven, off the tap path:
 * its fsync does not delay the door. A press of the exit button and a remote open release the lock
 * the same way, journalled with no card. Alarms (held open, forced open, fire release, relay stuck)
 * are journalled events.
 */
import type { CardReader, CardReaderEvent } from '../drivers/card-reader.js';
import type { DigitalInput } from '../drivers/digital-input.js';
import type { Relay } from '../drivers/relay.js';
import type { Journal } from '../journal.js';
import type { Decision, Policy } from '../policy.js';
import { AccessReason, DatasetName } from '../../protocol/messages.js';
import { systemClock, type Clock } from '../../lib/clock.js';
import { localTime } from '../../lib/local-time.js';
import type { Logger } from '../../lib/log.js';
import { DoorContact } from './door-contact.js';
import { DoorLock } from './door-lock.js';
import { scheduleAdmits } from './door-schedule.js';
import type { AntiPassbackZone, PassbackDirection } from './door-shared.js';
import type { Point } from './point.js';

export interface DoorPointOptions {
  id: string;
  reader: CardReader;
  relay: Relay;
  policy: Policy;
  journal: Journal;
  logger: Logger;
  openDurationMs: number;
  /** Access groups this door admits; absent: every valid card. */
  groups?: readonly string[];
  /** Monotonic time and timers; default the process clock. */
  clock?: Clock;
  /** The schedule (schedules dataset) a grant must be inside, judged at the hub-corrected time. */
  schedule?: { id: string; wallNow: () => number; timeZone: string };
  /** Door-position contact (active = open) and when it raises the held-open alarm. */
  contact?: { input: DigitalInput; heldOpenAlarmMs: number };
  /** Request-to-exit button. */
  exitButton?: DigitalInput;
  /** Fire-alarm loop (a lease on a shared line): active releases the door until it returns to normal. */
  fireInput?: DigitalInput;
  antiPassback?: { zone: AntiPassbackZone; direction: PassbackDirection };
}

export interface DoorDecision extends Decision {
  pointId: string;
  cardUid: string;
  /** Tap to relay driven (or to the deny decision), in microseconds. */
  latencyUs: number;
  /** The journal seq of the access event, or null when the journal refused it. */
  seq: number | null;
}

type DoorAlarm = 'door_held_open' | 'door_forced_open' | 'fire_release' | 'relay_stuck';

const GRANTED: Decision = { granted: true, reason: AccessReason.ACCESS_REASON_GRANTED };
const denied = (reason: AccessReason): Decision => ({ granted: false, reason });

export class DoorPoint implements Point {
  readonly kind = 'door' as const;
  private running = false;
  private unsubscribeReader: (() => void) | null = null;
  private readonly unsubscribeInputs: Array<() => void> = [];
  private readerOpen = false;
  private readonly opened: Array<{ close(): Promise<void> }> = [];
  private readonly decisionListeners = new Set<(d: DoorDecision) => void>();
  private readonly lock: DoorLock;
  private readonly contact: DoorContact | null;
  private fireActive = false;
  /** Granted cards whose passage counts for anti-passback once the door opens during their release. */
  private pendingPassages: Array<{ uid: string; release: number }> = [];

  constructor(private readonly options: DoorPointOptions) {
    const clock = options.clock ?? systemClock;
    this.lock = new DoorLock({
      pointId: options.id, relay: options.relay, clock, logger: options.logger, openDurationMs: options.openDurationMs,
      relayStuck: (detail) => this.alarm('relay_stuck', true, detail),
    });
    this.contact = options.contact
      ? new DoorContact({
          input: options.contact.input, clock, heldOpenAlarmMs: options.contact.heldOpenAlarmMs,
          opensWithoutForce: () => this.lock.opensWithoutForce(),
          fireReleased: () => this.fireActive,
          alarm: (kind, active, detail) => this.alarm(kind, active, detail),
          onOpened: () => this.commitPassages(),
        })
      : null;
  }

  get id(): string {
    return this.options.id;
  }

  /**
   * Opens the relay, the fire loop (releasing the door at once if it is active), the door contact,
   * the exit button, then the reader. If any fails, what was opened is closed again.
   */
  async start(): Promise<void> {
    this.running = true;
    try {
      this.opened.push(this.lock);
      await this.lock.open();
      if (this.options.fireInput) await this.startFireInput(this.options.fireInput);
      const contact = this.contact;
      if (contact) {
        this.opened.push({ close: () => contact.stop() });
        await contact.start();
      }
      if (this.options.exitButton) await this.startExitButton(this.options.exitButton);
      this.unsubscribeReader = this.options.reader.subscribe((e) => this.onReaderEvent(e));
      this.readerOpen = true;
      await this.options.reader.open();
    } catch (err) {
      await this.stop().catch(() => undefined);
      throw err;
    }
  }

  /** Stops listening, clears every timer and closes every driver: the relay ends de-energised. */
  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribeReader?.();
    this.unsubscribeReader = null;
    for (const off of this.unsubscribeInputs.splice(0)) off();
    this.decisionListeners.clear();
    this.pendingPassages = [];
    this.fireActive = false;
    // Close all even if one fails; report the first failure.
    const results = await Promise.allSettled([
      this.readerOpen ? this.options.reader.close() : Promise.resolve(),
      ...this.opened.splice(0).reverse().map((d) => d.close()),
    ]);
    this.readerOpen = false;
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }

  /** Observe each decision (demo, tests, status). Returns the unsubscribe function. */
  onDecision(listener: (d: DoorDecision) => void): () => void {
    this.decisionListeners.add(listener);
    return () => this.decisionListeners.delete(listener);
  }

  /**
   * Opens the door on an operator's command (no card): the relay is pulsed as for a grant and an
   * access event with reason GRANTED_REMOTE and no card UID is journalled. Resolves once the relay
   * was driven; rejects when it could not be.
   */
  async remoteOpen(): Promise<void> {
    if (!this.running) throw new Error(`door ${this.options.id} is not running`);
    const t0 = performance.now();
    await this.lock.pulse();
    this.finish('', { granted: true, reason: AccessReason.ACCESS_REASON_GRANTED_REMOTE }, t0);
  }

  private async startFireInput(input: DigitalInput): Promise<void> {
    this.opened.push(input);
    await input.open();
    let edgeSeen = false;
    this.unsubscribeInputs.push(input.subscribe((edge) => {
      edgeSeen = true;
      this.onFireLevel(edge.level);
    }));
    const level = await input.read();
    if (!edgeSeen) this.onFireLevel(level);
  }

  private async startExitButton(input: DigitalInput): Promise<void> {
    this.opened.push(input);
    await input.open();
    this.unsubscribeInputs.push(input.subscribe((edge) => {
      if (edge.level) this.onExitRequest();
    }));
  }

  private onFireLevel(active: boolean): void {
    if (active === this.fireActive || !this.running) return;
    this.fireActive = active;
    this.lock.hold(active);
    this.contact?.fireChanged(active);
    this.alarm('fire_release', active, active ? 'fire alarm: the door is released' : 'fire alarm reset: the door locks again');
  }

  private onExitRequest(): void {
    if (!this.running) return;
    const t0 = performance.now();
    const exit: Decision = { granted: true, reason: AccessReason.ACCESS_REASON_GRANTED_EXIT_REQUEST };
    this.lock.pulse().then(
      () => this.finish('', exit, t0),
      () => this.finish('', exit, t0), // logged and alarmed by the lock
    );
  }

  private onReaderEvent(event: CardReaderEvent): void {
    if (event.kind === 'card') {
      this.onCard(event.uid);
      return;
    }
    this.options.logger.log(event.kind === 'attach' ? 'info' : 'warn', `door.reader_${event.kind}`, {
      point: this.options.id, reader: event.reader,
    });
  }

  private onCard(uid: string): void {
    const t0 = performance.now();
    const decision = this.decide(uid);
    if (!decision.granted) {
      this.finish(uid, decision, t0);
      return;
    }
    const done = (): void => this.finish(uid, decision, t0);
    // On failure the lock logged and alarmed; the relay may have been driven (a write timeout) and
    // is released after the time all the same. The event records the grant either way.
    this.lock.pulse().then(done, done);
    this.passage(uid);
  }

  /** The policy's decision, then this door's schedule, then anti-passback. */
  private decide(uid: string): Decision {
    const { policy, groups, schedule, antiPassback } = this.options;
    const decision = policy.decide(uid, groups ? { groups } : {});
    if (!decision.granted) return decision;
    if (schedule) {
      const record = policy.schedule(schedule.id);
      if (!record) {
        this.options.logger.log('warn', 'door.schedule_missing', { point: this.options.id, schedule: schedule.id });
        return denied(AccessReason.ACCESS_REASON_DENIED_OUTSIDE_SCHEDULE);
      }
      const now = localTime(schedule.wallNow(), schedule.timeZone);
      const verdict = scheduleAdmits(record, now, policy.isHoliday(now.date));
      if (!verdict.admitted) return denied(verdict.reason);
    }
    if (antiPassback && !antiPassback.zone.admits(uid, antiPassback.direction)) {
      return denied(AccessReason.ACCESS_REASON_DENIED_ANTI_PASSBACK);
    }
    return GRANTED;
  }

  /** A granted card passes: at once without a door contact or with the door already open, else when it opens. */
  private passage(uid: string): void {
    const { antiPassback } = this.options;
    if (!antiPassback || !this.running) return;
    if (!this.contact || this.contact.isOpen) {
      antiPassback.zone.passed(uid, antiPassback.direction);
      return;
    }
    // A card granted in an earlier release that the door never opened for did not pass.
    const release = this.lock.releaseCount;
    this.pendingPassages = this.pendingPassages.filter((p) => p.release === release);
    this.pendingPassages.push({ uid, release });
  }

  private commitPassages(): void {
    const { antiPassback } = this.options;
    const pending = this.pendingPassages;
    this.pendingPassages = [];
    if (!antiPassback || !this.lock.opensWithoutForce()) return;
    const release = this.lock.releaseCount;
    for (const p of pending) if (p.release === release) antiPassback.zone.passed(p.uid, antiPassback.direction);
  }

  private finish(uid: string, decision: Decision, t0: number): void {
    const latencyUs = Math.round((performance.now() - t0) * 1000);
    const appended = this.options.journal.append({
      pointId: this.options.id,
      access: {
        cardUid: uid,
        granted: decision.granted,
        reason: decision.reason,
        decisionLatencyUs: latencyUs,
        blacklistVersion: this.options.policy.version(DatasetName.DATASET_NAME_BLACKLIST),
      },
    });
    if (!appended.ok) {
      // Counted access events (journal full) are summarised later by the journal: not an error.
      const level = appended.reason === 'access_summarised' ? 'debug' : 'error';
      this.options.logger.log(level, 'door.event_not_journalled', { point: this.options.id, reason: appended.reason });
    }
    const result: DoorDecision = { ...decision, pointId: this.options.id, cardUid: uid, latencyUs, seq: appended.ok ? appended.seq : null };
    for (const l of this.decisionListeners) l(result);
  }

  private alarm(kind: DoorAlarm, active: boolean, detail: string): void {
    this.options.logger.log(active ? 'warn' : 'info', 'door.alarm', { point: this.options.id, kind, active, detail });
    const appended = this.options.journal.append({ pointId: this.options.id, alarm: { kind, active, detail } });
    if (!appended.ok) this.options.logger.log('error', 'door.alarm_not_journalled', { point: this.options.id, kind, reason: appended.reason });
  }
}
