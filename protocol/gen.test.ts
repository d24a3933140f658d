import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir } from '../test/helpers.js';

describe('generated protocol code', function () {
  this.timeout(60_000);

  it('is what `npm run gen` makes from protocol/onecard.proto now', async () => {
    const dir = await tempDir();
    try {
      execFileSync(process.execPath, ['scripts/gen-proto.mjs', dir.path], { stdio: 'pipe' });
      for (const file of ['onecard.js', 'onecard.d.ts']) {
        const fresh = await readFile(join(dir.path, file), 'utf8');
        const committed = await readFile(join('protocol', 'gen', file), 'utf8');
        assert.ok(fresh === committed, `protocol/gen/${file} is stale: run npm run gen and commit it`);
      }
    } finally {
      await dir.remove();
    }
  });
});
