import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { OfflineAuthorisation } from './offline-authorisation.js';
import { CommandRunner } from './commands.js';
import { Journal } from './journal.js';
import { pb } from '../protocol/messages.js';
import { MemoryLogger } from '../lib/log.js';
import { tempDir } from '../test/helpers.js';

describe('offline authorisation', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let now: number;
  beforeEach(async () => {
    dir = await tempDir();
    now = Date.UTC(2026, 10, 23, 2, 0);
  });
  afterEach(() => dir.remove());

  function authorisation(): OfflineAuthorisation {
    return new OfflineAuthorisation({ dir: dir.path, logger: new MemoryLogger(), wallNow: () => now });
  }

  it('is set by the hub command with an expiry, survives a restart, and lapses at the expiry', async () => {
    const auth = authorisation();
    await auth.start();
    assert.equal(auth.isAuthorised(), false, 'not authorised until the hub says so');
    const runner = new CommandRunner({ dir: null, logger: new MemoryLogger(), doors: () => [], offlineAuthorisation: auth });
    const result = await runner.run({ commandId: 'c-1', setOfflineAuthorisation: { untilUnixMs: now + 3_600_000 } });
    assert.equal(result.status, pb.CommandStatus.COMMAND_STATUS_DONE);
    assert.match(result.detail, /authorised until 2026-11-23T03:00:00.000Z/);
    const again = authorisation();
    await again.start();
    assert.equal(again.isAuthorised(), true);
    now += 3_600_000;
    assert.equal(again.isAuthorised(), false, 'expired');
    const withdrawn = await runner.run({ commandId: 'c-2', setOfflineAuthorisation: { untilUnixMs: 0 } });
    assert.match(withdrawn.detail, /no longer authorised/);
  });

  it('is recorded on every journal event with whether the device was offline', async () => {
    const auth = authorisation();
    await auth.start();
    let online = true;
    const journal = new Journal({
      dir: join(dir.path, 'journal'), deviceId: 'd1', logger: new MemoryLogger(), now: () => now,
      stamp: () => ({ offline: !online, offlineAuthorised: auth.isAuthorised() }),
    });
    await journal.start();
    const draft = { pointId: 'shower-1', charge: { cardUid: '04A1B2C3', accountId: 'acct-1', amountFen: 150 } };
    const seqs: number[] = [];
    const append = async () => {
      const r = journal.append(draft);
      assert.ok(r.ok);
      await r.durable;
      seqs.push(r.seq);
    };
    await append();
    online = false;
    await append();
    await auth.set(now + 60_000);
    await append();
    const events = journal.durableFrom(1, 10);
    assert.deepEqual(events.map((e) => [e.offline === true, e.offlineAuthorised === true]), [[false, false], [true, false], [true, true]]);
    await journal.stop();
  });
});
