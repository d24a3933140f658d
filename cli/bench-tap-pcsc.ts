/**
 * `onecard bench tap --reader pcsc`: taps through the real PC/SC stack. The project's virtual card
 * connects to pcscd's vpcd reader; nfc-pcsc (in the reader's worker process) reads the UID; a real
 * door point (real policy, real fsynced journal, emulated relay) decides. Two figures:
 *
 * - the project's own share: from the card event as received in the controller process to the relay
 *   driven (goal: p99 under 5 ms);
 * - the whole path: from the card presented to the relay driven. It includes pcscd's polling: pcscd
 *   asks a reader without card-change interrupts (like vpcd) a few times a second, so a card waits
 *   up to one polling interval before anyone knows it is there. Real USB CCID readers notify at once.
 *
 * Each sample waits for pcscd to see the card leave before the next one, so a sample costs about
 * two polling intervals.
 */
import { DoorPoint } from '../controller/points/door.js';
import { Journal } from '../controller/journal.js';
import { Policy } from '../controller/policy.js';
import { PcscCardReader } from '../controller/drivers/pcsc-reader.js';
import { EmulatedRelay } from '../emulators/relay.js';
import { VirtualCard } from '../emulators/vpcd-card.js';
import { DatasetName } from '../protocol/messages.js';
import type { Logger } from '../lib/log.js';

export interface PcscTapBenchOptions {
  samples: number;
  cardCount: number;
  blacklistCount: number;
  dir: string;
  vpcd: { host: string; port: number };
  /** The PC/SC name of the vpcd reader the card connects to. */
  readerName: string;
  logger: Logger;
  /** Longest wait for one step (attach, a grant, a removal) before the bench gives up. */
  stepTimeoutMs?: number;
}

export interface Percentiles {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface PcscTapBenchResult {
  samples: number;
  /** Card event received in the controller process -> relay driven. */
  own: Percentiles;
  /** Card presented to vpcd -> relay driven (includes pcscd's polling). */
  wholePath: Percentiles;
  /** UID read in the worker -> card event in the controller (the IPC hop, across two clocks). */
  ipc: Percentiles;
  totalSeconds: number;
}

export async function benchTapPcsc(opts: PcscTapBenchOptions): Promise<PcscTapBenchResult> {
  const stepTimeoutMs = opts.stepTimeoutMs ?? 15_000;
  const { logger } = opts;
  const journal = new Journal({ dir: opts.dir, deviceId: 'bench-pcsc', logger, maxUnackedEvents: Math.max(opts.samples + 1000, 100_000) });
  const policy = new Policy({ dir: null, logger });
  const uid = (i: number) => (0x04000000 + i).toString(16).toUpperCase().padStart(8, '0') + '9000';
  await policy.apply({ name: DatasetName.DATASET_NAME_CARDS, version: 1, fullSnapshot: true, cards: { upsert: Array.from({ length: opts.cardCount }, (_, i) => ({ cardUid: uid(i), personId: `P${i}` })) } });
  await policy.apply({ name: DatasetName.DATASET_NAME_BLACKLIST, version: 1, fullSnapshot: true, blacklist: { addCardUids: Array.from({ length: opts.blacklistCount }, (_, i) => uid(opts.cardCount - 1 - i)) } });
  const granted = Math.max(1, opts.cardCount - opts.blacklistCount);

  const reader = new PcscCardReader({ name: 'bench/reader', logger, reader: opts.readerName });
  const relay = new EmulatedRelay('bench/relay', 16);
  const card = new VirtualCard({ uid: uid(0), host: opts.vpcd.host, port: opts.vpcd.port, logger });
  let attached = false;
  let cardEventAtMs = -1;
  let removals = 0;
  const ipc: number[] = [];
  // Subscribed before the door, so this listener runs first: its time is the event's arrival.
  reader.subscribe((e) => {
    if (e.kind === 'card') cardEventAtMs = performance.now();
    if (e.kind === 'attach' && e.reader === opts.readerName) attached = true;
  });
  reader.onNotice((n) => {
    if (n.kind === 'card_removed') removals++;
    if (n.kind === 'card_read') ipc.push(n.receivedEpochMs - n.workerEpochMs);
  });
  const door = new DoorPoint({ id: 'bench-door', reader, relay, policy, journal, logger, openDurationMs: 100 });
  const own: number[] = [];
  const whole: number[] = [];
  await journal.start();
  const started = performance.now();
  try {
    await door.start();
    await until(() => attached, stepTimeoutMs, `reader ${JSON.stringify(opts.readerName)} did not attach: is pcscd running with vsmartcard-vpcd?`);
    for (let i = 0; i < opts.samples; i++) {
      card.setUid(uid((i * 7919) % granted)); // a different granted card each time
      const grant = nextGrant(relay, stepTimeoutMs);
      const presentedAtMs = performance.now();
      const presented = await card.present();
      if (!presented.ok) throw new Error(presented.message);
      const relayAtMs = await grant;
      if (cardEventAtMs < presentedAtMs) throw new Error(`sample ${i}: the relay moved without a card event`);
      own.push(relayAtMs - cardEventAtMs);
      whole.push(relayAtMs - presentedAtMs);
      const removalsBefore = removals;
      await card.remove();
      await until(() => removals > removalsBefore, stepTimeoutMs, `sample ${i}: pcscd did not see the card leave`);
    }
  } finally {
    await card.remove();
    await door.stop();
    await journal.stop();
  }
  return { samples: own.length, own: percentiles(own), wholePath: percentiles(whole), ipc: percentiles(ipc), totalSeconds: (performance.now() - started) / 1000 };
}

/** Resolves with the time the relay is next energised. */
function nextGrant(relay: EmulatedRelay, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no grant within ${timeoutMs} ms of presenting the card`));
    }, timeoutMs);
    const off = relay.watch((energised) => {
      if (!energised) return;
      off();
      clearTimeout(timer);
      resolve(relay.calls[relay.calls.length - 1]!.atMs);
    });
  });
}

async function until(check: () => boolean, timeoutMs: number, failure: string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > deadline) throw new Error(failure);
    await new Promise((r) => setTimeout(r, 2));
  }
}

function percentiles(values: number[]): Percentiles {
  if (values.length === 0) return { p50Ms: NaN, p99Ms: NaN, maxMs: NaN };
  const sorted = Float64Array.from(values).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { p50Ms: at(0.5), p99Ms: at(0.99), maxMs: sorted[sorted.length - 1]! };
}
