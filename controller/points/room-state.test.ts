import { strict as assert } from 'node:assert';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MemoryLogger } from '../../lib/log.js';
import { tempDir } from '../../test/helpers.js';
import { Journal } from '../journal.js';
import { INITIAL_BILLING } from './room-billing.js';
import { INITIAL_ROOM_STATE, RoomStateStore, loadRoomState, resolvePendingCharge, roomStatePath, saveRoomState, type RoomState } from './room-state.js';

describe('room state', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let journal: Journal;

  beforeEach(async () => {
    dir = await tempDir('onecard-room-state-');
    journal = new Journal({ dir: join(dir.path, 'journal'), deviceId: 'dev-1', logger: new MemoryLogger() });
    await journal.start();
  });

  afterEach(async () => {
    await journal.stop();
    await dir.remove();
  });

  const prior = { ...INITIAL_BILLING, meterEnergyWh: 1500, month: '2024-03', accruedWh: 500, accruedMicrofen: 30_000_000 };
  const after = { ...prior, accruedWh: 0, accruedMicrofen: 0 };
  const pendingState = (afterSeq: number): RoomState => ({ ...INITIAL_ROOM_STATE, billing: after, pendingCharge: { afterSeq, prior } });

  async function append(pointId: string, kind: 'charge' | 'alarm'): Promise<number> {
    const r = journal.append(kind === 'charge' ? { pointId, charge: { accountId: 'a', amountFen: 30 } } : { pointId, alarm: { kind: 'x', active: true } });
    assert.ok(r.ok);
    await r.durable;
    return r.seq;
  }

  it('round-trips through its file, starts from the initial state without one and names a broken file', async () => {
    const path = roomStatePath(dir.path, 'room-1');
    assert.deepEqual(await loadRoomState(path), INITIAL_ROOM_STATE);
    const state: RoomState = { ...INITIAL_ROOM_STATE, billing: after, cutOff: true, override: { on: false, untilUnixMs: 5 }, lastChargeSeq: 9 };
    await saveRoomState(path, state);
    assert.deepEqual(await loadRoomState(path), state);
    await writeFile(path, '{"version":1');
    await assert.rejects(loadRoomState(path), /room-room-1.json is not JSON/);
    await writeFile(path, JSON.stringify({ ...state, billing: { ...after, accruedMicrofen: -1 } }));
    await assert.rejects(loadRoomState(path), /billing.accruedMicrofen/);
  });

  it('keeps the state after the charge when the pending Charge is in the journal', async () => {
    await append('room-1', 'alarm');
    const afterSeq = journal.lastSeqWritten;
    await append('room-2', 'charge'); // another room's
    const seq = await append('room-1', 'charge');
    const { state, outcome } = resolvePendingCharge(pendingState(afterSeq), journal, 'room-1');
    assert.deepEqual(outcome, { kind: 'journalled', seq });
    assert.deepEqual(state.billing, after);
    assert.equal(state.pendingCharge, null);
    assert.equal(state.lastChargeSeq, seq);
  });

  it('restores the state before the charge when the journal shows every event since and the Charge is not among them', async () => {
    await append('room-1', 'alarm');
    const afterSeq = journal.lastSeqWritten;
    await append('room-2', 'charge');
    await append('room-1', 'alarm');
    const { state, outcome } = resolvePendingCharge(pendingState(afterSeq), journal, 'room-1');
    assert.deepEqual(outcome, { kind: 'not_journalled' });
    assert.deepEqual(state.billing, prior, 'the accrued energy is charged again at the next poll');
    assert.equal(state.pendingCharge, null);
  });

  it('takes the charge as made when events since were acknowledged and the journal can no longer show them', async () => {
    const afterSeq = journal.lastSeqWritten;
    await append('room-1', 'charge');
    await append('room-2', 'alarm');
    journal.markAcked(journal.lastSeqWritten);
    const { state, outcome } = resolvePendingCharge(pendingState(afterSeq), journal, 'room-1');
    assert.deepEqual(outcome, { kind: 'uncertain', ackedSeq: 2 });
    assert.deepEqual(state.billing, after, 'never charged twice');
  });

  it('a store loads and resolves a pending charge (written back), saves before holding, commits after, holds in memory only', async () => {
    const path = roomStatePath(dir.path, 'room-1');
    const afterSeq = journal.lastSeqWritten;
    const seq = await append('room-1', 'charge');
    await saveRoomState(path, pendingState(afterSeq));
    const store = new RoomStateStore();
    assert.deepEqual(store.state, INITIAL_ROOM_STATE);
    const { outcome } = await store.load(path, journal, 'room-1');
    assert.deepEqual(outcome, { kind: 'journalled', seq });
    assert.deepEqual(await loadRoomState(path), store.state, 'the resolved state is on disk');
    assert.equal(store.state.pendingCharge, null);
    await store.save({ ...store.state, cutOff: true });
    assert.equal((await loadRoomState(path)).cutOff, true);
    store.hold({ ...store.state, meterReadAtUnixMs: 42 });
    assert.equal(store.state.meterReadAtUnixMs, 42);
    assert.equal((await loadRoomState(path)).meterReadAtUnixMs, 0, 'held only');
    const committing = store.commit({ ...store.state, lastChargeSeq: 7 });
    assert.equal(store.state.lastChargeSeq, 7, 'held before it is written');
    await committing;
    assert.equal((await loadRoomState(path)).lastChargeSeq, 7);
    const failing = new RoomStateStore();
    await failing.load(join(dir.path, 'room-2.json'), journal, 'room-2');
    await mkdir(join(dir.path, 'room-2.json'));
    await assert.rejects(failing.save({ ...INITIAL_ROOM_STATE, cutOff: true }));
    assert.equal(failing.state.cutOff, false, 'a save that failed is not held');
  });

  it('leaves a state without a pending charge alone', () => {
    const state = { ...INITIAL_ROOM_STATE, billing: after };
    assert.deepEqual(resolvePendingCharge(state, journal, 'room-1'), { state, outcome: { kind: 'none' } });
  });
});
