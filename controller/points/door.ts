/**
 * A door: a card reader and a lock relay. On a card the policy decides from memory; a grant
 * energises the relay at once and de-energises it after `openDurationMs` (a new grant while open
 * restarts the time). The access event is journalled right after the relay was driven, off the
 * tap path: its fsync does not delay the door.
 */
import type { CardReader, CardReaderEvent } from '../drivers/card-reader.js';
import type { Relay } from '../drivers/relay.js';
import type { Journal } from '../journal.js';
import type { Decision, Policy } from '../policy.js';
import { AccessReason, DatasetName } from '../../protocol/messages.js';
import type { Logger } from '../../lib/log.js';
import type { Point } from './point.js';

/** Attempts to de-energise a relay after a failure before giving up (the alarm is already out). */
const RELEASE_RETRIES = 8;

export interface DoorPointOptions {
  id: string;
  reader: CardReader;
  relay: Relay;
  policy: Policy;
  journal: Journal;
  logger: Logger;
  openDurationMs: number;
  /** Access groups this door admits; absent: every valid card. */
  groups?: readonly string[];
}

export interface DoorDecision extends Decision {
  pointId: string;
  cardUid: string;
  /** Tap to relay driven (or to the deny decision), in microseconds. */
  latencyUs: number;
  /** The journal seq of the access event, or null when the journal refused it. */
  seq: number | null;
}

export class DoorPoint implements Point {
  readonly kind = 'door' as const;
  private unsubscribe: (() => void) | null = null;
  private closeTimer: NodeJS.Timeout | null = null;
  private relayOpen = false;
  private readerOpen = false;
  private readonly decisionListeners = new Set<(d: DoorDecision) => void>();

  constructor(private readonly options: DoorPointOptions) {}

  get id(): string {
    return this.options.id;
  }

  /** Opens the relay, then the reader. If either fails, what was opened is closed again. */
  async start(): Promise<void> {
    try {
      this.relayOpen = true;
      await this.options.relay.open();
      this.unsubscribe = this.options.reader.subscribe((e) => this.onReaderEvent(e));
      this.readerOpen = true;
      await this.options.reader.open();
    } catch (err) {
      await this.stop().catch(() => undefined);
      throw err;
    }
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.closeTimer) clearTimeout(this.closeTimer);
    this.closeTimer = null;
    this.decisionListeners.clear();
    // Close both even if one fails; report the first failure.
    const results = await Promise.allSettled([
      this.readerOpen ? this.options.reader.close() : Promise.resolve(),
      this.relayOpen ? this.options.relay.close() : Promise.resolve(),
    ]);
    this.readerOpen = false;
    this.relayOpen = false;
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }

  /** Observe each decision (demo, tests, status). Returns the unsubscribe function. */
  onDecision(listener: (d: DoorDecision) => void): () => void {
    this.decisionListeners.add(listener);
    return () => this.decisionListeners.delete(listener);
  }

  private onReaderEvent(event: CardReaderEvent): void {
    if (event.kind === 'card') {
      this.onCard(event.uid);
      return;
    }
    this.options.logger.log(event.kind === 'attach' ? 'info' : 'warn', `door.reader_${event.kind}`, {
      point: this.options.id, reader: event.reader,
    });
  }

  private onCard(uid: string): void {
    const t0 = performance.now();
    const decision = this.options.policy.decide(uid, this.options.groups ? { groups: this.options.groups } : {});
    if (!decision.granted) {
      this.finish(uid, decision, t0);
      return;
    }
    this.options.relay.set(true).then(
      () => {
        this.finish(uid, decision, t0);
        this.scheduleClose();
      },
      (err: Error) => {
        // The relay may have been driven before the failure was reported (a write timeout):
        // release it all the same, and record that the door did not verifiably open.
        this.options.logger.log('error', 'door.relay_failed', { point: this.options.id, error: err.message });
        this.relayAlarm(`energising the relay failed: ${err.message}`);
        this.finish(uid, decision, t0);
        this.scheduleClose();
      },
    );
  }

  /**
   * Opens the door on an operator's command (no card): the relay is pulsed as for a grant and an
   * access event with reason GRANTED_REMOTE and no card UID is journalled. Resolves once the relay
   * was driven; rejects when it could not be.
   */
  async remoteOpen(): Promise<void> {
    if (!this.unsubscribe) throw new Error(`door ${this.options.id} is not running`);
    const t0 = performance.now();
    await this.options.relay.set(true);
    this.scheduleClose();
    this.finish('', { granted: true, reason: AccessReason.ACCESS_REASON_GRANTED_REMOTE }, t0);
  }

  private finish(uid: string, decision: Decision, t0: number): void {
    const latencyUs = Math.round((performance.now() - t0) * 1000);
    const appended = this.options.journal.append({
      pointId: this.options.id,
      access: {
        cardUid: uid,
        granted: decision.granted,
        reason: decision.reason,
        decisionLatencyUs: latencyUs,
        blacklistVersion: this.options.policy.version(DatasetName.DATASET_NAME_BLACKLIST),
      },
    });
    if (!appended.ok) {
      // Counted access events (journal full) are summarised later by the journal: not an error.
      const level = appended.reason === 'access_summarised' ? 'debug' : 'error';
      this.options.logger.log(level, 'door.event_not_journalled', { point: this.options.id, reason: appended.reason });
    }
    const result: DoorDecision = { ...decision, pointId: this.options.id, cardUid: uid, latencyUs, seq: appended.ok ? appended.seq : null };
    for (const l of this.decisionListeners) l(result);
  }

  private scheduleClose(): void {
    if (!this.unsubscribe) return; // stopped while the relay was being driven
    if (this.closeTimer) clearTimeout(this.closeTimer);
    this.closeTimer = setTimeout(() => this.release(0), this.options.openDurationMs);
  }

  /**
   * De-energises the relay (locks a fail-secure door). A failure is retried with backoff, up to
   * RELEASE_RETRIES times, with a `relay_stuck` alarm journalled at the first failure: a door left
   * unlocked is never just a log line.
   */
  private release(attempt: number): void {
    this.closeTimer = null;
    this.options.relay.set(false).catch((err: Error) => {
      this.options.logger.log('error', 'door.relay_failed', { point: this.options.id, error: err.message, attempt });
      if (attempt === 0) this.relayAlarm(`releasing the relay failed: ${err.message}`);
      if (!this.unsubscribe || attempt + 1 >= RELEASE_RETRIES) return;
      this.closeTimer = setTimeout(() => this.release(attempt + 1), Math.min(10_000, 100 * 2 ** attempt));
    });
  }

  private relayAlarm(detail: string): void {
    this.options.journal.append({ pointId: this.options.id, alarm: { kind: 'relay_stuck', active: true, detail } });
  }
}
