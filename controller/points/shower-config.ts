/** Config of a shower point (see controller/points/shower.ts for what each field does). */
import { z } from 'zod';
import { pulseCounterSpec, readerSpec, valveSpec } from '../drivers/specs.js';
import { id, ms } from './config-common.js';

export const showerPointSpec = z
  .object({
    kind: z.literal('shower'),
    id,
    /** The tariff (tariffs dataset) this shower charges by. */
    tariff: id,
    reader: readerSpec,
    valve: valveSpec,
    /** The flow sensor; absent: billed by time. */
    flowSensor: pulseCounterSpec.optional(),
    pulsesPerLitre: z.number().positive().max(100_000).default(450),
    sessionTimeoutMs: ms(10_000, 3_600_000).default(300_000),
  })
  .strict();

export type ShowerPointConfig = z.infer<typeof showerPointSpec>;
