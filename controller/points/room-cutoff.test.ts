import { strict as assert } from 'node:assert';
import { localTime } from '../../lib/local-time.js';
import { decideSupply, inWindow, msUntilMinute, type SupplyInput } from './room-cutoff.js';
import { roomPointSpec } from './room-config.js';

const NOW = Date.parse('2024-03-10T12:00:00+08:00');
const base: SupplyInput = { balanceFen: 0, warned: true, override: null, cutOff: false, nowUnixMs: NOW, minuteOfDay: 720 };
const night = { from: 22 * 60, to: 8 * 60 };

describe('room cut-off decision', () => {
  it('cuts only for a known balance at or below zero after the warning', () => {
    assert.deepEqual(decideSupply(base), { on: false, reason: 'balance' });
    assert.deepEqual(decideSupply({ ...base, balanceFen: -500 }), { on: false, reason: 'balance' });
    assert.deepEqual(decideSupply({ ...base, balanceFen: 1 }), { on: true, reason: 'balance_positive' });
    assert.deepEqual(decideSupply({ ...base, warned: false }), { on: true, reason: 'not_warned' });
    assert.deepEqual(decideSupply({ ...base, balanceFen: null }), { on: true, reason: 'balance_unknown' });
    assert.deepEqual(decideSupply({ ...base, balanceFen: null, cutOff: true }), { on: true, reason: 'balance_unknown' }, 'an account no longer held is restored');
  });

  it('starts no cut inside the no-cut window but keeps one that was made before it', () => {
    assert.deepEqual(decideSupply({ ...base, minuteOfDay: 23 * 60, noCutWindow: night }), { on: true, reason: 'no_cut_window' });
    assert.deepEqual(decideSupply({ ...base, minuteOfDay: 7 * 60 + 59, noCutWindow: night }), { on: true, reason: 'no_cut_window' });
    assert.deepEqual(decideSupply({ ...base, minuteOfDay: 8 * 60, noCutWindow: night }), { on: false, reason: 'balance' });
    assert.deepEqual(decideSupply({ ...base, minuteOfDay: 23 * 60, noCutWindow: night, cutOff: true }), { on: false, reason: 'balance' });
    assert.deepEqual(decideSupply({ ...base, minuteOfDay: 23 * 60, noCutWindow: night, cutOff: true, balanceFen: 10 }), { on: true, reason: 'balance_positive' });
  });

  it('lets an override in force decide, inside the window too, until its time (0: for ever)', () => {
    assert.deepEqual(decideSupply({ ...base, balanceFen: 9999, override: { on: false, untilUnixMs: NOW + 1 } }), { on: false, reason: 'override' });
    assert.deepEqual(decideSupply({ ...base, balanceFen: 9999, override: { on: false, untilUnixMs: NOW } }), { on: true, reason: 'balance_positive' }, 'ended at its time');
    assert.deepEqual(decideSupply({ ...base, override: { on: true, untilUnixMs: 0 } }), { on: true, reason: 'override' });
    assert.deepEqual(decideSupply({ ...base, balanceFen: 9999, minuteOfDay: 23 * 60, noCutWindow: night, override: { on: false, untilUnixMs: 0 } }), { on: false, reason: 'override' });
  });

  it('knows a window that wraps past midnight and one that does not', () => {
    assert.deepEqual([0, 479, 480, 1319, 1320, 1439].map((m) => inWindow(night, m)), [true, true, false, false, true, true]);
    const lunch = { from: 12 * 60, to: 13 * 60 + 30 };
    assert.deepEqual([719, 720, 809, 810].map((m) => inWindow(lunch, m)), [false, true, true, false]);
    assert.equal(inWindow({ from: 22 * 60, to: 1440 }, 1439), true, 'to 24:00');
  });

  it('counts the milliseconds to a local time of day, seconds included', () => {
    const now = Date.parse('2024-03-10T22:50:30+08:00');
    const m = localTime(now, 'Asia/Shanghai').minuteOfDay;
    assert.equal(msUntilMinute(now, m, 8 * 60), 9 * 3_600_000 + 9 * 60_000 + 30_000);
    const eight = Date.parse('2024-03-11T08:00:00+08:00');
    assert.equal(msUntilMinute(eight, 480, 480), 86_400_000, 'at the minute itself: the next day');
    assert.equal(msUntilMinute(eight - 1000, 479, 480), 1000);
  });

  it('reads the window from config as local times and refuses an empty one', () => {
    const point = { kind: 'room', id: 'r1', accountId: 'a1', tariff: 't1', meter: { driver: 'emulated' } };
    const parsed = roomPointSpec.parse({ ...point, noCutWindow: { from: '22:00', to: '08:00' } });
    assert.deepEqual(parsed.noCutWindow, { from: 1320, to: 480 });
    assert.deepEqual([parsed.pollIntervalMs, parsed.maxPowerW, parsed.silentAfterFailedReads, parsed.readingEveryPolls], [60_000, 20_000, 3, 1]);
    const refused = roomPointSpec.safeParse({ ...point, noCutWindow: { from: '00:00', to: '24:00' } });
    assert.equal(refused.success, false);
    assert.match(refused.error!.issues[0]!.message, /from and to must differ/);
    assert.equal(roomPointSpec.safeParse({ ...point, noCutWindow: { from: '25:00', to: '08:00' } }).success, false);
  });
});
