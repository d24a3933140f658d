/**
 * What cuts a room's supply: a breaker relay (energised = cut; de-energised, as at open() and at
 * close(), the room is supplied) or the meter's own relay register (contacts open = cut; latching:
 * it keeps its state when the controller stops).
 */
import type { Relay } from '../drivers/relay.js';
import type { MeterDevice } from '../drivers/factory.js';
import type { MeterReading } from '../drivers/modbus/meter.js';

export type SupplyResult = { ok: true } | { ok: false; message: string };

export interface Supply {
  readonly via: 'breaker' | 'meter_relay';
  /** Supply on (true) or cut (false) as last driven or read back; undefined while unknown. */
  readonly on: boolean | undefined;
  set(on: boolean): Promise<SupplyResult>;
  /** Takes the relay state a meter reading showed. */
  observe(reading: MeterReading): void;
}

export class BreakerSupply implements Supply {
  readonly via = 'breaker' as const;
  private on_: boolean | undefined = true; // open() leaves the coil de-energised

  constructor(private readonly relay: Relay) {
    // A breaker whose hardware came back from an outage is de-energised again: the supply is on,
    // and the point's next decision cuts it again if the balance says so.
    relay.onRestored?.(() => (this.on_ = true));
  }

  get on(): boolean | undefined {
    return this.on_;
  }

  async set(on: boolean): Promise<SupplyResult> {
    try {
      await this.relay.set(!on);
      this.on_ = on;
      return { ok: true };
    } catch (err) {
      this.on_ = undefined;
      return { ok: false, message: `breaker ${this.relay.name}: ${(err as Error).message}` };
    }
  }

  observe(): void {}
}

export class MeterRelaySupply implements Supply {
  readonly via = 'meter_relay' as const;
  private on_: boolean | undefined = undefined;

  constructor(private readonly meter: MeterDevice) {}

  get on(): boolean | undefined {
    return this.on_;
  }

  async set(on: boolean): Promise<SupplyResult> {
    const res = await this.meter.setRelay(on);
    if (!res.ok) return { ok: false, message: `${res.error}: ${res.message}` };
    this.on_ = res.relayClosed;
    return { ok: true };
  }

  observe(reading: MeterReading): void {
    if (reading.relayClosed !== undefined) this.on_ = reading.relayClosed;
  }
}
