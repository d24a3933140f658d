/** `onecard emulate meter|card ...`: software twins of hardware, each runnable alone. */
import { UsageError } from './args.js';

const USAGE = `usage: onecard emulate <twin> [options]

twins:
  meter   a Modbus meter (RTU on a serial device or TCP): onecard emulate meter --help
  card    a contactless card on pcscd's vpcd virtual reader: onecard emulate card --help`;

export async function run(args: string[]): Promise<number> {
  const [twin, ...rest] = args;
  if (twin === undefined || twin === '--help' || twin === '-h') {
    console.log(USAGE);
    return twin === undefined ? 2 : 0;
  }
  if (twin === 'meter') return (await import('./emulate-meter.js')).run(rest);
  if (twin === 'card') return (await import('./emulate-card.js')).run(rest);
  throw new UsageError(`unknown twin ${JSON.stringify(twin)}\n\n${USAGE}`);
}
