import { strict as assert } from 'node:assert';
import { readdirSync } from 'node:fs';
import { loadMigrations } from './index.js';

describe('migration list', () => {
  it('names every migration file of the folder, in order', async () => {
    const files = readdirSync('hub/db/migrations').filter((f) => /^\d{4}_[a-z0-9_]+\.ts$/.test(f)).map((f) => f.replace(/\.ts$/, ''));
    assert.deepEqual(Object.keys(await loadMigrations()), files.sort());
  });
});
