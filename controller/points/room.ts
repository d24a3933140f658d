/** A room electricity point (电控). Being written: see issue 5. */
import type { RoomPointConfig } from './room-config.js';
import type { Point, PointContext } from './point.js';

export class RoomPoint implements Point {
  readonly kind = 'room' as const;

  constructor(private readonly config: RoomPointConfig, private readonly ctx: PointContext) {}

  get id(): string {
    return this.config.id;
  }

  async start(): Promise<void> {
    this.ctx.logger.log('error', 'room.unavailable', { point: this.config.id });
    throw new Error(`room point ${this.config.id}: room points are not available in this build yet`);
  }

  async stop(): Promise<void> {}
}
