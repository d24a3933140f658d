/**
 * A shower point's valve as the point drives it, with its `valve_fault` alarm (shower-alarms.ts).
 *
 * Closing is what matters: a close that fails puts the point out of service (taps refused with
 * DENIED_POINT_FAULT, the close retried at each poll) and raises `valve_fault`; the next good close
 * puts it back in service and clears the alarm. An open that fails raises `valve_fault` and closes
 * the valve again; a good open clears the alarm unless the point is out of service.
 *
 * The driver is the point's while it runs (set at start, null once stopped); it is lent as it is to
 * the remote self-test (shower-self-test.ts).
 */
import type { Valve } from '../drivers/valve.js';
import type { ShowerAlarms } from './shower-alarms.js';
import type { PointContext } from './point.js';

export class ShowerValve {
  /** The valve driver while the point runs. */
  driver: Valve | null = null;
  private outOfService_ = false;

  constructor(private readonly pointId: string, private readonly alarms: ShowerAlarms, private readonly ctx: Pick<PointContext, 'logger'>) {}

  /** The valve could not be closed: taps are refused until it can. */
  get outOfService(): boolean {
    return this.outOfService_;
  }

  /** Drives the valve closed; a failure puts the point out of service (retried at each poll) with `valve_fault`. */
  async close(why: string): Promise<void> {
    try {
      await this.driver!.setOpen(false);
    } catch (err) {
      this.ctx.logger.log('error', 'shower.valve_failed', { point: this.pointId, action: 'close', why, error: (err as Error).message });
      if (!this.outOfService_) this.alarms.latch('valve_fault', true, `closing the valve failed (${why}): ${(err as Error).message}`);
      this.outOfService_ = true;
      return;
    }
    if (this.outOfService_) {
      this.outOfService_ = false;
      this.alarms.latch('valve_fault', false, 'the valve closed');
    }
  }

  /** Opens the valve; false when that failed (`valve_fault` raised, the valve driven closed again). */
  async open(): Promise<boolean> {
    try {
      await this.driver!.setOpen(true);
    } catch (err) {
      this.ctx.logger.log('error', 'shower.valve_failed', { point: this.pointId, action: 'open', error: (err as Error).message });
      this.alarms.latch('valve_fault', true, `opening the valve failed: ${(err as Error).message}`);
      await this.close('after a failed open');
      return false;
    }
    if (!this.outOfService_) this.alarms.latch('valve_fault', false, 'the valve opened');
    return true;
  }
}
