import { strict as assert } from 'node:assert';
import { CommandRunner } from './commands.js';
import { DoorPoint } from './points/door.js';
import { Journal } from './journal.js';
import { Policy } from './policy.js';
import { EmulatedCardReader } from '../emulators/card-reader.js';
import { EmulatedRelay } from '../emulators/relay.js';
import { AccessReason, pb } from '../protocol/messages.js';
import { MemoryLogger } from '../lib/log.js';
import { tempDir } from '../test/helpers.js';

describe('commands from the hub', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let journal: Journal;
  let relay: EmulatedRelay;
  let door: DoorPoint;
  const logger = new MemoryLogger();

  beforeEach(async () => {
    dir = await tempDir();
    journal = new Journal({ dir: dir.path + '/journal', deviceId: 'dev-1', logger });
    await journal.start();
    relay = new EmulatedRelay('main-door/relay');
    door = new DoorPoint({ id: 'main-door', reader: new EmulatedCardReader('r'), relay, policy: new Policy({ dir: null, logger }), journal, logger, openDurationMs: 50 });
    await door.start();
  });
  afterEach(async () => {
    await door.stop();
    await journal.stop();
    await dir.remove();
  });

  const runner = () => new CommandRunner({ dir: dir.path, logger, doors: () => [door] });
  const openDoor = (commandId: string, pointId = 'main-door') => ({ commandId, openDoor: { pointId } });

  it('opens a door once per command id, even when the command arrives again after a restart', async () => {
    const first = runner();
    await first.start();
    const result = await first.run(openDoor('cmd-1'));
    assert.deepEqual(result, { status: pb.CommandStatus.COMMAND_STATUS_DONE, detail: 'door main-door opened' });
    assert.deepEqual(await first.run(openDoor('cmd-1')), result, 'a resend gets the same answer');
    const again = runner();
    await again.start();
    assert.deepEqual(await again.run(openDoor('cmd-1')), result, 'remembered across a restart');
    assert.equal(relay.calls.filter((c) => c.energised).length, 1, 'the relay was energised once');
    await new Promise<void>((resolve) => (journal.lastDurableSeq >= 1 ? resolve() : journal.onDurable(() => resolve())));
    const [event] = journal.durableFrom(1, 10);
    assert.deepEqual([event?.access?.granted, event?.access?.reason, event?.access?.cardUid ?? ''], [true, AccessReason.ACCESS_REASON_GRANTED_REMOTE, '']);
  });

  it('runs two deliveries of one command id once, even while the first is still running', async () => {
    const r = runner();
    const [a, b] = await Promise.all([r.run(openDoor('cmd-2')), r.run(openDoor('cmd-2'))]);
    assert.deepEqual(a, b);
    assert.equal(relay.calls.filter((c) => c.energised).length, 1);
  });

  it('answers failed for an unknown door and unsupported for an action it does not have', async () => {
    const r = runner();
    const unknown = await r.run(openDoor('cmd-3', 'back-door'));
    assert.equal(unknown.status, pb.CommandStatus.COMMAND_STATUS_FAILED);
    assert.match(unknown.detail, /no door point "back-door"/);
    assert.equal((await r.run({ commandId: 'cmd-4' })).status, pb.CommandStatus.COMMAND_STATUS_UNSUPPORTED);
  });

  it('records every result when several commands finish at once', async () => {
    const r = runner();
    const results = await Promise.all(['c-a', 'c-b', 'c-c'].map((id) => r.run(openDoor(id))));
    assert.deepEqual(results.map((x) => x.status), [1, 1, 1].map(() => pb.CommandStatus.COMMAND_STATUS_DONE));
    const again = runner();
    await again.start();
    for (const id of ['c-a', 'c-b', 'c-c']) assert.equal((await again.run(openDoor(id))).status, pb.CommandStatus.COMMAND_STATUS_DONE);
    assert.equal(relay.calls.filter((c) => c.energised).length, 3, 'each command ran once, none again after the restart');
  });
});
