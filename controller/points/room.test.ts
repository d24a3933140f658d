import { strict as assert } from 'node:assert';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ChargeBasis, MeterComm, TariffBasis } from '../../protocol/messages.js';
import { ACCOUNT, HOUR, MINUTE, POINT, RoomRig, TARIFF } from './room-test-rig.js';
import { roomStatePath, type RoomState } from './room-state.js';
import { RoomPoint } from './room.js';

describe('room point', function () {
  this.timeout(20_000);
  let rig: RoomRig;

  afterEach(async () => {
    await rig?.close();
  });

  describe('billing', () => {
    it('charges the energy since the last reading at the tariff to the room account, recorded in the wallet', async () => {
      rig = await RoomRig.create({ balanceFen: 10_000 });
      await rig.start();
      assert.deepEqual(rig.charges(), [], 'the first reading is the baseline, nothing charged');
      await rig.consume(500); // 0.5 kWh at 60 fen/kWh
      const [charge, ...more] = rig.charges();
      assert.equal(more.length, 0);
      assert.deepEqual({ ...charge, seq: 0 }, { seq: 0, amountFen: 30, energyWh: 500, freeEnergyWh: 0, cardUid: '', accountId: ACCOUNT, tariffId: TARIFF, basis: ChargeBasis.CHARGE_BASIS_ENERGY });
      assert.equal(rig.wallet.balance(ACCOUNT), 9970);
      await rig.tick(MINUTE);
      assert.equal(rig.charges().length, 1, 'no energy, no new charge');
    });

    it('carries the sub-fen remainder so many small deltas are charged exactly floor(total cost)', async () => {
      rig = await RoomRig.create({ tariff: { priceMillifen: 56_800 } }); // 0.568 fen per 10 Wh
      await rig.start();
      await rig.consume(10);
      assert.equal(rig.charges().length, 0, '0.568 fen: nothing whole to charge yet');
      await rig.consume(10);
      assert.deepEqual(rig.charges().map((c) => [c.amountFen, c.energyWh]), [[1, 20]], '1.136 fen: 1 fen charged, 0.136 carried');
      for (let i = 0; i < 48; i++) await rig.consume(10);
      // 500 Wh at 56.8 fen/kWh = 28.4 fen
      assert.equal(rig.chargedFen(), 28);
      assert.equal(rig.charges().reduce((s, c) => s + c.energyWh, 0), 500);
      for (let i = 0; i < 3; i++) await rig.consume(10);
      // 530 Wh = 30.104 fen
      assert.equal(rig.chargedFen(), 30);
      assert.equal(rig.wallet.balance(ACCOUNT), 10_000 - 30);
    });

    it('prices each poll at the time-of-use band of its local time', async () => {
      const night = [{ startMinute: 0, endMinute: 7 * 60, priceMillifen: 30_000 }, { startMinute: 23 * 60, endMinute: 1440, priceMillifen: 30_000 }];
      rig = await RoomRig.create({ tariff: { priceMillifen: 60_000, bands: night }, config: { pollIntervalMs: 10 * MINUTE } }); // starts 10:00
      await rig.start();
      await rig.consume(1000);
      assert.deepEqual(rig.charges().map((c) => c.amountFen), [60], 'day: 60 fen/kWh');
      await rig.tick(13 * HOUR); // 23:10
      await rig.consume(1000);
      assert.deepEqual(rig.charges().map((c) => c.amountFen), [60, 30], 'night band: 30 fen/kWh');
      await rig.tick(8 * HOUR); // 07:20
      await rig.consume(1000);
      assert.deepEqual(rig.charges().map((c) => c.amountFen), [60, 30, 60], 'day again after 07:00');
    });

    it('uses the monthly free allowance first and starts it again in a new local month', async () => {
      rig = await RoomRig.create({ startUnixMs: Date.parse('2024-03-31T22:00:00+08:00'), tariff: { priceMillifen: 60_000, freeEnergyWhPerMonth: 2000 } });
      await rig.start();
      await rig.consume(1500);
      await rig.consume(1000);
      assert.deepEqual(rig.charges().map((c) => [c.amountFen, c.energyWh, c.freeEnergyWh]), [[0, 0, 1500], [30, 500, 500]], '2 kWh free, then 60 fen/kWh');
      await rig.tick(2 * HOUR); // April, Shanghai time
      await rig.consume(1200);
      assert.deepEqual(rig.charges().slice(2).map((c) => [c.amountFen, c.energyWh, c.freeEnergyWh]), [[0, 0, 1200]], 'the April allowance');
      assert.equal(rig.wallet.balance(ACCOUNT), 10_000 - 30);
    });

    it('treats a lower reading as a counter reset or replaced meter: alarm, new baseline, no charge', async () => {
      rig = await RoomRig.create();
      await rig.start();
      rig.meter.setEnergyWh(200);
      await rig.tick(MINUTE);
      assert.deepEqual(rig.alarmTrail(), ['meter_reset+']);
      assert.match(rig.alarms('meter_reset')[0]!.detail, /200 Wh is below the last reading 1000000 Wh/);
      assert.equal(rig.charges().length, 0);
      await rig.consume(500);
      assert.deepEqual(rig.charges().map((c) => [c.amountFen, c.energyWh]), [[30, 500]], 'charged from the new baseline');
    });

    it('treats a rise above what maxPowerW could draw as an implausible jump: alarm, new baseline, no charge', async () => {
      rig = await RoomRig.create({ config: { maxPowerW: 20_000 } });
      await rig.start();
      await rig.consume(350); // 20 kW for a minute is 334 Wh, plus 20 Wh of register slack
      assert.equal(rig.charges().length, 1, '350 Wh in a minute is plausible');
      await rig.consume(5000);
      assert.deepEqual(rig.alarmTrail(), ['meter_implausible_jump+']);
      assert.match(rig.alarms()[0]!.detail, /rose 5000 Wh in 60 s, more than the 354 Wh/);
      assert.equal(rig.charges().length, 1);
      await rig.consume(100);
      assert.deepEqual(rig.charges().map((c) => c.amountFen), [21, 6], 'the next delta from the new baseline');
    });

    it('judges a jump by the time that really passed when the wall clock is corrected backwards', async () => {
      rig = await RoomRig.create({ config: { maxPowerW: 20_000 } });
      await rig.start();
      rig.wallStepMs = -HOUR;
      await rig.consume(300);
      assert.deepEqual(rig.alarmTrail(), []);
      assert.deepEqual(rig.charges().map((c) => c.energyWh), [300]);
    });

    it('charges nothing while the tariff is missing and the whole energy once it arrives', async () => {
      rig = await RoomRig.create({ tariff: null });
      await rig.start();
      await rig.consume(300);
      await rig.consume(200);
      assert.equal(rig.charges().length, 0);
      assert.deepEqual(rig.alarmTrail(), ['tariff_missing+'], 'alarmed once');
      await rig.setTariff({ priceMillifen: 60_000 });
      await rig.consume(500);
      assert.deepEqual(rig.charges().map((c) => [c.amountFen, c.energyWh]), [[60, 1000]]);
      assert.deepEqual(rig.alarmTrail(), ['tariff_missing+', 'tariff_missing-']);
    });

    it('does not charge by a tariff that is not per kWh', async () => {
      rig = await RoomRig.create({ tariff: { basis: TariffBasis.TARIFF_BASIS_PER_LITRE } });
      await rig.start();
      await rig.consume(500);
      assert.equal(rig.charges().length, 0);
      assert.match(rig.alarms('tariff_missing')[0]!.detail, /per_litre, not per kWh/);
    });
    it('keeps the energy of a charge the full journal refused and charges it once there is room', async () => {
      rig = await RoomRig.create({ journal: { maxUnackedEvents: 6, alarmReserveEvents: 1 } });
      await rig.start();
      await rig.consume(100);
      await rig.consume(100);
      assert.equal(rig.wallet.balance(ACCOUNT), 10_000 - 12);
      await rig.consume(100);
      await rig.consume(100);
      assert.equal(rig.logger.find('room.charge_refused').length, 2, 'five events wait for the hub: charges are refused');
      assert.equal(rig.wallet.balance(ACCOUNT), 10_000 - 12, 'nothing charged that is not journalled');
      rig.journal.markAcked(rig.journal.lastSeqWritten);
      await rig.consume(100);
      assert.deepEqual(rig.charges().map((c) => [c.amountFen, c.energyWh]), [[18, 300]], 'the refused energy with the new');
      assert.equal(rig.wallet.balance(ACCOUNT), 10_000 - 30);
    });
  });

  describe('silent meter', () => {
    it('alarms after silentAfterFailedReads failures, charges nothing meanwhile and charges the energy once it answers', async () => {
      rig = await RoomRig.create({ config: { silentAfterFailedReads: 3 } });
      await rig.start();
      rig.meter.setFault({ kind: 'silent' });
      rig.meter.addEnergyWh(300);
      await rig.tick(MINUTE);
      await rig.tick(MINUTE);
      assert.deepEqual(rig.alarmTrail(), [], 'two failures are not yet silence');
      await rig.tick(MINUTE);
      assert.deepEqual(rig.alarmTrail(), ['meter_silent+']);
      await rig.tick(MINUTE);
      assert.deepEqual(rig.alarmTrail(), ['meter_silent+'], 'alarmed once');
      assert.equal(rig.charges().length, 0);
      assert.deepEqual(rig.readings().slice(1).map((r) => r.comm), Array(4).fill(MeterComm.METER_COMM_TIMEOUT));
      assert.equal(Object.prototype.hasOwnProperty.call(rig.readings()[1], 'energyWh'), false, 'no values without comm');
      rig.meter.setFault({ kind: 'none' });
      await rig.tick(MINUTE);
      assert.deepEqual(rig.alarmTrail(), ['meter_silent+', 'meter_silent-']);
      assert.deepEqual(rig.charges().map((c) => [c.amountFen, c.energyWh]), [[18, 300]], 'the energy drawn while silent');
    });

    it('never cuts because the meter is silent, and cuts on the balance alone', async () => {
      rig = await RoomRig.create({ balanceFen: 2000, config: { silentAfterFailedReads: 1 } });
      await rig.start();
      rig.meter.setFault({ kind: 'silent' });
      for (let i = 0; i < 5; i++) await rig.tick(MINUTE);
      assert.equal(rig.meter.relayClosed, true);
      assert.equal(rig.room.cutOff, false);
      assert.deepEqual(rig.alarmTrail(), ['meter_silent+']);
      // The balance falls to zero (a charge posted elsewhere): the cut is tried although the meter
      // does not answer; its relay cannot be driven, which is an alarm of its own.
      await rig.setHeldBalance(0);
      assert.deepEqual(rig.alarmTrail(), ['meter_silent+', 'low_balance+', 'power_control_failed+']);
      rig.meter.setFault({ kind: 'none' });
      await rig.tick(MINUTE);
      assert.equal(rig.meter.relayClosed, false);
      assert.deepEqual(rig.alarmTrail().slice(3), ['meter_silent-', 'power_control_failed-', 'power_cut+']);
    });
  });

  describe('low balance and cut-off', () => {
    it('warns once when the balance falls to the threshold, and again only after it rose above it', async () => {
      rig = await RoomRig.create({ balanceFen: 530 });
      await rig.start();
      assert.deepEqual(rig.alarmTrail(), []);
      await rig.consume(1000); // 60 fen: 470
      assert.deepEqual(rig.alarmTrail(), ['low_balance+']);
      assert.match(rig.alarms()[0]!.detail, /balance 470 fen is at or below the warning threshold 500 fen/);
      await rig.consume(100);
      assert.deepEqual(rig.alarmTrail(), ['low_balance+'], 'once');
      await rig.setHeldBalance(2000);
      assert.deepEqual(rig.alarmTrail(), ['low_balance+', 'low_balance-']);
      await rig.setHeldBalance(400);
      assert.deepEqual(rig.alarmTrail(), ['low_balance+', 'low_balance-', 'low_balance+']);
      assert.equal(rig.meter.relayClosed, true, 'a warning is not a cut');
    });

    it('cuts with the meter relay at or below zero after the warning and restores as soon as a top-up arrives', async () => {
      rig = await RoomRig.create({ balanceFen: 100 });
      await rig.start();
      assert.deepEqual(rig.alarmTrail(), ['low_balance+']);
      await rig.consume(1000); // 60 fen: 40
      assert.equal(rig.meter.relayClosed, true);
      await rig.consume(1000); // -20
      assert.equal(rig.wallet.balance(ACCOUNT), -20);
      assert.equal(rig.meter.relayClosed, false, 'meter relay open: supply cut');
      assert.equal(rig.room.cutOff, true);
      assert.deepEqual(rig.alarmTrail(), ['low_balance+', 'power_cut+']);
      assert.match(rig.alarms('power_cut')[0]!.detail, /meter_relay: balance -20 fen is at or below zero/);
      const last = rig.readings().at(-1)!;
      assert.equal(last.cutOff, true);
      assert.equal(last.relayClosed, false);
      assert.equal(Number(last.balanceFen), -20);
      await rig.tick(MINUTE);
      assert.deepEqual(rig.alarmTrail(), ['low_balance+', 'power_cut+'], 'cut once');
      await rig.setHeldBalance(1000); // top-up: no poll needed
      assert.equal(rig.meter.relayClosed, true);
      assert.equal(rig.room.cutOff, false);
      assert.deepEqual(rig.alarmTrail(), ['low_balance+', 'power_cut+', 'low_balance-', 'power_restored-']);
      assert.match(rig.alarms('power_restored')[0]!.detail, /balance 1000 fen/);
    });

    it('gives the warning, durably, before a cut even when one charge takes the balance from above the threshold to below zero', async () => {
      rig = await RoomRig.create({ balanceFen: 600, config: { maxPowerW: 1_000_000 } });
      await rig.start();
      await rig.consume(11_000); // 660 fen
      assert.deepEqual(rig.alarmTrail(), ['low_balance+', 'power_cut+']);
      const [warning, cut] = rig.alarms();
      assert.ok(warning!.seq < cut!.seq);
      assert.equal(rig.meter.relayClosed, false);
    });

    it('cuts with a breaker relay (energised = cut) on a meter without a relay', async () => {
      rig = await RoomRig.create({ balanceFen: 30, config: { meter: { driver: 'emulated', model: 'sdm120', energyWh: 5000 }, breaker: { driver: 'emulated' } } });
      await rig.start();
      const breaker = rig.drivers.relayNamed(`${POINT}/breaker`);
      assert.equal(breaker.isEnergised(), false);
      await rig.consume(1000);
      assert.equal(breaker.isEnergised(), true);
      assert.match(rig.alarms('power_cut')[0]!.detail, /via the breaker/);
      assert.equal(rig.readings().at(-1)!.relayClosed, false);
      await rig.setHeldBalance(500);
      assert.equal(breaker.isEnergised(), false);
      assert.deepEqual(rig.alarmTrail(), ['low_balance+', 'power_cut+', 'power_restored-']);
    });

    it('cuts again at start when a breaker released by a stop must stay cut, without a second power_cut', async () => {
      rig = await RoomRig.create({ balanceFen: 0, config: { meter: { driver: 'emulated', model: 'sdm120', energyWh: 5000 }, breaker: { driver: 'emulated' } } });
      await rig.start();
      assert.equal(rig.drivers.relayNamed(`${POINT}/breaker`).isEnergised(), true);
      await rig.room.stop();
      assert.equal(rig.drivers.relayNamed(`${POINT}/breaker`).isEnergised(), false, 'closing the breaker driver releases the coil');
      await rig.start();
      assert.equal(rig.drivers.relayNamed(`${POINT}/breaker`).isEnergised(), true);
      assert.deepEqual(rig.alarmTrail(), ['low_balance+', 'power_cut+']);
      assert.equal(rig.logger.find('room.supply_reasserted').length, 1);
    });

    it('never cuts an account whose balance it does not hold', async () => {
      rig = await RoomRig.create({ balanceFen: null });
      await rig.start();
      await rig.consume(1000);
      assert.equal(rig.charges().length, 1, 'still charged');
      assert.equal(rig.meter.relayClosed, true);
      assert.deepEqual(rig.alarmTrail(), []);
    });

    it('refuses to start when neither a breaker nor a meter relay can cut the supply', async () => {
      rig = await RoomRig.create({ config: { meter: { driver: 'emulated', model: 'sdm120' } } });
      await assert.rejects(rig.start(), /meter model sdm120 has no relay and no breaker is configured/);
    });

    it('delays a cut that falls due in the no-cut window to the window end', async () => {
      rig = await RoomRig.create({
        startUnixMs: Date.parse('2024-03-10T21:50:00+08:00'),
        balanceFen: 10,
        config: { pollIntervalMs: HOUR, noCutWindow: { from: '22:00', to: '08:00' } },
      });
      await rig.start();
      assert.equal(rig.meter.relayClosed, true, '21:50: warned, balance still positive');
      await rig.tick(10 * MINUTE + 30_000); // 22:00:30
      rig.meter.addEnergyWh(1000); // -50 fen at the 22:50 poll
      await rig.tick(50 * MINUTE);
      assert.equal(rig.wallet.balance(ACCOUNT), -50);
      assert.equal(rig.meter.relayClosed, true, '22:50: inside the window, not cut');
      await rig.tick(9 * HOUR + 9 * MINUTE + 29_000); // 07:59:59
      assert.equal(rig.meter.relayClosed, true, '07:59:59: still not cut');
      await rig.tick(1000); // 08:00:00
      assert.equal(rig.meter.relayClosed, false, 'cut at 08:00');
      assert.deepEqual(rig.alarmTrail(), ['low_balance+', 'power_cut+']);
      assert.equal(new Date(rig.events().find((e) => e.alarm?.kind === 'power_cut')!.deviceTimeUnixMs as number).toISOString(), '2024-03-11T00:00:00.000Z', 'journalled at 08:00 Shanghai');
    });

    it('keeps a supply cut before the no-cut window cut inside it until a top-up', async () => {
      rig = await RoomRig.create({
        startUnixMs: Date.parse('2024-03-10T21:00:00+08:00'),
        balanceFen: 10,
        config: { pollIntervalMs: 10 * MINUTE, noCutWindow: { from: '22:00', to: '08:00' } },
      });
      await rig.start();
      await rig.consume(1000);
      assert.equal(rig.meter.relayClosed, false, '21:10: cut');
      await rig.tick(HOUR); // 22:10
      assert.equal(rig.meter.relayClosed, false, 'the window does not restore a cut supply');
      await rig.setHeldBalance(100);
      assert.equal(rig.meter.relayClosed, true);
    });
  });

  describe('readings', () => {
    it('streams a MeterReading every poll with values, comm, account, balance, relay and cut_off', async () => {
      rig = await RoomRig.create({ balanceFen: 5000 });
      await rig.start();
      rig.meter.setPowerW(1200);
      await rig.tick(MINUTE); // 20 Wh at 1.2 kW
      const readings = rig.readings();
      assert.equal(readings.length, 2, 'the start and one poll');
      const r = readings[1]!;
      assert.equal(r.meterId, `${POINT}/meter`);
      assert.equal(r.comm, MeterComm.METER_COMM_OK);
      assert.equal(Number(r.energyWh), 1_000_020);
      assert.equal(r.powerW, 1200);
      assert.equal(r.voltageMv, 230_000);
      assert.equal(r.currentMa, 5220, '1200 W at 230 V, in the meter register step of 10 mA');
      assert.equal(r.relayClosed, true);
      assert.equal(r.accountId, ACCOUNT);
      assert.equal(Number(r.balanceFen), 5000 - rig.chargedFen());
      assert.equal(r.cutOff ?? false, false);
    });

    it('streams one reading every readingEveryPolls polls', async () => {
      rig = await RoomRig.create({ config: { readingEveryPolls: 3 } });
      await rig.start();
      for (let i = 0; i < 8; i++) await rig.tick(MINUTE);
      assert.equal(rig.readings().length, 3, 'polls 1, 4 and 7 of 9');
    });
  });

  describe('hub override', () => {
    it('cuts now whatever the balance until the given time, then the balance rule applies again', async () => {
      rig = await RoomRig.create({ balanceFen: 5000 });
      await rig.start();
      const until = rig.wallNow() + 30 * MINUTE;
      const result = await rig.room.setPowerOverride(false, until);
      assert.match(result, /room room-101: supply cut until 2024-03-10T02:30:00.000Z/);
      assert.equal(rig.meter.relayClosed, false);
      assert.deepEqual(rig.alarmTrail(), ['power_override+', 'power_cut+']);
      await rig.tick(29 * MINUTE);
      assert.equal(rig.meter.relayClosed, false);
      await rig.tick(MINUTE);
      assert.equal(rig.meter.relayClosed, true);
      assert.deepEqual(rig.alarmTrail(), ['power_override+', 'power_cut+', 'power_override-', 'power_restored-']);
    });

    it('with until 0 holds until the next command, even over a balance below zero', async () => {
      rig = await RoomRig.create({ balanceFen: 0 });
      await rig.start();
      assert.equal(rig.meter.relayClosed, false, 'warned and at zero: cut');
      await rig.room.setPowerOverride(true, 0);
      assert.equal(rig.meter.relayClosed, true);
      for (let i = 0; i < 5; i++) await rig.consume(100);
      assert.equal(rig.meter.relayClosed, true, 'the override holds');
      await rig.room.setPowerOverride(false, 0);
      assert.equal(rig.meter.relayClosed, false);
      await rig.room.setPowerOverride(true, rig.wallNow() + MINUTE);
      await rig.tick(MINUTE);
      assert.equal(rig.meter.relayClosed, false, 'the override ended: cut by the balance rule');
      assert.deepEqual(rig.alarmTrail(), ['low_balance+', 'power_cut+', 'power_override+', 'power_restored-', 'power_override+', 'power_cut+', 'power_override+', 'power_restored-', 'power_override-', 'power_cut+']);
    });

    it('rejects an override that has already ended, or that the relay cannot carry out', async () => {
      rig = await RoomRig.create();
      await rig.start();
      await assert.rejects(rig.room.setPowerOverride(false, rig.wallNow() - 1), /has passed/);
      rig.meter.setFault({ kind: 'silent' });
      await assert.rejects(rig.room.setPowerOverride(false, 0), /could not cut the supply via the meter_relay: timeout/);
      assert.deepEqual(rig.alarmTrail(), []);
      assert.equal(rig.room.cutOff, false);
    });
  });

  describe('restart', () => {
    it('continues from the last charged reading and the carried remainder, never charging twice', async () => {
      rig = await RoomRig.create({ tariff: { priceMillifen: 56_800 } });
      await rig.start();
      await rig.consume(1000);
      await rig.consume(10); // 0.568 fen accrued, 0.8 fen carried from the first: 1.368
      assert.deepEqual(rig.charges().map((c) => c.amountFen), [56, 1]);
      await rig.room.stop();
      rig.meter.addEnergyWh(700); // drawn while the controller was down
      await rig.tick(10 * MINUTE);
      await rig.start();
      // 1710 Wh in all at 56.8 fen/kWh = 97.128 fen
      assert.equal(rig.chargedFen(), 97);
      assert.deepEqual(rig.charges().slice(2).map((c) => c.energyWh), [700]);
      await rig.room.stop();
      await rig.start();
      assert.equal(rig.chargedFen(), 97, 'a restart without energy charges nothing');
    });

    it('resolves a charge pending at a crash against the journal: made once, whether or not it was journalled', async () => {
      rig = await RoomRig.create();
      await rig.start();
      await rig.consume(500);
      const [first] = rig.charges();
      await rig.room.stop();
      const path = roomStatePath(join(rig.dir, 'points'), POINT);
      const committed = JSON.parse(await readFile(path, 'utf8')) as RoomState;
      const accrued = { ...committed.billing, accruedWh: 500, accruedMicrofen: 30_000_000 };
      // Crash after the Charge was durable, before the state was committed.
      await writeFile(path, JSON.stringify({ ...committed, lastChargeSeq: 0, pendingCharge: { afterSeq: first!.seq - 1, prior: accrued } }));
      await rig.start();
      await rig.tick(MINUTE);
      assert.equal(rig.charges().length, 1, 'found in the journal: not charged again');
      assert.ok(rig.logger.find('room.pending_charge_found').length > 0);
      await rig.room.stop();
      // Crash after the state was written ahead, before the Charge was appended.
      await writeFile(path, JSON.stringify({ ...committed, pendingCharge: { afterSeq: rig.journal.lastSeqWritten, prior: accrued } }));
      await rig.start();
      await rig.tick(MINUTE);
      assert.deepEqual(rig.charges().map((c) => [c.amountFen, c.energyWh]), [[30, 500], [30, 500]], 'not in the journal: charged at the next poll');
      assert.equal(rig.wallet.balance(ACCOUNT), 10_000 - 60);
      await rig.room.stop();
      // Crash with the Charge's fate hidden: events above afterSeq were acknowledged by the hub.
      const second = rig.charges()[1]!;
      await writeFile(path, JSON.stringify({ ...committed, pendingCharge: { afterSeq: second.seq - 1, prior: accrued } }));
      rig.journal.markAcked(rig.journal.lastSeqWritten);
      await rig.start();
      await rig.tick(MINUTE);
      assert.deepEqual(rig.charges(), [], 'taken as made: nothing charged again');
      assert.match(rig.alarms('charge_uncertain')[0]!.detail, /taken as made: it may be missing at the hub, never doubled/);
    });
  });

  describe('lifecycle', () => {
    it('stop clears its timers and listener, closes the meter and leaves the supply as it was', async () => {
      rig = await RoomRig.create({ balanceFen: 0 });
      await rig.start();
      assert.equal(rig.meter.relayClosed, false);
      await rig.room.stop();
      assert.equal(rig.clock.pending, 0);
      assert.equal(rig.meter.relayClosed, false, 'the meter relay stays open');
      await rig.setHeldBalance(1000);
      rig.clock.advance(HOUR);
      await rig.room.whenIdle();
      assert.equal(rig.meter.relayClosed, false, 'a stopped point drives nothing');
      assert.deepEqual(rig.alarmTrail(), ['low_balance+', 'power_cut+']);
    });

    it('refuses to start without a data directory for its state', async () => {
      rig = await RoomRig.create();
      const room = new RoomPoint(rig.config, { drivers: rig.drivers, policy: rig.policy, wallet: rig.wallet, journal: rig.journal, logger: rig.logger, wallNow: () => rig.wallNow(), clock: rig.clock, timeZone: 'Asia/Shanghai' });
      await assert.rejects(room.start(), /no data directory for its billing state/);
    });
  });
});
