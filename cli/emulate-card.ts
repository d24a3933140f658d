/**
 * `onecard emulate card --uid HEX [--vpcd HOST:PORT]`: a virtual contactless card on the vsmartcard
 * vpcd reader of pcscd, so the real PC/SC stack (and `onecard reader watch`, and a controller with a
 * pcsc reader) sees a card. Commands on standard input: `remove`, `present`, `uid HEX`.
 */
import { createInterface } from 'node:readline';
import { StreamLogger } from '../lib/log.js';
import { VPCD_DEFAULT_HOST, VPCD_DEFAULT_PORT, VirtualCard, isVirtualCardUid } from '../emulators/vpcd-card.js';
import { UsageError, hostPort, parse } from './args.js';

const USAGE = `usage: onecard emulate card --uid HEX [--vpcd HOST:PORT] [--verbose]

  --uid      the card's UID, 4 to 10 bytes of hex (e.g. 04A1B2C3D4E5F6)
  --vpcd     where vpcd waits for a card (default ${VPCD_DEFAULT_HOST}:${VPCD_DEFAULT_PORT}, the reader
             "Virtual PCD 00 00"; port ${VPCD_DEFAULT_PORT + 1} is "Virtual PCD 00 01")

The card is presented at once. Then, one command a line on standard input:
  remove     take the card off the reader
  present    put it back
  uid HEX    swap it for a card with another UID (presented if the old one was)
It stops on Ctrl-C or at the end of input. Needs pcscd with vsmartcard-vpcd (scripts/install-system-deps.sh).`;

/**
 * pcscd polls the virtual reader a few times a second and only reports a change it sees: a card
 * swapped faster than one poll would look like the same card staying. `uid` waits this long between.
 */
const SWAP_GAP_MS = 1000;

export async function run(args: string[]): Promise<number> {
  const rest = args[0] === 'card' ? args.slice(1) : args;
  const { values } = parse(rest, { uid: { type: 'string' }, vpcd: { type: 'string' }, verbose: { type: 'boolean' } }, USAGE);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.uid) throw new UsageError(`--uid is required\n\n${USAGE}`);
  const uid = values.uid.toUpperCase();
  if (!isVirtualCardUid(uid)) throw new UsageError(`--uid must be 4 to 10 bytes of hex, got ${JSON.stringify(values.uid)}`);
  const { host, port } = values.vpcd ? hostPort(values.vpcd, 'vpcd') : { host: VPCD_DEFAULT_HOST, port: VPCD_DEFAULT_PORT };
  const card = new VirtualCard({ uid, host, port, logger: new StreamLogger(values.verbose ? 'debug' : 'info') });

  const first = await card.present();
  if (!first.ok) {
    console.error(`onecard emulate card: ${first.message}`);
    return 1;
  }
  console.log(`card ${card.uid} presented to vpcd ${host}:${port}. Commands: remove, present, uid HEX. Ctrl-C stops.`);

  const lines = createInterface({ input: process.stdin });
  let queue = Promise.resolve();
  lines.on('line', (line) => {
    queue = queue.then(() => command(card, line.trim()));
  });
  await untilSignalOrEnd(lines);
  lines.close();
  await queue;
  await card.remove();
  console.log(`card ${card.uid} removed; ${card.apdus.length} APDU(s) answered`);
  return 0;
}

async function command(card: VirtualCard, line: string): Promise<void> {
  const [verb, arg, ...extra] = line.split(/\s+/).filter(Boolean);
  if (!verb) return;
  if (verb === 'remove' && !arg) {
    await card.remove();
    console.log(`removed ${card.uid}`);
  } else if (verb === 'present' && !arg) {
    if (card.isPresented) return void console.log(`${card.uid} is already presented`);
    const result = await card.present();
    console.log(result.ok ? `presented ${card.uid}` : `cannot present ${card.uid}: ${result.message}`);
  } else if (verb === 'uid' && arg && extra.length === 0) {
    if (!isVirtualCardUid(arg.toUpperCase())) return void console.error(`uid: ${JSON.stringify(arg)} is not 4 to 10 bytes of hex`);
    const wasPresented = card.isPresented;
    await card.remove();
    card.setUid(arg);
    if (!wasPresented) return void console.log(`card is now ${card.uid} (not presented)`);
    await new Promise((r) => setTimeout(r, SWAP_GAP_MS));
    const result = await card.present();
    console.log(result.ok ? `presented ${card.uid}` : `cannot present ${card.uid}: ${result.message}`);
  } else {
    console.error(`unknown command ${JSON.stringify(line)}: use remove, present or uid HEX`);
  }
}

/** Resolves on SIGINT, SIGTERM or the end of standard input, and removes its signal handlers. */
function untilSignalOrEnd(lines: ReturnType<typeof createInterface>): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    process.on('SIGINT', done);
    process.on('SIGTERM', done);
    lines.once('close', done);
  });
}
