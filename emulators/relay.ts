import { AssertionError } from '../lib/errors.js';
import type { Relay } from '../controller/drivers/relay.js';

export interface RelayCall {
  energised: boolean;
  /** `performance.now()` when the call was applied. */
  atMs: number;
}

/**
 * Emulated relay: enforces the `Relay` contract (open before use, nothing after close) and records
 * every state it was told, with the time, so tests and benchmarks can see exactly what happened.
 */
export class EmulatedRelay implements Relay {
  readonly calls: RelayCall[] = [];
  private state: 'new' | 'open' | 'closed' = 'new';
  private energised = false;
  private readonly listeners = new Set<(energised: boolean) => void>();

  constructor(readonly name: string, private readonly maxRecordedCalls = 100_000) {}

  async open(): Promise<void> {
    if (this.state === 'closed') throw new AssertionError(`relay ${this.name}: open() after close()`);
    this.state = 'open';
    this.energised = false;
  }

  set(energised: boolean): Promise<void> {
    if (this.state !== 'open') return Promise.reject(new AssertionError(`relay ${this.name}: set() while ${this.state}`));
    this.energised = energised;
    if (this.calls.length >= this.maxRecordedCalls) this.calls.shift();
    this.calls.push({ energised, atMs: performance.now() });
    for (const l of this.listeners) l(energised);
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
