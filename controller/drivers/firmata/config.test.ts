import { strict as assert } from 'node:assert';
import { waitFor } from '../../../test/helpers.js';
import { FirmataBoards } from './boards.js';
import {
  createFirmataInput,
  createFirmataPulseCounter,
  createFirmataRelay,
  createFirmataValve,
  firmataBoardsOptions,
  firmataInputSpec,
  firmataOutputSpec,
  firmataPulseCounterSpec,
} from './config.js';
import { startRig, type FirmataRig } from './test-rig.js';

describe('firmata driver config', () => {
  it('fills defaults for an output, an input and a pulse counter', () => {
    assert.deepEqual(firmataOutputSpec.parse({ driver: 'firmata', port: '/dev/ttyACM0', pin: 7 }), { driver: 'firmata', port: '/dev/ttyACM0', pin: 7, activeLow: false });
    assert.deepEqual(firmataInputSpec.parse({ driver: 'firmata', port: '/dev/ttyACM0', pin: 8 }), {
      driver: 'firmata',
      port: '/dev/ttyACM0',
      pin: 8,
      activeLow: false,
      pullUp: false,
      debounceMs: 20,
    });
    assert.equal(firmataPulseCounterSpec.parse({ driver: 'firmata', port: '/dev/ttyACM0', pin: 2 }).glitchFilterMs, 0);
    assert.deepEqual(firmataBoardsOptions(), { readyTimeoutMs: 15_000, readTimeoutMs: 2000, writeTimeoutMs: 2000, confirmWrites: false });
  });

  it('names the field of every invalid value', () => {
    const problems = (spec: { safeParse(v: unknown): { success: boolean; error?: { issues: { path: PropertyKey[] }[] } } }, value: unknown) =>
      spec.safeParse(value).error?.issues.map((i) => i.path.join('.'));
    assert.deepEqual(problems(firmataOutputSpec, { driver: 'firmata', port: 'ttyACM0', pin: 7 }), ['port']);
    assert.deepEqual(problems(firmataOutputSpec, { driver: 'firmata', port: '/dev/ttyACM0', pin: 128 }), ['pin']);
    assert.deepEqual(problems(firmataOutputSpec, { driver: 'firmata', port: '/dev/ttyACM0', pin: 7, debounceMs: 5 }), ['']);
    assert.deepEqual(problems(firmataInputSpec, { driver: 'firmata', port: '/dev/ttyACM0', pin: 8, debounceMs: 20_000 }), ['debounceMs']);
    assert.deepEqual(problems(firmataOutputSpec, { driver: 'gpio', port: '/dev/ttyACM0', pin: 7 }), ['driver']);
  });

  describe('factories, on the emulator', function () {
    this.timeout(30_000);
    let rig: FirmataRig;

    beforeEach(async () => {
      rig = await startRig();
    });

    afterEach(async () => {
      await rig.cleanup();
    });

    it('build drivers from parsed specs that share one board and work', async () => {
      const boards = new FirmataBoards(firmataBoardsOptions({ readyTimeoutMs: 10_000 }, rig.logger));
      const port = rig.pty.hostPath;
      const deps = { boards, logger: rig.logger };
      const relay = createFirmataRelay(firmataOutputSpec.parse({ driver: 'firmata', port, pin: 7, activeLow: true }), 'door-a/relay', deps);
      const valve = createFirmataValve(firmataOutputSpec.parse({ driver: 'firmata', port, pin: 10 }), 'shower-1/valve', deps);
      const input = createFirmataInput(firmataInputSpec.parse({ driver: 'firmata', port, pin: 8, debounceMs: 0 }), 'door-a/contact', deps);
      const flow = createFirmataPulseCounter(firmataPulseCounterSpec.parse({ driver: 'firmata', port, pin: 2 }), 'shower-1/flow', deps);
      const drivers = [relay, valve, input, flow];
      try {
        for (const d of drivers) await d.open();
        assert.deepEqual(boards.paths(), [port]);
        await relay.set(true);
        await valve.setOpen(true);
        await waitFor('relay LOW (active low) and valve HIGH', () => !rig.emulator.outputLevel(7) && rig.emulator.outputLevel(10));
        rig.emulator.setInput(8, true);
        await waitFor('input active', () => input.read());
        rig.emulator.setInput(2, true);
        await waitFor('one pulse', async () => (await flow.count()) === 1);
      } finally {
        for (const d of drivers) await d.close().catch(() => undefined);
      }
      assert.deepEqual(boards.paths(), []);
      assert.equal(rig.emulator.outputLevel(7), true);
      assert.equal(rig.emulator.outputLevel(10), false);
    });
  });
});
