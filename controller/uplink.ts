/**
 * The uplink streams the journal to the hub and applies what the hub pushes.
 *
 * Session: hello (device id, last seq written, dataset versions held) -> challenge -> auth (Ed25519
 * signature over the nonce) -> welcome (hub's acked seq). Then durable events stream in order from
 * acked+1, at most `maxInFlightEvents` unacknowledged on the wire; acks are cumulative. Dataset
 * updates are applied and persisted by the policy in the order they arrive, each answered by one
 * ack of the version then held (lower than the update's when it was refused). After any
 * break the uplink reconnects with exponential backoff and jitter and resends from the hub's ack.
 *
 * A chunked snapshot is answered by one ack once its last chunk is applied (none per chunk), or by
 * one ack of the version held when its staging is discarded (controller/policy.ts). While updates
 * are waiting to be applied the socket is not read (TCP holds the hub back), so a snapshot's chunks
 * are never all decoded in memory at once. A break of the link discards what was staged: the hub
 * sends the snapshot from its first chunk in the next session.
 */
import WebSocket from 'ws';
import type { KeyObject } from 'node:crypto';
import { DatasetName, ErrorCode, PROTOCOL_VERSION, pb, errorCodeName, datasetNameText, type Envelope } from '../protocol/messages.js';
import { HUB_TO_DEVICE_LIMITS, decodeFrame, encodeFrame } from '../protocol/wire.js';
import { signChallenge } from '../protocol/auth.js';
import type { onecard } from '../protocol/gen/onecard.js';
import type { Journal } from './journal.js';
import type { DiscardedSnapshot, Policy } from './policy.js';
import type { Logger } from '../lib/log.js';

export interface UplinkOptions {
  url: string;
  deviceId: string;
  privateKey: KeyObject;
  journal: Journal;
  policy: Policy;
  logger: Logger;
  reconnectMinMs: number;
  reconnectMaxMs: number;
  heartbeatIntervalMs: number;
  maxInFlightEvents: number;
  maxEventsPerBatch: number;
  /** CA certificate(s), PEM, to verify a wss hub signed by your own CA. */
  caPem?: string;
  /** Handles a hub command; resolves to a status and detail. */
  onCommand?: (command: onecard.v1.Command.$Properties) => Promise<{ status: onecard.v1.CommandStatus; detail: string }>;
  /** Told the hub's time at each welcome, with our local wall time when hello left and welcome came. */
  onHubTime?: (hubTimeMs: number, helloSentAtMs: number, welcomeAtMs: number) => void;
  random?: () => number;
  now?: () => number;
}

const MAX_PENDING_RESULTS = 100;
/** Dataset updates decoded and waiting to be applied at which the socket stops being read. */
const MAX_WAITING_UPDATES = 2;

export type UplinkState = 'stopped' | 'connecting' | 'authenticating' | 'online' | 'waiting';

export class Uplink {
  private ws: WebSocket | null = null;
  private state_: UplinkState = 'stopped';
  private attempt = 0;
  private sentUpTo = 0;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private heartbeatTimer: NodeJS.Timeout | null = null;
  private lastHeardMs = 0;
  private handshakeTimer: NodeJS.Timeout | null = null;
  /** Results of commands finished while the link was down, sent once online again (bounded). */
  private pendingResults: onecard.v1.CommandResult.$Properties[] = [];
  private helloSentAtMs = 0;
  private unsubscribeDurable: (() => void) | null = null;
  /** Dataset updates handed to the policy and not yet answered. */
  private waitingUpdates = 0;
  private readonly stateListeners = new Set<(s: UplinkState) => void>();
  private readonly random: () => number;
  private readonly now: () => number;

  constructor(private readonly options: UplinkOptions) {
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
  }

  get state(): UplinkState {
    return this.state_;
  }

  start(): void {
    if (this.state_ !== 'stopped') return;
    this.unsubscribeDurable = this.options.journal.onDurable(() => this.pump());
    this.connect();
  }

  async stop(): Promise<void> {
    this.setState('stopped');
    this.clearHandshakeTimer();
    this.unsubscribeDurable?.();
    this.unsubscribeDurable = null;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    this.stopHeartbeat();
    const ws = this.ws;
    this.ws = null;
    if (ws) {
      const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));
      ws.removeAllListeners('message');
      if (ws.readyState === WebSocket.CONNECTING || ws.readyState === WebSocket.OPEN) ws.terminate();
      if (ws.readyState !== WebSocket.CLOSED) await closed;
    }
    this.stateListeners.clear();
  }

  /** Observe state changes. Returns the unsubscribe function. */
  onState(listener: (s: UplinkState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  private setState(state: UplinkState): void {
    if (this.state_ === state) return;
    this.state_ = state;
    for (const l of this.stateListeners) l(state);
  }

  private connect(): void {
    this.setState('connecting');
    const ws = new WebSocket(this.options.url, {
      maxPayload: HUB_TO_DEVICE_LIMITS.maxFrameBytes,
      perMessageDeflate: false,
      handshakeTimeout: 10_000,
      ...(this.options.caPem ? { ca: this.options.caPem } : {}),
    });
    this.ws = ws;
    ws.binaryType = 'nodebuffer';
    ws.on('open', () => {
      this.setState('authenticating');
      this.lastHeardMs = this.now();
      this.helloSentAtMs = this.now();
      // A hub that accepts the socket and never welcomes us (hung, or a half-open path) must not
      // hold the uplink in 'authenticating' for ever.
      this.clearHandshakeTimer();
      this.handshakeTimer = setTimeout(() => {
        this.handshakeTimer = null;
        if (ws !== this.ws || this.state_ !== 'authenticating') return;
        this.options.logger.log('warn', 'uplink.handshake_timeout', { waitedMs: this.handshakeTimeoutMs });
        ws.terminate();
      }, this.handshakeTimeoutMs);
      // Updates still being applied from an earlier session finish first, so hello names what is held.
      void this.options.policy.whenIdle().then(() => {
        if (ws !== this.ws) return;
        this.send({
          hello: {
            deviceId: this.options.deviceId,
            protocolVersion: PROTOCOL_VERSION,
            lastSeqWritten: this.options.journal.lastSeqWritten,
            ackedSeq: this.options.journal.ackedSeq,
            datasets: this.options.policy.heldVersions(),
            softwareVersion: 'onecard/0.1.0',
            maxSnapshotChunks: this.options.policy.maxSnapshotChunks,
          },
        });
      });
    });
    ws.on('message', (data: Buffer, isBinary: boolean) => this.onFrame(data, isBinary));
    ws.on('error', (err) => this.options.logger.log('warn', 'uplink.socket_error', { error: err.message }));
    ws.on('close', (code, reason) => this.onClose(ws, code, reason.toString()));
  }

  private onClose(ws: WebSocket, code: number, reason: string): void {
    if (ws !== this.ws) return;
    this.ws = null;
    this.stopHeartbeat();
    this.clearHandshakeTimer();
    // Staged chunks of this session are of no use to the next: the hub starts the snapshot over.
    void this.options.policy.discardStaging('link_lost', 'the link to the hub broke mid-snapshot').then((discarded) => {
      for (const d of discarded) this.logDiscarded(d);
    }, () => undefined);
    if (this.state_ === 'stopped') return;
    const delayMs = this.backoffMs();
    this.options.logger.log('info', 'uplink.disconnected', { code, reason, retryInMs: delayMs });
    this.setState('waiting');
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.connect();
    }, delayMs);
  }

  /** Exponential backoff with jitter in [50%, 100%] of the step, capped at reconnectMaxMs. */
  private backoffMs(): number {
    const step = Math.min(this.options.reconnectMaxMs, this.options.reconnectMinMs * 2 ** Math.min(this.attempt, 30));
    this.attempt++;
    return Math.round(step * (0.5 + this.random() * 0.5));
  }

  private send(envelope: Envelope): void {
    const ws = this.ws;
    if (ws && ws.readyState === WebSocket.OPEN) ws.send(encodeFrame(envelope));
  }

  private fail(code: ErrorCode, message: string): void {
    this.options.logger.log('error', 'uplink.protocol_error', { code: errorCodeName(code), message });
    this.send({ error: { code, message } });
    this.ws?.close(4000 + code, errorCodeName(code));
  }

  private onFrame(data: Buffer, isBinary: boolean): void {
    this.lastHeardMs = this.now();
    if (!isBinary) return this.fail(ErrorCode.ERROR_CODE_MALFORMED_FRAME, 'text frame');
    const decoded = decodeFrame(data, HUB_TO_DEVICE_LIMITS);
    if (!decoded.ok) return this.fail(decoded.code, decoded.message);
    const env = decoded.envelope;
    const online = this.state_ === 'online';
    switch (env.body) {
      case 'challenge': {
        if (this.state_ !== 'authenticating') return this.fail(ErrorCode.ERROR_CODE_UNEXPECTED_MESSAGE, 'challenge while online');
        const signature = signChallenge(this.options.privateKey, this.options.deviceId, env.challenge!.nonce!);
        this.send({ auth: { signature } });
        return;
      }
      case 'welcome': {
        if (this.state_ !== 'authenticating') return this.fail(ErrorCode.ERROR_CODE_UNEXPECTED_MESSAGE, 'second welcome');
        const w = env.welcome!;
        this.clearHandshakeTimer();
        this.attempt = 0;
        this.options.journal.markAcked(w.ackedSeq ?? 0);
        this.sentUpTo = Math.max(w.ackedSeq ?? 0, this.options.journal.ackedSeq);
        this.options.logger.log('info', 'uplink.online', { ackedSeq: w.ackedSeq ?? 0, lastSeqWritten: this.options.journal.lastSeqWritten });
        this.options.onHubTime?.(w.hubTimeUnixMs ?? 0, this.helloSentAtMs, this.now());
        this.setState('online');
        for (const result of this.pendingResults.splice(0)) this.send({ commandResult: result });
        this.startHeartbeat(w.heartbeatIntervalMs || this.options.heartbeatIntervalMs);
        this.pump();
        return;
      }
      case 'ack':
        if (!online) return this.fail(ErrorCode.ERROR_CODE_UNEXPECTED_MESSAGE, 'ack before welcome');
        this.options.journal.markAcked(env.ack!.ackedSeq ?? 0);
        this.pump();
        return;
      case 'datasetUpdate':
        if (!online) return this.fail(ErrorCode.ERROR_CODE_UNEXPECTED_MESSAGE, 'dataset update before welcome');
        this.applyDataset(env.datasetUpdate!);
        return;
      case 'command':
        if (!online) return this.fail(ErrorCode.ERROR_CODE_UNEXPECTED_MESSAGE, 'command before welcome');
        this.runCommand(env.command!);
        return;
      case 'heartbeat':
        return;
      case 'error': {
        const e = env.error!;
        this.options.logger.log('error', 'uplink.hub_error', { code: errorCodeName(e.code ?? 0), message: e.message ?? '' });
        return;
      }
      default:
        return this.fail(ErrorCode.ERROR_CODE_UNEXPECTED_MESSAGE, `${env.body} is not sent by a hub`);
    }
  }

  /** Sends durable, unsent events while the window allows. */
  private pump(): void {
    if (this.state_ !== 'online') return;
    const { journal, maxInFlightEvents, maxEventsPerBatch } = this.options;
    for (;;) {
      const room = maxInFlightEvents - (this.sentUpTo - journal.ackedSeq);
      if (room <= 0) return;
      const events = journal.durableFrom(this.sentUpTo + 1, Math.min(room, maxEventsPerBatch));
      if (events.length === 0) return;
      this.send({ events: { events } });
      this.sentUpTo = events[events.length - 1]!.seq ?? this.sentUpTo;
    }
  }

  /**
   * Applies an update and answers it with exactly one ack on the same connection: the version now
   * held. For a refused update (or one that could not be persisted) that is the version held before,
   * lower than the update's: the hub takes it as a refusal and sends a full snapshot.
   */
  private applyDataset(update: onecard.v1.DatasetUpdate.$Properties): void {
    const ws = this.ws;
    const name = update.name ?? DatasetName.DATASET_NAME_UNSPECIFIED;
    const dataset = datasetNameText(name);
    const { logger, policy } = this.options;
    const ack = (version: number) => {
      if (ws === this.ws) this.send({ datasetAck: { name, version } });
    };
    const chunked = (update.chunkCount ?? 0) > 1 ? { snapshotId: update.snapshotId ?? 0, chunkIndex: update.chunkIndex ?? 0, chunkCount: update.chunkCount ?? 0 } : {};
    // Backpressure: stop reading while updates wait, so chunks are not all decoded at once.
    this.waitingUpdates++;
    if (ws && this.waitingUpdates >= MAX_WAITING_UPDATES && !ws.isPaused) ws.pause();
    policy.apply(update).then(
      (result) => {
        // A snapshot being staged that this update ended is answered first (it came first).
        if (result.discarded) {
          this.logDiscarded(result.discarded);
          ack(result.discarded.held);
        }
        if (!result.ok) {
          logger.log('error', 'uplink.dataset_refused', { dataset, version: update.version ?? 0, reason: result.message, ...(result.code ? { code: result.code } : {}), ...chunked });
          return ack(policy.version(name));
        }
        if ('pending' in result) {
          logger.log('debug', result.pending.staged ? 'uplink.snapshot_chunk_staged' : 'uplink.snapshot_chunk_dropped', { dataset, version: result.pending.version, ...chunked });
          return;
        }
        logger.log('info', 'uplink.dataset_applied', { dataset, version: result.version, ...(update.chunkCount && update.chunkCount > 1 ? { snapshotId: update.snapshotId ?? 0, chunks: update.chunkCount } : {}) });
        ack(result.version);
      },
      (err: Error) => {
        logger.log('error', 'uplink.dataset_persist_failed', { dataset, error: err.message });
        ack(policy.version(name));
      },
    ).finally(() => {
      this.waitingUpdates--;
      if (ws && ws === this.ws && ws.isPaused && this.waitingUpdates < MAX_WAITING_UPDATES) {
        this.lastHeardMs = this.now();
        ws.resume();
      }
    });
  }

  private logDiscarded(d: DiscardedSnapshot): void {
    this.options.logger.log('warn', 'uplink.snapshot_discarded', {
      dataset: datasetNameText(d.name), version: d.version, held: d.held, snapshotId: d.snapshotId, stagedChunks: d.stagedChunks, chunkCount: d.chunkCount, code: d.code, reason: d.message,
    });
  }

  private runCommand(command: onecard.v1.Command.$Properties): void {
    const handler = this.options.onCommand;
    const commandId = command.commandId ?? '';
    if (!handler) {
      this.sendResult({ commandId, status: pb.CommandStatus.COMMAND_STATUS_UNSUPPORTED, detail: 'this device runs no commands' });
      return;
    }
    handler(command).then(
      (r) => this.sendResult({ commandId, status: r.status, detail: r.detail }),
      (err: Error) => this.sendResult({ commandId, status: pb.CommandStatus.COMMAND_STATUS_FAILED, detail: err.message }),
    );
  }

  /** From socket open to welcome: three heartbeat intervals, at least 1 s. */
  private get handshakeTimeoutMs(): number {
    return Math.max(1000, 3 * this.options.heartbeatIntervalMs);
  }

  private clearHandshakeTimer(): void {
    if (this.handshakeTimer) clearTimeout(this.handshakeTimer);
    this.handshakeTimer = null;
  }

  /** A command result goes out only in an authenticated session; until then it waits. */
  private sendResult(result: onecard.v1.CommandResult.$Properties): void {
    if (this.state_ === 'online') {
      this.send({ commandResult: result });
      return;
    }
    if (this.pendingResults.length >= MAX_PENDING_RESULTS) this.pendingResults.shift();
    this.pendingResults.push(result);
  }

  private startHeartbeat(intervalMs: number): void {
    this.stopHeartbeat();
    this.heartbeatTimer = setInterval(() => {
      if (this.now() - this.lastHeardMs > 3 * intervalMs) {
        this.options.logger.log('warn', 'uplink.hub_silent', { silentMs: this.now() - this.lastHeardMs });
        this.ws?.terminate();
        return;
      }
      this.send({ heartbeat: { timeUnixMs: this.now() } });
    }, intervalMs);
  }

  private stopHeartbeat(): void {
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = null;
  }
}
