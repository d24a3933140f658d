import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';

describe('onecard bench crash', function () {
  this.timeout(120_000);
  it('kills the charging child, drains into the ledger and ends with its JSON line: nothing lost, nothing twice', async () => {
    const child = spawn(process.execPath, ['bin/onecard.js', 'bench', 'crash', '--kills', '4', '--seed', '7'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    assert.equal(code, 0, err + out);
    const last = JSON.parse(out.trim().split('\n').pop()!) as Record<string, number | string>;
    assert.equal(last.bench, 'crash');
    assert.equal(last.kills, 4);
    assert.ok(Number(last.confirmed) > 0);
    assert.deepEqual([last.lost, last.duplicated, last.chain_breaks, last.unposted], [0, 0, 0, 0]);
  });
});
