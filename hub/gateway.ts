/**
 * The device gateway: a WebSocket endpoint (`/v1/device`) where controllers authenticate and stream
 * their journals.
 *
 * Per connection: hello -> challenge (32 random bytes) -> auth (Ed25519 signature checked against
 * the registered public key) -> welcome (the hub's acked seq for the device). Nothing is written for
 * a connection that has not authenticated. A malformed, oversized or unexpected frame, a failed
 * authentication or a silent peer ends that connection with an Error frame carrying a code from the
 * catalogue (docs/errors.md), a close code of 4000 + that code, and one log record; other devices
 * are not affected.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { ErrorCode, PROTOCOL_VERSION, errorCodeName, type Envelope } from '../protocol/messages.js';
import { DEVICE_TO_HUB_LIMITS, NONCE_BYTES, decodeFrame, encodeFrame } from '../protocol/wire.js';
import { parsePublicKey, verifyChallenge } from '../protocol/auth.js';
import type { onecard } from '../protocol/gen/onecard.js';
import type { DeviceStore } from './devices.js';
import type { EventStore } from './events.js';
import type { CommandStore } from './commands.js';
import { DatasetFeed, DeviceDatasets } from './dataset-sync.js';
import { FramePacer, MAX_BUFFERED_DATASET_BYTES } from './frame-pacer.js';
import type { DatasetState } from './dataset-log.js';
import { datasetKeyOf, type DatasetKey, type DatasetReader } from './datasets.js';
import type { Logger } from '../lib/log.js';

export const DEVICE_PATH = '/v1/device';
const MAX_PAYLOAD_SLACK_BYTES = 64 * 1024;
/** Frames of one session waiting even though its socket is paused: beyond this it is cut off. */
const HARD_MAX_QUEUED_FRAMES = 20_000;
/** Most events of waiting frames stored in one transaction. */
const MAX_MERGED_EVENTS = 1024;

export interface GatewayOptions {
  devices: DeviceStore;
  events: EventStore;
  datasets: DatasetReader;
  commands: CommandStore;
  logger: Logger;
  now: () => number;
  /** Time allowed from connection to a verified auth. */
  authTimeoutMs?: number;
  /** Heartbeat interval told to devices; a session silent for 3 intervals is closed. */
  heartbeatIntervalMs?: number;
  /** Frames of one session waiting to be processed at which the hub stops reading its socket (default 64). */
  maxQueuedFrames?: number;
  /**
   * Shortest time between two pushes of the balances dataset caused by device charges (default
   * 250 ms). A charge batch pushes at once when none went out for that long; batches arriving
   * sooner share one push at the end of the interval, so a busy hub pushes balances a few times a
   * second instead of once per batch to every device.
   */
  balancesPushIntervalMs?: number;
  /**
   * Bytes a session's socket may hold unsent before its dataset frames wait at the hub (default
   * 1 MiB; see hub/frame-pacer.ts): a snapshot's chunks go out as a slow device reads them.
   */
  maxBufferedDatasetBytes?: number;
}

export class Gateway {
  private wss: WebSocketServer | null = null;
  private readonly sessions = new Map<string, Session>();
  private readonly all = new Set<Session>();
  /** @internal dataset updates shared by every session. */
  readonly feed: DatasetFeed;
  private balancesTimer: NodeJS.Timeout | null = null;
  private lastBalancesPushAtMs = -Infinity;

  constructor(readonly options: GatewayOptions) {
    this.feed = new DatasetFeed(options.datasets);
  }

  start(): void {
    this.wss = new WebSocketServer({
      noServer: true,
      // Slack above the frame limit: a frame just over it reaches decodeFrame and gets a proper
      // Error frame (frame_too_large, close 4002); ws itself cuts off anything far larger (1009).
      maxPayload: DEVICE_TO_HUB_LIMITS.maxFrameBytes + MAX_PAYLOAD_SLACK_BYTES,
      perMessageDeflate: false,
    });
  }

  async stop(): Promise<void> {
    if (this.balancesTimer) clearTimeout(this.balancesTimer);
    this.balancesTimer = null;
    for (const s of [...this.all]) s.close(ErrorCode.ERROR_CODE_UNSPECIFIED, 'hub stopping', false);
    this.all.clear();
    this.sessions.clear();
    const wss = this.wss;
    this.wss = null;
    if (wss) await new Promise<void>((resolve) => wss.close(() => resolve()));
  }

  /** Hands an HTTP upgrade on DEVICE_PATH to the gateway. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const wss = this.wss;
    if (!wss) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const session = new Session(this, ws, req.socket.remoteAddress ?? 'unknown');
      this.all.add(session);
      session.begin();
    });
  }

  /**
   * Sends a device every command waiting for it (unexpired, unanswered), if it is online; called
   * when a command is created and when the device authenticates. The device runs each id once, so a
   * resend is harmless.
   */
  async sendCommands(deviceId: string): Promise<void> {
    const session = this.sessions.get(deviceId);
    if (!session) return;
    for (const { commandId, envelope } of await this.options.commands.deliverable(deviceId)) {
      if (!session.sendCommand(envelope)) return;
      await this.options.commands.markSent(commandId);
      this.options.logger.log('info', 'gateway.command_sent', { deviceId, commandId });
    }
  }

  /** Ends the session of a device whose key was just revoked. */
  disconnect(deviceId: string, message: string): void {
    this.sessions.get(deviceId)?.close(ErrorCode.ERROR_CODE_AUTH_FAILED, message);
  }

  /**
   * @internal for tests: what the session of a device holds unsent on its socket, its dataset
   * frames waiting at the hub, and the most its socket held right after a dataset frame was sent.
   */
  datasetPacing(deviceId: string): { bufferedBytes: number; waitingFrames: number; peakBufferedBytes: number } | null {
    return this.sessions.get(deviceId)?.datasetPacing() ?? null;
  }

  /** Ids of devices with an authenticated session now. */
  onlineDeviceIds(): string[] {
    return [...this.sessions.keys()];
  }

  /** Brings every online device to the current version of a dataset (a delta to most: see hub/dataset-sync.ts). */
  async pushDataset(key: DatasetKey): Promise<void> {
    const online = [...this.sessions.values()];
    if (online.length === 0) return;
    const state = await this.options.datasets.state(key);
    await Promise.all(online.map((s) => s.syncDataset(key, state)));
  }

  /** @internal called by a session after a batch of charges changed balances: see `balancesPushIntervalMs`. */
  chargesPosted(): void {
    if (this.balancesTimer || !this.wss) return; // the push already scheduled will carry this change
    const push = () => {
      this.lastBalancesPushAtMs = performance.now();
      this.pushDataset('balances').catch((err: Error) => this.options.logger.log('error', 'gateway.push_failed', { dataset: 'balances', error: err.message }));
    };
    const waitMs = this.lastBalancesPushAtMs + (this.options.balancesPushIntervalMs ?? 250) - performance.now();
    if (waitMs <= 0) return push();
    this.balancesTimer = setTimeout(() => {
      this.balancesTimer = null;
      push();
    }, waitMs);
  }

  /** @internal called by a session once authenticated. */
  attach(deviceId: string, session: Session): void {
    const previous = this.sessions.get(deviceId);
    if (previous && previous !== session) previous.close(ErrorCode.ERROR_CODE_SUPERSEDED, 'a newer session of this device authenticated');
    this.sessions.set(deviceId, session);
  }

  /** @internal called by a session when it ends. */
  detach(session: Session): void {
    this.all.delete(session);
    if (session.deviceId && this.sessions.get(session.deviceId) === session) this.sessions.delete(session.deviceId);
  }
}

type Phase = 'hello' | 'auth' | 'online' | 'closed';

class Session {
  deviceId: string | null = null;
  private phase: Phase = 'hello';
  /** What the device's hello says the hub acknowledged before (its journal's ack floor). */
  private deviceAckedSeq = 0;
  private nonce: Buffer | null = null;
  private datasets: DeviceDatasets | null = null;
  private authTimer: NodeJS.Timeout | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private queue: Promise<void> = Promise.resolve();
  private queued = 0;
  /** The events of frames queued and not started yet, to be stored together (see onMessage). */
  private waitingEvents: { events: onecard.v1.Event.$Properties[]; frames: number } | null = null;
  /** Dataset syncs queued and not started yet, with the state each will bring the device to. */
  private readonly waitingSyncs = new Map<DatasetKey, { state: DatasetState; done: Promise<void> }>();
  private readonly log;
  private readonly heartbeatIntervalMs: number;
  /** Dataset frames (a snapshot's chunks) go out as the socket empties; dropped when the session ends. */
  private readonly datasetFrames: FramePacer;

  constructor(private readonly gateway: Gateway, private readonly ws: WebSocket, private readonly remote: string) {
    this.log = gateway.options.logger;
    this.heartbeatIntervalMs = gateway.options.heartbeatIntervalMs ?? 15_000;
    this.datasetFrames = new FramePacer(
      {
        get bufferedAmount() {
          return ws.bufferedAmount;
        },
        send: (frame, cb) => {
          if (ws.readyState === ws.OPEN) ws.send(frame, cb);
        },
      },
      gateway.options.maxBufferedDatasetBytes ?? MAX_BUFFERED_DATASET_BYTES,
    );
  }

  datasetPacing(): { bufferedBytes: number; waitingFrames: number; peakBufferedBytes: number } {
    return { bufferedBytes: this.ws.bufferedAmount, waitingFrames: this.datasetFrames.waitingFrames, peakBufferedBytes: this.datasetFrames.peakBufferedBytes };
  }

  begin(): void {
    this.authTimer = setTimeout(() => this.reject(ErrorCode.ERROR_CODE_AUTH_TIMEOUT, 'no valid auth in time'), this.gateway.options.authTimeoutMs ?? 10_000);
    this.ws.on('message', (data: Buffer, isBinary: boolean) => this.onMessage(data, isBinary));
    this.ws.on('error', (err: Error & { code?: string }) => {
      const code = err.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' ? ErrorCode.ERROR_CODE_FRAME_TOO_LARGE : ErrorCode.ERROR_CODE_MALFORMED_FRAME;
      this.logRejected(code, err.message);
      this.close(code, err.message, false);
    });
    this.ws.on('close', () => this.end());
  }

  private onMessage(data: Buffer, isBinary: boolean): void {
    if (this.phase === 'closed') return;
    this.resetIdle();
    if (!isBinary) return this.reject(ErrorCode.ERROR_CODE_MALFORMED_FRAME, 'text frame; frames are binary protobuf Envelopes');
    const decoded = decodeFrame(data, DEVICE_TO_HUB_LIMITS);
    if (!decoded.ok) return this.reject(decoded.code, decoded.message);
    // Backpressure: at maxQueued frames waiting, stop reading the socket (TCP then holds the
    // device back) and read again at half. Frames already read from the socket still arrive after
    // the pause (a burst of small frames can be hundreds in one read), so the hard limit is far
    // above; memory stays bounded by what one socket read can hold.
    const maxQueued = this.gateway.options.maxQueuedFrames ?? 64;
    if (this.queued >= HARD_MAX_QUEUED_FRAMES) return this.reject(ErrorCode.ERROR_CODE_INTERNAL, `more than ${HARD_MAX_QUEUED_FRAMES} frames waiting`);
    this.queued++;
    if (this.queued >= maxQueued && !this.ws.isPaused) this.ws.pause();
    const env = decoded.envelope;
    // Event batches waiting in turn behind each other are stored in one transaction and answered
    // with one (cumulative) ack: an idle hub answers each batch at once, a busy one takes in
    // more per transaction the further it falls behind, instead of one transaction per frame.
    const incoming = env.body === 'events' ? (env.events!.events ?? []) : null;
    const waiting = this.waitingEvents;
    if (incoming && waiting && waiting.events.length + incoming.length <= MAX_MERGED_EVENTS) {
      waiting.events.push(...incoming);
      waiting.frames++;
      return;
    }
    const merged = incoming ? { events: [...incoming], frames: 1 } : null;
    this.waitingEvents = merged;
    this.queue = this.queue
      .then(() => {
        if (merged && this.waitingEvents === merged) this.waitingEvents = null; // started: nothing more joins it
        if (this.phase === 'closed') return;
        if (merged) env.events!.events = merged.events;
        return this.handle(env);
      })
      .catch((err: Error) => {
        this.log.log('error', 'gateway.internal_error', { deviceId: this.deviceId, error: err.message });
        this.close(ErrorCode.ERROR_CODE_INTERNAL, 'internal error');
      })
      .finally(() => {
        this.queued -= merged ? merged.frames : 1;
        if (this.ws.isPaused && this.queued <= maxQueued / 2 && this.phase !== 'closed') this.ws.resume();
      });
  }

  private async handle(env: onecard.v1.Envelope): Promise<void> {
    switch (this.phase) {
      case 'hello':
        if (env.body !== 'hello') return this.reject(ErrorCode.ERROR_CODE_UNEXPECTED_MESSAGE, `${env.body} before hello`);
        return this.onHello(env.hello!);
      case 'auth':
        if (env.body !== 'auth') return this.reject(ErrorCode.ERROR_CODE_UNEXPECTED_MESSAGE, `${env.body} before auth`);
        return this.onAuth(env.auth!.signature!);
      case 'online':
        return this.onOnline(env);
      default:
        return;
    }
  }

  private async onHello(hello: onecard.v1.Hello.$Properties): Promise<void> {
    if (hello.protocolVersion !== PROTOCOL_VERSION) {
      return this.reject(ErrorCode.ERROR_CODE_UNSUPPORTED_PROTOCOL, `protocol ${hello.protocolVersion ?? 0}; this hub speaks ${PROTOCOL_VERSION}`);
    }
    this.deviceId = hello.deviceId!;
    this.deviceAckedSeq = Number(hello.ackedSeq ?? 0);
    this.datasets = new DeviceDatasets({
      deviceId: this.deviceId,
      feed: this.gateway.feed,
      devices: this.gateway.options.devices,
      logger: this.log,
      sendFrame: (frame) => this.datasetFrames.send(frame),
    });
    for (const d of hello.datasets ?? []) {
      const key = datasetKeyOf(d.name);
      if (key) this.datasets.setHeld(key, d.version ?? 0);
    }
    this.datasets.setMaxSnapshotChunks(hello.maxSnapshotChunks ?? 0);
    this.nonce = randomBytes(NONCE_BYTES);
    this.phase = 'auth';
    this.send({ challenge: { nonce: this.nonce } });
  }

  private async onAuth(signature: Uint8Array): Promise<void> {
    const deviceId = this.deviceId!;
    const device = await this.gateway.options.devices.get(deviceId);
    // The connection may have closed (or timed out) while the key was looked up: a dead session
    // must not attach and push the device's live one off.
    if (this.phase !== 'auth') return;
    const key = device ? parsePublicKey(device.public_key) : null;
    const why = !device
      ? 'unknown_device'
      : device.revoked_at_ms !== null
        ? 'revoked'
        : !key?.ok
          ? 'stored_key_invalid'
          : !verifyChallenge(key.key, deviceId, this.nonce!, signature)
            ? 'bad_signature'
            : null;
    if (why || !device) {
      // The device is told only "auth_failed"; the log keeps the reason.
      return this.reject(ErrorCode.ERROR_CODE_AUTH_FAILED, 'authentication failed', why ?? 'unknown_device');
    }
    if (this.authTimer) clearTimeout(this.authTimer);
    this.authTimer = null;
    this.phase = 'online';
    this.gateway.attach(deviceId, this);
    await this.gateway.options.devices.touch(deviceId);
    if (this.phase !== 'online') return;
    let ackedSeq = device.acked_seq;
    if (this.deviceAckedSeq > ackedSeq) {
      // The hub acknowledged events it no longer holds (restored from an older backup): the device
      // has deleted them. Their seqs stay a gap in the events (the reconciliation report shows it);
      // the hub continues from the device's floor so the events after it can drain.
      this.log.log('error', 'gateway.events_lost', { deviceId, fromSeq: ackedSeq + 1, toSeq: this.deviceAckedSeq, reason: 'acknowledged_before_restore' });
      ackedSeq = await this.gateway.options.devices.skipAckedTo(deviceId, this.deviceAckedSeq);
      if (this.phase !== 'online') return;
    }
    this.log.log('info', 'gateway.device_online', { deviceId, remote: this.remote, ackedSeq });
    this.send({
      welcome: { ackedSeq, hubTimeUnixMs: this.gateway.options.now(), heartbeatIntervalMs: this.heartbeatIntervalMs },
    });
    this.resetIdle();
    await this.datasets!.start();
    await this.gateway.sendCommands(deviceId);
  }

  /** Sends a command if this session is online; false when it is not. */
  sendCommand(command: onecard.v1.Command.$Properties): boolean {
    if (this.phase !== 'online') return false;
    this.send({ command });
    return true;
  }

  private async onOnline(env: onecard.v1.Envelope): Promise<void> {
    const deviceId = this.deviceId!;
    switch (env.body) {
      case 'events': {
        const events = env.events!.events ?? [];
        const foreign = events.findIndex((e) => e.deviceId !== deviceId);
        if (foreign >= 0) return this.reject(ErrorCode.ERROR_CODE_INVALID_EVENT, `events[${foreign}].device_id is not ${deviceId}`);
        const outcome = await this.gateway.options.events.ingest(deviceId, events);
        outcome.results.forEach((r, i) => {
          if (r === 'exists_with_different_payload') {
            this.log.log('error', 'gateway.event_conflict', { deviceId, seq: events[i]!.seq ?? 0, result: r });
          }
        });
        for (const seq of outcome.chainBreaks) this.log.log('error', 'gateway.chain_break', { deviceId, seq });
        for (const held of outcome.held) this.log.log('warn', 'gateway.charge_held', { deviceId, seq: held.seq, reason: held.reason });
        if (this.phase === 'online') this.send({ ack: { ackedSeq: outcome.ackedSeq } });
        // Not awaited: the push queues behind each session's own frames (this one included).
        if (outcome.balancesVersion !== null) this.gateway.chargesPosted();
        return;
      }
      case 'datasetAck': {
        const ack = env.datasetAck!;
        const key = datasetKeyOf(ack.name);
        if (!key) return this.reject(ErrorCode.ERROR_CODE_MALFORMED_FRAME, `dataset_ack for unknown dataset ${ack.name ?? 0}`);
        return this.datasets!.onAck(key, ack.version ?? 0);
      }
      case 'heartbeat':
        this.send({ heartbeat: { timeUnixMs: this.gateway.options.now() } });
        return;
      case 'commandResult': {
        const r = env.commandResult!;
        const stored = await this.gateway.options.commands.recordResult(deviceId, r.commandId ?? '', r.status ?? 0, r.detail ?? '');
        this.log.log(stored ? 'info' : 'warn', stored ? 'gateway.command_result' : 'gateway.command_result_ignored', {
          deviceId, commandId: r.commandId ?? '', status: r.status ?? 0, detail: r.detail ?? '',
        });
        return;
      }
      case 'error':
        this.log.log('warn', 'gateway.device_error', { deviceId, code: errorCodeName(env.error!.code ?? 0), message: env.error!.message ?? '' });
        return;
      default:
        return this.reject(ErrorCode.ERROR_CODE_UNEXPECTED_MESSAGE, `${env.body} is not sent by a device`);
    }
  }

  /**
   * Sends what the device misses of a dataset, in turn with the frames of this session. At most one
   * sync per dataset waits in the queue: a push arriving while one waits only updates the state it
   * will use (the newest), so a burst of changes (balances after every charge batch) costs a busy
   * device one update, not one per change.
   */
  syncDataset(key: DatasetKey, state: DatasetState): Promise<void> {
    const waiting = this.waitingSyncs.get(key);
    if (waiting) {
      if (state.version > waiting.state.version) waiting.state = state;
      return waiting.done;
    }
    const entry = { state, done: Promise.resolve() };
    this.waitingSyncs.set(key, entry);
    const run = this.queue.then(() => {
      this.waitingSyncs.delete(key);
      return this.phase === 'online' ? this.datasets?.sync(key, { state: entry.state }) : undefined;
    });
    this.queue = run.catch((err: Error) => {
      this.log.log('error', 'gateway.dataset_sync_failed', { deviceId: this.deviceId, dataset: key, error: err.message });
    });
    entry.done = this.queue;
    return this.queue;
  }

  private send(envelope: Envelope): void {
    this.sendFrame(encodeFrame(envelope));
  }

  private sendFrame(frame: Uint8Array): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(frame);
  }

  private logRejected(code: ErrorCode, message: string, reason?: string): void {
    this.log.log('error', 'gateway.session_rejected', {
      code: errorCodeName(code), deviceId: this.deviceId, remote: this.remote, phase: this.phase, message, reason,
    });
  }

  private reject(code: ErrorCode, message: string, reason?: string): void {
    this.logRejected(code, message, reason);
    this.close(code, message);
  }

  close(code: ErrorCode, message: string, tell = true): void {
    if (this.phase === 'closed') return;
    if (tell && code !== ErrorCode.ERROR_CODE_UNSPECIFIED) this.send({ error: { code, message } });
    this.phase = 'closed';
    this.clearTimers();
    this.datasetFrames.close(); // a snapshot broken off: the next session sends it again
    if (this.ws.readyState === this.ws.OPEN || this.ws.readyState === this.ws.CONNECTING) {
      this.ws.close(code === ErrorCode.ERROR_CODE_UNSPECIFIED ? 1001 : 4000 + code, errorCodeName(code));
      // A peer that never answers the close handshake is cut off.
      setTimeout(() => this.ws.terminate(), 2000).unref();
    }
    this.gateway.detach(this);
  }

  private end(): void {
    if (this.phase === 'online') this.log.log('info', 'gateway.device_offline', { deviceId: this.deviceId, remote: this.remote });
    this.phase = 'closed';
    this.clearTimers();
    this.datasetFrames.close(); // a snapshot broken off: the next session sends it again
    this.gateway.detach(this);
  }

  private resetIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    if (this.phase !== 'online') return;
    this.idleTimer = setTimeout(() => this.reject(ErrorCode.ERROR_CODE_HEARTBEAT_TIMEOUT, 'no frame for 3 heartbeat intervals'), 3 * this.heartbeatIntervalMs);
  }

  private clearTimers(): void {
    if (this.authTimer) clearTimeout(this.authTimer);
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.authTimer = null;
    this.idleTimer = null;
  }
}

