/** Builds a door point from its config and what every point is given (see door-config.ts). */
import type { DoorPointConfig } from './door-config.js';
import { DoorPoint } from './door.js';
import { antiPassbackZone, fireLoopInput } from './door-shared.js';
import type { PointContext } from './point.js';

export function buildDoor(config: DoorPointConfig, ctx: PointContext): DoorPoint {
  const { id } = config;
  return new DoorPoint({
    id,
    reader: ctx.drivers.cardReader(config.reader, `${id}/reader`),
    relay: ctx.drivers.relay(config.relay, `${id}/relay`),
    policy: ctx.policy,
    journal: ctx.journal,
    logger: ctx.logger,
    clock: ctx.clock,
    openDurationMs: config.openDurationMs,
    ...(config.groups ? { groups: config.groups } : {}),
    ...(config.schedule ? { schedule: { id: config.schedule, wallNow: () => ctx.wallNow(), timeZone: ctx.timeZone } } : {}),
    ...(config.doorContact
      ? { contact: { input: ctx.drivers.digitalInput(config.doorContact, `${id}/contact`), heldOpenAlarmMs: config.heldOpenAlarmMs } }
      : {}),
    ...(config.exitButton ? { exitButton: ctx.drivers.digitalInput(config.exitButton, `${id}/exit`) } : {}),
    ...(config.fireInput ? { fireInput: fireLoopInput(ctx, id, config.fireInput.id, config.fireInput.input) } : {}),
    ...(config.antiPassback
      ? { antiPassback: { zone: antiPassbackZone(ctx, config.antiPassback.zone), direction: config.antiPassback.direction } }
      : {}),
  });
}
