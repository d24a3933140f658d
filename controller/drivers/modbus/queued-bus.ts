/**
 * The `ModbusBus` contract (see bus.ts) over a `ModbusLink`: the queue, the inter-frame silence,
 * retries and logging live here; the link only sends one request and classifies what came back.
 * Time is injected (`now`, `delay`) so the schedule can be checked without a clock.
 */
import { AssertionError } from '../../../lib/errors.js';
import type { Logger } from '../../../lib/log.js';
import {
  MODBUS_LIMITS,
  checkRequest,
  describeRequest,
  type ModbusBus,
  type ModbusErrorKind,
  type ModbusRequest,
  type ModbusResult,
  type ModbusTiming,
} from './bus.js';

/** What one attempt gives: never `busy` (that is the queue's answer). */
export type AttemptResult =
  | { ok: true; registers: number[] }
  | { ok: false; error: Exclude<ModbusErrorKind, 'busy'>; exceptionCode?: number; message: string };

/**
 * One connection to the line. `send` writes one request and resolves (never rejects) once the
 * reply came, `timeoutMs` passed or the connection went away; it is never called while another
 * send is in flight. `discardInput` drops any bytes received but not yet claimed by a reply.
 */
export interface ModbusLink {
  readonly description: string;
  readonly connected: boolean;
  /** Loads what the link needs; rejects only for a broken installation (a package that cannot load). */
  prepare(): Promise<void>;
  connect(): Promise<{ ok: true } | { ok: false; message: string }>;
  send(request: ModbusRequest, timeoutMs: number): Promise<AttemptResult>;
  discardInput(): void;
  close(): Promise<void>;
}

export interface QueuedBusOptions {
  name: string;
  link: ModbusLink;
  timing: ModbusTiming;
  logger: Logger;
  now?: () => number;
  delay?: (ms: number) => Promise<void>;
}

interface Job {
  request: ModbusRequest;
  resolve: (result: ModbusResult) => void;
}

export class QueuedModbusBus implements ModbusBus {
  readonly name: string;
  private readonly waiting: Job[] = [];
  private state: 'new' | 'open' | 'closed' = 'new';
  private pumping = false;
  private lastConnectAttemptMs = -Infinity;
  /** When the last exchange on the line ended (reply, timeout or failed connect). */
  private lineQuietSinceMs = -Infinity;
  private readonly now: () => number;
  private readonly delay: (ms: number) => Promise<void>;

  constructor(private readonly options: QueuedBusOptions) {
    const t = options.timing;
    if (!Number.isInteger(t.retries) || t.retries < 0 || t.retries > MODBUS_LIMITS.maxRetries) throw new AssertionError(`modbus bus ${options.name}: retries ${t.retries} is not 0..${MODBUS_LIMITS.maxRetries}`);
    if (!Number.isInteger(t.maxQueueLength) || t.maxQueueLength < 1 || t.maxQueueLength > MODBUS_LIMITS.maxQueueLength) throw new AssertionError(`modbus bus ${options.name}: maxQueueLength ${t.maxQueueLength} is not 1..${MODBUS_LIMITS.maxQueueLength}`);
    if (!(t.timeoutMs >= MODBUS_LIMITS.minTimeoutMs && t.timeoutMs <= MODBUS_LIMITS.maxTimeoutMs)) throw new AssertionError(`modbus bus ${options.name}: timeoutMs ${t.timeoutMs} is not ${MODBUS_LIMITS.minTimeoutMs}..${MODBUS_LIMITS.maxTimeoutMs}`);
    if (!(t.interFrameSilenceMs >= 0)) throw new AssertionError(`modbus bus ${options.name}: interFrameSilenceMs ${t.interFrameSilenceMs} is negative`);
    this.name = options.name;
    this.now = options.now ?? (() => performance.now());
    this.delay = options.delay ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  async open(): Promise<void> {
    if (this.state !== 'new') throw new AssertionError(`modbus bus ${this.name}: open() while ${this.state}`);
    await this.options.link.prepare();
    this.state = 'open';
    await this.ensureConnected();
  }

  readHoldingRegisters(unit: number, address: number, count: number): Promise<ModbusResult> {
    return this.submit({ fn: 'read-holding', unit, address, count });
  }

  readInputRegisters(unit: number, address: number, count: number): Promise<ModbusResult> {
    return this.submit({ fn: 'read-input', unit, address, count });
  }

  writeRegister(unit: number, address: number, value: number): Promise<ModbusResult> {
    return this.submit({ fn: 'write-single', unit, address, value });
  }

  writeRegisters(unit: number, address: number, values: number[]): Promise<ModbusResult> {
    return this.submit({ fn: 'write-multiple', unit, address, values: [...values] });
  }

  async close(): Promise<void> {
    if (this.state === 'closed') return;
    this.state = 'closed';
    for (const job of this.waiting.splice(0)) job.resolve({ ok: false, error: 'disconnected', message: `bus ${this.name} closed before the request was sent` });
    await this.options.link.close();
  }

  /** Requests waiting behind the one in flight (for status and tests). */
  get queueLength(): number {
    return this.waiting.length;
  }

  private submit(request: ModbusRequest): Promise<ModbusResult> {
    if (this.state !== 'open') return Promise.reject(new AssertionError(`modbus bus ${this.name}: ${request.fn} while ${this.state}`));
    try {
      checkRequest(request);
    } catch (err) {
      return Promise.reject(err);
    }
    if (this.waiting.length >= this.options.timing.maxQueueLength) {
      const message = `bus ${this.name}: ${this.waiting.length} requests already waiting (maxQueueLength ${this.options.timing.maxQueueLength}); ${describeRequest(request)} refused`;
      this.options.logger.log('warn', 'modbus.busy', { bus: this.name, request: describeRequest(request), waiting: this.waiting.length });
      return Promise.resolve({ ok: false, error: 'busy', message });
    }
    return new Promise((resolve) => {
      this.waiting.push({ request, resolve });
      void this.pump();
    });
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      for (let job = this.waiting.shift(); job; job = this.waiting.shift()) {
        let result: ModbusResult;
        try {
          result = await this.execute(job.request);
        } catch (err) {
          // A link must not throw; if one does, the request still gets an answer and the queue goes on.
          result = { ok: false, error: 'disconnected', message: `bus ${this.name}: ${(err as Error).message}` };
        }
        job.resolve(result);
      }
    } finally {
      this.pumping = false;
    }
  }

  private async execute(request: ModbusRequest): Promise<ModbusResult> {
    const { timing, logger, link } = this.options;
    const what = describeRequest(request);
    for (let attempt = 1; ; attempt++) {
      if (this.state !== 'open') return { ok: false, error: 'disconnected', message: `bus ${this.name} closed` };
      const connected = await this.ensureConnected();
      if (!connected.ok) {
        logger.log('warn', 'modbus.failed', { bus: this.name, request: what, reason: 'disconnected', attempts: attempt - 1, message: connected.message });
        return { ok: false, error: 'disconnected', message: `bus ${this.name} (${link.description}): ${connected.message}` };
      }
      // Timers run in whole milliseconds and may fire up to one early: wait until the clock agrees.
      for (let wait = this.lineQuietSinceMs + timing.interFrameSilenceMs - this.now(); wait > 0; wait = this.lineQuietSinceMs + timing.interFrameSilenceMs - this.now()) {
        await this.delay(Math.ceil(wait));
      }
      if (this.state !== 'open') return { ok: false, error: 'disconnected', message: `bus ${this.name} closed` };
      const result = await link.send(request, timing.timeoutMs);
      this.lineQuietSinceMs = this.now();
      if (result.ok) {
        if (attempt > 1) logger.log('info', 'modbus.recovered', { bus: this.name, request: what, attempts: attempt });
        return result;
      }
      const retryable = result.error === 'timeout' || result.error === 'crc';
      if (retryable) link.discardInput();
      if (retryable && attempt <= timing.retries && this.state === 'open') {
        logger.log('warn', 'modbus.retry', { bus: this.name, request: what, attempt, of: timing.retries + 1, reason: result.error, message: result.message });
        continue;
      }
      logger.log('warn', 'modbus.failed', {
        bus: this.name,
        request: what,
        reason: result.error,
        attempts: attempt,
        ...(result.exceptionCode === undefined ? {} : { exceptionCode: result.exceptionCode }),
        message: result.message,
      });
      return { ...result, message: `bus ${this.name} (${link.description}): ${what}: ${result.message}${retryable ? ` (after ${attempt} attempts)` : ''}` };
    }
  }

  private async ensureConnected(): Promise<{ ok: true } | { ok: false; message: string }> {
    const { link, logger, timing } = this.options;
    if (link.connected) return { ok: true };
    const sinceLast = this.now() - this.lastConnectAttemptMs;
    if (sinceLast < timing.reconnectIntervalMs) {
      return { ok: false, message: `not connected; next connection attempt in ${Math.ceil(timing.reconnectIntervalMs - sinceLast)} ms` };
    }
    this.lastConnectAttemptMs = this.now();
    const result = await link.connect();
    this.lineQuietSinceMs = this.now();
    if (result.ok) logger.log('info', 'modbus.connected', { bus: this.name, link: link.description });
    else logger.log('warn', 'modbus.connect_failed', { bus: this.name, link: link.description, message: result.message });
    return result;
  }
}
