/**
 * What the PC/SC worker process (`pcsc-worker.ts`) and the controller-side `PcscCardReader` say to
 * each other over the child-process IPC channel, and the pure pieces both use: reader name
 * matching, the UID answer check and the retry backoff.
 */

/** The PC/SC GET DATA command for the card's UID (PC/SC part 3), answered by the reader itself. */
export const GET_UID_APDU = Buffer.from([0xff, 0xca, 0x00, 0x00, 0x00]);
/** Room for a 10-byte UID and the status word, with margin. */
export const GET_UID_MAX_RESPONSE_BYTES = 40;

export const DEFAULT_PCSCD_SOCKET = '/run/pcscd/pcscd.comm';

export interface PcscWorkerConfig {
  /** The module to load: `nfc-pcsc`, or a patched fork with the same API. */
  nfcModule: string;
  /** pcscd's socket; the worker probes it before creating `NFC` and sets PCSCLITE_CSOCK_NAME to it. */
  socketPath: string;
  /** Reader to use: an exact name or a case-insensitive substring; null for every reader. */
  reader: string | null;
  heartbeatIntervalMs: number;
  probeTimeoutMs: number;
  retryMinMs: number;
  retryMaxMs: number;
  /** UID reads per presentation before it is given up (1 = no retry). */
  maxReadAttempts: number;
  readRetryDelayMs: number;
}

/** Operating conditions, each a typed value the controller logs and exposes. */
export type PcscProblem =
  | { error: 'module_unavailable'; message: string }
  | { error: 'pcscd_unavailable'; message: string; attempt: number; retryInMs: number }
  | { error: 'pcscd_lost'; message: string }
  | { error: 'worker_exited'; message: string; retryInMs: number }
  | { error: 'worker_unresponsive'; message: string }
  | { error: 'worker_start_failed'; message: string; retryInMs: number }
  | { error: 'reader_error'; reader: string; message: string }
  | { error: 'read_failed'; reader: string; message: string; attempts: number };

export type WorkerMessage =
  | { type: 'heartbeat' }
  /** nfc-pcsc was loaded; the worker now waits for pcscd. */
  | { type: 'ready' }
  | { type: 'pcscd_available'; socketPath: string }
  | { type: 'attach'; reader: string }
  | { type: 'detach'; reader: string; reason: string }
  /** `atEpochMs`: performance.timeOrigin + performance.now() in the worker when the UID was read. */
  | { type: 'card'; reader: string; uid: string; atEpochMs: number }
  | { type: 'card_removed'; reader: string }
  | { type: 'reader_ignored'; reader: string }
  | { type: 'problem'; problem: PcscProblem };

export type ParentMessage = { type: 'stop' };

/** True when a reader called `name` is to be used under the `wanted` option (exact or substring). */
export function matchesReader(name: string, wanted: string | null): boolean {
  if (wanted === null || wanted === '') return true;
  return name === wanted || name.toLowerCase().includes(wanted.toLowerCase());
}

export type UidAnswer = { ok: true; uid: string } | { ok: false; message: string };

/** Checks the answer to `FF CA 00 00 00`: 4 to 10 UID bytes then `90 00`. */
export function uidFromResponse(response: Buffer): UidAnswer {
  if (response.length < 2) return { ok: false, message: `answer of ${response.length} bytes, expected the UID and a status word (the card left the field?)` };
  const sw = response.readUInt16BE(response.length - 2);
  if (sw !== 0x9000) return { ok: false, message: `status word ${sw.toString(16).toUpperCase().padStart(4, '0')} instead of 9000` };
  const uid = response.subarray(0, response.length - 2);
  if (uid.length < 4 || uid.length > 10) return { ok: false, message: `UID of ${uid.length} bytes, expected 4 to 10` };
  return { ok: true, uid: uid.toString('hex').toUpperCase() };
}

/** Delay before retry number `attempt` (0-based): doubling from minMs, capped at maxMs. */
export function backoffMs(attempt: number, minMs: number, maxMs: number): number {
  return Math.min(maxMs, minMs * 2 ** Math.min(attempt, 30));
}

export function isWorkerMessage(value: unknown): value is WorkerMessage {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}
