/** Builds each configured point from its config and what every point is given. */
import type { PointConfig } from '../config.js';
import { buildDoor } from './door-build.js';
import { ShowerPoint } from './shower.js';
import { RoomPoint } from './room.js';
import type { Point, PointContext } from './point.js';

export function buildPoint(config: PointConfig, ctx: PointContext): Point {
  switch (config.kind) {
    case 'door':
      return buildDoor(config, ctx);
    case 'shower':
      return new ShowerPoint(config, ctx);
    case 'room':
      return new RoomPoint(config, ctx);
  }
}
