/**
 * The driver factory a running controller gives its points, wrapped so the remote self-test can
 * use the very drivers the points hold (a GPIO line or a PC/SC reader cannot be opened twice):
 *
 * - relays are `SharedRelay`s: the point drives them as before; the self-test may borrow one only
 *   while the point holds it de-energised, and any call of the point ends the loan at once (the
 *   point's state is applied, the test step is abandoned), so a card granted during a test opens
 *   the door as always;
 * - readers are `TrackedReader`s, which remember whether the reader is attached;
 * - meters are kept by name (reads share the bus queue with the point's polls).
 *
 * Everything else passes through untouched.
 */
import type { CardReader, CardReaderEvent } from '../controller/drivers/card-reader.js';
import type { DigitalInput } from '../controller/drivers/digital-input.js';
import type { DriverFactory, MeterDevice } from '../controller/drivers/factory.js';
import type { PulseCounter } from '../controller/drivers/pulse-counter.js';
import type { Relay } from '../controller/drivers/relay.js';
import type { InputSpec, MeterSpec, PulseCounterSpec, ReaderSpec, RelaySpec, ValveSpec } from '../controller/drivers/specs.js';
import type { Valve } from '../controller/drivers/valve.js';

/** A loan of a point's relay to the self-test. */
export interface RelayLoan {
  /** Drives the relay unless the point took it back (then resolves false and drives nothing). */
  set(energised: boolean): Promise<boolean>;
  get(): Promise<boolean>;
  /** True once the point drove the relay during the loan. */
  readonly taken: boolean;
  /** Ends the loan: the relay is left as the point last wanted it. */
  end(): Promise<void>;
}

export class SharedRelay implements Relay {
  private wanted = false;
  private opened = false;
  private loan: { taken: boolean } | null = null;

  constructor(private readonly inner: Relay) {}

  get name(): string {
    return this.inner.name;
  }

  /** The state the point last asked for. */
  get wantedByPoint(): boolean {
    return this.wanted;
  }

  async open(): Promise<void> {
    await this.inner.open();
    this.wanted = false;
    this.opened = true;
  }

  set(energised: boolean): Promise<void> {
    this.wanted = energised;
    if (this.loan) {
      this.loan.taken = true;
      this.loan = null;
    }
    return this.inner.set(energised);
  }

  get(): Promise<boolean> {
    return this.inner.get();
  }

  async close(): Promise<void> {
    if (this.loan) this.loan.taken = true;
    this.loan = null;
    this.opened = false;
    await this.inner.close();
  }

  /** Lends the relay to the self-test, or null while the point holds it energised (or it is not open). */
  lend(): RelayLoan | null {
    if (!this.opened || this.wanted || this.loan) return null;
    const state = { taken: false };
    this.loan = state;
    const inner = this.inner;
    let driven: boolean | null = null;
    return {
      get taken() {
        return state.taken;
      },
      set: async (energised) => {
        if (state.taken) return false;
        driven = energised;
        await inner.set(energised);
        return true;
      },
      get: () => inner.get(),
      end: async () => {
        if (state.taken) return;
        if (this.loan === state) this.loan = null;
        // Back to what the point wants, if the test left it otherwise (it stopped mid-pulse).
        if (driven !== null && driven !== this.wanted) await inner.set(this.wanted);
      },
    };
  }
}

export class TrackedReader implements CardReader {
  private attached_ = false;
  private readerName_ = '';
  private untrack: (() => void) | null = null;

  constructor(private readonly inner: CardReader) {}

  get name(): string {
    return this.inner.name;
  }

  /** Whether the physical reader is attached now (as last reported). */
  get attached(): boolean {
    return this.attached_;
  }

  /** The reader's own name as last reported (a PC/SC reader's name). */
  get readerName(): string {
    return this.readerName_;
  }

  async open(): Promise<void> {
    this.untrack?.();
    this.untrack = this.inner.subscribe((e) => this.track(e));
    await this.inner.open();
  }

  async close(): Promise<void> {
    this.untrack?.();
    this.untrack = null;
    this.attached_ = false;
    await this.inner.close();
  }

  subscribe(listener: (event: CardReaderEvent) => void): () => void {
    return this.inner.subscribe(listener);
  }

  private track(e: CardReaderEvent): void {
    if (e.kind === 'attach') {
      this.attached_ = true;
      this.readerName_ = e.reader;
    } else if (e.kind === 'detach') {
      this.attached_ = false;
    }
  }
}

export class InUseDrivers implements DriverFactory {
  private readonly relays_ = new Map<string, SharedRelay>();
  private readonly readers_ = new Map<string, TrackedReader>();
  private readonly meters_ = new Map<string, MeterDevice>();

  constructor(readonly inner: DriverFactory) {}

  cardReader(spec: ReaderSpec, name: string): CardReader {
    const reader = new TrackedReader(this.inner.cardReader(spec, name));
    this.readers_.set(name, reader);
    return reader;
  }

  relay(spec: RelaySpec, name: string): Relay {
    const relay = new SharedRelay(this.inner.relay(spec, name));
    this.relays_.set(name, relay);
    return relay;
  }

  valve(spec: ValveSpec, name: string): Valve {
    return this.inner.valve(spec, name);
  }

  digitalInput(spec: InputSpec, name: string): DigitalInput {
    return this.inner.digitalInput(spec, name);
  }

  pulseCounter(spec: PulseCounterSpec, name: string): PulseCounter {
    return this.inner.pulseCounter(spec, name);
  }

  meter(spec: MeterSpec, name: string): MeterDevice {
    const meter = this.inner.meter(spec, name);
    this.meters_.set(name, meter);
    return meter;
  }

  relayNamed(name: string): SharedRelay | null {
    return this.relays_.get(name) ?? null;
  }

  readerNamed(name: string): TrackedReader | null {
    return this.readers_.get(name) ?? null;
  }

  meterNamed(name: string): MeterDevice | null {
    return this.meters_.get(name) ?? null;
  }
}
