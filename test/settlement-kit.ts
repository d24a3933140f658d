/**
 * Test support for settlement, corrections, reconciliation and the calendar jobs: a hub on a back
 * end with a clock the test sets (campus time, Asia/Shanghai), and devices whose events go through
 * the hub's own ingest (hub/events.ts: stored, hash-chained and posted as the gateway does it),
 * each event carrying the hash of the one before unless the test breaks the chain.
 */
import { strict as assert } from 'node:assert';
import type { Hub } from '../hub/hub.js';
import { pb, type Event } from '../protocol/messages.js';
import { ZERO_HASH, eventHash } from '../protocol/event-chain.js';
import { MemoryLogger } from '../lib/log.js';
import { backendDb, type BackendDb } from '../hub/backend-fixture.js';
import { api, startHub, tempDir } from './helpers.js';
import { registerDevice } from './raw-device.js';

/** An instant in campus time: `2026-03-31 23:50` (Asia/Shanghai, UTC+8). */
export const cst = (text: string): number => Date.parse(`${text.replace(' ', 'T')}${text.length <= 10 ? 'T00:00' : ''}:00+08:00`);

export interface Campus {
  hub: Hub;
  logger: MemoryLogger;
  /** Sets the hub's clock. */
  at(text: string): void;
  nowMs(): number;
  stop(): Promise<void>;
}

export async function startCampus(backend: 'sqlite' | 'postgres', start: string): Promise<Campus> {
  const dir = await tempDir();
  const store: BackendDb = await backendDb(backend, dir.path);
  let now = cst(start);
  const logger = new MemoryLogger();
  const hub = await startHub(dir.path, logger, { dbUrl: store.url, now: () => now });
  return {
    hub,
    logger,
    at: (text) => (now = cst(text)),
    nowMs: () => now,
    stop: async () => {
      await hub.stop();
      await store.drop();
      await dir.remove();
    },
  };
}

/** Calls the API and fails the test unless it answers `status`. */
export async function expectApi(hub: Hub, status: number, method: string, path: string, body?: unknown, options: Parameters<typeof api>[4] = {}): Promise<any> {
  const res = await api(hub, method, path, body, options);
  assert.equal(res.status, status, `${method} ${path}: ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A person with a card-less personal account and a cash top-up. */
export async function holder(hub: Hub, personId: string, type: 'staff' | 'student' | 'freshman' | 'temporary', topUpFen: number, extra: Record<string, unknown> = {}): Promise<string> {
  await expectApi(hub, 201, 'POST', '/api/people', { personId, name: `holder ${personId}`, type, ...extra });
  if (topUpFen > 0) await expectApi(hub, 201, 'POST', `/api/accounts/person.${personId}/topups`, { amountFen: topUpFen, reference: `CASH-${personId}` });
  return `person.${personId}`;
}

/** A device feeding charges into the hub's ingest, with its hash chain. */
export class Feed {
  private seq = 0;
  private prev: Uint8Array = ZERO_HASH;

  private constructor(private readonly campus: Campus, readonly deviceId: string) {}

  static async register(campus: Campus, deviceId: string): Promise<Feed> {
    await registerDevice(campus.hub, deviceId);
    return new Feed(campus, deviceId);
  }

  /** The next event: a charge made at `deviceTime` (default: the hub's now). */
  charge(accountId: string, amountFen: number, options: { deviceTime?: string; offline?: 'authorised' | 'unauthorised' } = {}): Event {
    return this.next({
      deviceTimeUnixMs: options.deviceTime ? cst(options.deviceTime) : this.campus.nowMs(),
      charge: { cardUid: '04A1B2C3D4', accountId, amountFen, sessionId: `s-${this.seq + 1}` },
      ...(options.offline ? { offline: true, offlineAuthorised: options.offline === 'authorised' } : {}),
    });
  }

  /** The next event, an access event (no money). */
  access(): Event {
    return this.next({ deviceTimeUnixMs: this.campus.nowMs(), access: { cardUid: '04A1B2C3D4', granted: true, reason: 1 } });
  }

  /** Skips seqs (they are never sent: a gap at the hub). */
  skip(count: number): void {
    this.seq += count;
    this.prev = Buffer.alloc(32, 7);
  }

  /** The next event carries a wrong prev_hash (an edited or forged event). */
  breakChain(): void {
    this.prev = Buffer.alloc(32, 9);
  }

  /** Stores and posts the events through the hub's ingest, at the hub's now. */
  async send(...events: Event[]): Promise<void> {
    await this.campus.hub.events.ingest(this.deviceId, events);
  }

  private next(body: Partial<Event>): Event {
    this.seq += 1;
    const event: Event = { deviceId: this.deviceId, seq: this.seq, pointId: 'point-1', prevHash: this.prev, ...body };
    this.prev = eventHash(pb.Event.encode(event).finish());
    return event;
  }
}
