import { strict as assert } from 'node:assert';
import { DatasetName } from '../../protocol/messages.js';
import { validateEvent } from '../../protocol/wire.js';
import { RELOCK_GRACE_MS } from './door-lock.js';
import { DoorRig, settle } from './door-test-rig.js';

const CARD = '04A1B2C3D4E5F6';
const EMULATED = { driver: 'emulated' };

describe('door inputs: contact, exit button, fire loop', () => {
  let rig: DoorRig;

  beforeEach(async () => {
    rig = new DoorRig();
    await rig.start();
    await rig.push({ name: DatasetName.DATASET_NAME_CARDS, version: 1, fullSnapshot: true, cards: { upsert: [{ cardUid: CARD, personId: 'P1' }] } });
  });

  afterEach(async () => {
    await rig.stop();
  });

  describe('door contact', () => {
    it('raises door_held_open after heldOpenAlarmMs open and clears it when the door closes', async () => {
      await rig.door({ id: 'door-a', doorContact: EMULATED, heldOpenAlarmMs: 20_000 });
      await rig.tap('door-a', CARD);
      await rig.advance(1000);
      rig.input('door-a/contact', true);
      await rig.advance(19_999);
      assert.deepEqual(await rig.alarms(), [], 'not yet');
      await rig.advance(1);
      assert.deepEqual(await rig.alarms(), [['door-a', 'door_held_open', true]]);
      await rig.advance(60_000);
      rig.input('door-a/contact', false);
      assert.deepEqual(await rig.events(), [
        ['door-a', 'access', CARD, 'granted'],
        ['door-a', 'alarm', 'door_held_open', true],
        ['door-a', 'alarm', 'door_held_open', false],
      ]);
    });

    it('raises no alarm for a door opened and closed within the time', async () => {
      await rig.door({ id: 'door-a', doorContact: EMULATED });
      await rig.tap('door-a', CARD);
      rig.input('door-a/contact', true);
      await rig.advance(29_999);
      rig.input('door-a/contact', false);
      await rig.advance(120_000);
      assert.deepEqual(await rig.alarms(), []);
    });

    it('raises door_forced_open when the door opens without a release, and clears it when it closes', async () => {
      await rig.door({ id: 'door-a', doorContact: EMULATED });
      rig.input('door-a/contact', true);
      assert.deepEqual(await rig.alarms(), [['door-a', 'door_forced_open', true]]);
      await rig.advance(30_000);
      rig.input('door-a/contact', false);
      assert.deepEqual(await rig.alarms(), [
        ['door-a', 'door_forced_open', true],
        ['door-a', 'door_held_open', true],
        ['door-a', 'door_held_open', false],
        ['door-a', 'door_forced_open', false],
      ]);
      assert.equal(rig.relayEnergised('door-a'), false, 'a forced door does not unlock the lock');
    });

    it('lets the door open during the release and just after it, not later', async () => {
      await rig.door({ id: 'door-a', doorContact: EMULATED, openDurationMs: 3000 });
      await rig.tap('door-a', CARD);
      await rig.advance(2999);
      rig.input('door-a/contact', true); // last moment of the release
      rig.input('door-a/contact', false);
      await rig.tap('door-a', CARD);
      await rig.advance(3000 + RELOCK_GRACE_MS);
      rig.input('door-a/contact', true); // the latch lets go as it relocks: within the grace
      rig.input('door-a/contact', false);
      assert.deepEqual(await rig.alarms(), []);
      await rig.advance(1);
      rig.input('door-a/contact', true);
      assert.deepEqual(await rig.alarms(), [['door-a', 'door_forced_open', true]]);
    });

    it('does not take a door found open at start as forced, and times it from the start', async () => {
      rig.drivers.digitalInput(EMULATED, 'door-a/contact').set(true);
      await rig.door({ id: 'door-a', doorContact: EMULATED });
      await rig.advance(30_000);
      assert.deepEqual(await rig.alarms(), [['door-a', 'door_held_open', true]]);
    });
  });

  describe('exit button', () => {
    it('releases the lock for openDurationMs and journals an exit request with no card that the hub accepts', async () => {
      await rig.door({ id: 'door-a', exitButton: EMULATED, doorContact: EMULATED, openDurationMs: 5000 });
      rig.input('door-a/exit', true);
      await settle();
      assert.equal(rig.relayEnergised('door-a'), true);
      rig.input('door-a/exit', false);
      rig.input('door-a/contact', true);
      rig.input('door-a/contact', false);
      await rig.advance(4999);
      assert.equal(rig.relayEnergised('door-a'), true);
      await rig.advance(1);
      assert.equal(rig.relayEnergised('door-a'), false);
      assert.deepEqual(await rig.events(), [['door-a', 'access', '', 'granted_exit_request']], 'no forced-open alarm');
      const [event] = await rig.rawEvents();
      assert.equal(validateEvent(event!), null);
      assert.equal(rig.decisions[0]?.granted, true);
    });

    it('releases once per press (the release of the button does nothing)', async () => {
      await rig.door({ id: 'door-a', exitButton: EMULATED });
      for (let i = 0; i < 3; i++) {
        rig.input('door-a/exit', true);
        rig.input('door-a/exit', false);
      }
      await settle();
      assert.equal((await rig.accesses()).length, 3);
    });
  });

  describe('fire loop', () => {
    const fireInput = { id: 'loop-1', input: EMULATED };

    it('releases every door on the loop while it is active, and relocks them at the reset', async () => {
      await rig.door({ id: 'door-a', fireInput, doorContact: EMULATED });
      await rig.door({ id: 'door-b', fireInput });
      await rig.door({ id: 'door-c' });
      rig.input('fire/loop-1', true);
      await settle();
      assert.deepEqual(['door-a', 'door-b', 'door-c'].map((d) => rig.relayEnergised(d)), [true, true, false], 'door-c is not on the loop');

      // During the fire: a grant, an opened door, a long time: the doors stay released, no alarms but the fire's.
      await rig.tap('door-a', CARD);
      rig.input('door-a/contact', true);
      await rig.advance(600_000);
      assert.deepEqual(['door-a', 'door-b'].map((d) => rig.relayEnergised(d)), [true, true]);

      rig.input('fire/loop-1', false);
      await settle();
      assert.deepEqual(['door-a', 'door-b', 'door-c'].map((d) => rig.relayEnergised(d)), [false, false, false]);
      assert.deepEqual(await rig.events(), [
        ['door-a', 'alarm', 'fire_release', true],
        ['door-b', 'alarm', 'fire_release', true],
        ['door-a', 'access', CARD, 'granted'],
        ['door-a', 'alarm', 'fire_release', false],
        ['door-b', 'alarm', 'fire_release', false],
      ]);
      // The door left open after the reset is timed from the reset.
      await rig.advance(30_000);
      assert.deepEqual((await rig.alarms()).slice(4), [['door-a', 'door_held_open', true]]);
    });

    it('keeps a grant running at the reset released until its time ends', async () => {
      await rig.door({ id: 'door-a', fireInput, openDurationMs: 3000 });
      rig.input('fire/loop-1', true);
      await rig.tap('door-a', CARD);
      await rig.advance(1000);
      rig.input('fire/loop-1', false);
      await settle();
      assert.equal(rig.relayEnergised('door-a'), true);
      await rig.advance(2000);
      assert.equal(rig.relayEnergised('door-a'), false);
    });

    it('releases at start a door whose loop is already active', async () => {
      rig.drivers.digitalInput(EMULATED, 'fire/loop-1').set(true);
      await rig.door({ id: 'door-a', fireInput });
      await settle();
      assert.equal(rig.relayEnergised('door-a'), true);
      assert.deepEqual(await rig.alarms(), [['door-a', 'fire_release', true]]);
    });

    it('opens the loop once for all its doors and closes it with the last', async () => {
      const a = await rig.door({ id: 'door-a', fireInput });
      const b = await rig.door({ id: 'door-b', fireInput });
      const line = rig.drivers.input('fire/loop-1');
      await a.stop();
      rig.input('fire/loop-1', true);
      await settle();
      assert.equal(rig.relayEnergised('door-b'), true, 'door-b still hears the loop');
      assert.equal(rig.drivers.input('fire/loop-1'), line, 'one line for both doors');
      await b.stop();
      await assert.rejects(line.read(), /while closed/);
    });

    it('refuses two different inputs under one loop id', async () => {
      await rig.door({ id: 'door-a', fireInput });
      await assert.rejects(
        rig.door({ id: 'door-b', fireInput: { id: 'loop-1', input: { driver: 'emulated', activeLow: true } } }),
        /door door-b: fireInput loop-1 names a different input than door door-a/,
      );
    });

    it('fails secure on stop: the relay of a released door ends de-energised', async () => {
      const door = await rig.door({ id: 'door-a', fireInput });
      rig.input('fire/loop-1', true);
      await settle();
      assert.equal(rig.relayEnergised('door-a'), true);
      await door.stop();
      assert.equal(rig.relayEnergised('door-a'), false);
    });

    it('retries energising a fire door whose relay failed, with a relay_stuck alarm', async () => {
      await rig.door({ id: 'door-a', fireInput });
      const relay = rig.drivers.relayNamed('door-a/relay');
      const realSet = relay.set.bind(relay);
      let failures = 2;
      relay.set = (energised: boolean) => (energised && failures-- > 0 ? Promise.reject(new Error('write timeout')) : realSet(energised));
      rig.input('fire/loop-1', true);
      await settle();
      assert.equal(rig.relayEnergised('door-a'), false);
      await rig.advance(100);
      assert.equal(rig.relayEnergised('door-a'), false, 'the first retry failed too');
      await rig.advance(200);
      assert.equal(rig.relayEnergised('door-a'), true, 'the second retry released the door');
      assert.deepEqual(await rig.alarms(), [['door-a', 'fire_release', true], ['door-a', 'relay_stuck', true]]);
    });
  });

  it('a door without a fire loop releases its relay after a failed energise (fail secure)', async () => {
    await rig.door({ id: 'door-a', openDurationMs: 3000 });
    const relay = rig.drivers.relayNamed('door-a/relay');
    const realSet = relay.set.bind(relay);
    relay.set = (energised: boolean) => (energised ? realSet(true).then(() => Promise.reject(new Error('no confirmation'))) : realSet(false));
    await rig.tap('door-a', CARD);
    assert.equal(rig.relayEnergised('door-a'), true, 'driven before the failure was reported');
    await rig.advance(3000);
    assert.equal(rig.relayEnergised('door-a'), false);
    assert.deepEqual(await rig.events(), [['door-a', 'alarm', 'relay_stuck', true], ['door-a', 'access', CARD, 'granted']]);
  });
});
