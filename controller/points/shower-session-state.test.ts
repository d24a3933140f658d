import { strict as assert } from 'node:assert';
import { open, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir } from '../../test/helpers.js';
import { SessionStateFile, type SessionRecord } from './shower-session-state.js';

const session = (over: Partial<SessionRecord> = {}): SessionRecord => ({
  phase: 'open', sessionId: 'shower-1-7', openSeq: 7, cardUid: '04A1B2C3D4E5F6', accountId: 'acc-1', allowanceFen: 500, spendRule: 1,
  tariff: { id: 'hot', basis: 'per_litre', priceMillifen: 2_500, minimumChargeFen: 10, maxSessionMs: 0, maxSessionCostFen: 0, fallbackPriceMillifenPerSecond: 500 },
  counts: { pulses: 10, volumeMl: 100, durationMs: 5_000, timeBilled: false, billedVolumeMl: 100, billedDurationMs: 0 },
  ...over,
});

describe('shower session state file', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let path: string;

  beforeEach(async () => {
    dir = await tempDir('onecard-shower-state-');
    path = join(dir.path, 'points', 'shower-1.state');
  });

  afterEach(() => dir.remove());

  async function reopen(): Promise<unknown> {
    const file = new SessionStateFile(path);
    const record = await file.open();
    await file.close();
    return record;
  }

  it('is created at its full size, idle, and reads back the last record written', async () => {
    const file = new SessionStateFile(path);
    assert.deepEqual(await file.open(), { phase: 'idle' });
    assert.equal((await stat(path)).size, 8192);
    await file.write(session());
    await file.write(session({ counts: { ...session().counts, pulses: 20 } }));
    await file.write(session({ phase: 'closing', end: 1, afterSeq: 9, chargeSeq: 11 }));
    await file.close();
    assert.deepEqual(await reopen(), session({ phase: 'closing', end: 1, afterSeq: 9, chargeSeq: 11 }));
    assert.equal((await stat(path)).size, 8192, 'written in place');
  });

  it('keeps the previous record when the newest slot was torn by a crash', async () => {
    const file = new SessionStateFile(path);
    await file.open();
    await file.write(session()); // generation 1, slot 1
    await file.write({ phase: 'idle' }); // generation 2, slot 0
    await file.close();
    const fh = await open(path, 'r+');
    await fh.write(Buffer.from('garbage'), 0, 7, 20); // inside slot 0's JSON
    await fh.close();
    assert.deepEqual(await reopen(), session());
  });

  it('after a failed write, the next one goes to the same slot, never over the last good record', async () => {
    const file = new SessionStateFile(path);
    await file.open();
    await file.write(session()); // slot 1
    const internals = file as unknown as { writeNow: (r: unknown) => Promise<void> };
    const real = internals.writeNow.bind(file);
    let fail = true;
    internals.writeNow = async (r) => {
      if (fail) {
        fail = false;
        throw new Error('EIO');
      }
      return real(r);
    };
    await assert.rejects(file.write({ phase: 'idle' }), /EIO/);
    await file.write(session({ openSeq: 8, sessionId: 'shower-1-8' })); // generation 2, slot 0
    await file.close();
    const data = await readFile(path);
    assert.equal(data.readUInt32LE(8), 2, 'slot 0 holds generation 2');
    assert.equal(data.readUInt32LE(4096 + 8), 1, 'slot 1 still holds generation 1');
    assert.deepEqual(await reopen(), session({ openSeq: 8, sessionId: 'shower-1-8' }));
  });

  it('writes in the order asked, a write waiting for a promise holding back those after it', async () => {
    const file = new SessionStateFile(path);
    await file.open();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const first = file.write({ phase: 'idle' }, gate);
    const second = file.write(session());
    await new Promise((r) => setTimeout(r, 20));
    release();
    await Promise.all([first, second]);
    await file.close();
    assert.deepEqual(await reopen(), session());
  });

  it('refuses to start on a whole record of a shape it does not know, naming the file', async () => {
    const file = new SessionStateFile(path);
    await file.open();
    const internals = file as unknown as { writeNow: (r: unknown) => Promise<void> };
    await internals.writeNow({ phase: 'open', sessionId: 'x' });
    await file.close();
    await assert.rejects(reopen(), (err: Error) => err.message.startsWith(path) && /cannot read/.test(err.message));
  });

  it('reads a file of zeros as idle', async () => {
    const file = new SessionStateFile(path);
    await file.open();
    await file.write(session());
    await file.close();
    await writeFile(path, Buffer.alloc(8192));
    assert.deepEqual(await reopen(), { phase: 'idle' });
  });
});
