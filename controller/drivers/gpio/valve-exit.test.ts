import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { tempDir } from '../../../test/helpers.js';
import { PI5_CHIPS, writeFakeSysfs } from './fake-sysfs.js';

const here = fileURLToPath(new URL('.', import.meta.url));

describe('GPIO valve in a process that exits', () => {
  it('is closed by the exit hook when the process exits with the valve open', async function () {
    this.timeout(30_000);
    const dir = await tempDir('onecard-valve-exit-');
    try {
      await writeFakeSysfs(dir.path, PI5_CHIPS);
      // A child controller opens the valve on a (fake) sysfs pin and exits without closing it.
      const script = `
        import { createValve, GpioBackends } from ${JSON.stringify(join(here, 'index.ts'))};
        import { FakeOnoff } from ${JSON.stringify(join(here, 'fake-onoff.ts'))};
        const fake = new FakeOnoff(process.argv[1]);
        const gpio = new GpioBackends({ loadOnoff: async () => fake.module, sysRoot: process.argv[1] });
        const valve = createValve({ driver: 'sysfs', bcm: 22 }, 'shower-1/valve', { gpio });
        await valve.open();
        await valve.setOpen(true);
        console.log('open', fake.level(593));
        process.exit(0);
      `;
      const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, dir.path], { timeout: 20_000 });
      assert.equal(stdout.trim(), 'open 1', 'the valve was open before the exit');
      assert.equal((await readFile(join(dir.path, 'class/gpio/gpio593/value'), 'utf8')).trim(), '0', 'closed on exit');
    } finally {
      await dir.remove();
    }
  });
});
