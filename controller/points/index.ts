/** Builds each configured point from its config and what every point is given. */
import type { PointConfig } from '../config.js';
import { DoorPoint } from './door.js';
import { ShowerPoint } from './shower.js';
import { RoomPoint } from './room.js';
import type { Point, PointContext } from './point.js';

export function buildPoint(config: PointConfig, ctx: PointContext): Point {
  switch (config.kind) {
    case 'door':
      return new DoorPoint({
        id: config.id,
        reader: ctx.drivers.cardReader(config.reader, `${config.id}/reader`),
        relay: ctx.drivers.relay(config.relay, `${config.id}/relay`),
        policy: ctx.policy,
        journal: ctx.journal,
        logger: ctx.logger,
        openDurationMs: config.openDurationMs,
        ...(config.groups ? { groups: config.groups } : {}),
      });
    case 'shower':
      return new ShowerPoint(config, ctx);
    case 'room':
      return new RoomPoint(config, ctx);
  }
}
