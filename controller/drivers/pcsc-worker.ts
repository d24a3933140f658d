/**
 * The PC/SC worker: a child process (forked by `PcscCardReader`) that runs nfc-pcsc, so nothing it
 * does can block the controller's event loop. nfc-pcsc's `new NFC()` spins synchronously while
 * pcscd is not reachable; the worker therefore probes pcscd's socket first, retrying with backoff,
 * and the parent's heartbeat watchdog kills the worker if it blocks anyway (pcscd gone between the
 * probe and the constructor, or a socket that accepts but never answers).
 *
 * Argument 2 is the `PcscWorkerConfig` as JSON. Messages: see `pcsc-protocol.ts`. The worker exits
 * on a `stop` message, when the parent goes away, and when pcscd is lost (the parent restarts it).
 */
import { createConnection } from 'node:net';
import {
  GET_UID_APDU, GET_UID_MAX_RESPONSE_BYTES, backoffMs, matchesReader, uidFromResponse,
  type ParentMessage, type PcscWorkerConfig, type UidAnswer, type WorkerMessage,
} from './pcsc-protocol.js';

/** The parts of nfc-pcsc's (untyped) Reader this worker uses. */
interface NfcReader {
  readonly name: string;
  autoProcessing: boolean;
  card: object | null;
  on(event: 'card' | 'card.off' | 'end', listener: () => void): void;
  on(event: 'error', listener: (err: Error) => void): void;
  transmit(data: Buffer, maxResponseBytes: number): Promise<Buffer>;
  close(): void;
}
interface Nfc {
  on(event: 'reader', listener: (reader: NfcReader) => void): void;
  on(event: 'error', listener: (err: Error) => void): void;
}
type NfcConstructor = new () => Nfc;

const config = JSON.parse(process.argv[2] ?? '{}') as PcscWorkerConfig;
const attached = new Set<string>();

function send(message: WorkerMessage): void {
  if (process.connected) process.send?.(message);
}

function exit(code: number): never {
  process.exit(code);
}

/** Sends the last messages, then exits once the channel took them (or after 1 s at most). */
function sendThenExit(messages: WorkerMessage[], code: number): void {
  setTimeout(() => exit(code), 1000).unref();
  if (!process.connected || !process.send) exit(code);
  let left = messages.length;
  if (left === 0) exit(code);
  for (const m of messages) process.send(m, undefined, {}, () => --left === 0 && exit(code));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function describe(err: unknown): string {
  const e = err as Error & { previous?: Error };
  return e.previous ? `${e.message}: ${e.previous.message}` : String(e?.message ?? err);
}

async function loadNfc(): Promise<NfcConstructor | string> {
  try {
    const mod = (await import(config.nfcModule)) as { NFC?: NfcConstructor; default?: { NFC?: NfcConstructor } };
    const NFC = mod.NFC ?? mod.default?.NFC;
    return NFC ?? 'the module has no NFC export';
  } catch (err) {
    return (err as Error).message;
  }
}

/** Connects to pcscd's socket and hangs up at once: is anyone listening? */
function probe(path: string, timeoutMs: number): Promise<{ ok: true } | { ok: false; message: string }> {
  return new Promise((resolve) => {
    const socket = createConnection({ path });
    const timer = setTimeout(() => done({ ok: false, message: `no answer from ${path} within ${timeoutMs} ms` }), timeoutMs);
    const done = (result: { ok: true } | { ok: false; message: string }) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    socket.once('connect', () => done({ ok: true }));
    socket.once('error', (err: NodeJS.ErrnoException) =>
      done({ ok: false, message: err.code === 'ENOENT' ? `${path} does not exist (pcscd is not running)` : `${path}: ${err.code ?? err.message} (pcscd is not accepting connections)` }));
  });
}

async function readUid(reader: NfcReader): Promise<UidAnswer> {
  try {
    return uidFromResponse(await reader.transmit(GET_UID_APDU, GET_UID_MAX_RESPONSE_BYTES));
  } catch (err) {
    return { ok: false, message: describe(err) };
  }
}

/** Reads the UID of the card just presented, with at most `maxReadAttempts` tries while it stays. */
async function onCard(reader: NfcReader): Promise<void> {
  let last: UidAnswer = { ok: false, message: 'not read' };
  let attempts = 0;
  while (attempts < config.maxReadAttempts) {
    attempts++;
    last = await readUid(reader);
    if (last.ok) {
      send({ type: 'card', reader: reader.name, uid: last.uid, atEpochMs: performance.timeOrigin + performance.now() });
      return;
    }
    if (reader.card === null) break; // the card left the field: nothing to retry
    if (attempts < config.maxReadAttempts) await sleep(config.readRetryDelayMs);
  }
  const gone = reader.card === null ? ' (the card left the field)' : '';
  send({ type: 'problem', problem: { error: 'read_failed', reader: reader.name, message: last.ok ? '' : last.message + gone, attempts } });
}

function onReader(reader: NfcReader): void {
  if (!matchesReader(reader.name, config.reader)) {
    reader.on('error', () => {}); // nfc-pcsc re-emits the native reader's errors: never let one throw
    reader.close();
    send({ type: 'reader_ignored', reader: reader.name });
    return;
  }
  reader.autoProcessing = false; // this worker reads the UID itself, for every card type
  attached.add(reader.name);
  send({ type: 'attach', reader: reader.name });
  reader.on('card', () => void onCard(reader));
  reader.on('card.off', () => send({ type: 'card_removed', reader: reader.name }));
  reader.on('error', (err) => send({ type: 'problem', problem: { error: 'reader_error', reader: reader.name, message: describe(err) } }));
  reader.on('end', () => {
    attached.delete(reader.name);
    send({ type: 'detach', reader: reader.name, reason: 'the reader was removed' });
  });
}

async function main(): Promise<void> {
  process.on('message', (message: ParentMessage) => {
    if (message.type === 'stop') exit(0);
  });
  process.on('disconnect', () => exit(0)); // the controller went away
  setInterval(() => send({ type: 'heartbeat' }), config.heartbeatIntervalMs);

  const NFC = await loadNfc();
  if (typeof NFC === 'string') {
    const message = `cannot load ${config.nfcModule} (${NFC}). nfc-pcsc is an optional dependency with a native part, @pokusew/pcsclite, ` +
      'which needs the Debian package libpcsclite-dev (apt-get install libpcsclite-dev pcscd) and then `npm rebuild nfc-pcsc`';
    sendThenExit([{ type: 'problem', problem: { error: 'module_unavailable', message } }], 2);
    return;
  }
  send({ type: 'ready' });

  for (let attempt = 0; ; attempt++) {
    const result = await probe(config.socketPath, config.probeTimeoutMs);
    if (result.ok) break;
    const retryInMs = backoffMs(attempt, config.retryMinMs, config.retryMaxMs);
    send({ type: 'problem', problem: { error: 'pcscd_unavailable', message: result.message, attempt: attempt + 1, retryInMs } });
    await sleep(retryInMs);
  }
  send({ type: 'pcscd_available', socketPath: config.socketPath });

  process.env.PCSCLITE_CSOCK_NAME = config.socketPath;
  const nfc = new NFC(); // blocks while pcscd is unreachable: the parent's watchdog covers that window
  nfc.on('reader', onReader);
  nfc.on('error', (err) => {
    const detaches = [...attached].map((reader): WorkerMessage => ({ type: 'detach', reader, reason: 'pcscd stopped answering' }));
    sendThenExit([{ type: 'problem', problem: { error: 'pcscd_lost', message: describe(err) } }, ...detaches], 3);
  });
}

void main();
