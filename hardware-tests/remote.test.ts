/**
 * The hub's RunSelfTest on a running controller: one SelfTestResult event per step reaches the hub
 * through the journal, the command is answered with the summary, and the running points keep
 * priority (an idle door relay is pulsed, a busy one is not, a door used during the pulse wins;
 * an idle shower's valve is opened while the shower refuses taps, a shower in use is skipped;
 * breakers are left alone). Points and waits run on a manual clock.
 */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { Controller } from '../controller/controller.js';
import { ClockSync } from '../controller/clock-sync.js';
import { EmulatedDrivers } from '../emulators/drivers.js';
import { ManualClock } from '../lib/manual-clock.js';
import { MemoryLogger } from '../lib/log.js';
import { generateDeviceKeyPair, loadPrivateKey } from '../protocol/auth.js';
import { AccessReason, DatasetName, TariffBasis, pb } from '../protocol/messages.js';
import { ShowerPoint } from '../controller/points/shower.js';
import { tempDir, waitFor } from '../test/helpers.js';
import { CARD, HubDouble, drive, emulatedConfig } from './test-support.js';

interface SeenStep {
  runId: string;
  pointId: string;
  component: string;
  step: string;
  status: string;
  category: string;
  figure: string;
  detail: string;
}

describe('self-test from the hub (RunSelfTest)', function () {
  this.timeout(30_000);
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let clock: ManualClock;
  let drivers: EmulatedDrivers;
  let hub: HubDouble;
  let controller: Controller;

  beforeEach(async () => {
    dir = await tempDir();
    clock = new ManualClock(1000);
    drivers = new EmulatedDrivers({ now: () => clock.nowMs() });
    const keys = generateDeviceKeyPair();
    hub = new HubDouble(keys.publicKeyBase64);
    const url = await hub.start();
    const base = Date.now() - clock.nowMs();
    hub.hubNow = () => base + clock.nowMs();
    const config = emulatedConfig(join(dir.path, 'data'), (d: any) => (d.selfTest.relayPulseMs = 100), url);
    controller = new Controller(config, {
      drivers,
      logger: new MemoryLogger(),
      privateKey: loadPrivateKey(keys.privateKeyPem),
      timers: clock,
      clock: new ClockSync({ wallNow: () => base + clock.nowMs() }),
    });
    await drive(clock, controller.start());
    await waitFor('the controller online', () => hub.isOnline);
  });

  afterEach(async () => {
    await drive(clock, controller.stop());
    await hub.stop();
    await dir.remove();
  });

  async function selfTest(commandId: string, only: string[] = []): Promise<{ status: number; detail: string; steps: SeenStep[] }> {
    hub.sendCommand({ commandId, runSelfTest: { only } });
    await drive(clock, waitFor(`the result of ${commandId}`, () => hub.results.some((r) => r.commandId === commandId), 20_000));
    const result = hub.results.find((r) => r.commandId === commandId)!;
    // Every result is journalled before the command is answered; the uplink sends what is durable.
    const expected = Number(/: (\d+) steps/.exec(result.detail ?? '')?.[1] ?? 0);
    await drive(clock, waitFor('the results at the hub', () => stepsOf(commandId).length === expected, 10_000));
    return { status: result.status ?? 0, detail: result.detail ?? '', steps: stepsOf(commandId) };
  }

  function stepsOf(runId: string): SeenStep[] {
    return hub.events
      .filter((e) => e.selfTest?.runId === runId)
      .map((e) => {
        const t = e.selfTest!;
        return { runId: t.runId!, pointId: e.pointId!, component: t.component!, step: t.step!, status: pb.SelfTestStatus[t.status!]!.replace('SELF_TEST_STATUS_', '').toLowerCase(), category: t.category!, figure: t.figure ?? '', detail: t.detail ?? '' };
      });
  }

  const line = (s: SeenStep) => `${s.component} ${s.step} ${s.status}`;

  it('journals one SelfTestResult per step, pulses the idle door relay, runs water through the idle shower, leaves the breaker alone, and answers with the summary', async () => {
    const r = await selfTest('st-1');
    assert.equal(r.status, pb.CommandStatus.COMMAND_STATUS_DONE);
    assert.deepEqual(r.steps.map(line), [
      'main-door/reader present pass',
      'main-door/reader card skip',
      'shower-1/reader present pass',
      'shower-1/reader card skip',
      'main-door/relay pulse pass',
      'main-door/relay feedback pass',
      'room-1/breaker pulse skip',
      'room-1/breaker feedback pass',
      'shower-1/valve open pass',
      'shower-1/flow flow pass',
      'shower-1/valve close pass',
      'room-1/meter read pass',
      'room-1/meter plausible pass',
      'journal fsync pass',
      'journal space pass',
      'hub reach pass',
      'hub key pass',
      'clock plausible pass',
      'clock steady pass',
      'clock offset pass',
    ]);
    assert.equal(r.detail, 'self-test st-1: 20 steps, 17 pass, 0 fail, 3 skip');
    assert.deepEqual([...new Set(r.steps.map((s) => s.pointId))], ['main-door', 'shower-1', 'room-1', 'controller']);
    assert.match(r.steps.find((s) => s.component === 'shower-1/flow')!.figure, /^1(19|20) pulses in 2000 ms = (7\.9|8\.0) L\/min$/);
    assert.match(r.steps.find((s) => s.component === 'room-1/breaker')!.detail, /would cut room room-1's supply/);
    assert.equal(r.steps.find((s) => s.component === 'main-door/relay')!.figure.startsWith('pulse 100 ms'), true);
    assert.deepEqual(drivers.relayNamed('main-door/relay').calls.map((c) => c.energised), [true, false], 'pulsed once, left locked');
    assert.deepEqual(drivers.relayNamed('room-1/breaker').calls, [], 'the breaker was not touched');
    const valve = drivers.valveNamed('shower-1/valve');
    assert.equal(valve.calls.filter((c) => c.open).length, 1, 'the valve was opened once');
    assert.equal(valve.isOpenNow(), false, 'and left closed');
    assert.deepEqual(hub.events.filter((e) => e.alarm).map((e) => e.alarm!.kind), [], "the test's water raised no leak alarm");
  });

  it('names a fault injected while the controller runs: a relay stuck closed is a door fault, a stuck flow sensor a water meter fault, a silent meter an electricity meter fault', async () => {
    drivers.setFault('main-door/relay', 'stuck-closed');
    drivers.setFault('shower-1/flow', 'stuck');
    drivers.setFault('room-1/meter', 'silent');
    const r = await selfTest('st-2', ['relay', 'valve', 'meter']);
    assert.equal(r.status, pb.CommandStatus.COMMAND_STATUS_DONE, 'the self-test ran; its findings are in the steps');
    const failed = r.steps.filter((s) => s.status === 'fail').map((s) => `${s.component} ${s.step} ${s.category}`);
    assert.deepEqual(failed, ['main-door/relay feedback door', 'shower-1/flow flow water_meter', 'room-1/meter read electricity_meter']);
    assert.match(r.detail, /3 fail.*failed: main-door\/relay feedback \(door\), shower-1\/flow flow \(water_meter\), room-1\/meter read \(electricity_meter\)/);
  });

  it('skips the valve of a shower in use, and refuses a tap at a shower while its valve is tested', async () => {
    const { policy } = controller;
    await policy.apply({ name: DatasetName.DATASET_NAME_CARDS, version: 1, fullSnapshot: true, cards: { upsert: [{ cardUid: CARD, personId: 'P1', accountId: 'acc-1' }] } });
    await policy.apply({ name: DatasetName.DATASET_NAME_BALANCES, version: 1, fullSnapshot: true, balances: { upsert: [{ accountId: 'acc-1', balanceFen: 10_000 }] } });
    await policy.apply({ name: DatasetName.DATASET_NAME_TARIFFS, version: 1, fullSnapshot: true, tariffs: { upsert: [{ tariffId: 'hot', basis: TariffBasis.TARIFF_BASIS_PER_LITRE, priceMillifen: 2_500 }] } });
    const shower = controller.point('shower-1', ShowerPoint);
    const reader = drivers.reader('shower-1/reader');
    const valve = drivers.valveNamed('shower-1/valve');

    reader.tap(CARD);
    await drive(clock, waitFor('the session open', () => shower.status().session !== null));
    const busy = await selfTest('st-7', ['valve']);
    assert.deepEqual(busy.steps.map(line), ['shower-1/valve open skip', 'shower-1/flow flow skip', 'shower-1/valve close skip']);
    assert.match(busy.steps[0]!.detail, /^not opened: shower in use: session shower-1-\d+ is running; run the self-test again when the shower is free$/);
    assert.equal(valve.calls.filter((c) => c.open).length, 1, "only the session's opening");
    reader.tap(CARD);
    await drive(clock, waitFor('the session closed', async () => (await shower.settled(), shower.status().session === null && !valve.isOpenNow())));

    // A resident taps while the test runs water: refused (the point is out of service for the test), no session.
    const stop = valve.watch((open) => {
      if (open) setImmediate(() => reader.tap(CARD));
    });
    const lent = await selfTest('st-8', ['valve']);
    stop();
    assert.deepEqual(lent.steps.map(line), ['shower-1/valve open pass', 'shower-1/flow flow pass', 'shower-1/valve close pass']);
    const refused = () => hub.events.filter((e) => e.pointId === 'shower-1' && e.access && e.access.granted !== true);
    await drive(clock, waitFor('the refusal at the hub', () => refused().length > 0));
    assert.deepEqual(refused().map((e) => e.access!.reason), [AccessReason.ACCESS_REASON_DENIED_POINT_FAULT]);
    assert.equal(shower.status().session, null);
    assert.equal(valve.isOpenNow(), false);

    // Given back: the next tap opens a session.
    reader.tap(CARD);
    await drive(clock, waitFor('a session after the test', () => shower.status().session !== null));
    assert.deepEqual(hub.events.filter((e) => e.alarm).map((e) => e.alarm!.kind), [], 'no leak alarm from the test');
  });

  it('does not pulse a door that is released, and gives way to a door used during the pulse', async () => {
    const exit = drivers.input('main-door/exit');
    exit.set(true);
    exit.set(false);
    const busy = await selfTest('st-3', ['relay']);
    assert.equal(busy.steps.find((s) => s.step === 'pulse')!.status, 'skip');
    assert.match(busy.steps.find((s) => s.step === 'pulse')!.detail, /not pulsed while in use: the door is released now/);
    await drive(clock, waitFor('the door relocked', () => !drivers.relayNamed('main-door/relay').isEnergised()));
    const relay = drivers.relayNamed('main-door/relay');
    const stop = relay.watch((on) => {
      if (!on) return;
      setImmediate(() => {
        exit.set(true); // a resident leaves while the self-test pulses the relay
        exit.set(false);
      });
    });
    const used = await selfTest('st-4', ['relay']);
    stop();
    assert.deepEqual(used.steps.map(line), ['main-door/relay pulse skip', 'main-door/relay feedback skip', 'room-1/breaker pulse skip', 'room-1/breaker feedback pass']);
    assert.match(used.steps[0]!.detail, /interrupted: point main-door drove its relay during the pulse/);
    assert.equal(relay.isEnergised(), true, 'the exit request released the door and the self-test left it so');
  });

  it('answers failed for an unknown suite, and a repeated command id with the first answer without running again', async () => {
    const bad = await selfTest('st-5', ['relay', 'kettle']);
    assert.equal(bad.status, pb.CommandStatus.COMMAND_STATUS_FAILED);
    assert.match(bad.detail, /unknown suite "kettle"/);
    const once = await selfTest('st-6', ['journal']);
    const calls = hub.results.length;
    hub.sendCommand({ commandId: 'st-6', runSelfTest: { only: ['journal'] } });
    await drive(clock, waitFor('the repeated answer', () => hub.results.length === calls + 1));
    assert.equal(hub.results.at(-1)!.detail, once.detail);
    assert.equal(stepsOf('st-6').length, 2, 'not run a second time');
  });
});
