/**
 * The card office's money operations over the real HTTP API: accounts made with people and rooms,
 * cash top-ups idempotent on their reference, balances and statements, card limits in the cards
 * dataset, and the offline-authorisation and room-power commands as a device receives them.
 */
import { strict as assert } from 'node:assert';
import { Hub } from './hub.js';
import { DatasetName } from '../protocol/messages.js';
import { MemoryLogger } from '../lib/log.js';
import { api, startHub, tempDir, waitFor } from '../test/helpers.js';
import { BACKENDS } from '../test/pg.js';
import { backendDb, type BackendDb } from './backend-fixture.js';
import { rawDevice, registerDevice } from '../test/raw-device.js';

for (const backend of BACKENDS) describe(`money API: accounts, rooms, top-ups, statements (${backend})`, () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let store: BackendDb;
  let hub: Hub;

  beforeEach(async () => {
    dir = await tempDir();
    store = await backendDb(backend, dir.path);
    hub = await startHub(dir.path, new MemoryLogger(), { dbUrl: store.url });
  });

  afterEach(async () => {
    await hub.stop();
    await store.drop();
    await dir.remove();
  });

  function assertError(res: { status: number; body: any }, status: number, code: string, field?: string): void {
    assert.equal(res.status, status, JSON.stringify(res.body));
    assert.equal(res.body.error?.code, code, JSON.stringify(res.body));
    if (field !== undefined) assert.equal(res.body.error.field, field, JSON.stringify(res.body));
  }

  const topUp = (accountId: string, amountFen: unknown, reference: unknown) => api(hub, 'POST', `/api/accounts/${accountId}/topups`, { amountFen, reference });

  it('opens a personal account with each person, at 0 fen, named in the answer', async () => {
    const res = await api(hub, 'POST', '/api/people', { personId: 'S2026001', name: 'Li Hua', type: 'student' });
    assert.deepEqual([res.status, res.body], [201, { personId: 'S2026001', accountId: 'person.S2026001' }]);
    const account = await api(hub, 'GET', '/api/accounts/person.S2026001');
    assert.deepEqual(account.body.account, { accountId: 'person.S2026001', kind: 'personal', ownerId: 'S2026001', name: 'Li Hua', createdAtMs: account.body.account.createdAtMs, balanceFen: 0, closedAtMs: null });
    assertError(await api(hub, 'GET', '/api/accounts/person.nobody'), 404, 'not_found', 'accountId');
  });

  it('gives a person with a 64-character id an account id a device accepts (64 characters at most)', async () => {
    const personId = 'S'.repeat(64);
    const res = await api(hub, 'POST', '/api/people', { personId, name: 'Long Id', type: 'staff' });
    assert.equal(res.status, 201);
    assert.match(res.body.accountId, /^person\.S+\.[0-9a-f]{16}$/);
    assert.ok(res.body.accountId.length <= 64);
  });

  it('adds a room with its account; a second room with the same id is refused', async () => {
    const res = await api(hub, 'POST', '/api/rooms', { roomId: 'B3-101', name: 'Building 3 room 101' });
    assert.deepEqual([res.status, res.body.roomId, res.body.account.accountId, res.body.account.kind, res.body.account.balanceFen], [201, 'B3-101', 'room.B3-101', 'room', 0]);
    assertError(await api(hub, 'POST', '/api/rooms', { roomId: 'B3-101', name: 'again' }), 409, 'room_exists', 'roomId');
    assertError(await api(hub, 'POST', '/api/rooms', { roomId: 'B3 101', name: 'x' }), 400, 'invalid_body', 'roomId');
  });

  it('takes a cash top-up once per reference: a repeat answers exists, another amount or account is refused with 409', async () => {
    await api(hub, 'POST', '/api/people', { personId: 'S1', name: 'Li Hua', type: 'student' });
    await api(hub, 'POST', '/api/people', { personId: 'S2', name: 'Wang Fang', type: 'student' });
    const first = await topUp('person.S1', 5000, 'CASH-0001');
    assert.deepEqual([first.status, first.body.result, first.body.topUp, first.body.account.balanceFen], [
      201, 'created', { transferId: 'topup:cash:CASH-0001', accountId: 'person.S1', amountFen: 5000, channel: 'cash', reference: 'CASH-0001' }, 5000,
    ]);
    const again = await topUp('person.S1', 5000, 'CASH-0001');
    assert.deepEqual([again.status, again.body.result, again.body.account.balanceFen], [200, 'exists', 5000]);
    assertError(await topUp('person.S1', 500, 'CASH-0001'), 409, 'exists_with_different_amount', 'amountFen');
    assertError(await topUp('person.S2', 5000, 'CASH-0001'), 409, 'exists_with_different_accounts', 'reference');
    assert.equal((await api(hub, 'GET', '/api/accounts/person.S2')).body.account.balanceFen, 0);
    assert.equal((await api(hub, 'GET', '/api/accounts/system.cash')).body.account.balanceFen, -5000, 'cash paid in is the counterparty');
  });

  it('refuses top-ups that are not whole positive fen, lack a reference, or go to a merchant or system account, naming the field', async () => {
    await api(hub, 'POST', '/api/people', { personId: 'S1', name: 'Li Hua', type: 'student' });
    assertError(await topUp('person.S1', 12.5, 'R1'), 400, 'invalid_body', 'amountFen');
    assertError(await topUp('person.S1', 0, 'R1'), 400, 'invalid_body', 'amountFen');
    assertError(await topUp('person.S1', -100, 'R1'), 400, 'invalid_body', 'amountFen');
    assertError(await topUp('person.S1', '100', 'R1'), 400, 'invalid_body', 'amountFen');
    assertError(await topUp('person.S1', 100, ''), 400, 'invalid_body', 'reference');
    assertError(await api(hub, 'POST', '/api/accounts/person.S1/topups', { amountFen: 100 }), 400, 'invalid_body', 'reference');
    assertError(await topUp('system.cash', 100, 'R1'), 422, 'account_kind_refused', 'accountId');
    assertError(await topUp('person.nobody', 100, 'R1'), 404, 'not_found', 'accountId');
    assert.equal((await api(hub, 'GET', '/api/accounts/person.S1')).body.account.balanceFen, 0);
  });

  it('lists an account statement newest first, with a limit and a before-time cursor', async () => {
    await hub.stop();
    let clock = 1_700_000_000_000;
    hub = await startHub(dir.path, new MemoryLogger(), { dbUrl: store.url, now: () => clock });
    await api(hub, 'POST', '/api/rooms', { roomId: 'R101', name: 'Room 101' });
    for (const [i, fen] of [[1, 1000], [2, 2000], [3, 3000]] as const) {
      clock += 1000;
      assert.equal((await topUp('room.R101', fen, `R-${i}`)).status, 201);
    }
    const all = (await api(hub, 'GET', '/api/accounts/room.R101/transfers')).body;
    assert.deepEqual([all.account.balanceFen, all.transfers.map((t: any) => [t.reference, t.amountFen, t.counterpartyAccountId])], [6000, [['R-3', 3000, 'system.cash'], ['R-2', 2000, 'system.cash'], ['R-1', 1000, 'system.cash']]]);
    const two = (await api(hub, 'GET', '/api/accounts/room.R101/transfers?limit=2')).body.transfers;
    assert.deepEqual(two.map((t: any) => t.reference), ['R-3', 'R-2']);
    const older = (await api(hub, 'GET', `/api/accounts/room.R101/transfers?beforeMs=${two[1].createdAtMs}`)).body.transfers;
    assert.deepEqual(older.map((t: any) => t.reference), ['R-1'], 'the next page starts before the last one shown');
    assertError(await api(hub, 'GET', '/api/accounts/room.R101/transfers?limit=0'), 400, 'invalid_query', 'limit');
    assertError(await api(hub, 'GET', '/api/accounts/room.nowhere/transfers'), 404, 'not_found', 'accountId');
  });

  it('puts the holder account and the card limits in the card and in the cards dataset; null returns a limit to the default', async () => {
    await api(hub, 'POST', '/api/people', { personId: 'S1', name: 'Li Hua', type: 'student' });
    const card = await api(hub, 'POST', '/api/cards', { uid: '04A1B2C3D4', personId: 'S1', dailyLimitFen: 5000, offlineDailyLimitFen: 2000 });
    assert.deepEqual([card.status, card.body.card.accountId, card.body.card.dailyLimitFen, card.body.card.offlineDailyLimitFen], [201, 'person.S1', 5000, 2000]);
    assertError(await api(hub, 'POST', '/api/cards', { uid: '04A1B2C3D5', personId: 'S1', dailyLimitFen: 0 }), 400, 'invalid_body', 'dailyLimitFen');
    const d = await rawDevice(hub, 'shower-ctl-1', await registerDevice(hub, 'shower-ctl-1'));
    try {
      await waitFor('cards snapshot', () => d.updates(DatasetName.DATASET_NAME_CARDS).length === 1);
      const [entry] = d.updates(DatasetName.DATASET_NAME_CARDS)[0]!.cards!.upsert!;
      assert.deepEqual([entry!.accountId, Number(entry!.dailyLimitFen), Number(entry!.offlineDailyLimitFen)], ['person.S1', 5000, 2000]);
      const patched = await api(hub, 'PATCH', '/api/cards/04A1B2C3D4', { dailyLimitFen: null });
      assert.deepEqual([patched.status, patched.body.card.dailyLimitFen, patched.body.card.offlineDailyLimitFen], [200, null, 2000]);
      await waitFor('cards delta', () => d.updates(DatasetName.DATASET_NAME_CARDS).length === 2);
      const [after] = d.updates(DatasetName.DATASET_NAME_CARDS)[1]!.cards!.upsert!;
      assert.deepEqual([Number(after!.dailyLimitFen ?? 0), Number(after!.offlineDailyLimitFen)], [0, 2000], '0 on the wire: the controller default');
    } finally {
      await d.close();
    }
  });

  it('sends offline-authorisation and room-power commands to the device; refuses a body naming two actions or none', async () => {
    const d = await rawDevice(hub, 'room-ctl-1', await registerDevice(hub, 'room-ctl-1'));
    try {
      const auth = await api(hub, 'POST', '/api/devices/room-ctl-1/commands', { setOfflineAuthorisation: { untilUnixMs: '2026-09-01T00:00:00+08:00' } });
      assert.deepEqual([auth.status, auth.body.command.action, auth.body.command.args], [201, 'set_offline_authorisation', { untilUnixMs: Date.parse('2026-09-01T00:00:00+08:00') }]);
      assert.equal(auth.body.command.expiresAtMs - auth.body.command.createdAtMs, 24 * 3600_000, 'an authorisation may wait a day for its device');
      const power = await api(hub, 'POST', '/api/devices/room-ctl-1/commands', { setRoomPower: { pointId: 'room-101', on: false, overrideUntilUnixMs: 1_800_000_000_000 } });
      assert.deepEqual([power.status, power.body.command.action, power.body.command.expiresAtMs - power.body.command.createdAtMs], [201, 'set_room_power', 60_000]);
      // Unanswered commands are resent with each new one: look each up by its id.
      const received = (commandId: string) => d.frames.find((f) => f.body === 'command' && f.command!.commandId === commandId)?.command;
      await waitFor('both commands at the device', () => received(auth.body.command.commandId) !== undefined && received(power.body.command.commandId) !== undefined);
      const [a, p] = [received(auth.body.command.commandId), received(power.body.command.commandId)];
      assert.deepEqual([a!.action, Number(a!.setOfflineAuthorisation!.untilUnixMs)], ['setOfflineAuthorisation', Date.parse('2026-09-01T00:00:00+08:00')]);
      assert.deepEqual([p!.action, p!.setRoomPower!.pointId, p!.setRoomPower!.on, Number(p!.setRoomPower!.overrideUntilUnixMs)], ['setRoomPower', 'room-101', false, 1_800_000_000_000]);
      const withdraw = await api(hub, 'POST', '/api/devices/room-ctl-1/commands', { setOfflineAuthorisation: { untilUnixMs: 0 } });
      assert.equal(withdraw.status, 201);
    } finally {
      await d.close();
    }
    assertError(await api(hub, 'POST', '/api/devices/room-ctl-1/commands', {}), 400, 'invalid_body');
    assertError(await api(hub, 'POST', '/api/devices/room-ctl-1/commands', { openDoor: { pointId: 'a' }, setRoomPower: { pointId: 'b', on: true } }), 400, 'invalid_body');
    assertError(await api(hub, 'POST', '/api/devices/room-ctl-1/commands', { setRoomPower: { pointId: 'b' } }), 400, 'invalid_body', 'setRoomPower.on');
    assertError(await api(hub, 'POST', '/api/devices/room-ctl-1/commands', { setOfflineAuthorisation: { untilUnixMs: 'tomorrow' } }), 400, 'invalid_body', 'setOfflineAuthorisation.untilUnixMs');
  });
});
