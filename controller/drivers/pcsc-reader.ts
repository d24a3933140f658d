/**
 * `CardReader` over PC/SC (pcscd) through nfc-pcsc, run in a child process (`pcsc-worker.ts`) so
 * the controller's event loop never blocks on it: nfc-pcsc spins synchronously while pcscd is
 * absent. This side supervises the worker: a heartbeat watchdog kills a blocked worker, a worker
 * that exits is restarted with backoff (doubling from retryMinMs to retryMaxMs, for ever: pcscd may
 * start later), and readers it had attached get a `detach`. Operating conditions (pcscd missing or
 * lost, a card pulled away mid-read, a worker fault) are typed `PcscProblem`s: logged, kept in
 * `status()` and given to `onNotice` listeners. They never throw into the controller.
 *
 * `open()` rejects only when nfc-pcsc cannot be loaded (not built: needs libpcsclite-dev) or the
 * worker cannot start at all; pcscd being absent is not an error to `open()`.
 */
import { AssertionError } from '../../lib/errors.js';
import type { Logger, LogLevel } from '../../lib/log.js';
import { isCardUid } from '../../protocol/wire.js';
import type { CardReader, CardReaderEvent } from './card-reader.js';
import { DEFAULT_PCSCD_SOCKET, backoffMs, type PcscProblem, type PcscWorkerConfig, type WorkerMessage } from './pcsc-protocol.js';
import { PcscWorkerProcess, type WorkerStartResult } from './pcsc-worker-process.js';

export type { PcscProblem } from './pcsc-protocol.js';

export interface PcscCardReaderOptions {
  /** This reader's name in the controller (e.g. `main-door/reader`). */
  name: string;
  logger: Logger;
  /** The PC/SC reader to use: its exact name or a case-insensitive substring. Default: every reader. */
  reader?: string;
  /** The module to load instead of `nfc-pcsc` (a patched fork with the same API). */
  nfcModule?: string;
  /** pcscd's socket. Default: $PCSCLITE_CSOCK_NAME, else /run/pcscd/pcscd.comm. */
  socketPath?: string;
  retryMinMs?: number;
  retryMaxMs?: number;
  heartbeatIntervalMs?: number;
  /** A worker silent this long is taken as blocked and killed. */
  heartbeatTimeoutMs?: number;
  probeTimeoutMs?: number;
  /** UID reads per presentation (1 = no retry) and the pause between them. */
  maxReadAttempts?: number;
  readRetryDelayMs?: number;
  /** How long a new worker may take to load nfc-pcsc. */
  startTimeoutMs?: number;
  /** How long `close()` waits for the worker to exit before killing it. */
  stopTimeoutMs?: number;
}

export type PcscNotice =
  | { kind: 'problem'; problem: PcscProblem }
  | { kind: 'pcscd_available'; socketPath: string }
  | { kind: 'card_read'; reader: string; uid: string; workerEpochMs: number; receivedEpochMs: number }
  | { kind: 'card_removed'; reader: string };

export interface PcscReaderStatus {
  state: 'new' | 'opening' | 'running' | 'closed';
  pcscd: 'unknown' | 'available' | 'unavailable';
  readers: string[];
  lastProblem: PcscProblem | null;
  workerPid: number | null;
  workerStarts: number;
}

const PROBLEM_LEVEL: Record<PcscProblem['error'], LogLevel> = {
  module_unavailable: 'error', pcscd_unavailable: 'warn', pcscd_lost: 'error', worker_exited: 'warn',
  worker_unresponsive: 'error', worker_start_failed: 'warn', reader_error: 'warn', read_failed: 'warn',
};

export class PcscCardReader implements CardReader {
  readonly name: string;
  private readonly config: PcscWorkerConfig;
  private readonly startTimeoutMs: number;
  private readonly stopTimeoutMs: number;
  private readonly heartbeatTimeoutMs: number;
  private readonly listeners = new Set<(event: CardReaderEvent) => void>();
  private readonly noticeListeners = new Set<(notice: PcscNotice) => void>();
  private readonly attached = new Set<string>();
  private state: PcscReaderStatus['state'] = 'new';
  private pcscd: PcscReaderStatus['pcscd'] = 'unknown';
  private lastProblem: PcscProblem | null = null;
  private current: PcscWorkerProcess | null = null;
  private workerStarts = 0;
  private restartAttempt = 0;
  private restartTimer: NodeJS.Timeout | null = null;
  private watchdog: NodeJS.Timeout | null = null;

  constructor(private readonly options: PcscCardReaderOptions) {
    this.name = options.name;
    const positive = (value: number | undefined, fallback: number, what: string) => {
      const v = value ?? fallback;
      if (!Number.isFinite(v) || v <= 0) throw new AssertionError(`PcscCardReader ${options.name}: ${what} must be a positive number, got ${v}`);
      return v;
    };
    this.config = {
      nfcModule: options.nfcModule ?? 'nfc-pcsc',
      socketPath: options.socketPath ?? process.env.PCSCLITE_CSOCK_NAME ?? DEFAULT_PCSCD_SOCKET,
      reader: options.reader ?? null,
      heartbeatIntervalMs: positive(options.heartbeatIntervalMs, 500, 'heartbeatIntervalMs'),
      probeTimeoutMs: positive(options.probeTimeoutMs, 1000, 'probeTimeoutMs'),
      retryMinMs: positive(options.retryMinMs, 500, 'retryMinMs'),
      retryMaxMs: positive(options.retryMaxMs, 10_000, 'retryMaxMs'),
      maxReadAttempts: Math.floor(positive(options.maxReadAttempts, 3, 'maxReadAttempts')),
      readRetryDelayMs: positive(options.readRetryDelayMs, 50, 'readRetryDelayMs'),
    };
    this.heartbeatTimeoutMs = positive(options.heartbeatTimeoutMs, 5000, 'heartbeatTimeoutMs');
    this.startTimeoutMs = positive(options.startTimeoutMs, 30_000, 'startTimeoutMs');
    this.stopTimeoutMs = positive(options.stopTimeoutMs, 2000, 'stopTimeoutMs');
    if (this.heartbeatTimeoutMs <= this.config.heartbeatIntervalMs * 2) {
      throw new AssertionError(`PcscCardReader ${options.name}: heartbeatTimeoutMs must exceed twice heartbeatIntervalMs`);
    }
  }

  async open(): Promise<void> {
    if (this.state !== 'new') throw new AssertionError(`PcscCardReader ${this.name}: open() while ${this.state}`);
    this.state = 'opening';
    const started = await this.startWorker();
    if ((this.state as PcscReaderStatus['state']) === 'closed') return; // closed while starting
    if (!started.ok) {
      this.state = 'closed';
      throw new Error(`PC/SC reader ${this.name}: ${started.message}`);
    }
    this.state = 'running';
  }

  async close(): Promise<void> {
    if (this.state === 'closed') return;
    this.state = 'closed';
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = null;
    this.stopWatchdog();
    if (this.current) await this.current.stop(this.stopTimeoutMs);
    this.detachAll('the reader was closed');
    this.listeners.clear();
    this.noticeListeners.clear();
  }

  subscribe(listener: (event: CardReaderEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Problems, pcscd availability, card reads and removals (for logs, status pages, tests, benches). */
  onNotice(listener: (notice: PcscNotice) => void): () => void {
    this.noticeListeners.add(listener);
    return () => this.noticeListeners.delete(listener);
  }

  status(): PcscReaderStatus {
    return {
      state: this.state, pcscd: this.pcscd, readers: [...this.attached], lastProblem: this.lastProblem,
      workerPid: this.current?.pid ?? null, workerStarts: this.workerStarts,
    };
  }

  private async startWorker(): Promise<WorkerStartResult> {
    this.workerStarts++;
    const worker: PcscWorkerProcess = new PcscWorkerProcess(this.config, this.startTimeoutMs, {
      onMessage: (message) => this.onWorkerMessage(message),
      onExit: (how, code, lastError) => this.onWorkerExit(worker, how, code, lastError),
    });
    this.current = worker;
    const started = await worker.started;
    if (started.ok && this.current === worker) this.armWatchdog(worker);
    return started;
  }

  private onWorkerMessage(message: WorkerMessage): void {
    switch (message.type) {
      case 'heartbeat':
      case 'ready':
        return;
      case 'pcscd_available':
        if (this.pcscd !== 'available') this.options.logger.log('info', 'pcsc.pcscd_available', { name: this.name, socket: message.socketPath });
        this.pcscd = 'available';
        this.notice({ kind: 'pcscd_available', socketPath: message.socketPath });
        return;
      case 'attach':
        if (this.attached.has(message.reader)) return;
        this.attached.add(message.reader);
        this.options.logger.log('info', 'pcsc.reader_attached', { name: this.name, reader: message.reader });
        this.emit({ kind: 'attach', reader: message.reader });
        return;
      case 'detach':
        this.detach(message.reader, message.reason);
        return;
      case 'card': {
        const receivedEpochMs = performance.timeOrigin + performance.now();
        if (!isCardUid(message.uid)) {
          this.report({ error: 'read_failed', reader: message.reader, message: `UID ${JSON.stringify(message.uid)} is not 8-20 hex digits`, attempts: 1 });
          return;
        }
        this.emit({ kind: 'card', reader: message.reader, uid: message.uid });
        this.notice({ kind: 'card_read', reader: message.reader, uid: message.uid, workerEpochMs: message.atEpochMs, receivedEpochMs });
        return;
      }
      case 'card_removed':
        this.notice({ kind: 'card_removed', reader: message.reader });
        return;
      case 'reader_ignored':
        this.options.logger.log('debug', 'pcsc.reader_ignored', { name: this.name, reader: message.reader, wanted: this.config.reader ?? '' });
        return;
      case 'problem':
        this.report(message.problem);
        return;
    }
  }

  private onWorkerExit(handle: PcscWorkerProcess, how: string, code: number | null, lastError: string): void {
    if (this.current === handle) {
      this.current = null;
      this.stopWatchdog();
    }
    this.detachAll(this.state === 'closed' ? 'the reader was closed' : `the PC/SC worker exited (${how})`);
    if (this.state !== 'running' || !handle.ready) return; // closing, or a start that its caller handles
    if (performance.now() - handle.startedAtMs >= this.config.retryMaxMs * 3) this.restartAttempt = 0; // it ran well for a while
    const delay = this.scheduleRestart();
    // An unresponsive worker and a lost pcscd were reported already; anything else is reported here.
    if (!handle.killedAsUnresponsive && code !== 3) {
      this.report({ error: 'worker_exited', message: `the PC/SC worker exited (${how})${lastError ? `: ${lastError}` : ''}`, retryInMs: delay });
    }
  }

  private scheduleRestart(): number {
    if (this.restartTimer) clearTimeout(this.restartTimer);
    const delay = backoffMs(this.restartAttempt++, this.config.retryMinMs, this.config.retryMaxMs);
    this.restartTimer = setTimeout(() => void this.restart(), delay);
    return delay;
  }

  private async restart(): Promise<void> {
    this.restartTimer = null;
    if (this.state !== 'running') return;
    const started = await this.startWorker();
    if (started.ok || this.state !== 'running') return;
    if (started.error === 'module_unavailable') {
      this.report({ error: 'module_unavailable', message: `${started.message}; not retrying` });
      return;
    }
    const delay = this.scheduleRestart();
    this.report({ error: 'worker_start_failed', message: started.message, retryInMs: delay });
  }

  private armWatchdog(handle: PcscWorkerProcess): void {
    this.stopWatchdog();
    this.watchdog = setInterval(() => {
      if (this.current !== handle || handle.killedAsUnresponsive) return;
      const silentMs = handle.silentForMs();
      if (silentMs <= this.heartbeatTimeoutMs) return;
      handle.killedAsUnresponsive = true;
      this.report({ error: 'worker_unresponsive', message: `the PC/SC worker sent nothing for ${Math.round(silentMs)} ms (blocked in nfc-pcsc: pcscd hung or gone?); killing it` });
      handle.kill();
    }, this.config.heartbeatIntervalMs);
  }

  private stopWatchdog(): void {
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = null;
  }

  private detach(reader: string, reason: string): void {
    if (!this.attached.delete(reader)) return;
    this.options.logger.log(this.state === 'closed' ? 'info' : 'warn', 'pcsc.reader_detached', { name: this.name, reader, reason });
    this.emit({ kind: 'detach', reader });
  }

  private detachAll(reason: string): void {
    for (const reader of [...this.attached]) this.detach(reader, reason);
  }

  private report(problem: PcscProblem): void {
    // A pcscd still missing after the first report is logged quietly; the first one and any change loudly.
    const repeat = problem.error === 'pcscd_unavailable' && this.pcscd === 'unavailable';
    if (problem.error === 'pcscd_unavailable' || problem.error === 'pcscd_lost') this.pcscd = 'unavailable';
    this.lastProblem = problem;
    this.options.logger.log(repeat ? 'debug' : PROBLEM_LEVEL[problem.error], `pcsc.${problem.error}`, { name: this.name, ...problem });
    this.notice({ kind: 'problem', problem });
  }

  private emit(event: CardReaderEvent): void {
    for (const l of this.listeners) l(event);
  }

  private notice(notice: PcscNotice): void {
    for (const l of this.noticeListeners) l(notice);
  }
}
