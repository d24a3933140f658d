/**
 * The lock of a door: its relay, energised (unlocked, for a fail-secure lock) while a release pulse
 * runs or while a fire release holds it, de-energised otherwise.
 *
 * `pulse()` releases for `openDurationMs` from now (a new pulse while released restarts the time);
 * `hold(true)` releases until `hold(false)` (a pulse still running then keeps it released to its
 * end). A relay write that fails is retried with backoff while its state is still wanted, up to
 * RETRIES times, with a `relay_stuck` alarm at the first failure: a door left unlocked (or a fire
 * door left locked) is never just a log line. A failed energise of a pulse is not retried (the
 * moment has passed) but the relay is released after the time all the same.
 */
import type { Clock } from '../../lib/clock.js';
import type { Logger } from '../../lib/log.js';
import type { Relay } from '../drivers/relay.js';

/** Attempts to drive a relay after a failure before giving up (the alarm is already out). */
const RETRIES = 8;
/**
 * How long after the lock relocks the door may still open without a forced-open alarm: the door
 * contact's debounce and the latch's travel.
 */
export const RELOCK_GRACE_MS = 1000;

export interface DoorLockOptions {
  pointId: string;
  relay: Relay;
  clock: Clock;
  logger: Logger;
  openDurationMs: number;
  /** Journals a `relay_stuck` alarm. */
  relayStuck(detail: string): void;
}

export class DoorLock {
  private running = false;
  private held = false;
  private pulseTimer: unknown = null;
  private retryTimer: unknown = null;
  /** Monotonic ms when the last pulse ended (-Infinity: none yet). */
  private relockedAtMs = -Infinity;
  private releases = 0;
  private offRestored: (() => void) | null = null;

  constructor(private readonly options: DoorLockOptions) {}

  /** Opens the relay (de-energised). */
  async open(): Promise<void> {
    this.running = true;
    await this.options.relay.open();
    // Hardware back from an outage (a Firmata board plugged back) comes back de-energised: a lock
    // that should be released (a pulse running, a fire release held) is driven again.
    this.offRestored = this.options.relay.onRestored?.(() => {
      if (!this.running) return;
      this.options.logger.log('warn', 'door.relay_restored', { point: this.options.pointId, released: this.released });
      if (this.released) this.drive(true, 0);
    }) ?? null;
  }

  /** Clears every timer and closes the relay, which de-energises it. */
  async close(): Promise<void> {
    this.running = false;
    this.held = false;
    this.clearTimer('pulseTimer');
    this.clearTimer('retryTimer');
    this.offRestored?.();
    this.offRestored = null;
    await this.options.relay.close();
  }

  /** Whether the lock is released now (a pulse runs or a fire release holds it). */
  get released(): boolean {
    return this.held || this.pulseTimer !== null;
  }

  /**
   * Counts the times the lock went from locked to released: two grants in one release share it,
   * a grant after the lock relocked does not.
   */
  get releaseCount(): number {
    return this.releases;
  }

  /** Whether the door may open now without being forced: released, or relocked a moment ago. */
  opensWithoutForce(): boolean {
    return this.released || this.options.clock.nowMs() - this.relockedAtMs <= RELOCK_GRACE_MS;
  }

  /**
   * Releases the lock for `openDurationMs` from now. Resolves once the relay was driven; rejects
   * (after logging and alarming) when it could not be. The relay is released after the time either way.
   */
  pulse(): Promise<void> {
    if (!this.running) return Promise.reject(new Error(`door ${this.options.pointId} is not running`));
    if (!this.released) this.releases += 1;
    const driven = this.options.relay.set(true); // first: the timer costs the tap nothing
    this.clearTimer('pulseTimer');
    this.pulseTimer = this.options.clock.setTimeout(() => this.endPulse(), this.options.openDurationMs);
    return driven.catch((err: Error) => {
      this.options.logger.log('error', 'door.relay_failed', { point: this.options.pointId, error: err.message });
      this.options.relayStuck(`energising the relay failed: ${err.message}`);
      throw err;
    });
  }

  /** Holds the lock released (fire) or lets it relock once no pulse runs. */
  hold(released: boolean): void {
    if (!this.running || this.held === released) return;
    if (released && !this.released) this.releases += 1;
    this.held = released;
    if (released) this.drive(true, 0);
    else if (this.pulseTimer === null) this.relock();
  }

  private endPulse(): void {
    this.pulseTimer = null;
    if (!this.held) this.relock();
  }

  private relock(): void {
    this.relockedAtMs = this.options.clock.nowMs();
    this.drive(false, 0);
  }

  /** Drives the relay; on failure retries with backoff while the state is still the one wanted. */
  private drive(energised: boolean, attempt: number): void {
    this.clearTimer('retryTimer');
    this.options.relay.set(energised).catch((err: Error) => {
      const what = energised ? 'energising' : 'releasing';
      this.options.logger.log('error', 'door.relay_failed', { point: this.options.pointId, error: err.message, attempt });
      if (attempt === 0) this.options.relayStuck(`${what} the relay failed: ${err.message}`);
      if (!this.running || attempt + 1 >= RETRIES) return;
      this.retryTimer = this.options.clock.setTimeout(() => {
        this.retryTimer = null;
        if (this.running && this.released === energised) this.drive(energised, attempt + 1);
      }, Math.min(10_000, 100 * 2 ** attempt));
    });
  }

  private clearTimer(which: 'pulseTimer' | 'retryTimer'): void {
    if (this[which] !== null) this.options.clock.clearTimeout(this[which]);
    this[which] = null;
  }
}
