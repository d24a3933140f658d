import { strict as assert } from 'node:assert';
import { supplyWhy } from './room-power.js';

describe('room power', () => {
  it('says why the supply is as decided', () => {
    const until = Date.parse('2024-03-10T12:00:00Z');
    assert.equal(supplyWhy({ on: false, reason: 'override' }, -5, { on: false, untilUnixMs: until }, 'acct-1'), "the hub's command, until 2024-03-10T12:00:00.000Z");
    assert.equal(supplyWhy({ on: true, reason: 'override' }, -5, { on: true, untilUnixMs: 0 }, 'acct-1'), "the hub's command, until the next command");
    assert.equal(supplyWhy({ on: false, reason: 'balance' }, -5, null, 'acct-1'), 'balance -5 fen is at or below zero after the low-balance warning');
    assert.equal(supplyWhy({ on: true, reason: 'balance_positive' }, 300, null, 'acct-1'), 'balance 300 fen');
    assert.equal(supplyWhy({ on: true, reason: 'balance_unknown' }, null, null, 'acct-1'), 'no balance is held for account acct-1');
    assert.equal(supplyWhy({ on: true, reason: 'not_warned' }, -5, null, 'acct-1'), 'the low-balance warning has not been given');
    assert.equal(supplyWhy({ on: true, reason: 'no_cut_window' }, -5, null, 'acct-1'), 'inside the no-cut window');
  });
});
