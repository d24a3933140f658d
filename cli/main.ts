/**
 * `onecard` subcommands. Each command module exports `run(args): Promise<number>` (the exit code).
 * Usage errors exit 2, operating errors 1.
 */
import { UsageError } from './args.js';

const COMMANDS: Record<string, { summary: string; load: () => Promise<{ run: (args: string[]) => Promise<number> }> }> = {
  demo: { summary: 'run a hub on SQLite with two emulated door controllers and play a scenario', load: () => import('./demo.js') },
  hub: { summary: 'run the hub (device gateway and operator API)', load: () => import('./hub.js') },
  controller: { summary: 'run a controller from a config file; `controller keygen` makes a device key', load: () => import('./controller.js') },
  admin: { summary: 'operator commands on the hub API: login, operators, audit, devices, people, cards, money, events', load: () => import('./admin.js') },
  emulate: { summary: 'run a hardware twin alone: `emulate meter`, `emulate card`', load: () => import('./emulate.js') },
  meter: { summary: 'read a Modbus meter once: `meter read (--tcp HOST:PORT | --rtu DEV) --unit N --model M`', load: () => import('./meter.js') },
  reader: { summary: 'watch PC/SC readers and print each card tapped: `reader watch`', load: () => import('./reader.js') },
  bench: { summary: 'benchmarks: `bench tap [--reader pcsc]`', load: () => import('./bench.js') },
  selftest: { summary: 'hardware self-test of a controller on site: `selftest --config FILE [--only ...] [--json] [--report FILE.html]`', load: () => import('./selftest.js') },
};

export const USAGE = `usage: onecard <command> [options]

commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(12)}${c.summary}`)
  .join('\n')}

Run 'onecard <command> --help' for a command's options.`;

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(USAGE);
    return name ? 0 : 2;
  }
  if (name === '--version') {
    console.log('onecard 0.1.0');
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`onecard: unknown command ${JSON.stringify(name)}\n\n${USAGE}`);
    return 2;
  }
  try {
    return await (await command.load()).run(rest);
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`onecard ${name}: ${err.message}`);
      return 2;
    }
    console.error(`onecard ${name}: ${(err as Error).message}`);
    return 1;
  }
}
