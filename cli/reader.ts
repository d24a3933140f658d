/**
 * `onecard reader watch [--reader NAME]`: prints each PC/SC reader as it attaches or detaches and
 * each card's UID as it is tapped, until Ctrl-C. A maintenance tool on the real driver (nfc-pcsc over
 * pcscd, in its worker process): what it prints is what a controller's door would be given.
 */
import { PcscCardReader } from '../controller/drivers/pcsc-reader.js';
import { StreamLogger } from '../lib/log.js';
import { UsageError, parse } from './args.js';
import { untilSignal } from './signals.js';

const USAGE = `usage: onecard reader watch [--reader NAME] [--socket PATH] [--verbose]

  --reader   only this reader: its exact PC/SC name or part of it, any case (default: every reader)
  --socket   pcscd's socket (default $PCSCLITE_CSOCK_NAME or /run/pcscd/pcscd.comm)
  --verbose  log the driver's details to standard error

Prints one line per event on standard output:
  TIME attach READER | TIME detach READER | TIME card UID READER | TIME removed READER
Problems (pcscd not running, a card pulled away mid-read) are logged to standard error; the watch
keeps retrying until pcscd answers.`;

export async function run(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === '--help' || sub === '-h') {
    console.log(USAGE);
    return 0;
  }
  if (sub !== 'watch') throw new UsageError(`unknown reader command ${JSON.stringify(sub ?? '')}\n\n${USAGE}`);
  const { values } = parse(rest, { reader: { type: 'string' }, socket: { type: 'string' }, verbose: { type: 'boolean' } }, USAGE);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values.reader === '') throw new UsageError('--reader must not be empty');
  const reader = new PcscCardReader({
    name: 'watch',
    logger: new StreamLogger(values.verbose ? 'debug' : 'info'),
    ...(values.reader === undefined ? {} : { reader: values.reader }),
    ...(values.socket === undefined ? {} : { socketPath: values.socket }),
  });
  const print = (what: string) => console.log(`${new Date().toISOString()} ${what}`);
  reader.subscribe((event) => {
    if (event.kind === 'card') print(`card ${event.uid} ${event.reader}`);
    else print(`${event.kind} ${event.reader}`);
  });
  reader.onNotice((notice) => {
    if (notice.kind === 'card_removed') print(`removed ${notice.reader}`);
  });
  const stopped = untilSignal();
  await reader.open();
  console.log(`watching ${values.reader ? `PC/SC readers matching ${JSON.stringify(values.reader)}` : 'every PC/SC reader'}. Ctrl-C stops.`);
  await stopped;
  await reader.close();
  return 0;
}
