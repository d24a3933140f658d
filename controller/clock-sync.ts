/**
 * The controller's view of wall-clock time, corrected by the hub's.
 *
 * A Raspberry Pi has no battery-backed clock: after a power cut it may start in 1970, or at the last
 * time it saved, until NTP answers (if it ever does on a campus network). Events carry wall time for
 * people to read (ordering always follows seq), so that time should be right. At each welcome the
 * hub's time is compared with ours, taking the middle of hello-sent and welcome-received as the
 * moment the hub read its clock: an offset beyond `maxOffsetMs` (default 10 s), or a local clock
 * before 2020, is an alarm, and from then on `now()` returns local time plus the offset.
 */
export interface ClockSyncOptions {
  /** Local wall clock (Date.now by default). */
  wallNow?: () => number;
  maxOffsetMs?: number;
}

export interface ClockObservation {
  offsetMs: number;
  /** Half the round trip: how far off the estimate may be. */
  uncertaintyMs: number;
  /** True when the offset is beyond the limit or the local clock reads before 2020. */
  alarm: boolean;
  /** True when `now()` now applies an offset (it did not, or a different one, before). */
  corrected: boolean;
}

/** 2020-01-01T00:00:00Z: a local clock before this was reset, not merely drifting. */
export const EARLIEST_PLAUSIBLE_MS = 1_577_836_800_000;

/** The last comparison with the hub's clock, with the local wall time it was made at. */
export interface LastClockObservation extends ClockObservation {
  atLocalMs: number;
}

export class ClockSync {
  private offsetMs = 0;
  private last: LastClockObservation | null = null;
  private readonly wallNow: () => number;
  private readonly maxOffsetMs: number;

  constructor(options: ClockSyncOptions = {}) {
    this.wallNow = options.wallNow ?? Date.now;
    this.maxOffsetMs = options.maxOffsetMs ?? 10_000;
  }

  /** Corrected wall time in unix milliseconds. */
  now(): number {
    return this.wallNow() + this.offsetMs;
  }

  get appliedOffsetMs(): number {
    return this.offsetMs;
  }

  /** The last comparison with the hub's clock (null before the first welcome): the self-test reads it. */
  get lastObservation(): LastClockObservation | null {
    return this.last;
  }

  /** Local wall time now, uncorrected (to stamp hello-sent and welcome-received). */
  localNow(): number {
    return this.wallNow();
  }

  /** Compares the hub's time with ours; `sentAtMs` and `receivedAtMs` are local wall times. */
  observe(hubTimeMs: number, sentAtMs: number, receivedAtMs: number): ClockObservation {
    const midpoint = (sentAtMs + receivedAtMs) / 2;
    const offsetMs = Math.round(hubTimeMs - midpoint);
    const uncertaintyMs = Math.max(0, Math.round((receivedAtMs - sentAtMs) / 2));
    const alarm = Math.abs(offsetMs) > this.maxOffsetMs || receivedAtMs < EARLIEST_PLAUSIBLE_MS;
    const before = this.offsetMs;
    // Within the limit the local clock is trusted as it is (NTP keeps it); beyond, it is corrected.
    this.offsetMs = alarm ? offsetMs : 0;
    const seen = { offsetMs, uncertaintyMs, alarm, corrected: this.offsetMs !== before };
    this.last = { ...seen, atLocalMs: receivedAtMs };
    return seen;
  }
}
