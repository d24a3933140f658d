import { strict as assert } from 'node:assert';
import { DoorLock } from './door-lock.js';
import { BreakerSupply } from './room-supply.js';
import { EmulatedRelay } from '../../emulators/relay.js';
import { ManualClock } from '../../lib/manual-clock.js';
import { MemoryLogger } from '../../lib/log.js';

/** A relay whose hardware can go away and come back de-energised (as a Firmata board replugged). */
class ReplugRelay extends EmulatedRelay {
  private readonly restored = new Set<() => void>();
  onRestored(listener: () => void): () => void {
    this.restored.add(listener);
    return () => this.restored.delete(listener);
  }
  async replug(): Promise<void> {
    await this.set(false); // the driver drives it de-energised as the board comes back
    for (const l of [...this.restored]) l();
  }
  get restoredListeners(): number {
    return this.restored.size;
  }
}

describe('relay hardware back from an outage', () => {
  it('a door held released for a fire is released again; a locked door stays locked; close() unsubscribes', async () => {
    const relay = new ReplugRelay('door-a/relay');
    const clock = new ManualClock();
    const alarms: string[] = [];
    const lock = new DoorLock({ pointId: 'door-a', relay, clock, logger: new MemoryLogger(), openDurationMs: 3000, relayStuck: (d) => alarms.push(d) });
    await lock.open();
    await relay.replug();
    assert.equal(relay.isEnergised(), false, 'a locked door stays locked');
    lock.hold(true);
    await Promise.resolve();
    assert.equal(relay.isEnergised(), true);
    await relay.replug();
    await Promise.resolve();
    assert.equal(relay.isEnergised(), true, 'the fire release is driven again');
    await lock.close();
    assert.equal(relay.restoredListeners, 0);
    assert.deepEqual(alarms, []);
  });

  it('a cut breaker that came back de-energised counts as supplying, so the next decision cuts again', async () => {
    const relay = new ReplugRelay('room-701/breaker');
    await relay.open();
    const supply = new BreakerSupply(relay);
    assert.deepEqual(await supply.set(false), { ok: true });
    assert.equal(supply.on, false);
    await relay.replug();
    assert.equal(supply.on, true);
  });
});
