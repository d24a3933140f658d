/**
 * The flow sensor of a shower point (optional): its counter's total as last read, which is where the
 * next session's metering and the leak watch count from, and the leak watch while the valve is
 * closed (shower-leak.ts, alarm `leak`).
 *
 * The counter counts from when it was opened. A reading that fails is logged and counts as no pulse
 * (the total as last read stands). Without a sensor every reading is null and no leak is watched.
 */
import type { PulseCounter } from '../drivers/pulse-counter.js';
import type { PointContext } from './point.js';
import { leakDetail, type ShowerAlarms } from './shower-alarms.js';
import { LeakWatch, type LeakWatchOptions } from './shower-leak.js';

export class ShowerFlow {
  /** The sensor while the point runs; null without one (billed by time). */
  driver: PulseCounter | null = null;
  /** The counter's total as last taken. */
  total = 0;
  private leak: LeakWatch | null = null;

  constructor(private readonly pointId: string, private readonly alarms: ShowerAlarms, private readonly ctx: Pick<PointContext, 'logger' | 'clock'>) {}

  /** The point has a flow sensor (it bills by the litre; without one, by time). */
  get hasSensor(): boolean {
    return this.driver !== null;
  }

  /** A leak stands. */
  get leaking(): boolean {
    return this.leak?.active ?? false;
  }

  /** Opens the sensor (if any), takes its total and starts the leak watch (its grace time from now). */
  async start(driver: PulseCounter | null, leak: LeakWatchOptions): Promise<void> {
    if (driver) {
      this.driver = driver;
      await driver.open();
      this.total = await driver.count();
    }
    this.leak = new LeakWatch(leak, this.ctx.clock.nowMs());
  }

  /** The counter's total, or null (logged) when it cannot be read: no pulse is then seen. */
  async read(): Promise<number | null> {
    if (!this.driver) return null;
    try {
      return await this.driver.count();
    } catch (err) {
      this.ctx.logger.log('error', 'shower.flow_read_failed', { point: this.pointId, error: (err as Error).message });
      return null;
    }
  }

  /** Reads the counter and takes its total (a failed read keeps the last); returns what was read. */
  async take(): Promise<number | null> {
    const total = await this.read();
    if (total !== null) this.total = total;
    return total;
  }

  /** Reads the counter and takes its total: the pulses new since the total last taken (0 when the read failed). */
  async takeFresh(): Promise<number> {
    const total = await this.read();
    const fresh = total === null ? 0 : total - this.total;
    if (total !== null) this.total = total;
    return fresh;
  }

  /** The valve closed now: the leak watch starts again after its grace time. */
  valveClosed(nowMs: number): void {
    this.leak?.valveClosed(nowMs);
  }

  /** Pulses seen with the valve closed: raises or clears `leak` (with a sensor only). */
  watchLeak(nowMs: number, freshPulses: number, leakPulses: number): void {
    if (!this.driver) return;
    const change = this.leak!.observe(nowMs, freshPulses);
    if (change) this.alarms.journal('leak', change === 'raised', leakDetail(change === 'raised', leakPulses));
  }
}
