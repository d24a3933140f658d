/** A shower point (水控). Being written: see issue 5. */
import type { ShowerPointConfig } from './shower-config.js';
import type { Point, PointContext } from './point.js';

export class ShowerPoint implements Point {
  readonly kind = 'shower' as const;

  constructor(private readonly config: ShowerPointConfig, private readonly ctx: PointContext) {}

  get id(): string {
    return this.config.id;
  }

  async start(): Promise<void> {
    this.ctx.logger.log('error', 'shower.unavailable', { point: this.config.id });
    throw new Error(`shower point ${this.config.id}: shower points are not available in this build yet`);
  }

  async stop(): Promise<void> {}
}
