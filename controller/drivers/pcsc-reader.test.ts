/**
 * The PC/SC path for real: the project's virtual card speaks vpcd to pcscd, nfc-pcsc (in the
 * reader's worker process) reads it, and a door point decides. pcscd polls the virtual reader about
 * 3 times a second, so every wait here allows several seconds.
 */
import { strict as assert } from 'node:assert';
import { DoorPoint, type DoorDecision } from '../points/door.js';
import { Journal } from '../journal.js';
import { Policy } from '../policy.js';
import { PcscCardReader, type PcscNotice } from './pcsc-reader.js';
import type { CardReaderEvent } from './card-reader.js';
import { VirtualCard } from '../../emulators/vpcd-card.js';
import { EmulatedRelay } from '../../emulators/relay.js';
import { AccessReason, DatasetName } from '../../protocol/messages.js';
import { MemoryLogger } from '../../lib/log.js';
import { tempDir, waitFor } from '../../test/helpers.js';
import { VPCD_READERS, ensurePcscd } from '../../test/pcscd.js';

const CARD = '04A1B2C3D4E5F6';
const SECOND = '0A0B0C0D';
const LOST = '04FFFFFFFFFFFF';
const VPCD = VPCD_READERS[0];

describe('PC/SC card reader through pcscd and vpcd', function () {
  this.timeout(30_000);
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let logger: MemoryLogger;
  let journal: Journal;
  let relay: EmulatedRelay;
  let reader: PcscCardReader;
  let door: DoorPoint;
  let card: VirtualCard;
  let decisions: DoorDecision[];
  let events: CardReaderEvent[];
  let notices: PcscNotice[];

  before(() => ensurePcscd());

  beforeEach(async () => {
    dir = await tempDir();
    logger = new MemoryLogger();
    journal = new Journal({ dir: dir.path, deviceId: 'dev-pcsc', logger });
    await journal.start();
    const policy = new Policy({ dir: null, logger });
    await policy.apply({ name: DatasetName.DATASET_NAME_CARDS, version: 1, fullSnapshot: true, cards: { upsert: [{ cardUid: CARD, personId: 'P1' }, { cardUid: SECOND, personId: 'P2' }, { cardUid: LOST, personId: 'P3' }] } });
    await policy.apply({ name: DatasetName.DATASET_NAME_BLACKLIST, version: 3, fullSnapshot: true, blacklist: { addCardUids: [LOST] } });
    relay = new EmulatedRelay('door/relay');
    reader = new PcscCardReader({ name: 'door/reader', logger, reader: VPCD.name, retryMinMs: 100, retryMaxMs: 1000 });
    events = [];
    notices = [];
    reader.subscribe((e) => events.push(e));
    reader.onNotice((n) => notices.push(n));
    door = new DoorPoint({ id: 'main-door', reader, relay, policy, journal, logger, openDurationMs: 100 });
    decisions = [];
    door.onDecision((d) => decisions.push(d));
    card = new VirtualCard({ uid: CARD, port: VPCD.port, logger });
    await door.start();
    await waitFor('the vpcd reader attached', () => events.some((e) => e.kind === 'attach' && e.reader === VPCD.name), 15_000);
  });

  afterEach(async () => {
    await card.remove();
    // Let pcscd see the card leave before the next test presents one: else it sees no change.
    const reads = notices.filter((n) => n.kind === 'card_read' || (n.kind === 'problem' && n.problem.error === 'read_failed')).length;
    await waitFor('pcscd saw the last card leave', () => removedNotices() >= reads, 10_000);
    await door.stop();
    await journal.stop();
    await dir.remove();
  });

  const present = async () => assert.deepEqual(await card.present(), { ok: true });
  const cardEvents = () => events.filter((e) => e.kind === 'card');
  const removedNotices = () => notices.filter((n) => n.kind === 'card_removed').length;
  const getAtrPolls = () => card.received.filter((m) => m.kind === 'get_atr').length;

  it('grants a presented virtual card at the door: nfc-pcsc read its UID with GET DATA and the relay was energised', async () => {
    await present();
    await waitFor('a decision', () => decisions.length === 1, 10_000);
    assert.deepEqual(cardEvents(), [{ kind: 'card', reader: VPCD.name, uid: CARD }]);
    assert.equal(decisions[0]!.granted, true);
    assert.equal(decisions[0]!.reason, AccessReason.ACCESS_REASON_GRANTED);
    assert.equal(relay.calls[0]?.energised, true, 'the relay was driven');
    assert.deepEqual(card.apdus, ['FFCA000000'], 'the card was asked for its UID once');
    assert.deepEqual(reader.status().readers, [VPCD.name], 'only the named reader is used');
  });

  it('reports a card left on the reader once, and reads it again after it was removed and presented again', async () => {
    await present();
    await waitFor('the first read', () => cardEvents().length === 1, 10_000);
    const polls = getAtrPolls();
    await waitFor('pcscd polled the card 3 more times', () => getAtrPolls() >= polls + 3, 10_000);
    assert.equal(cardEvents().length, 1, 'no repeat while the card stays');
    await card.remove();
    await waitFor('pcscd saw the card leave', () => removedNotices() === 1, 10_000);
    await present();
    await waitFor('the second read', () => cardEvents().length === 2, 10_000);
    await waitFor('two grants', () => decisions.filter((d) => d.granted).length === 2, 5000);
    assert.deepEqual(card.apdus, ['FFCA000000', 'FFCA000000']);
  });

  it('reads a second card after the first, and denies a blacklisted one without touching the relay', async () => {
    await present();
    await waitFor('the first card', () => decisions.length === 1, 10_000);
    await card.remove();
    await waitFor('the first card left', () => removedNotices() === 1, 10_000);
    card.setUid(SECOND);
    await present();
    await waitFor('the second card', () => decisions.length === 2, 10_000);
    await card.remove();
    await waitFor('the second card left', () => removedNotices() === 2, 10_000);
    const relayCallsBefore = relay.calls.filter((c) => c.energised).length;
    card.setUid(LOST);
    await present();
    await waitFor('the lost card', () => decisions.length === 3, 10_000);
    assert.deepEqual(decisions.map((d) => [d.cardUid, d.granted]), [[CARD, true], [SECOND, true], [LOST, false]]);
    assert.equal(decisions[2]!.reason, AccessReason.ACCESS_REASON_DENIED_BLACKLISTED);
    assert.equal(relay.calls.filter((c) => c.energised).length, relayCallsBefore, 'the lost card did not open the door');
  });

  it('gives a typed, logged read failure when the card is pulled away mid-read: no card event, the door stays shut, the next tap works', async () => {
    card.removeOnNextApdu('FFCA');
    await present();
    await waitFor('a read failure', () => notices.some((n) => n.kind === 'problem' && n.problem.error === 'read_failed'), 10_000);
    const failure = notices.find((n) => n.kind === 'problem' && n.problem.error === 'read_failed');
    assert.ok(failure?.kind === 'problem' && failure.problem.error === 'read_failed');
    assert.equal(failure.problem.reader, VPCD.name);
    assert.ok(failure.problem.attempts >= 1 && failure.problem.attempts <= 3, `bounded retries, got ${failure.problem.attempts}`);
    assert.ok(failure.problem.message.length > 0, 'the reason is given');
    assert.equal(logger.find('pcsc.read_failed')[0]?.level, 'warn');
    assert.equal(cardEvents().length, 0);
    assert.equal(relay.calls.length, 0, 'fail-secure: nothing opened');
    assert.equal(card.isPresented, false, 'the card left the field');
    await waitFor('pcscd saw the card leave', () => removedNotices() === 1, 10_000);
    await present();
    await waitFor('the next tap granted', () => decisions.some((d) => d.granted), 10_000);
    assert.equal(reader.status().workerStarts, 1, 'the worker did not crash');
  });

  it('detaches the reader when its worker dies, restarts the worker with backoff and attaches again', async () => {
    const pid = reader.status().workerPid;
    assert.ok(pid);
    process.kill(pid, 'SIGKILL');
    await waitFor('detach', () => events.some((e) => e.kind === 'detach'), 5000);
    await waitFor('the reader attached again', () => events.filter((e) => e.kind === 'attach').length === 2, 15_000);
    const exited = logger.find('pcsc.worker_exited');
    assert.equal(exited.length, 1);
    assert.match(String(exited[0]!.fields.message), /signal SIGKILL/);
    assert.equal(reader.status().workerStarts, 2);
    await present();
    await waitFor('a grant through the new worker', () => decisions.some((d) => d.granted), 10_000);
  });
});
