/**
 * Every injected fault, on site: the self-test names it with the right component, step and repair
 * category, and healthy emulated hardware passes. Emulators and waits run on a manual clock.
 */
import { strict as assert } from 'node:assert';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EmulatedDrivers } from '../emulators/drivers.js';
import { EmulatedWallClock } from '../emulators/wall-clock.js';
import { ManualClock } from '../lib/manual-clock.js';
import { generateDeviceKeyPair } from '../protocol/auth.js';
import { tempDir } from '../test/helpers.js';
import type { ControllerConfig } from '../controller/config.js';
import { OwnedHardware } from './access.js';
import type { Technician } from './context.js';
import { runSelfTest, type SelfTestRun } from './runner.js';
import { CARD, HubDouble, drive, emulatedConfig } from './test-support.js';
import type { StepResult, SuiteName } from './types.js';

describe('self-test on site: injected faults', function () {
  this.timeout(30_000);
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let clock: ManualClock;
  let drivers: EmulatedDrivers;
  let wall: EmulatedWallClock;

  beforeEach(async () => {
    dir = await tempDir();
    clock = new ManualClock(1000);
    drivers = new EmulatedDrivers({ now: () => clock.nowMs() });
    const base = Date.now() - clock.nowMs();
    wall = new EmulatedWallClock(() => base + clock.nowMs());
  });
  afterEach(() => dir.remove());

  const config = (edit: (doc: any) => void = () => undefined, hubUrl?: string) => emulatedConfig(join(dir.path, 'data'), edit, hubUrl);

  function run(c: ControllerConfig, only: SuiteName[], technician: Technician | null = null): Promise<SelfTestRun> {
    return drive(clock, runSelfTest({ config: c, hardware: new OwnedHardware(drivers), clock, wallNow: () => wall.now(), only, technician }));
  }

  function step(r: SelfTestRun, component: string, name: string): StepResult {
    const found = r.steps.find((s) => s.component === component && s.step === name);
    assert.ok(found, `no step ${component} ${name} in ${r.steps.map((s) => `${s.component} ${s.step}`).join(', ')}`);
    return found;
  }

  function failed(r: SelfTestRun): string[] {
    return r.steps.filter((s) => s.status === 'fail').map((s) => `${s.component} ${s.step} ${s.category}`);
  }

  it('passes every step of healthy hardware against a hub that answers, skipping only the card tap without a terminal', async () => {
    const hub = new HubDouble(null);
    hub.hubNow = () => wall.now();
    const url = await hub.start();
    try {
      const c = config(() => undefined, url);
      const key = generateDeviceKeyPair();
      await mkdir(c.dataDir, { recursive: true });
      await writeFile(c.keyFile, key.privateKeyPem);
      const r = await run(c, []);
      assert.deepEqual(failed(r), []);
      assert.deepEqual(r.steps.filter((s) => s.status === 'skip').map((s) => `${s.component} ${s.step}`), ['main-door/reader card', 'shower-1/reader card']);
      assert.deepEqual([...new Set(r.steps.map((s) => s.suite))], ['reader', 'relay', 'valve', 'meter', 'journal', 'hub', 'clock']);
      assert.match(step(r, 'main-door/relay', 'pulse').figure, /^pulse 200 ms, driven in \d+(\.\d)? ms$/);
      assert.match(step(r, 'main-door/relay', 'feedback').figure, /^contacts closed after .* ms, opened after .* ms$/);
      assert.match(step(r, 'shower-1/flow', 'flow').figure, /^120 pulses in 2000 ms = 8\.0 L\/min$/);
      assert.match(step(r, 'room-1/meter', 'plausible').figure, /^230\.0 V, 500\.0 kWh, 0 W, relay closed$/);
      assert.match(step(r, 'journal', 'fsync').figure, /^fsync p50 .* ms, p99 .* ms \(32 writes of 4 KiB\)$/);
      assert.match(step(r, 'hub', 'reach').figure, /^connect .* ms, hello to challenge .* ms$/);
      assert.ok(step(r, 'hub', 'key').detail.includes(key.publicKeyBase64), 'the public key is shown to compare with the hub');
      assert.match(step(r, 'clock', 'offset').figure, /^offset [+-]\d+\.\d s \(±\d+ ms\) from the hub$/);
      const relay = drivers.relayNamed('main-door/relay').calls.map((x) => x.energised);
      assert.deepEqual(relay, [true, false], 'the door relay was pulsed once');
      assert.deepEqual(drivers.valveNamed('shower-1/valve').calls.map((x) => x.open), [true, false]);
      assert.equal(drivers.valveNamed('shower-1/valve').isOpenNow(), false, 'the valve is left closed');
    } finally {
      await hub.stop();
    }
  });

  it('reader unplugged (from the config, or injected later): no reader present, at a door (door) and at a shower (consumption)', async () => {
    const r = await run(config((d) => (d.points[0].reader.fault = 'unplugged')), ['reader']);
    assert.deepEqual(failed(r), ['main-door/reader present door']);
    assert.equal(step(r, 'main-door/reader', 'card').status, 'skip');
    assert.match(step(r, 'main-door/reader', 'present').cause, /unplugged/);
    drivers.setFault('shower-1/reader', 'unplugged');
    const again = await run(config(), ['reader']);
    assert.deepEqual(failed(again), ['shower-1/reader present consumption']);
  });

  it('relay stuck closed: the feedback shows the contacts closed with the coil off (door)', async () => {
    const r = await run(config((d) => (d.points[0].relay.fault = 'stuck-closed')), ['relay']);
    assert.deepEqual(failed(r), ['main-door/relay feedback door']);
    const s = step(r, 'main-door/relay', 'feedback');
    assert.match(s.cause, /stuck closed/);
    assert.match(s.detail, /door stays unlocked/);
    assert.equal(step(r, 'main-door/relay', 'pulse').status, 'skip');
  });

  it('relay stuck open: energised, its contacts never close (door)', async () => {
    drivers.setFault('main-door/relay', 'stuck-open');
    const r = await run(config(), ['relay']);
    assert.deepEqual(failed(r), ['main-door/relay feedback door']);
    assert.match(step(r, 'main-door/relay', 'feedback').cause, /stuck open/);
    assert.equal(step(r, 'main-door/relay', 'pulse').status, 'pass', 'the driver itself did its part');
  });

  it('breaker stuck closed: the room supply stays cut (electricity meter)', async () => {
    const r = await run(config((d) => (d.points[2].breaker.fault = 'stuck-closed')), ['relay']);
    assert.deepEqual(failed(r), ['room-1/breaker feedback electricity_meter']);
    assert.match(step(r, 'room-1/breaker', 'feedback').detail, /supply stays cut/);
  });

  it('without a feedback input a relay is pulsed and its contacts are not judged', async () => {
    const r = await run(config((d) => (d.selfTest.feedback = {})), ['relay']);
    assert.deepEqual(r.steps.map((s) => `${s.component} ${s.step} ${s.status}`), ['main-door/relay pulse pass', 'main-door/relay feedback skip', 'room-1/breaker pulse pass', 'room-1/breaker feedback skip']);
  });

  it('flow sensor stuck: no pulse while the valve is open (water meter)', async () => {
    const r = await run(config((d) => (d.points[1].flowSensor.fault = 'stuck')), ['valve']);
    assert.deepEqual(failed(r), ['shower-1/flow flow water_meter']);
    assert.equal(step(r, 'shower-1/flow', 'flow').figure, '0 pulses in 2000 ms = 0.0 L/min');
    assert.match(step(r, 'shower-1/flow', 'flow').cause, /flow sensor stuck/);
  });

  it('valve stuck open: water still flows after it was closed (water meter)', async () => {
    drivers.setFault('shower-1/valve', 'stuck-open');
    const r = await run(config(), ['valve']);
    assert.deepEqual(failed(r), ['shower-1/valve close water_meter']);
    assert.match(step(r, 'shower-1/valve', 'close').figure, /^120 pulses in 2000 ms after closing = 8\.0 L\/min$/);
  });

  it('valve stuck closed, with a feedback input: it does not open, and the flow step says so (water meter)', async () => {
    const c = config((d) => {
      d.points[1].valve.fault = 'stuck-closed';
      d.selfTest.feedback['shower-1/valve'] = { driver: 'emulated' };
    });
    const r = await run(c, ['valve']);
    assert.deepEqual(failed(r), ['shower-1/valve open water_meter']);
    assert.match(step(r, 'shower-1/valve', 'open').cause, /stuck closed/);
    assert.equal(step(r, 'shower-1/flow', 'flow').status, 'skip');
  });

  for (const [fault, figure, cause] of [
    ['silent', /^timeout after/, /no reply/],
    ['corrupt-crc', /^crc after/, /corrupted line/],
    ['exception', /^exception after/, /model is not this meter/],
  ] as const) {
    it(`meter ${fault}: the read fails with its cause (electricity meter)`, async () => {
      const r = await run(config((d) => (d.points[2].meter.fault = fault)), ['meter']);
      assert.deepEqual(failed(r), ['room-1/meter read electricity_meter']);
      assert.match(step(r, 'room-1/meter', 'read').figure, figure);
      assert.match(step(r, 'room-1/meter', 'read').cause, cause);
      assert.equal(step(r, 'room-1/meter', 'plausible').status, 'skip');
    });
  }

  it('meter reading an implausible voltage: read passes, plausibility fails (electricity meter)', async () => {
    const c = config();
    const first = await run(c, ['meter']);
    assert.deepEqual(failed(first), []);
    drivers.meterNamed('room-1/meter').setVoltageMv(120_000);
    const r = await run(c, ['meter']);
    assert.deepEqual(failed(r), ['room-1/meter plausible electricity_meter']);
    assert.match(step(r, 'room-1/meter', 'plausible').detail, /voltage 120\.0 V outside 180\.0 V\.\.260\.0 V/);
  });

  it('clock jumped during the run: not steady, and off the hub by the jump (other)', async () => {
    const hub = new HubDouble(null);
    const base = Date.now() - clock.nowMs();
    hub.hubNow = () => base + clock.nowMs();
    const url = await hub.start();
    try {
      clock.setTimeout(() => wall.jump(3_600_000), 50);
      const r = await run(config((d) => (d.selfTest.hub = 'required'), url), ['relay', 'clock']);
      assert.deepEqual(failed(r), ['clock steady other', 'clock offset other']);
      assert.match(step(r, 'clock', 'steady').detail, /jumped by \+3600\.0 s/);
      const offsetS = Number(/^offset ([+-][\d.]+) s/.exec(step(r, 'clock', 'offset').figure)?.[1]);
      assert.ok(Math.abs(offsetS + 3600) <= 1, `offset ${offsetS} s is the jump, to the Date header's second`);
    } finally {
      await hub.stop();
    }
  });

  it('clock reset to 1970: implausible (other)', async () => {
    wall.set(86_400_000);
    const r = await run(config(), ['clock']);
    assert.deepEqual(failed(r).slice(0, 1), ['clock plausible other']);
    assert.match(step(r, 'clock', 'plausible').figure, /^1970-01-02T/);
  });

  it('journal storage not writable: the fsync step fails with the cause (other)', async () => {
    const blocker = join(dir.path, 'not-a-dir');
    await writeFile(blocker, 'x');
    const c = config((d) => (d.dataDir = join(blocker, 'data')));
    const r = await run(c, ['journal']);
    assert.deepEqual(failed(r), ['journal fsync other', 'journal space other']);
    assert.match(step(r, 'journal', 'fsync').detail, /cannot write and fsync/);
  });

  it('hub unreachable: fails when required, is skipped with the reason on a bench; a missing key is a permissions fault', async () => {
    const required = await run(config(), ['hub', 'clock']);
    assert.deepEqual(failed(required), ['hub reach other', 'hub key permissions'], 'the key is checked all the same');
    assert.match(step(required, 'hub', 'reach').cause, /nothing listens there|no route/);
    assert.equal(step(required, 'clock', 'offset').status, 'skip');
    const bench = await run(config((d) => (d.selfTest.hub = 'skip-when-unreachable')), ['hub']);
    assert.deepEqual(bench.steps.map((s) => `${s.step} ${s.status}`), ['reach skip', 'key skip']);
    assert.match(step(bench, 'hub', 'reach').detail, /not reachable .* selfTest\.hub is skip-when-unreachable/);
    const hub = new HubDouble(null);
    const url = await hub.start();
    try {
      const noKey = await run(config(() => undefined, url), ['hub']);
      assert.deepEqual(failed(noKey), ['hub key permissions']);
      assert.match(step(noKey, 'hub', 'key').remedy, /onecard controller enroll/);
    } finally {
      await hub.stop();
    }
  });

  it('on a terminal, asks for a test card and reads it; a card that never comes fails the step', async () => {
    const prompts: string[] = [];
    const tapper: Technician = {
      prompt: (text, component) => {
        prompts.push(text);
        if (component === 'main-door/reader') clock.setTimeout(() => drivers.reader(component).tap(CARD), 1500);
      },
      dismiss: () => undefined,
    };
    const r = await run(config(), ['reader'], tapper);
    assert.deepEqual(prompts, ['tap a test card on main-door/reader within 20 s', 'tap a test card on shower-1/reader within 20 s']);
    assert.equal(step(r, 'main-door/reader', 'card').status, 'pass');
    assert.match(step(r, 'main-door/reader', 'card').figure, /^card read 1\d{3} ms after the prompt$/);
    assert.equal(step(r, 'main-door/reader', 'card').detail, `card ${CARD} read`);
    assert.deepEqual(failed(r), ['shower-1/reader card consumption']);
  });
});
