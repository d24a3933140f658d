/**
 * How the suites reach the hardware. On site (`onecard selftest`, the controller stopped) the
 * self-test opens each driver itself through the driver factory and closes it after its step.
 * Remotely (a hub's RunSelfTest while the controller runs) it uses the drivers the points hold
 * (in-use-drivers.ts): readers are only looked at, a relay is borrowed only while its point
 * holds it de-energised, meters are read through the point's bus, and a shower point lends its
 * valve and flow sensor only while idle (controller/points/shower-self-test.ts).
 * Feedback inputs belong to no point: both open them through the factory.
 */
import type { CardReaderEvent } from '../controller/drivers/card-reader.js';
import type { DigitalInput } from '../controller/drivers/digital-input.js';
import type { DriverFactory, MeterDevice } from '../controller/drivers/factory.js';
import type { PulseCounter } from '../controller/drivers/pulse-counter.js';
import type { InputSpec, MeterSpec, PulseCounterSpec, ReaderSpec, RelaySpec, ValveSpec } from '../controller/drivers/specs.js';
import type { Valve } from '../controller/drivers/valve.js';
import type { InUseDrivers } from './in-use-drivers.js';
import type { LendableShower, ShowerLoan } from '../controller/points/shower-self-test.js';

/** A driver the self-test holds, and how to give it back. */
export type Held<T> = { ok: true; driver: T; release(): Promise<void> } | { ok: false; reason: 'busy' | 'missing' | 'open_failed'; message: string };

/** What the reader suite needs: presence and the cards read while it watches. */
export interface ReaderView {
  attached(): boolean;
  /** The reader's own name (a PC/SC reader's), once attached. */
  readerName(): string;
  /** Cards read since the view was made. */
  cards(): readonly string[];
}

/** What the relay suite drives: `set` resolves false when the point took the relay back. */
export interface TestRelay {
  set(energised: boolean): Promise<boolean>;
  get(): Promise<boolean>;
}

export interface HardwareAccess {
  readonly remote: boolean;
  reader(spec: ReaderSpec, name: string): Promise<Held<ReaderView>>;
  relay(spec: RelaySpec, name: string): Promise<Held<TestRelay>>;
  valve(spec: ValveSpec, name: string): Promise<Held<Valve>>;
  pulseCounter(spec: PulseCounterSpec, name: string): Promise<Held<PulseCounter>>;
  meter(spec: MeterSpec, name: string): Promise<Held<MeterDevice>>;
  input(spec: InputSpec, name: string): Promise<Held<DigitalInput>>;
  /** Remotely: a running shower point's valve and flow sensor, lent while it is idle (absent on site, where the suite opens their drivers). */
  shower?(pointId: string): Promise<Held<ShowerLoan>>;
}

function watch(initial: { attached: boolean; reader: string }): { view: ReaderView; onEvent(e: CardReaderEvent): void } {
  let attached = initial.attached;
  let reader = initial.reader;
  const cards: string[] = [];
  return {
    view: { attached: () => attached, readerName: () => reader, cards: () => cards },
    onEvent(e) {
      if (e.kind === 'attach') {
        attached = true;
        reader = e.reader;
      } else if (e.kind === 'detach') {
        attached = false;
      } else {
        cards.push(e.uid);
      }
    },
  };
}

async function opened<T extends { open(): Promise<void>; close(): Promise<void> }>(make: () => T): Promise<Held<T>> {
  let driver: T;
  try {
    driver = make();
    await driver.open();
  } catch (err) {
    return { ok: false, reason: 'open_failed', message: (err as Error).message };
  }
  return { ok: true, driver, release: () => driver.close().catch(() => undefined) };
}

/** On site: every driver opened here and closed after its step. */
export class OwnedHardware implements HardwareAccess {
  readonly remote = false;

  constructor(private readonly factory: DriverFactory) {}

  async reader(spec: ReaderSpec, name: string): Promise<Held<ReaderView>> {
    const w = watch({ attached: false, reader: '' });
    let unsubscribe = () => {};
    const held = await opened(() => {
      const reader = this.factory.cardReader(spec, name);
      unsubscribe = reader.subscribe((e) => w.onEvent(e));
      return reader;
    });
    if (!held.ok) return held;
    return {
      ok: true,
      driver: w.view,
      release: async () => {
        unsubscribe();
        await held.release();
      },
    };
  }

  async relay(spec: RelaySpec, name: string): Promise<Held<TestRelay>> {
    const held = await opened(() => this.factory.relay(spec, name));
    if (!held.ok) return held;
    const relay = held.driver;
    return {
      ok: true,
      driver: {
        set: async (on) => {
          await relay.set(on);
          return true;
        },
        get: () => relay.get(),
      },
      release: held.release,
    };
  }

  valve(spec: ValveSpec, name: string): Promise<Held<Valve>> {
    return opened(() => this.factory.valve(spec, name));
  }

  pulseCounter(spec: PulseCounterSpec, name: string): Promise<Held<PulseCounter>> {
    return opened(() => this.factory.pulseCounter(spec, name));
  }

  meter(spec: MeterSpec, name: string): Promise<Held<MeterDevice>> {
    return opened(() => this.factory.meter(spec, name));
  }

  input(spec: InputSpec, name: string): Promise<Held<DigitalInput>> {
    return opened(() => this.factory.digitalInput(spec, name));
  }
}

/** Remotely: the running points' drivers (see the file comment); feedback inputs from the factory. */
export class InUseHardware implements HardwareAccess {
  readonly remote = true;

  /** `showers` finds the running shower point of an id (null: none). */
  constructor(private readonly inUse: InUseDrivers, private readonly showers: (pointId: string) => LendableShower | null = () => null) {}

  /** The shower point's valve and flow sensor while it is idle; busy with the reason (`shower in use: ...`) otherwise. */
  async shower(pointId: string): Promise<Held<ShowerLoan>> {
    const point = this.showers(pointId);
    if (!point) return { ok: false, reason: 'missing', message: `no running shower point ${pointId}` };
    const lent = await point.lendForSelfTest();
    if (!lent.ok) return { ok: false, reason: 'busy', message: lent.reason };
    return { ok: true, driver: lent.loan, release: () => lent.loan.release() };
  }

  async reader(_spec: ReaderSpec, name: string): Promise<Held<ReaderView>> {
    const reader = this.inUse.readerNamed(name);
    if (!reader) return { ok: false, reason: 'missing', message: `no running point holds the reader ${name}` };
    const w = watch({ attached: reader.attached, reader: reader.readerName });
    const unsubscribe = reader.subscribe((e) => w.onEvent(e));
    return { ok: true, driver: w.view, release: async () => unsubscribe() };
  }

  async relay(_spec: RelaySpec, name: string): Promise<Held<TestRelay>> {
    const relay = this.inUse.relayNamed(name);
    if (!relay) return { ok: false, reason: 'missing', message: `no running point holds the relay ${name}` };
    const loan = relay.lend();
    if (!loan) return { ok: false, reason: 'busy', message: `${name} is energised by its point now` };
    return { ok: true, driver: { set: (on) => loan.set(on), get: () => loan.get() }, release: () => loan.end() };
  }

  /** A shower point's valve is only lent with its point: see `shower`. */
  async valve(_spec: ValveSpec, name: string): Promise<Held<Valve>> {
    return { ok: false, reason: 'busy', message: `${name} belongs to a running shower point` };
  }

  async pulseCounter(_spec: PulseCounterSpec, name: string): Promise<Held<PulseCounter>> {
    return { ok: false, reason: 'busy', message: `${name} belongs to a running shower point` };
  }

  async meter(_spec: MeterSpec, name: string): Promise<Held<MeterDevice>> {
    const meter = this.inUse.meterNamed(name);
    if (!meter) return { ok: false, reason: 'missing', message: `no running point holds the meter ${name}` };
    return { ok: true, driver: meter, release: async () => undefined };
  }

  input(spec: InputSpec, name: string): Promise<Held<DigitalInput>> {
    return opened(() => this.inUse.inner.digitalInput(spec, name));
  }

  /** What the point last asked of this relay (remote passive checks), or null when no point holds it. */
  relayWanted(name: string): boolean | null {
    return this.inUse.relayNamed(name)?.wantedByPoint ?? null;
  }
}
