import { strict as assert } from 'node:assert';
import { DoorLock } from './door-lock.js';
import { BreakerSupply } from './room-supply.js';
import { EmulatedRelay } from '../../emulators/relay.js';
import { ManualClock } from '../../lib/manual-clock.js';
import { MemoryLogger } from '../../lib/log.js';

describe('relay hardware back from an outage', () => {
  it('a door held released for a fire is released again; a locked door stays locked', async () => {
    const relay = new EmulatedRelay('door-a/relay');
    const clock = new ManualClock();
    const alarms: string[] = [];
    const lock = new DoorLock({ pointId: 'door-a', relay, clock, logger: new MemoryLogger(), openDurationMs: 3000, relayStuck: (d) => alarms.push(d) });
    await lock.open();
    relay.simulateRestore();
    assert.equal(relay.isEnergised(), false, 'a locked door stays locked');
    lock.hold(true);
    await Promise.resolve();
    assert.equal(relay.isEnergised(), true);
    relay.simulateRestore();
    await Promise.resolve();
    assert.equal(relay.isEnergised(), true, 'the fire release is driven again');
    await lock.close();
    assert.deepEqual(alarms, []);
  });

  it('a cut breaker that came back de-energised counts as supplying, so the next decision cuts again', async () => {
    const relay = new EmulatedRelay('room-701/breaker');
    await relay.open();
    const supply = new BreakerSupply(relay);
    assert.deepEqual(await supply.set(false), { ok: true });
    assert.equal(supply.on, false);
    relay.simulateRestore();
    assert.equal(supply.on, true);
  });
});
