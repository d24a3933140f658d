/**
 * Leak watch of a shower whose valve is closed: flow pulses then mean water is running past it.
 *
 * Pulses in the first `graceMs` after the valve closed are water still running out and are not
 * counted. After that, `pulses` pulses counted with no gap of `clearMs` between them raise the
 * leak (once); no pulse for `clearMs` clears it (and forgets a stray pulse that did not raise it).
 */
export interface LeakWatchOptions {
  pulses: number;
  graceMs: number;
  clearMs: number;
}

export type LeakChange = 'raised' | 'cleared' | null;

export class LeakWatch {
  private closedAtMs: number;
  private counted = 0;
  private lastPulseAtMs: number;
  private active_ = false;

  constructor(private readonly options: LeakWatchOptions, nowMs: number) {
    this.closedAtMs = nowMs;
    this.lastPulseAtMs = nowMs;
  }

  get active(): boolean {
    return this.active_;
  }

  /** The valve closed now: watching (again) after the grace time. An active leak stays active. */
  valveClosed(nowMs: number): void {
    this.closedAtMs = nowMs;
    this.counted = 0;
    this.lastPulseAtMs = nowMs;
  }

  /** Pulses seen since the last call, with the valve closed. */
  observe(nowMs: number, freshPulses: number): LeakChange {
    if (nowMs - this.closedAtMs < this.options.graceMs) return null;
    if (freshPulses > 0) {
      this.counted += freshPulses;
      this.lastPulseAtMs = nowMs;
      if (!this.active_ && this.counted >= this.options.pulses) {
        this.active_ = true;
        return 'raised';
      }
      return null;
    }
    if (nowMs - this.lastPulseAtMs < this.options.clearMs) return null;
    this.counted = 0;
    if (!this.active_) return null;
    this.active_ = false;
    return 'cleared';
  }
}
