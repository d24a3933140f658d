import { strict as assert } from 'node:assert';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError, loadControllerConfig, parseControllerConfig, type ControllerConfig, type DoorPointConfig } from './config.js';
import { tempDir } from '../test/helpers.js';
import { DEFAULT_MAX_SNAPSHOT_CHUNKS, DEFAULT_MAX_STAGED_BYTES } from './policy.js';

const valid = () => ({
  configVersion: 1,
  deviceId: 'dorm-7-north',
  dataDir: './data',
  keyFile: './device.key',
  hub: { url: 'ws://127.0.0.1:8780/v1/device' },
  points: [{ kind: 'door', id: 'main-door', reader: { driver: 'emulated' }, relay: { driver: 'emulated' } }],
});

function problems(doc: unknown): string[] {
  try {
    parseControllerConfig(doc, 'test.yaml');
  } catch (err) {
    assert.ok(err instanceof ConfigError, String(err));
    return err.problems;
  }
  assert.fail('config should have been refused');
}

function doorAt(config: ControllerConfig, i: number): DoorPointConfig {
  const p = config.points[i];
  assert.equal(p?.kind, 'door');
  return p as DoorPointConfig;
}

describe('controller config', () => {
  it('loads the shipped example and resolves its paths against the file', async () => {
    const config = await loadControllerConfig('examples/controller.door.yaml');
    assert.equal(config.deviceId, 'dorm-7-north');
    assert.equal(doorAt(config, 0).openDurationMs, 3000);
    assert.equal(config.dataDir, join(process.cwd(), 'data', 'dorm-7-north'));
  });

  it('loads the example with a door, a shower and a room on emulated hardware', async () => {
    const config = await loadControllerConfig('examples/controller.emulated.yaml');
    assert.deepEqual(config.points.map((p) => `${p.kind}:${p.id}`), ['door:main-door', 'shower:shower-1', 'room:room-701']);
    const room = config.points[2];
    assert.ok(room?.kind === 'room');
    assert.deepEqual(room.noCutWindow, { from: 22 * 60, to: 8 * 60 });
    assert.equal(config.money.offlineDailyLimitFen, 2000);
    assert.equal(config.timeZone, 'Asia/Shanghai');
  });

  it('names the field of a bad time zone, a room meter on an unknown bus and a shower tamper time past its timeout', () => {
    const doc = {
      ...valid(),
      timeZone: 'Mars/Olympus',
      modbus: { buses: [{ id: 'rs485-1', transport: { kind: 'rtu', path: '/dev/ttyUSB0' } }] },
      points: [
        { kind: 'room', id: 'room-701', accountId: 'room.701', tariff: 'power', meter: { driver: 'modbus', bus: 'rs485-2', unit: 3, model: 'dds238' } },
        { kind: 'shower', id: 'shower-1', tariff: 'hot', reader: { driver: 'emulated' }, valve: { driver: 'emulated' }, flowSensor: { driver: 'emulated' }, sessionTimeoutMs: 30_000, flowTamperMs: 60_000 },
      ],
    };
    const found = problems(doc);
    assert.ok(found.some((p) => /^timeZone: an IANA time zone/.test(p)), found.join('\n'));
    assert.ok(found.some((p) => /^points\[0\]\.meter\.bus: no bus rs485-2 in modbus\.buses \(have: rs485-1\)/.test(p)), found.join('\n'));
    assert.ok(found.some((p) => /^points\[1\]\.flowTamperMs: flowTamperMs \(60000\) must be below sessionTimeoutMs/.test(p)), found.join('\n'));
  });

  it('fills defaults for what is left out', () => {
    const config = parseControllerConfig(valid());
    assert.equal(config.hub.reconnectMinMs, 250);
    assert.equal(config.hub.heartbeatIntervalMs, 15_000);
    assert.equal(doorAt(config, 0).openDurationMs, 3000);
    assert.equal(config.journal.maxUnackedEvents, 1_000_000);
  });

  it('takes the chunked snapshot limits under datasets, with the policy defaults when left out', () => {
    const config = parseControllerConfig(valid());
    assert.deepEqual(config.datasets, { maxSnapshotChunks: 10_000, maxStagedSnapshotBytes: 256 * 1024 * 1024 });
    assert.equal(config.datasets.maxSnapshotChunks, DEFAULT_MAX_SNAPSHOT_CHUNKS);
    assert.equal(config.datasets.maxStagedSnapshotBytes, DEFAULT_MAX_STAGED_BYTES);
    assert.deepEqual(parseControllerConfig({ ...valid(), datasets: { maxSnapshotChunks: 2000 } }).datasets, { maxSnapshotChunks: 2000, maxStagedSnapshotBytes: DEFAULT_MAX_STAGED_BYTES });
    assert.deepEqual(parseControllerConfig({ ...valid(), datasets: { maxStagedSnapshotBytes: 64 * 1024 * 1024 } }).datasets, { maxSnapshotChunks: DEFAULT_MAX_SNAPSHOT_CHUNKS, maxStagedSnapshotBytes: 64 * 1024 * 1024 });
  });

  it('refuses chunked snapshot limits out of range, not whole numbers or unknown, naming the field', () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ maxSnapshotChunks: 1 }, /^datasets\.maxSnapshotChunks: .*(>=|at least|greater).*2/],
      [{ maxSnapshotChunks: 1_000_001 }, /^datasets\.maxSnapshotChunks: .*1000000/],
      [{ maxSnapshotChunks: 2.5 }, /^datasets\.maxSnapshotChunks: .*int/i],
      [{ maxSnapshotChunks: '10000' }, /^datasets\.maxSnapshotChunks: .*number/],
      [{ maxStagedSnapshotBytes: 1024 }, /^datasets\.maxStagedSnapshotBytes: .*1048576/],
      [{ maxStagedSnapshotBytes: 32 * 1024 ** 3 }, /^datasets\.maxStagedSnapshotBytes: .*17179869184/],
      [{ maxStagedSnapshotBytes: -1 }, /^datasets\.maxStagedSnapshotBytes: /],
      [{ maxStagedBytes: 1 }, /^datasets: .*maxStagedBytes/],
    ];
    for (const [datasets, expected] of cases) {
      const found = problems({ ...valid(), datasets });
      assert.ok(found.some((p) => expected.test(p)), `${JSON.stringify(datasets)}: ${found.join('\n')}`);
    }
  });

  it('names each bad field', () => {
    const doc = valid();
    (doc.points[0] as Record<string, unknown>).openDurationMs = -5;
    (doc.hub as Record<string, unknown>).url = 'http://hub';
    const found = problems(doc);
    assert.ok(found.some((p) => p.startsWith('points[0].openDurationMs:')), found.join('\n'));
    assert.ok(found.some((p) => p.startsWith('hub.url:')), found.join('\n'));
  });

  it('refuses unknown fields, duplicate point ids, unknown drivers and a future config version', () => {
    assert.ok(problems({ ...valid(), colour: 'red' }).some((p) => p.includes('colour')));
    const dup = valid();
    dup.points.push({ ...dup.points[0]! });
    assert.ok(problems(dup).some((p) => p.startsWith('points[1].id: duplicate point id main-door')));
    const driver = valid();
    driver.points[0]!.reader.driver = 'teleport';
    assert.ok(problems(driver).some((p) => p.startsWith('points[0].reader.driver:')));
    assert.ok(problems({ ...valid(), configVersion: 9 }).some((p) => p.startsWith('configVersion:')));
  });

  it('reports unreadable files and YAML syntax errors with the file name', async () => {
    const dir = await tempDir();
    try {
      const path = join(dir.path, 'bad.yaml');
      await writeFile(path, 'deviceId: [unclosed\n');
      await assert.rejects(loadControllerConfig(path), (err: Error) => err instanceof ConfigError && err.message.startsWith(path) && /YAML/.test(err.message));
      await assert.rejects(loadControllerConfig(join(dir.path, 'missing.yaml')), /cannot read/);
    } finally {
      await dir.remove();
    }
  });

  it('accepts the real drivers and names a bad field inside a driver spec', () => {
    const doc = valid();
    (doc.points[0] as Record<string, unknown>).reader = { driver: 'pcsc', reader: 'ACS ACR122U' };
    (doc.points[0] as Record<string, unknown>).relay = { driver: 'gpiod', chip: 'gpiochip0', line: 'GPIO17', activeLow: true };
    const config = parseControllerConfig(doc);
    assert.deepEqual(doorAt(config, 0).relay, { driver: 'gpiod', chip: 'gpiochip0', line: 'GPIO17', activeLow: true });
    for (const relay of [{ driver: 'sysfs', bcm: 17 }, { driver: 'firmata', port: '/dev/ttyACM0', pin: 7 }]) {
      (doc.points[0] as Record<string, unknown>).relay = relay;
      assert.equal(doorAt(parseControllerConfig(doc), 0).relay.driver, relay.driver);
    }
    (doc.points[0] as Record<string, unknown>).relay = { driver: 'firmata', port: 'ttyACM0', pin: 7 };
    assert.ok(problems(doc).some((p) => p.startsWith('points[0].relay.port:')));
    (doc.points[0] as Record<string, unknown>).relay = { driver: 'sysfs', bcm: 99 };
    assert.ok(problems(doc).some((p) => p.startsWith('points[0].relay.bcm:')));
  });
});
