/** Config of a room electricity point (see controller/points/room.ts for what each field does). */
import { z } from 'zod';
import { meterSpec, relaySpec } from '../drivers/specs.js';
import { fen, id, ms } from './config-common.js';

export const roomPointSpec = z
  .object({
    kind: z.literal('room'),
    id,
    /** The room's account (balances dataset) its electricity is charged to. */
    accountId: id,
    /** The tariff (tariffs dataset, basis per kWh) this room is charged by. */
    tariff: id,
    meter: meterSpec,
    /** A breaker relay that cuts the supply (energised = cut); absent: the meter's own relay. */
    breaker: relaySpec.optional(),
    pollIntervalMs: ms(1000, 3_600_000).default(60_000),
    lowBalanceWarningFen: fen().default(1000),
  })
  .strict();

export type RoomPointConfig = z.infer<typeof roomPointSpec>;
