/**
 * Child process of the crash harness (cli/crash-harness.ts: the crash test and 'onecard bench crash'): runs a Journal on DIR and appends
 * events as fast as durability allows, from APPENDERS concurrent loops, alternating charges and
 * access events, each with a card UID unique to this run and counter. It prints
 *
 *   ready <lastSeqWritten>                      once the journal has started (tail cut, alarm durable)
 *   ok <seq> <charge|access> <uid> <amountFen>  as soon as that event's `durable` promise resolves
 *
 * and runs until it is killed (the parent sends SIGKILL), its stdin closes, or MAX_RUN_MS pass.
 * Writes to a pipe are synchronous on Linux, so a line printed is a line the parent will read.
 *
 * usage: node --import tsx cli/crash-child.ts DIR DEVICE_ID RUN SEGMENT_MAX_BYTES
 */
import { Journal } from '../controller/journal.js';
import { StreamLogger } from '../lib/log.js';
import { CRASH_ACCOUNT as ACCOUNT } from './crash-harness.js';

const APPENDERS = 4;

const MAX_RUN_MS = 30_000;

const [dir, deviceId, runText, segmentText] = process.argv.slice(2);
if (!dir || !deviceId || !runText || !segmentText) {
  process.stderr.write('usage: journal-crash-child.ts DIR DEVICE_ID RUN SEGMENT_MAX_BYTES\n');
  process.exit(2);
}
const run = Number(runText);

const journal = new Journal({ dir, deviceId, logger: new StreamLogger('warn'), segmentMaxBytes: Number(segmentText) });
await journal.start();
process.stdout.write(`ready ${journal.lastSeqWritten}\n`);
setTimeout(() => process.exit(0), MAX_RUN_MS).unref();
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();

let counter = 0;
/** Upper-case hex, 14 digits: run (2) and counter (12), unique across runs. */
const uid = (n: number) => run.toString(16).padStart(2, '0').toUpperCase() + n.toString(16).padStart(12, '0').toUpperCase();

async function appender(): Promise<void> {
  for (;;) {
    const n = ++counter;
    const cardUid = uid(n);
    const isCharge = n % 2 === 1;
    const r = journal.append(isCharge
      ? { pointId: 'shower-1', charge: { cardUid, accountId: ACCOUNT, amountFen: n } }
      : { pointId: 'door-a', access: { cardUid, granted: true, reason: 1 } });
    if (!r.ok) {
      process.stdout.write(`refused ${r.reason}\n`);
      await new Promise((resolve) => setTimeout(resolve, 10));
      continue;
    }
    await r.durable;
    process.stdout.write(`ok ${r.seq} ${isCharge ? 'charge' : 'access'} ${cardUid} ${isCharge ? n : 0}\n`);
  }
}

await Promise.all(Array.from({ length: APPENDERS }, () => appender()));
