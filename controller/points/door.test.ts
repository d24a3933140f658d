import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { DoorPoint, type DoorDecision } from './door.js';
import { Journal } from '../journal.js';
import { Policy } from '../policy.js';
import { EmulatedCardReader } from '../../emulators/card-reader.js';
import { EmulatedRelay } from '../../emulators/relay.js';
import { AccessReason, DatasetName } from '../../protocol/messages.js';
import { MemoryLogger } from '../../lib/log.js';
import { tempDir } from '../../test/helpers.js';

const CARD = '04A1B2C3D4E5F6';
const LOST = '04FFFFFFFFFFFF';

describe('door point', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let journal: Journal;
  let reader: EmulatedCardReader;
  let relay: EmulatedRelay;
  let door: DoorPoint;
  let decisions: DoorDecision[];

  beforeEach(async () => {
    dir = await tempDir();
    const logger = new MemoryLogger();
    journal = new Journal({ dir: dir.path, deviceId: 'dev-1', logger });
    await journal.start();
    const policy = new Policy({ dir: null, logger });
    await policy.apply({ name: DatasetName.DATASET_NAME_CARDS, version: 1, fullSnapshot: true, cards: { upsert: [{ cardUid: CARD, personId: 'P1' }, { cardUid: LOST, personId: 'P2' }] } });
    await policy.apply({ name: DatasetName.DATASET_NAME_BLACKLIST, version: 7, fullSnapshot: true, blacklist: { addCardUids: [LOST] } });
    reader = new EmulatedCardReader('r');
    relay = new EmulatedRelay('k');
    door = new DoorPoint({ id: 'main-door', reader, relay, policy, journal, logger, openDurationMs: 3000 });
    await door.start();
    decisions = [];
    door.onDecision((d) => decisions.push(d));
  });

  afterEach(async () => {
    sinon.restore();
    await door.stop();
    await journal.stop();
    await dir.remove();
  });

  const settle = () => new Promise((r) => setImmediate(r));

  it('energises the relay for a valid card and releases it after openDurationMs', async () => {
    const clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    reader.tap(CARD);
    await settle();
    assert.equal(relay.isEnergised(), true);
    clock.tick(2999);
    assert.equal(relay.isEnergised(), true);
    clock.tick(1);
    assert.equal(relay.isEnergised(), false);
    assert.deepEqual(relay.calls.map((c) => c.energised), [true, false]);
  });

  it('restarts the open time when the card is tapped again while open', async () => {
    const clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    reader.tap(CARD);
    await settle();
    clock.tick(2000);
    reader.tap(CARD);
    await settle();
    clock.tick(2000);
    assert.equal(relay.isEnergised(), true, 'still open 2 s after the second tap');
    clock.tick(1000);
    assert.equal(relay.isEnergised(), false);
  });

  it('denies a blacklisted card and an unknown card without touching the relay, and journals both', async () => {
    reader.tap(LOST);
    reader.tap('0A0B0C0D');
    await settle();
    assert.equal(relay.calls.length, 0);
    assert.deepEqual(decisions.map((d) => [d.granted, d.reason]), [
      [false, AccessReason.ACCESS_REASON_DENIED_BLACKLISTED],
      [false, AccessReason.ACCESS_REASON_DENIED_UNKNOWN_CARD],
    ]);
    await new Promise<void>((resolve) => (journal.lastDurableSeq >= 2 ? resolve() : journal.onDurable((s) => s >= 2 && resolve())));
    const events = journal.durableFrom(1, 10);
    assert.deepEqual(events.map((e) => [e.pointId, e.access?.cardUid, e.access?.granted ?? false, e.access?.blacklistVersion]), [
      ['main-door', LOST, false, 7],
      ['main-door', '0A0B0C0D', false, 7],
    ]);
  });

  it('journals the grant after the relay was driven, with its latency', async () => {
    reader.tap(CARD);
    await settle();
    assert.equal(decisions[0]?.seq, 1);
    assert.ok((decisions[0]?.latencyUs ?? -1) >= 0);
    assert.equal(journal.lastSeqWritten, 1);
  });

  it('stops listening to the reader and releases the relay on stop', async () => {
    await door.stop();
    assert.throws(() => reader.tap(CARD), /not open/);
    assert.equal(relay.isEnergised(), false);
  });

  it('admits only holders in one of its access groups', async () => {
    const logger = new MemoryLogger();
    const policy = new Policy({ dir: null, logger });
    await policy.apply({
      name: DatasetName.DATASET_NAME_CARDS, version: 1, fullSnapshot: true,
      cards: { upsert: [{ cardUid: CARD, personId: 'P1', groups: ['dorm-7'] }, { cardUid: LOST, personId: 'P2', groups: ['gym'] }] },
    });
    const gymReader = new EmulatedCardReader('gym/reader');
    const gymRelay = new EmulatedRelay('gym/relay');
    const gym = new DoorPoint({ id: 'gym-door', reader: gymReader, relay: gymRelay, policy, journal, logger, openDurationMs: 3000, groups: ['gym'] });
    await gym.start();
    const seen: DoorDecision[] = [];
    gym.onDecision((d) => seen.push(d));
    gymReader.tap(CARD);
    gymReader.tap(LOST);
    await settle();
    await gym.stop();
    assert.deepEqual(seen.map((d) => [d.cardUid, d.granted, d.reason]), [
      [CARD, false, AccessReason.ACCESS_REASON_DENIED_NOT_IN_GROUP],
      [LOST, true, AccessReason.ACCESS_REASON_GRANTED],
    ]);
  });

  it('retries releasing a relay that failed to release, and journals a relay_stuck alarm', async () => {
    const clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const realSet = relay.set.bind(relay);
    let failures = 1;
    relay.set = (energised: boolean) => (!energised && failures-- > 0 ? Promise.reject(new Error('write timeout')) : realSet(energised));
    reader.tap(CARD);
    await settle();
    clock.tick(3000);
    await settle();
    assert.equal(relay.isEnergised(), true, 'the first release failed');
    clock.tick(100);
    await settle();
    assert.equal(relay.isEnergised(), false, 'the retry released it');
    clock.restore();
    await new Promise<void>((resolve) => (journal.lastDurableSeq >= 2 ? resolve() : journal.onDurable((s) => s >= 2 && resolve())));
    const kinds = journal.durableFrom(1, 10).map((e) => e.alarm?.kind ?? 'access');
    assert.deepEqual(kinds, ['access', 'relay_stuck']);
  });
});
