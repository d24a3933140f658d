/**
 * `onecard admin` for maintenance against a real hub: a remote self-test command stored for its
 * device, the (empty) self-test history, and a resident's request taken and moved through the
 * workflow with the operator of each step shown; the resident's contact masked unless asked for
 * with --contact and a --reason, which the audit log keeps.
 */
import { strict as assert } from 'node:assert';
import type { Hub } from '../hub/hub.js';
import { generateDeviceKeyPair } from '../protocol/auth.js';
import { api } from '../test/helpers.js';
import { startAdminHub, type AdminHub } from './admin-fixture.js';

describe('onecard admin: self-tests and repair tickets', function () {
  this.timeout(120_000);
  let fixture: AdminHub;
  let hub: Hub;
  const admin = (...args: string[]) => fixture.admin(...args);

  beforeEach(async () => {
    fixture = await startAdminHub();
    hub = fixture.hub;
  });
  afterEach(() => fixture.close());

  it('sends a self-test to a device and lists its runs', async () => {
    assert.equal((await api(hub, 'POST', '/api/devices', { deviceId: 'dorm-3', publicKey: generateDeviceKeyPair().publicKeyBase64 })).status, 201);
    const sent = await admin('device', 'selftest', 'dorm-3', '--only', 'relay,meter');
    assert.equal(sent.code, 0, sent.stderr);
    assert.match(sent.stdout, /^self-test [0-9a-f-]+ sent to dorm-3/);
    const commands = (await api(hub, 'GET', '/api/devices/dorm-3/commands')).body.commands;
    assert.deepEqual([commands[0].action, commands[0].args, commands[0].status], ['run_self_test', { only: ['relay', 'meter'] }, 'pending']);
    const bad = await admin('device', 'selftest', 'dorm-3', '--only', 'kettle');
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /invalid_body.*runSelfTest\.only\.0/);
    assert.equal((await admin('device', 'selftests', 'dorm-3')).stdout.trim(), 'no self-test runs');
  });

  it("takes a resident's request and moves it open -> assigned -> in_progress -> resolved -> closed", async () => {
    const opened = await admin('ticket', 'open', '--name', 'Li Hua', '--student-number', '2023123456', '--phone', '13800001234', '--dorm-room', 'B-701', '--category', 'electricity_meter', '--description', 'the meter panel is dark', '--at', '2026-03-02T08:30:00Z');
    assert.equal(opened.code, 0, opened.stderr);
    assert.equal(opened.stdout.trim(), 'ticket 1 [open] electricity_meter for Li Hua (B-701) from resident, 1x: opened');
    assert.equal((await admin('ticket', 'resolve', '1')).code, 1, 'not before it is assigned and started');
    assert.equal((await admin('ticket', 'assign', '1', '--assignee', 'test-admin')).stdout.trim(), 'ticket 1 [assigned] electricity_meter for L* (B-701) from resident, 1x, assigned to test-admin');
    for (const step of ['start', 'resolve', 'close']) assert.equal((await admin('ticket', step, '1', '--note', `${step} done`)).code, 0);
    const shown = await admin('ticket', 'show', '1');
    assert.match(shown.stdout, /resident: L\*, student number \*{6}3456, phone \*{7}1234, room B-701, reported 2026-03-02T08:30:00.000Z/);
    const noReason = await admin('ticket', 'show', '1', '--contact');
    assert.equal(noReason.code, 1);
    assert.match(noReason.stderr, /reason_required: .*--reason TEXT/);
    const contact = await admin('--reason', '约住户上门时间', 'ticket', 'show', '1', '--contact');
    assert.equal(contact.code, 0, contact.stderr);
    assert.match(contact.stdout, /resident: Li Hua, student number 2023123456, phone 13800001234, room B-701, reported 2026-03-02T08:30:00.000Z/);
    assert.match((await admin('audit', '--action', 'ticket.show')).stdout, /test-admin from 127\.0\.0\.1 ticket\.show GET \/api\/tickets\/1 -> 200 ok ticket 1 reason "约住户上门时间"/);
    assert.match(shown.stdout, /open -> assigned by test-admin: assigned to test-admin/);
    assert.match(shown.stdout, /resolved -> closed by test-admin: close done/);
    assert.match((await admin('ticket', 'list', '--status', 'closed')).stdout, /^ticket 1 \[closed\]/);
  });
});
