/**
 * The bus contract over a scripted link and an injected clock: one request at a time, silence
 * between frames, bounded retries with logged reasons, bounded queue, reconnects, close.
 */
import { strict as assert } from 'node:assert';
import { AssertionError } from '../../../lib/errors.js';
import { MemoryLogger } from '../../../lib/log.js';
import type { ModbusRequest, ModbusResult, ModbusTiming } from './bus.js';
import { QueuedModbusBus, type AttemptResult, type ModbusLink } from './queued-bus.js';
import { ModbusLoadError } from './modbus-serial-bus.js';

class ScriptedLink implements ModbusLink {
  readonly description = 'scripted';
  connected = false;
  connectResults: Array<{ ok: true } | { ok: false; message: string }> = [];
  connects = 0;
  sent: ModbusRequest[] = [];
  inFlight = 0;
  maxInFlight = 0;
  discarded = 0;
  /** Each send waits for the test to answer it (`answer`) unless `auto` gives the result. */
  auto: ((req: ModbusRequest, n: number) => AttemptResult) | null = null;
  private waiting: Array<(r: AttemptResult) => void> = [];
  constructor(private readonly clock: { nowMs: number }, private readonly msPerExchange = 10) {}
  async prepare(): Promise<void> {}
  async connect() {
    this.connects++;
    const r = this.connectResults.shift() ?? { ok: true as const };
    this.connected = r.ok;
    return r;
  }
  async send(req: ModbusRequest): Promise<AttemptResult> {
    this.sent.push(req);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    const result = this.auto ? this.auto(req, this.sent.length) : await new Promise<AttemptResult>((resolve) => this.waiting.push(resolve));
    this.clock.nowMs += this.msPerExchange;
    this.inFlight--;
    return result;
  }
  answer(result: AttemptResult): void {
    const next = this.waiting.shift();
    assert.ok(next, 'a request is in flight');
    next(result);
  }
  discardInput(): void {
    this.discarded++;
  }
  async close(): Promise<void> {
    this.connected = false;
    for (const w of this.waiting.splice(0)) w({ ok: false, error: 'disconnected', message: 'closed' });
  }
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

/** `timerEarlyMs`: the injected timer fires this much before it was asked to, as libuv timers may. */
function makeBus(timing: Partial<ModbusTiming> = {}, timerEarlyMs = 0) {
  const clock = { nowMs: 1000 };
  const delays: number[] = [];
  const link = new ScriptedLink(clock);
  const logger = new MemoryLogger();
  const bus = new QueuedModbusBus({
    name: 'line-1',
    link,
    logger,
    timing: { timeoutMs: 500, retries: 2, interFrameSilenceMs: 4, maxQueueLength: 8, reconnectIntervalMs: 2000, connectTimeoutMs: 1000, ...timing },
    now: () => clock.nowMs,
    delay: async (ms) => {
      delays.push(ms);
      clock.nowMs += ms - timerEarlyMs;
    },
  });
  return { bus, link, logger, clock, delays };
}

const ok = (registers: number[]): AttemptResult => ({ ok: true, registers });

describe('Modbus bus queue', () => {
  it('sends one request at a time, in call order, never two in flight', async () => {
    const { bus, link } = makeBus();
    await bus.open();
    const results = [bus.readInputRegisters(1, 0, 2), bus.readHoldingRegisters(2, 10, 1), bus.writeRegister(1, 26, 0)];
    await tick();
    assert.equal(link.sent.length, 1, 'the second waits for the first');
    assert.equal(bus.queueLength, 2);
    link.answer(ok([1, 2]));
    await tick();
    assert.equal(link.sent.length, 2);
    link.answer(ok([3]));
    await tick();
    link.answer(ok([0]));
    assert.deepEqual(await Promise.all(results), [ok([1, 2]), ok([3]), ok([0])]);
    assert.deepEqual(link.sent.map((r) => r.fn), ['read-input', 'read-holding', 'write-single']);
    assert.equal(link.maxInFlight, 1);
    await bus.close();
  });

  it('keeps the inter-frame silence after each exchange, and does not wait when the line was already quiet', async () => {
    const { bus, link, delays, clock } = makeBus({ interFrameSilenceMs: 3.65 });
    link.auto = () => ok([0]);
    await bus.open();
    await Promise.all([bus.readInputRegisters(1, 0, 1), bus.readInputRegisters(1, 1, 1), bus.readInputRegisters(1, 2, 1)]);
    assert.deepEqual(delays, [4, 4, 4], 'after the connect and after each of the first two replies, in whole milliseconds rounded up');
    clock.nowMs += 100;
    await bus.readInputRegisters(1, 3, 1);
    assert.deepEqual(delays, [4, 4, 4], 'quiet for 100 ms already: no wait');
    await bus.close();
  });

  it('waits again when a timer fires early, so the silence is never cut short', async () => {
    const { bus, link, delays } = makeBus({ interFrameSilenceMs: 3.65 }, 0.5);
    link.auto = () => ok([0]);
    await bus.open();
    await bus.readInputRegisters(1, 0, 1);
    assert.deepEqual(delays, [4, 1], '4 ms asked, 3.5 passed, 0.15 short: wait again');
    await bus.close();
  });

  it('retries a timeout and a corrupted reply, logging each reason, and succeeds', async () => {
    const { bus, link, logger } = makeBus({ retries: 2 });
    const script: AttemptResult[] = [
      { ok: false, error: 'timeout', message: 'no reply within 500 ms' },
      { ok: false, error: 'crc', message: 'corrupted reply: CRC error' },
      ok([42]),
    ];
    link.auto = (_req, n) => script[n - 1]!;
    await bus.open();
    assert.deepEqual(await bus.readInputRegisters(1, 0, 1), ok([42]));
    assert.equal(link.sent.length, 3);
    assert.deepEqual(logger.find('modbus.retry').map((r) => [r.fields.attempt, r.fields.reason]), [[1, 'timeout'], [2, 'crc']]);
    assert.equal(logger.find('modbus.recovered').length, 1);
    assert.equal(link.discarded, 2, 'stray input dropped before each retry');
    await bus.close();
  });

  it('gives up after `retries` further attempts with a typed timeout and the reason logged', async () => {
    const { bus, link, logger } = makeBus({ retries: 2 });
    link.auto = () => ({ ok: false, error: 'timeout', message: 'no reply within 500 ms' });
    await bus.open();
    const r = await bus.readHoldingRegisters(9, 0, 1);
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.error, 'timeout');
    assert.match(!r.ok ? r.message : '', /bus line-1 \(scripted\): read-holding unit 9 address 0 count 1: no reply within 500 ms \(after 3 attempts\)/);
    assert.equal(link.sent.length, 3);
    assert.equal(logger.find('modbus.retry').length, 2);
    assert.deepEqual(logger.find('modbus.failed').map((f) => [f.fields.reason, f.fields.attempts]), [['timeout', 3]]);
    await bus.close();
  });

  it('never retries an exception reply', async () => {
    const { bus, link, logger } = makeBus({ retries: 5 });
    link.auto = () => ({ ok: false, error: 'exception', exceptionCode: 2, message: 'exception 2 (illegal data address)' });
    await bus.open();
    const r = await bus.readInputRegisters(1, 500, 2);
    assert.deepEqual(r.ok ? null : [r.error, r.exceptionCode], ['exception', 2]);
    assert.equal(link.sent.length, 1);
    assert.deepEqual(logger.find('modbus.failed').map((f) => [f.fields.reason, f.fields.exceptionCode]), [['exception', 2]]);
    await bus.close();
  });

  it('refuses with busy, unsent, once maxQueueLength requests are waiting', async () => {
    const { bus, link, logger } = makeBus({ maxQueueLength: 2 });
    await bus.open();
    const first = bus.readInputRegisters(1, 0, 1);
    await tick();
    const queued = [bus.readInputRegisters(1, 1, 1), bus.readInputRegisters(1, 2, 1)];
    const refused = await bus.readInputRegisters(1, 3, 1);
    assert.equal(refused.ok, false);
    assert.equal(!refused.ok && refused.error, 'busy');
    assert.match(!refused.ok ? refused.message : '', /2 requests already waiting \(maxQueueLength 2\)/);
    assert.equal(logger.find('modbus.busy').length, 1);
    link.auto = () => ok([7]);
    link.answer(ok([6]));
    assert.deepEqual(await Promise.all([first, ...queued]), [ok([6]), ok([7]), ok([7])]);
    assert.equal(link.sent.some((r) => r.address === 3), false, 'the refused request was never sent');
    await bus.close();
  });

  it('answers disconnected when the port cannot be opened and tries again only after reconnectIntervalMs', async () => {
    const { bus, link, clock, logger } = makeBus({ reconnectIntervalMs: 2000 });
    link.connectResults = [{ ok: false, message: 'cannot open /dev/ttyUSB0: No such file or directory' }];
    await bus.open();
    assert.equal(logger.find('modbus.connect_failed').length, 1);
    const r = await bus.readInputRegisters(1, 0, 1);
    assert.equal(!r.ok && r.error, 'disconnected');
    assert.match(!r.ok ? r.message : '', /next connection attempt in \d+ ms/);
    assert.equal(link.connects, 1);
    clock.nowMs += 2000;
    link.auto = () => ok([5]);
    assert.deepEqual(await bus.readInputRegisters(1, 0, 1), ok([5]));
    assert.equal(link.connects, 2);
    assert.equal(logger.find('modbus.connected').length, 1);
    await bus.close();
  });

  it('on close answers every waiting request with disconnected; after close every call rejects', async () => {
    const { bus } = makeBus();
    await bus.open();
    const pending = [bus.readInputRegisters(1, 0, 1), bus.readInputRegisters(1, 1, 1), bus.readInputRegisters(1, 2, 1)];
    await tick();
    await bus.close();
    const results: ModbusResult[] = await Promise.all(pending);
    assert.deepEqual(results.map((r) => (r.ok ? 'ok' : r.error)), ['disconnected', 'disconnected', 'disconnected']);
    await assert.rejects(bus.readInputRegisters(1, 0, 1), AssertionError);
  });

  it('rejects open() when the installation is broken (a package cannot load), with the link\'s reason', async () => {
    const { bus, link } = makeBus();
    link.prepare = async () => {
      throw new ModbusLoadError('Modbus RTU needs the npm package serialport, which did not load');
    };
    await assert.rejects(bus.open(), (e: Error) => e instanceof ModbusLoadError && /serialport/.test(e.message));
    assert.equal(link.connects, 0);
  });

  it('rejects programmer errors: bad unit, count, value, a call before open', async () => {
    const { bus } = makeBus();
    await assert.rejects(bus.readInputRegisters(1, 0, 1), AssertionError, 'before open');
    await bus.open();
    await assert.rejects(bus.readInputRegisters(0, 0, 1), /unit 0 is not an integer from 1 to 247/);
    await assert.rejects(bus.readHoldingRegisters(1, 0, 126), /count 126/);
    await assert.rejects(bus.readHoldingRegisters(1, 65535, 2), /last address 65536/);
    await assert.rejects(bus.writeRegister(1, 0, 70000), /value 70000/);
    await assert.rejects(bus.writeRegisters(1, 0, []), /count 0/);
    assert.throws(() => makeBus({ retries: 6 }), AssertionError);
    assert.throws(() => makeBus({ maxQueueLength: 0 }), AssertionError);
    await bus.close();
  });
});
