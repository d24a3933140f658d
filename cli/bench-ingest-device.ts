/**
 * A simulated controller for `onecard bench ingest`: a raw device-protocol client over a real
 * WebSocket with its own Ed25519 key. Its journal is built before the clock starts: charge events
 * seq 1..n, hash-chained as a journal writes them, encoded into batches as an uplink sends them.
 * Once started it streams the batches the way the controller's uplink does (at most
 * `inFlightEvents` unacknowledged, batches of `batchEvents`), acknowledges every dataset update
 * with the version it names (as a device applying it would), and is done when the hub has
 * acknowledged its last seq.
 */
import WebSocket from 'ws';
import { ChargeBasis, PROTOCOL_VERSION, pb, type Event } from '../protocol/messages.js';
import { ZERO_HASH, eventHash } from '../protocol/event-chain.js';
import { encodeFrame } from '../protocol/wire.js';
import { loadPrivateKey, signChallenge } from '../protocol/auth.js';
import type { onecard } from '../protocol/gen/onecard.js';

export interface SimDeviceOptions {
  deviceId: string;
  privateKeyPem: string;
  url: string;
  /** Accounts the charges go to, in turn (personal accounts that exist at the hub). */
  accountIds: readonly string[];
  events: number;
  batchEvents: number;
  inFlightEvents: number;
  /** Charged per event, in fen. */
  amountFen: (seq: number) => number;
  /** Device wall time of event 1; each next event is 1 s later. */
  startTimeMs: number;
}

export class SimDevice {
  private ws: WebSocket | null = null;
  private readonly frames: Uint8Array[] = [];
  private readonly lastSeqOf: number[] = [];
  private next = 0;
  private ackedSeq = 0;
  private finished: (() => void) | null = null;
  private failed: ((err: Error) => void) | null = null;
  /** Dataset updates received, by dataset name, and acks received. */
  readonly updatesReceived = new Map<number, number>();
  acksReceived = 0;
  chargedFen = 0;

  constructor(private readonly options: SimDeviceOptions) {}

  get deviceId(): string {
    return this.options.deviceId;
  }

  /** Writes the journal and encodes its batches (not timed). */
  prepare(): void {
    const o = this.options;
    let prevHash: Uint8Array = ZERO_HASH;
    let batch: Event[] = [];
    for (let seq = 1; seq <= o.events; seq++) {
      const amountFen = o.amountFen(seq);
      const event: Event = {
        deviceId: o.deviceId, seq, deviceTimeUnixMs: o.startTimeMs + seq * 1000, pointId: 'shower-1', prevHash, monotonicMs: seq * 1000,
        charge: { cardUid: (0x0c000000 + (seq % 0xffff)).toString(16).toUpperCase() + '01', accountId: o.accountIds[seq % o.accountIds.length]!, amountFen, basis: ChargeBasis.CHARGE_BASIS_TIME, durationMs: 60_000 },
      };
      this.chargedFen += amountFen;
      prevHash = eventHash(pb.Event.encode(event).finish());
      batch.push(event);
      if (batch.length === o.batchEvents || seq === o.events) {
        this.frames.push(encodeFrame({ events: { events: batch } }));
        this.lastSeqOf.push(seq);
        batch = [];
      }
    }
  }

  /** Connects and authenticates; resolves at the welcome, once `initialUpdates` dataset updates came. */
  async connect(initialUpdates: number, timeoutMs: number): Promise<void> {
    const o = this.options;
    const ws = new WebSocket(o.url, { perMessageDeflate: false });
    this.ws = ws;
    let welcomed = false;
    let ready: (() => void) | null = null;
    const send = (envelope: onecard.v1.Envelope.$Properties) => ws.send(encodeFrame(envelope));
    const check = () => {
      const updates = [...this.updatesReceived.values()].reduce((a, b) => a + b, 0);
      if (welcomed && updates >= initialUpdates) ready?.();
    };
    ws.on('message', (data: Buffer) => {
      const env = pb.Envelope.decode(data);
      switch (env.body) {
        case 'challenge':
          send({ auth: { signature: signChallenge(loadPrivateKey(o.privateKeyPem), o.deviceId, env.challenge!.nonce!) } });
          return;
        case 'welcome': {
          welcomed = true;
          this.ackedSeq = Number(env.welcome!.ackedSeq ?? 0);
          // As the uplink does: a heartbeat every interval the hub names, so a long wait for acks is not silence.
          const intervalMs = env.welcome!.heartbeatIntervalMs || 15_000;
          this.heartbeat = setInterval(() => {
            if (ws.readyState === WebSocket.OPEN) send({ heartbeat: { timeUnixMs: Date.now() } });
          }, intervalMs);
          return check();
        }
        case 'datasetUpdate': {
          const u = env.datasetUpdate!;
          this.updatesReceived.set(u.name ?? 0, (this.updatesReceived.get(u.name ?? 0) ?? 0) + 1);
          send({ datasetAck: { name: u.name ?? 0, version: u.version ?? 0 } });
          return check();
        }
        case 'ack':
          this.acksReceived++;
          this.ackedSeq = Math.max(this.ackedSeq, Number(env.ack!.ackedSeq ?? 0));
          if (this.ackedSeq >= o.events) this.finished?.();
          else this.pump();
          return;
        case 'error':
          this.failed?.(new Error(`${o.deviceId}: hub error ${env.error!.code ?? 0}: ${env.error!.message ?? ''}`));
          return;
        default:
          return;
      }
    });
    const closed = new Promise<never>((_, reject) => {
      ws.on('close', (code, reason) => reject(new Error(`${o.deviceId}: connection closed (${code} ${reason.toString()})`)));
      ws.on('error', (err) => reject(new Error(`${o.deviceId}: ${err.message}`)));
    });
    closed.catch(() => undefined);
    await Promise.race([
      new Promise<void>((resolve) => {
        ready = resolve;
        ws.once('open', () => send({ hello: { deviceId: o.deviceId, protocolVersion: PROTOCOL_VERSION, lastSeqWritten: o.events } }));
      }),
      closed,
      timeout(timeoutMs, `${o.deviceId}: not online with its datasets after ${timeoutMs} ms`),
    ]);
    this.closedPromise = closed;
  }

  private closedPromise: Promise<never> = new Promise(() => undefined);
  private heartbeat: NodeJS.Timeout | null = null;

  /** Streams every batch; resolves once the hub acknowledged the last seq. */
  run(timeoutMs: number): Promise<void> {
    const done = new Promise<void>((resolve, reject) => {
      this.finished = resolve;
      this.failed = reject;
    });
    if (this.ackedSeq >= this.options.events) return Promise.resolve();
    this.pump();
    return Promise.race([done, this.closedPromise, timeout(timeoutMs, `${this.options.deviceId}: acked ${this.ackedSeq} of ${this.options.events} events after ${timeoutMs} ms`)]);
  }

  private pump(): void {
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return;
    while (this.next < this.frames.length) {
      // The uplink's window: at most inFlightEvents sent and not yet acknowledged.
      if (this.lastSeqOf[this.next]! - this.ackedSeq > this.options.inFlightEvents) return;
      ws.send(this.frames[this.next]!);
      this.next++;
    }
  }

  async close(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    const ws = this.ws;
    if (!ws || ws.readyState === WebSocket.CLOSED) return;
    const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));
    ws.terminate();
    await closed;
  }
}

function timeout(ms: number, message: string): Promise<never> {
  return new Promise<never>((_, reject) => setTimeout(() => reject(new Error(message)), ms).unref());
}
