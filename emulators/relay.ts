import { AssertionError } from '../lib/errors.js';
import type { Relay } from '../controller/drivers/relay.js';

export interface RelayCall {
  energised: boolean;
  /** `performance.now()` when the call was applied. */
  atMs: number;
}

/** A relay's contacts that no longer follow its coil (for self-tests): welded shut or never closing. */
export type RelayFault = 'none' | 'stuck-open' | 'stuck-closed';

/**
 * Emulated relay: enforces the `Relay` contract (open before use, nothing after close) and records
 * every state it was told, with the time, so tests and benchmarks can see exactly what happened.
 * Its contacts follow the coil unless a fault is set (`setFault`): what a feedback input wired to
 * an auxiliary contact sees (`contactsClosed`, `watchContacts`). The driver cannot tell: `set()`
 * and `get()` behave the same, as a real coil driver's do.
 */
export class EmulatedRelay implements Relay {
  readonly calls: RelayCall[] = [];
  private state: 'new' | 'open' | 'closed' = 'new';
  private energised = false;
  private fault: RelayFault = 'none';
  private contacts = false;
  private readonly listeners = new Set<(energised: boolean) => void>();
  private readonly contactListeners = new Set<(closed: boolean) => void>();
  private readonly restoredListeners = new Set<() => void>();

  constructor(readonly name: string, private readonly maxRecordedCalls = 100_000) {}

  async open(): Promise<void> {
    if (this.state === 'closed') throw new AssertionError(`relay ${this.name}: open() after close()`);
    this.state = 'open';
    this.energised = false;
    this.updateContacts();
  }

  set(energised: boolean): Promise<void> {
    if (this.state !== 'open') return Promise.reject(new AssertionError(`relay ${this.name}: set() while ${this.state}`));
    this.energised = energised;
    if (this.calls.length >= this.maxRecordedCalls) this.calls.shift();
    this.calls.push({ energised, atMs: performance.now() });
    for (const l of this.listeners) l(energised);
    this.updateContacts();
    return Promise.resolve();
  }

  async get(): Promise<boolean> {
    if (this.state !== 'open') throw new AssertionError(`relay ${this.name}: get() while ${this.state}`);
    return this.energised;
  }

  async close(): Promise<void> {
    if (this.state === 'open') this.energised = false;
    this.state = 'closed';
    this.listeners.clear();
    this.updateContacts();
    this.contactListeners.clear();
    this.restoredListeners.clear();
  }

  onRestored(listener: () => void): () => void {
    this.restoredListeners.add(listener);
    return () => this.restoredListeners.delete(listener);
  }

  /** Plays the hardware behind the relay coming back from an outage (a board replugged): de-energised, and `onRestored` listeners told. */
  simulateRestore(): void {
    if (this.state !== 'open') throw new AssertionError(`relay ${this.name}: simulateRestore() while ${this.state}`);
    this.energised = false;
    this.calls.push({ energised: false, atMs: performance.now() });
    for (const l of this.listeners) l(false);
    this.updateContacts();
    for (const l of [...this.restoredListeners]) l();
  }

  /** Makes the contacts stick (or follow the coil again with 'none'). */
  setFault(fault: RelayFault): void {
    this.fault = fault;
    this.updateContacts();
  }

  /** Whether the contacts are closed now: the coil's state, unless stuck. */
  contactsClosed(): boolean {
    return this.contacts;
  }

  /** Observe the contacts (a feedback input follows them). Returns the unsubscribe function. */
  watchContacts(listener: (closed: boolean) => void): () => void {
    this.contactListeners.add(listener);
    return () => this.contactListeners.delete(listener);
  }

  private updateContacts(): void {
    const closed = this.fault === 'stuck-closed' ? true : this.fault === 'stuck-open' ? false : this.energised;
    if (closed === this.contacts) return;
    this.contacts = closed;
    for (const l of this.contactListeners) l(closed);
  }

  /** Current state without the promise, for tests. */
  isEnergised(): boolean {
    return this.energised;
  }

  /** Observe every state change (for tests and the demo). Returns the unsubscribe function. */
  watch(listener: (energised: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
