/**
 * What door points of one controller share: fire-alarm loops (one input line, several doors) and
 * anti-passback zones (who is inside a building). Both are kept per PointContext, that is per
 * controller run: a restart starts from empty zones and opens each loop anew.
 */
import { AssertionError } from '../../lib/errors.js';
import type { DigitalInput, InputEdge } from '../drivers/digital-input.js';
import type { InputSpec } from '../drivers/specs.js';
import type { PointContext } from './point.js';

export type PassbackDirection = 'entry' | 'exit';

/**
 * Who is inside a zone, by card. A card never seen may pass either way (nothing is persisted:
 * after a restart every card may pass once); after an entry it may only exit, after an exit only
 * enter.
 */
export class AntiPassbackZone {
  private readonly inside = new Map<string, boolean>();

  constructor(readonly id: string) {}

  admits(cardUid: string, direction: PassbackDirection): boolean {
    const inside = this.inside.get(cardUid);
    return inside === undefined || inside !== (direction === 'entry');
  }

  passed(cardUid: string, direction: PassbackDirection): void {
    this.inside.set(cardUid, direction === 'entry');
  }
}

/**
 * One input line shared by several users (a fire loop shared by doors). Each user gets a lease, a
 * DigitalInput of its own: the line is built and opened with the first lease opened and closed with
 * the last lease closed (a GPIO line can be claimed once only); closing a lease removes its listeners.
 */
export class SharedInput {
  private line: DigitalInput | null = null;
  private opening: Promise<void> | null = null;
  private users = 0;

  constructor(readonly name: string, private readonly build: () => DigitalInput) {}

  lease(): DigitalInput {
    let state: 'new' | 'open' | 'closed' = 'new';
    const unsubscribes = new Set<() => void>();
    const line = (call: string): DigitalInput => {
      if (state !== 'open' || !this.line) throw new AssertionError(`input ${this.name}: ${call} while ${state}`);
      return this.line;
    };
    return {
      name: this.name,
      open: async () => {
        if (state !== 'new') throw new AssertionError(`input ${this.name}: open() while ${state}`);
        await this.acquire();
        state = 'open';
      },
      read: async () => line('read()').read(),
      subscribe: (listener: (edge: InputEdge) => void) => {
        const off = line('subscribe()').subscribe(listener);
        unsubscribes.add(off);
        return () => {
          unsubscribes.delete(off);
          off();
        };
      },
      close: async () => {
        if (state !== 'open') {
          state = 'closed';
          return;
        }
        state = 'closed';
        for (const off of unsubscribes) off();
        unsubscribes.clear();
        await this.release();
      },
    };
  }

  private async acquire(): Promise<void> {
    this.users += 1;
    if (this.line && !this.opening) return;
    try {
      if (!this.opening) {
        const line = this.build();
        this.line = line;
        this.opening = line.open().finally(() => (this.opening = null));
      }
      await this.opening;
    } catch (err) {
      this.users -= 1;
      if (this.users === 0) this.line = null;
      throw err;
    }
  }

  private async release(): Promise<void> {
    this.users -= 1;
    if (this.users > 0 || !this.line) return;
    const line = this.line;
    this.line = null;
    await line.close();
  }
}

interface Shared {
  zones: Map<string, AntiPassbackZone>;
  fireLoops: Map<string, { spec: string; firstDoor: string; input: SharedInput }>;
}

const sharedByContext = new WeakMap<PointContext, Shared>();

function sharedOf(ctx: PointContext): Shared {
  let shared = sharedByContext.get(ctx);
  if (!shared) {
    shared = { zones: new Map(), fireLoops: new Map() };
    sharedByContext.set(ctx, shared);
  }
  return shared;
}

export function antiPassbackZone(ctx: PointContext, zoneId: string): AntiPassbackZone {
  const { zones } = sharedOf(ctx);
  let zone = zones.get(zoneId);
  if (!zone) {
    zone = new AntiPassbackZone(zoneId);
    zones.set(zoneId, zone);
  }
  return zone;
}

/**
 * A lease on the fire loop `loopId` (driver name `fire/<loopId>`). Throws when another door named
 * the same loop with a different input: one loop is one line.
 */
export function fireLoopInput(ctx: PointContext, doorId: string, loopId: string, spec: InputSpec): DigitalInput {
  const { fireLoops } = sharedOf(ctx);
  const specText = JSON.stringify(spec);
  let loop = fireLoops.get(loopId);
  if (loop && loop.spec !== specText) {
    throw new Error(`door ${doorId}: fireInput ${loopId} names a different input than door ${loop.firstDoor} for the same loop (${specText} vs ${loop.spec})`);
  }
  if (!loop) {
    const name = `fire/${loopId}`;
    loop = { spec: specText, firstDoor: doorId, input: new SharedInput(name, () => ctx.drivers.digitalInput(spec, name)) };
    fireLoops.set(loopId, loop);
  }
  return loop.input.lease();
}
