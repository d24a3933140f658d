/**
 * `onecard admin` for money and the points' datasets, as the card office and facilities run it
 * against a real hub: rooms, top-ups (a repeated receipt changes nothing), balances, statements,
 * tariffs, schedules, holidays, the offline-authorisation and room-power commands, meters, and
 * charges held for review.
 */
import { strict as assert } from 'node:assert';
import type { Hub } from '../hub/hub.js';
import { generateDeviceKeyPair } from '../protocol/auth.js';
import { api } from '../test/helpers.js';
import { startAdminHub, type AdminHub } from './admin-fixture.js';

describe('onecard admin: money, tariffs, schedules, commands, meters', function () {
  this.timeout(120_000);
  let fixture: AdminHub;
  let hub: Hub;
  const admin = (...args: string[]) => fixture.admin(...args);

  beforeEach(async () => {
    fixture = await startAdminHub();
    hub = fixture.hub;
  });
  afterEach(() => fixture.close());

  it('adds a room, tops it up once per receipt, and shows its balance and statement', async () => {
    const person = await admin('person', 'add', 'S1', '--name', 'Li Hua', '--type', 'student');
    assert.match(person.stdout, /person S1: added, account person\.S1/);
    const room = await admin('room', 'add', 'B3-101', '--name', 'Building 3 room 101');
    assert.equal(room.code, 0, room.stderr);
    assert.match(room.stdout, /room B3-101: account room\.B3-101 \(room, Building 3 room 101\): balance 0\.00 yuan/);
    const topUp = await admin('topup', 'room.B3-101', '--amount-fen', '5050', '--reference', 'CASH-0001');
    assert.match(topUp.stdout, /top-up CASH-0001: created \(50\.50 yuan in\); account room\.B3-101 .*balance 50\.50 yuan/);
    const again = await admin('topup', 'room.B3-101', '--amount-fen', '5050', '--reference', 'CASH-0001');
    assert.match(again.stdout, /top-up CASH-0001: exists \(already recorded, nothing moved\); .*balance 50\.50 yuan/);
    const other = await admin('topup', 'room.B3-101', '--amount-fen', '500', '--reference', 'CASH-0001');
    assert.equal(other.code, 1);
    assert.match(other.stderr, /exists_with_different_amount: .* \(field amountFen\)/);
    const missing = await admin('topup', 'room.B3-101', '--reference', 'CASH-0002');
    assert.equal(missing.code, 2, 'a usage error');
    assert.match(missing.stderr, /--amount-fen is required/);
    const show = await admin('account', 'show', 'system.cash');
    assert.match(show.stdout, /account system\.cash \(system, cash window\): balance -50\.50 yuan/);
    const statement = await admin('account', 'statement', 'room.B3-101');
    assert.match(statement.stdout, /\n\S+ \+50\.50 topup ref CASH-0001 from system\.cash/);
  });

  it('sets, lists and deletes a tariff and a schedule, adds and removes a holiday', async () => {
    const set = await admin('tariff', 'set', 'room-std', '--basis', 'per_kwh', '--price-millifen', '56000', '--band', '22:00-24:00=30000', '--free-energy-wh-per-month', '10000');
    assert.equal(set.code, 0, set.stderr);
    assert.match(set.stdout, /tariff room-std: per_kwh 56000 millifen; bands 22:00-24:00 at 30000; tariffs version 1/);
    const bad = await admin('tariff', 'set', 'shower-std', '--basis', 'per_litre', '--price-millifen', '25000', '--free-energy-wh-per-month', '5');
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /invalid_body: freeEnergyWhPerMonth: only for basis per_kwh \(field freeEnergyWhPerMonth\)/);
    assert.match((await admin('tariff', 'list')).stdout, /^tariff room-std: per_kwh/);
    assert.match((await admin('tariff', 'delete', 'room-std')).stdout, /tariff room-std: deleted; tariffs version 2/);
    const schedule = await admin('schedule', 'set', 'dorm', '--period', 'mon-fri 07:00-23:00', '--period', 'sat,sun 08:00-24:00', '--holiday-period', 'mon-sun 09:00-18:00');
    assert.equal(schedule.code, 0, schedule.stderr);
    assert.match(schedule.stdout, /schedule dorm: mon,tue,wed,thu,fri 07:00-23:00; sat,sun 08:00-24:00; holidays: mon,tue,wed,thu,fri,sat,sun 09:00-18:00; schedules version 1/);
    const badPeriod = await admin('schedule', 'set', 'dorm', '--period', 'weekdays 7-23');
    assert.equal(badPeriod.code, 2);
    assert.match(badPeriod.stderr, /--period must be DAYS HH:MM-HH:MM/);
    assert.match((await admin('holiday', 'add', '2026-10-01')).stdout, /holiday 2026-10-01: added; schedules version 2/);
    assert.match((await admin('holiday', 'list')).stdout, /^2026-10-01$/m);
    assert.match((await admin('holiday', 'remove', '2026-10-01')).stdout, /holiday 2026-10-01: removed; schedules version 3/);
  });

  it('sends offline-authorisation and room-power commands, lists meters and charges held for review', async () => {
    assert.equal((await api(hub, 'POST', '/api/devices', { deviceId: 'room-ctl-1', publicKey: generateDeviceKeyPair().publicKeyBase64 })).status, 201);
    const auth = await admin('device', 'offline-auth', 'room-ctl-1', '--until', '2026-09-01T00:00:00+08:00');
    assert.equal(auth.code, 0, auth.stderr);
    assert.match(auth.stdout, /command \S+ set_offline_authorisation: pending/);
    const power = await admin('device', 'room-power', 'room-ctl-1', 'room-101', 'off', '--until', '1800000000000');
    assert.match(power.stdout, /command \S+ set_room_power: pending/);
    const commands = await admin('device', 'commands', 'room-ctl-1');
    assert.match(commands.stdout, /set_room_power \{"pointId":"room-101","on":false,"overrideUntilUnixMs":1800000000000\} pending/);
    assert.match(commands.stdout, /set_offline_authorisation \{"untilUnixMs":1788192000000\} pending/);
    const wrong = await admin('device', 'room-power', 'room-ctl-1', 'room-101', 'dim');
    assert.equal(wrong.code, 2);
    assert.match((await admin('meters')).stdout, /no meter readings/);
    assert.match((await admin('events', '--held')).stdout, /no events/);
  });
});
