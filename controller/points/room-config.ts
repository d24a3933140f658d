/**
 * Config of a room electricity point (see controller/points/room.ts for what each field does).
 *
 * - `meter`: the room's meter (energy register; on prepaid models also the supply relay).
 * - `breaker`: a breaker relay that cuts the supply (energised = cut); absent: the meter's own relay
 *   register is used, and a meter model without one refuses to start.
 * - `pollIntervalMs`: how often the meter is read and the energy since the last reading charged.
 * - `lowBalanceWarningFen`: at or below it an alarm `low_balance` is journalled (once, until the
 *   balance rises above it again); the supply is cut only once that warning was given.
 * - `maxPowerW`: the most a room can draw; an energy increase above what it could draw since the
 *   last reading is an implausible jump (alarm, not charged).
 * - `silentAfterFailedReads`: this many failed reads in a row raise the alarm `meter_silent`.
 * - `readingEveryPolls`: a MeterReading event is journalled every this many polls (1: every poll).
 * - `noCutWindow`: `{ from: 'HH:MM', to: 'HH:MM' }` local time in which the supply is not cut (it
 *   may wrap past midnight: 22:00 to 08:00); a cut that falls due inside it waits for its end.
 */
import { z } from 'zod';
import { meterSpec, relaySpec } from '../drivers/specs.js';
import { fen, id, ms, timeOfDay } from './config-common.js';

export const noCutWindowSpec = z
  .object({ from: timeOfDay, to: timeOfDay })
  .strict()
  .refine((w) => w.from % 1440 !== w.to % 1440, 'from and to must differ (an empty or a whole-day window is not a window)');

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
    maxPowerW: z.number().int().min(100).max(1_000_000).default(20_000),
    silentAfterFailedReads: z.number().int().min(1).max(1000).default(3),
    readingEveryPolls: z.number().int().min(1).max(10_000).default(1),
    noCutWindow: noCutWindowSpec.optional(),
  })
  .strict();

export type RoomPointConfig = z.infer<typeof roomPointSpec>;
/** A no-cut window in minutes of the local day, [from, to), wrapping past midnight when from > to. */
export type NoCutWindow = z.infer<typeof noCutWindowSpec>;
