import { strict as assert } from 'node:assert';
import { MemoryLogger } from '../../lib/log.js';
import { ChargeBasis, MeterComm } from '../../protocol/messages.js';
import type { AppendResult } from '../journal.js';
import { meterReadingEvent, roomAlarms, roomChargeEvent, type ReadingFacts } from './room-events.js';

const FACTS: ReadingFacts = { meterId: 'room-1/meter', accountId: 'acct-1', cutOff: false, balanceFen: 1_200, relayClosed: true };

describe('room events', () => {
  it('a MeterReading carries the values the meter answered with, the comm status and the facts', () => {
    const ok = meterReadingEvent('room-1', { ok: true, reading: { energyWh: 1_500, powerW: 800, voltageMv: 229_000, currentMa: 3_500, relayClosed: true } }, FACTS);
    assert.deepEqual(ok, {
      pointId: 'room-1',
      meterReading: { meterId: 'room-1/meter', comm: MeterComm.METER_COMM_OK, accountId: 'acct-1', cutOff: false, balanceFen: 1_200, relayClosed: true, energyWh: 1_500, powerW: 800, voltageMv: 229_000, currentMa: 3_500 },
    });
    const partial = meterReadingEvent('room-1', { ok: true, reading: { energyWh: 1_500 } }, FACTS);
    assert.deepEqual(Object.keys(partial.meterReading!), ['meterId', 'comm', 'accountId', 'cutOff', 'balanceFen', 'relayClosed', 'energyWh']);
  });

  it('a failed read: its comm status, no values; an unknown balance or relay is left out', () => {
    const failed = meterReadingEvent('room-1', { ok: false, error: 'crc', message: 'bad crc' }, { ...FACTS, balanceFen: null, relayClosed: undefined, cutOff: true });
    assert.deepEqual(failed.meterReading, { meterId: 'room-1/meter', comm: MeterComm.METER_COMM_CRC, accountId: 'acct-1', cutOff: true });
    const comm = (error: 'timeout' | 'exception' | 'disconnected' | 'busy' | 'implausible') => meterReadingEvent('room-1', { ok: false, error, message: '' }, FACTS).meterReading!.comm;
    assert.deepEqual(
      [comm('timeout'), comm('exception'), comm('disconnected'), comm('busy'), comm('implausible')],
      [MeterComm.METER_COMM_TIMEOUT, MeterComm.METER_COMM_EXCEPTION, MeterComm.METER_COMM_DISCONNECTED, MeterComm.METER_COMM_BUSY, MeterComm.METER_COMM_IMPLAUSIBLE],
    );
  });

  it('a Charge of electricity: no card, basis ENERGY, the energy billed and free', () => {
    assert.deepEqual(roomChargeEvent('room-1', 'acct-1', 'elec', { amountFen: 56, energyWh: 1_000, freeEnergyWh: 200 }), {
      pointId: 'room-1',
      charge: { cardUid: '', accountId: 'acct-1', amountFen: 56, tariffId: 'elec', basis: ChargeBasis.CHARGE_BASIS_ENERGY, energyWh: 1_000, freeEnergyWh: 200 },
    });
  });

  it('an alarm resolves true once durable, false when the journal refused it or could not make it durable', async () => {
    const logger = new MemoryLogger();
    let next: AppendResult = { ok: true, seq: 1, durable: Promise.resolve() };
    const alarm = roomAlarms('room-1', { journal: { append: () => next }, logger });
    assert.equal(await alarm('low_balance', true, 'low'), true);
    next = { ok: false, reason: 'journal_full', message: 'full' };
    assert.equal(await alarm('power_cut', true, 'cut'), false);
    next = { ok: true, seq: 2, durable: Promise.reject(new Error('EIO')) };
    assert.equal(await alarm('power_restored', false, 'on'), false);
    assert.deepEqual(logger.find('room.alarm').map((r) => [r.level, r.fields.kind]), [['warn', 'low_balance'], ['warn', 'power_cut'], ['info', 'power_restored']]);
    assert.deepEqual(logger.find('room.alarm_not_journalled').map((r) => r.fields.reason), ['journal_full']);
  });
});
