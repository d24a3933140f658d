/** The selfTest config section and the self-test's messages on the wire are checked, naming the field. */
import { strict as assert } from 'node:assert';
import { ConfigError, parseControllerConfig } from '../controller/config.js';
import { pb } from '../protocol/messages.js';
import { DEVICE_TO_HUB_LIMITS, HUB_TO_DEVICE_LIMITS, decodeFrame, encodeFrame } from '../protocol/wire.js';
import { emulatedDoc } from './test-support.js';

describe('self-test config and wire', () => {
  it('defaults the selfTest section, and refuses a feedback input for a relay the config does not have', () => {
    const doc = emulatedDoc('/tmp/x') as any;
    delete doc.selfTest;
    const config = parseControllerConfig(doc);
    assert.equal(config.selfTest.hub, 'required');
    assert.equal(config.selfTest.relayPulseMs, 200);
    assert.deepEqual(config.selfTest.feedback, {});
    doc.selfTest = { feedback: { 'back-door/relay': { driver: 'emulated' }, 'main-door/contact': { driver: 'emulated' } }, meterMinVoltageMv: 300_000 };
    try {
      parseControllerConfig(doc);
      assert.fail('accepted');
    } catch (err) {
      assert.ok(err instanceof ConfigError);
      const text = err.problems.join('\n');
      assert.match(text, /selfTest\.feedback\.main-door\/contact: no relay or valve main-door\/contact in points/);
      assert.match(text, /selfTest\.meterMinVoltageMv: meterMinVoltageMv must be below meterMaxVoltageMv/);
    }
    doc.selfTest = { feedback: { 'back-door/relay': { driver: 'emulated' } } };
    assert.throws(() => parseControllerConfig(doc), /selfTest\.feedback\.back-door\/relay: no relay or valve back-door\/relay in points \(have: main-door\/relay, shower-1\/valve, room-1\/breaker\)/);
  });

  it('carries RunSelfTest and SelfTestResult, and refuses bad suite names and oversized fields', () => {
    const command = decodeFrame(encodeFrame({ command: { commandId: 'c-1', runSelfTest: { only: ['relay', 'meter'] } } }), HUB_TO_DEVICE_LIMITS);
    assert.ok(command.ok);
    assert.deepEqual(command.envelope.command?.runSelfTest?.only, ['relay', 'meter']);
    const bad = decodeFrame(encodeFrame({ command: { commandId: 'c-2', runSelfTest: { only: ['Relay; rm'] } } }), HUB_TO_DEVICE_LIMITS);
    assert.deepEqual(bad.ok ? null : bad.message, 'command.run_self_test.only: at most 16 suite names of 1-32 letters a-z');
    const event = (selfTest: Record<string, unknown>) => ({ deviceId: 'd-1', seq: 1, pointId: 'controller', selfTest });
    const good = decodeFrame(encodeFrame({ events: { events: [event({ component: 'journal', status: pb.SelfTestStatus.SELF_TEST_STATUS_FAIL, category: 'other', figure: 'fsync p99 3.1 ms', runId: 'c-1', step: 'fsync', suite: 'journal' })] } }), DEVICE_TO_HUB_LIMITS);
    assert.ok(good.ok);
    assert.equal(good.envelope.events?.events?.[0]?.selfTest?.figure, 'fsync p99 3.1 ms');
    const long = decodeFrame(encodeFrame({ events: { events: [event({ component: 'x'.repeat(129) })] } }), DEVICE_TO_HUB_LIMITS);
    assert.deepEqual(long.ok ? null : long.message, 'events[0].self_test.component: longer than 128');
  });
});
