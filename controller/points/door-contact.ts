/**
 * The door-position contact of a door (active = open) and the alarms it raises:
 * - `door_forced_open` when the door opens while the lock did not let it (no grant, exit request,
 *   remote open or fire release running, nor a moment ago); cleared (active false) when it closes.
 * - `door_held_open` once the door has stayed open `heldOpenAlarmMs`; cleared when it closes. No
 *   held-open alarm is raised while a fire release holds the doors open: the time starts again when
 *   the release ends.
 * A door found open at start is not taken as forced (nobody saw it open); its held-open time starts then.
 */
import type { Clock } from '../../lib/clock.js';
import type { DigitalInput } from '../drivers/digital-input.js';

export interface DoorContactOptions {
  input: DigitalInput;
  clock: Clock;
  heldOpenAlarmMs: number;
  /** Whether the lock lets the door open now. */
  opensWithoutForce(): boolean;
  /** Whether a fire release holds the door released now. */
  fireReleased(): boolean;
  alarm(kind: 'door_forced_open' | 'door_held_open', active: boolean, detail: string): void;
  /** The door opened (called after the alarms). */
  onOpened(): void;
}

export class DoorContact {
  private unsubscribe: (() => void) | null = null;
  private isOpen_ = false;
  private heldTimer: unknown = null;
  private heldAlarm = false;
  private forcedAlarm = false;

  constructor(private readonly options: DoorContactOptions) {}

  get isOpen(): boolean {
    return this.isOpen_;
  }

  async start(): Promise<void> {
    const { input } = this.options;
    await input.open();
    let edgeSeen = false;
    this.unsubscribe = input.subscribe((edge) => {
      edgeSeen = true;
      this.onLevel(edge.level);
    });
    const level = await input.read();
    if (edgeSeen || !level) return;
    this.isOpen_ = true;
    this.armHeldOpen();
  }

  /** Removes the listener and the timer and closes the input. */
  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.disarmHeldOpen();
    await this.options.input.close();
  }

  /** A fire release started or ended. */
  fireChanged(released: boolean): void {
    if (released) this.disarmHeldOpen();
    else if (this.isOpen_ && !this.heldAlarm) this.armHeldOpen();
  }

  private onLevel(open: boolean): void {
    if (open === this.isOpen_) return;
    this.isOpen_ = open;
    const { alarm } = this.options;
    if (open) {
      if (!this.options.opensWithoutForce()) {
        this.forcedAlarm = true;
        alarm('door_forced_open', true, 'the door opened while the lock was not released');
      }
      this.armHeldOpen();
      this.options.onOpened();
      return;
    }
    this.disarmHeldOpen();
    if (this.heldAlarm) alarm('door_held_open', false, 'the door closed');
    if (this.forcedAlarm) alarm('door_forced_open', false, 'the door closed');
    this.heldAlarm = false;
    this.forcedAlarm = false;
  }

  private armHeldOpen(): void {
    if (this.options.fireReleased()) return;
    this.disarmHeldOpen();
    const { clock, heldOpenAlarmMs } = this.options;
    this.heldTimer = clock.setTimeout(() => {
      this.heldTimer = null;
      this.heldAlarm = true;
      this.options.alarm('door_held_open', true, `the door has been open for ${heldOpenAlarmMs} ms`);
    }, heldOpenAlarmMs);
  }

  private disarmHeldOpen(): void {
    if (this.heldTimer !== null) this.options.clock.clearTimeout(this.heldTimer);
    this.heldTimer = null;
  }
}
