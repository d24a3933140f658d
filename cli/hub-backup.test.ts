/** `onecard hub backup` and `onecard hub restore` as an operator runs them (child processes, SQLite). */
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { api, startHub, tempDir } from '../test/helpers.js';

function onecard(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/onecard.js', ...args], { timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

describe('onecard hub backup / restore (child processes)', function () {
  this.timeout(60_000);
  let dir: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => (dir = await tempDir()));
  afterEach(() => dir.remove());

  it('backs up a hub database, restores it into a new file, then refuses to overwrite it without --force', async () => {
    const hub = await startHub(dir.path);
    try {
      assert.equal((await api(hub, 'POST', '/api/people', { personId: 'S1', name: 'Li Hua', type: 'student' })).status, 201);
    } finally {
      await hub.stop();
    }
    const file = join(dir.path, 'hub-2026-03-01.backup');
    const backup = await onecard(['hub', 'backup', '--db', `sqlite:${join(dir.path, 'hub.sqlite')}`, '--out', file]);
    assert.equal(backup.code, 0, backup.stderr);
    assert.match(backup.stdout, /copying pages: 100%/);
    assert.match(backup.stdout, /backed up: 1 people, 0 cards, 0 devices, \d+ accounts, 0 transfers, 0 events; schema \d{4}_\w+; \d+ bytes in .*hub-2026-03-01\.backup/);

    const target = `sqlite:${join(dir.path, 'new', 'hub.sqlite')}`;
    const restore = await onecard(['hub', 'restore', '--db', target, '--from', file]);
    assert.equal(restore.code, 0, restore.stderr);
    assert.match(restore.stdout, /restored: 1 people/);
    assert.match(restore.stdout, /ledger check: sum of all balances 0, every balance the sum of its transfers/);
    assert.match(restore.stdout, /datasets: every dataset is now at version \d+; each device gets them whole at its next connection/);

    const again = await onecard(['hub', 'restore', '--db', target, '--from', file]);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already holds a onecard hub database \(1 people.*add --force/);
    const forced = await onecard(['hub', 'restore', '--db', target, '--from', file, '--force']);
    assert.equal(forced.code, 0, forced.stderr);
  });

  it('answers a missing --out or --from with its usage, and a backup file that exists with a refusal', async () => {
    const noOut = await onecard(['hub', 'backup', '--db', `sqlite:${join(dir.path, 'hub.sqlite')}`]);
    assert.equal(noOut.code, 2);
    assert.match(noOut.stderr, /backup needs --out FILE/);
    const noFrom = await onecard(['hub', 'restore']);
    assert.equal(noFrom.code, 2);
    assert.match(noFrom.stderr, /restore needs --from FILE/);
    const hub = await startHub(dir.path);
    await hub.stop();
    const taken = await onecard(['hub', 'backup', '--db', `sqlite:${join(dir.path, 'hub.sqlite')}`, '--out', join(dir.path, 'hub.sqlite')]);
    assert.equal(taken.code, 1);
    assert.match(taken.stderr, /exists: give the backup a new name/);
  });
});
