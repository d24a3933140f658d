/**
 * Child process of the shower crash test (shower-crash.test.ts): runs a shower point (the test rig:
 * real journal and state file on DIR, emulated valve and flow sensor, manual clock) and showers in
 * a loop as fast as the disk allows, printing
 *
 *   ready                      once the point has started (and settled what it found)
 *   open <sessionId>           once the valve is open
 *   closed <sessionId> <fen>   once the session is closed and its state record written
 *
 * until it is killed (SIGKILL) or MAX_RUN_MS pass. Writes to a pipe are synchronous on Linux, so a
 * line printed is a line the parent reads.
 *
 * usage: node --import tsx controller/points/shower-crash-child.ts DIR SEED
 */
import { seededRandom } from '../journal/fuzz.js';
import { CARD, durable, makeRig } from './shower-test-rig.js';

const MAX_RUN_MS = 30_000;
const [dir, seedText] = process.argv.slice(2);
if (!dir || !seedText) {
  process.stderr.write('usage: shower-crash-child.ts DIR SEED\n');
  process.exit(2);
}
const random = seededRandom(Number(seedText));
const rig = await makeRig(dir, { balanceFen: 100_000_000, dailyLimitFen: 100_000_000 });
process.stdout.write('ready\n');
setTimeout(() => process.exit(0), MAX_RUN_MS).unref();

for (;;) {
  await rig.tap(CARD);
  const session = rig.point.status().session;
  if (!session || !rig.valveOpen()) throw new Error('the valve did not open');
  process.stdout.write(`open ${session.sessionId}\n`);
  for (let step = Math.floor(random() * 4); step > 0; step--) {
    rig.pulse(Math.floor(random() * 400));
    await rig.advance(Math.floor(random() * 6_000));
  }
  await rig.tap(CARD);
  await durable(rig.journal);
  const openSeq = Number(session.sessionId.split('-').pop());
  const charge = rig.journal.durableFrom(openSeq, 1_000).find((e) => e.charge?.sessionId === session.sessionId);
  process.stdout.write(`closed ${session.sessionId} ${Number(charge?.charge?.amountFen ?? -1)}\n`);
}
